import { execFile } from 'node:child_process';

/** What git says about the checkout a file is in. */
export interface GitCheckout {
  root: string;
  branch: string;
  remotes: string[];
}

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
