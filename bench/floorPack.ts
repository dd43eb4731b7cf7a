// Packs one of the bench's floor extensions (a folder under bench/) into a .vsix code-server can install.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../test/support/lspClient';

/** Packs `bench/<folder>` into `<into>/<folder>.vsix` and returns its path. */
export function packFloorExtension(folder: string, into: string): string {
  const vsix = join(into, `${folder}.vsix`);
  const packed = spawnSync(process.execPath, [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: join(repoRoot, 'bench', folder), encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`could not pack bench/${folder}: ${packed.stderr || packed.stdout}`);
  return vsix;
}
