import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { maxFileBytes } from '../../core/src/index';

/** What reading the file at a branch head gave. */
export type BranchFile =
  | { status: 'ok'; commitSha: string; bytes: Uint8Array }
  | { status: 'no_file'; commitSha: string }
  | { status: 'too_large'; commitSha: string; bytes: number }
  | { status: 'fetch_failed'; message: string };

// Output as bytes: whether a file is UTF-8 is the linter's call, as it is Tinyforge's.
function git(repo: string, args: string[]): Promise<{ ok: boolean; stdout: Buffer }> {
  return new Promise((resolve) => {
    execFile('git', ['-C', repo, ...args], { encoding: 'buffer', maxBuffer: 4 * maxFileBytes, timeout: 10_000 }, (error, stdout) => resolve({ ok: !error, stdout }));
  });
}

/** Reads `path` at the head of `branch` with the git command line (`rev-parse`, `cat-file`, `show`), capped at 64 KiB. */
export async function readBranchFile(repo: string, branch: string, path: string): Promise<BranchFile> {
  if (!existsSync(repo)) return { status: 'fetch_failed', message: 'the git provider has no such repository' };
  const head = await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
  if (!head.ok) return { status: 'fetch_failed', message: `branch ${branch} not found` };
  const commitSha = head.stdout.toString('utf8').trim();
  const size = await git(repo, ['cat-file', '-s', `${commitSha}:${path}`]);
  if (!size.ok) return { status: 'no_file', commitSha };
  const bytes = Number(size.stdout.toString('utf8').trim());
  if (bytes > maxFileBytes) return { status: 'too_large', commitSha, bytes };
  const show = await git(repo, ['show', `${commitSha}:${path}`]);
  if (!show.ok) return { status: 'fetch_failed', message: 'could not read the file from the git provider' };
  return { status: 'ok', commitSha, bytes: show.stdout };
}
