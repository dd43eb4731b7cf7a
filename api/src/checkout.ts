import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

/** What git says about the checkout a file is in. */
export interface GitCheckout {
  root: string;
  branch: string;
  remotes: string[];
}

/** A file's place in its checkout: what binding it to a workload reads. */
export interface FileLocation extends GitCheckout {
  /** The file's path from the repository root, with `/` separators. */
  filePath: string;
}

// Read-only queries; git's own config, worktrees and includes apply. Nothing here writes to a repository.
function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000, encoding: 'utf8' }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}

/** The repository root, current branch and remote URLs for a directory, or undefined outside a git checkout. */
export async function readCheckout(directory: string): Promise<GitCheckout | undefined> {
  const root = await git(directory, ['rev-parse', '--show-toplevel']);
  if (!root) return undefined;
  const [branch, remotes] = await Promise.all([git(directory, ['rev-parse', '--abbrev-ref', 'HEAD']), git(directory, ['remote', '-v'])]);
  const urls = [...new Set((remotes ?? '').split('\n').map((line) => line.split(/\s+/)[1]).filter(Boolean))];
  return { root, branch: branch && branch !== 'HEAD' ? branch : '', remotes: urls };
}

/** Where a file (an absolute path) sits in its git checkout, or undefined outside one. */
export async function locateFile(path: string): Promise<FileLocation | undefined> {
  const directory = dirname(path);
  const checkout = await readCheckout(directory);
  if (!checkout) return undefined;
  // git names the repository root by its real path; a folder opened through a symbolic link spells it otherwise.
  const realDirectory = await realpath(directory).catch(() => directory);
  const filePath = relative(checkout.root, join(realDirectory, basename(path))).split(sep).join('/');
  return { ...checkout, filePath };
}
