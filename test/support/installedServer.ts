// What a user of another editor does first: pack this package and install it globally (into a prefix of the test's
// own), so that `tinyforge-language-server` is found on PATH as the README's configurations expect.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lspClient';

/** Installs the packed package under `work/prefix` and returns the folder to put first on PATH. */
export function installPackedServer(work: string): string {
  const prefix = join(work, 'prefix');
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').at(-1)!;
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--silent', join(work, packed)], { cwd: work, stdio: 'inherit' });
  const installed = readdirSync(join(prefix, 'bin'));
  assert.ok(installed.includes('tinyforge-language-server') && installed.includes('tinyforge-lint'), `installed: ${installed.join(', ')}`);
  return join(prefix, 'bin');
}

/** The broken file every editor test opens: prot is unknown (did you mean port), healthcheck is a number, line 3 is empty under deploy:. */
export const brokenFileText = 'version: 1\ndeploy:\n  prot: 8080\n  \n  healthcheck: 8080\n';
