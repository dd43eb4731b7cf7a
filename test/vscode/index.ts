// The extension-host test suite's entry (extensionTestsPath): VS Code (or code-server) loads this module inside the
// extension host and calls run(). It runs, with Mocha, the compiled tests of one suite folder, named by
// TINYFORGE_VSCODE_SUITE: `tinyforge` (a workspace of Tinyforge files) or `plain` (a workspace of Kubernetes YAML).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Marks the suite's own lines: in code-server the workbench's logs reach the same console. */
export const outputMark = '[tinyforge-test] ';

export function run(): Promise<void> {
  const suite = process.env.TINYFORGE_VSCODE_SUITE ?? 'tinyforge';
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(`${outputMark}${format(...args)}`.replace(/\n/g, `\n${outputMark}`));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((name) => name.startsWith(`${suite}.`) && name.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} of the ${suite} suite's tests failed`)) : resolve()));
  });
}
