import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../test/support/lspClient';

/** One activation sample, in a fresh Node process: ms to require dist/client.js and for its activate() to return (what a workspace without Tinyforge files pays), and ms for the body (dist/extension.js) to load and activate (what a Tinyforge file adds). */
export interface ActivationSample {
  requireMs: number;
  activateMs: number;
  bodyMs: number;
}

const probe = `
const { vscode } = require(${JSON.stringify(join(repoRoot, 'bench/vscodeStandIn.cjs'))});
const packageJSON = require(${JSON.stringify(join(repoRoot, 'package.json'))});
const t0 = performance.now();
const extension = require(${JSON.stringify(join(repoRoot, 'dist/client.js'))});
const t1 = performance.now();
const context = { subscriptions: [], asAbsolutePath: (p) => p, secrets: vscode.secrets, workspaceState: vscode.workspaceState, extension: { packageJSON } };
extension.activate(context);
const t2 = performance.now();
const body = require(${JSON.stringify(join(repoRoot, 'dist/extension.js'))});
Promise.resolve(body.activateFully(context, { view: vscode.window.createTreeView(), tree: { forwardTo() {} }, codeLens: { forwardTo() {} } }, Promise.resolve(false))).then(() => {
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, bodyMs: t3 - t2 }));
  process.exit(0);
});`;

/** Times the extension's own activation (its bundles' load and activate calls) over fresh processes. */
export function measureActivation(runs: number): ActivationSample[] {
  const samples: ActivationSample[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`activation probe failed: ${result.stderr}`);
    samples.push(JSON.parse(result.stdout) as ActivationSample);
  }
  return samples;
}
