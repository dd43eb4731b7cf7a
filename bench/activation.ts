import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../test/support/lspClient';

/** One activation sample: ms to require dist/client.js and ms for activate() to return, in a fresh Node process. */
export interface ActivationSample {
  requireMs: number;
  activateMs: number;
}

const probe = `
const { vscode } = require(${JSON.stringify(join(repoRoot, 'bench/vscodeStandIn.cjs'))});
const t0 = performance.now();
const extension = require(${JSON.stringify(join(repoRoot, 'dist/client.js'))});
const t1 = performance.now();
const context = { subscriptions: [], asAbsolutePath: (p) => p, secrets: vscode.secrets, workspaceState: vscode.workspaceState };
Promise.resolve(extension.activate(context)).then(() => {
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1 }));
  process.exit(0);
});`;

/** Times the extension's own activation (its bundle's load and activate()) over fresh processes. */
export function measureActivation(runs: number): ActivationSample[] {
  const samples: ActivationSample[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`activation probe failed: ${result.stderr}`);
    samples.push(JSON.parse(result.stdout) as ActivationSample);
  }
  return samples;
}
