import type { StoredWorkload } from './store';

/** The forge, owner and repositories the fleet's workloads read their files from; the last one does not exist. */
const fleetRepos = ['fleet-payments', 'fleet-search', 'fleet-catalog', 'fleet-identity', 'fleet-media', 'fleet-ops'];
const missingRepo = 'fleet-archive';
const kinds = ['api', 'web', 'worker', 'cron', 'edge', 'auth', 'feed', 'mail'];

/** What a generated GitOps-enabled workload's state is made to be, in the proportions the fleet has them. */
type Planned = 'drifted' | 'in_sync' | 'invalid' | 'no_file' | 'fetch_failed';
const plan: readonly Planned[] = ['drifted', 'in_sync', 'in_sync', 'drifted', 'in_sync', 'invalid', 'in_sync', 'no_file', 'drifted', 'fetch_failed'];

/** A fleet: the workloads and the files their repositories hold at the head of `main`. */
export interface Fleet {
  workloads: StoredWorkload[];
  /** Repository name → file path → content. */
  files: Map<string, Record<string, string>>;
}

/**
 * `count` workloads over a few shared repositories (`--demo-fleet N`): 15% with GitOps on, those in every state
 * (drifted, in sync, invalid on the branch, no file, fetch failed), the rest with GitOps off; a fifth are static.
 */
export function planFleet(count: number, forge: string, owner: string): Fleet {
  const files = new Map<string, Record<string, string>>(fleetRepos.map((repo) => [repo, {}]));
  const workloads: StoredWorkload[] = [];
  let enabledSoFar = 0;
  for (let index = 0; index < count; index++) {
    const name = `${kinds[index % kinds.length]}-${String(index + 1).padStart(4, '0')}`;
    // Spread evenly: 15 of every 100, 300 of 2,000.
    const enabled = Math.floor(((index + 1) * 15) / 100) > Math.floor((index * 15) / 100);
    const planned = enabled ? plan[enabledSoFar++ % plan.length] : undefined;
    const repo = planned === 'fetch_failed' ? missingRepo : fleetRepos[index % fleetRepos.length];
    const sourceKind = index % 5 === 4 ? 'static' : 'dockerfile';
    const path = `services/${name}/.tinyforge.yml`;
    const port = 3000 + (index % 2000);
    const live = sourceKind === 'static' ? { deploy_strategy: 'recreate' } : { port: planned === 'drifted' ? port + 1 : port, healthcheck: '/healthz', deploy_strategy: '' };
    if (planned && planned !== 'no_file' && planned !== 'fetch_failed') {
      const deploy = sourceKind === 'static' ? `  deploy_strategy: ${planned === 'drifted' ? 'blue_green' : 'recreate'}\n` : `  port: ${port}\n  healthcheck: /healthz\n`;
      files.get(repo)![path] = planned === 'invalid' ? `version: 1\ndeploy:\n  prot: ${port}\n` : `version: 1\ndeploy:\n${deploy}`;
    }
    workloads.push({
      id: `wl_f${String(index + 1).padStart(4, '0')}`,
      name,
      source_kind: sourceKind,
      source_config: { provider: 'gitea', base_url: forge, repo_owner: owner, repo_name: repo, branch: 'main', access_token: `demo-provider-secret-f${index + 1}`, ...live },
      gitops_enabled: enabled,
      gitops_path: path,
      gitops_last_sync_at: planned === 'in_sync' ? '2026-11-30T08:00:00Z' : '',
      gitops_commit_sha: '',
    });
  }
  return { workloads, files };
}
