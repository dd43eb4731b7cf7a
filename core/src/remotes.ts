/** A git remote reduced to what identifies a repository on a forge. */
export interface RemoteIdentity {
  /** Lower-cased host name, without port or user. */
  host: string;
  /** Lower-cased owner path (may hold sub-groups, e.g. `group/sub`). */
  owner: string;
  /** Lower-cased repository name, without `.git`. */
  repo: string;
}

/**
 * Parses the remote URL forms git accepts: `https://[user@]host[:port]/owner/repo[.git]`,
 * `ssh://[user@]host[:port]/owner/repo[.git]`, `git://…` and scp-like `[user@]host:owner/repo[.git]`.
 */
export function parseRemote(url: string): RemoteIdentity | undefined {
  const trimmed = url.trim();
  let host: string;
  let path: string;
  const withScheme = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]+@)?(\[[^\]]+\]|[^/:]+)(?::\d+)?\/(.+)$/i.exec(trimmed);
  const scpLike = /^(?:[^@/]+@)?([^/:]+):(?!\/)(.+)$/.exec(trimmed);
  if (withScheme) [host, path] = [withScheme[1], withScheme[2]];
  else if (scpLike) [host, path] = [scpLike[1], scpLike[2]];
  else return undefined;
  const segments = path.replace(/\/+$/, '').replace(/\.git$/i, '').split('/').filter(Boolean);
  if (segments.length < 2) return undefined;
  return { host: host.toLowerCase(), owner: segments.slice(0, -1).join('/').toLowerCase(), repo: segments[segments.length - 1].toLowerCase() };
}

/** The parts of a workload the matcher reads (`Workload` of the API). */
export interface WorkloadCoordinates {
  id: string;
  name: string;
  source_kind: string;
  source_config: { base_url?: string; repo_owner?: string; repo_name?: string; branch?: string };
  gitops_path?: string;
}

/** Normalizes a repository-relative path: `/` separators, no leading `./` or `/`. */
function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/**
 * The workloads a file belongs to: same forge host, owner and repository as one of the folder's remotes, same
 * branch, and the file's path from the repository root equal to the workload's `gitops_path`.
 */
export function matchWorkloads<T extends WorkloadCoordinates>(
  workloads: readonly T[],
  folder: { remotes: readonly string[]; branch: string; filePath: string },
): T[] {
  const identities = folder.remotes.map(parseRemote).filter((identity): identity is RemoteIdentity => !!identity);
  const filePath = normalizePath(folder.filePath);
  return workloads.filter((workload) => {
    const config = workload.source_config;
    const host = config.base_url ? parseRemote(`${config.base_url.replace(/\/+$/, '')}/x/y`)?.host : undefined;
    const owner = config.repo_owner?.toLowerCase();
    const repo = config.repo_name?.toLowerCase().replace(/\.git$/, '');
    if (!host || !owner || !repo) return false;
    if (!identities.some((identity) => identity.host === host && identity.owner === owner && identity.repo === repo)) return false;
    if ((config.branch ?? '') !== folder.branch) return false;
    return normalizePath(workload.gitops_path || '.tinyforge.yml') === filePath;
  });
}
