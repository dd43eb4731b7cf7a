// npm run test:vscode: the extension-host suite (test/vscode/) through @vscode/test-electron's runTests. By default
// runTests downloads the desktop VS Code and runs it (a contributor's machine with internet; Linux needs a display,
// e.g. xvfb-run). With TINYFORGE_VSCODE_EXECUTABLE naming an executable it runs that one instead: here, where VS Code
// cannot be downloaded, scripts/vscode-test/code-server-host runs the same suite in code-server.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = resolve(__dirname, '../..');
const out = join(root, 'out/vscode-test');

/** The suite, compiled: one file per test (Mocha loads each after setting its globals), vscode and mocha external. */
async function buildSuite(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  // Flat, as <suite>.<name>.test.js two levels under the repository: the test support finds the repository from __dirname.
  const entryPoints: Record<string, string> = { index: join(root, 'test/vscode/index.ts') };
  for (const suite of ['tinyforge', 'plain', 'restricted']) {
    for (const name of readdirSync(join(root, 'test/vscode', suite)).filter((file) => file.endsWith('.test.ts'))) entryPoints[`${suite}.${name.replace(/\.ts$/, '')}`] = join(root, 'test/vscode', suite, name);
  }
  await build({ entryPoints, outdir: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning' });
}

/** A workspace of Tinyforge files: every diagnostic fixture as <name>/.tinyforge.yml, and a file for the files setting. */
function tinyforgeWorkspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tinyforge-vscode-ws-'));
  const fixtures = join(root, 'test/fixtures/diagnostics');
  for (const name of readdirSync(fixtures).filter((file) => /\.ya?ml$/.test(file))) {
    mkdirSync(join(folder, 'fixtures', name.replace(/\.ya?ml$/, '')), { recursive: true });
    cpSync(join(fixtures, name), join(folder, 'fixtures', name.replace(/\.ya?ml$/, ''), '.tinyforge.yml'));
  }
  mkdirSync(join(folder, 'deploy'));
  writeFileSync(join(folder, 'deploy/tinyforge.yaml'), 'version: 1\ndeploy:\n  prot: 8080\n');
  writeFileSync(join(folder, '.tinyforge.yml'), 'version: 1\ndeploy:\n  port: 8080\n');
  return folder;
}

/** A workspace of Kubernetes YAML and no Tinyforge file. */
function plainWorkspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tinyforge-vscode-plain-'));
  for (let index = 0; index < 20; index++) writeFileSync(join(folder, `deployment-${index}.yaml`), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${index}\nprot: 1\n`);
  return folder;
}

/** `--prepare`: builds the suite and lays out out/vscode-test/workspace for the "Extension Tests" launch configuration. */
async function prepare(): Promise<void> {
  await buildSuite();
  const workspace = join(out, 'workspace');
  cpSync(tinyforgeWorkspace(), workspace, { recursive: true });
  console.log(`test:vscode: the suite is in ${out}, its workspace in ${workspace}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--prepare')) return prepare();
  await buildSuite();
  const executable = process.env.TINYFORGE_VSCODE_EXECUTABLE ? resolve(process.env.TINYFORGE_VSCODE_EXECUTABLE) : undefined;
  console.log(executable ? `test:vscode: running ${executable}` : 'test:vscode: downloading the desktop VS Code (set TINYFORGE_VSCODE_EXECUTABLE to run another)');
  const suites: Array<[string, string]> = [
    ['tinyforge', tinyforgeWorkspace()],
    ['plain', plainWorkspace()],
    ['restricted', mkdtempSync(join(tmpdir(), 'tinyforge-vscode-restricted-'))],
  ];
  let failed = false;
  for (const [suite, workspace] of suites) {
    console.log(`\ntest:vscode: the ${suite} suite, workspace ${workspace}`);
    try {
      await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: root,
        extensionTestsPath: join(out, 'index.js'),
        // The restricted suite needs workspace trust on, which test-electron turns off (--disable-workspace-trust).
        launchArgs: [workspace, '--disable-extensions'],
        extensionTestsEnv: { TINYFORGE_VSCODE_SUITE: suite, TINYFORGE_TOKEN: '', TINYFORGE_URL: '', TINYFORGE_VSCODE_TEST_TRUST: suite === 'restricted' ? '1' : '' },
      });
    } catch (error) {
      console.error(`test:vscode: the ${suite} suite failed: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
