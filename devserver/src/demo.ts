import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StoredToken, StoredWorkload } from './store';
import { writeFileAtomically } from './store';
import { planFleet } from './demoFleet';

/** The forge the demo workloads claim to live on; the demo repositories' `origin` points there too. */
export const demoForge = 'https://git.example.com';

function git(repo: string, ...args: string[]): void {
  execFileSync('git', ['-C', repo, '-c', 'user.name=Tinyforge Demo', '-c', 'user.email=demo@tinyforge.invalid', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
}

/**
 * Creates a repository with one commit on `main` holding the given files, twice: the git provider's copy (bare, under
 * `git/`, what the dev server reads) and a checkout under `repos/` whose `origin` fetches from the demo forge's URL
 * (which binds the folder to its workload) and pushes to the provider's copy (`remote.origin.pushurl`), so a push from
 * the editor reaches Tinyforge. The checkout has a committer of its own, for machines with no git identity.
 */
function createRepo(dataDir: string, owner: string, name: string, files: Record<string, string>): void {
  const repo = join(dataDir, 'repos', owner, name);
  const provider = providerRepoPath(dataDir, owner, name);
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', repo], { stdio: 'ignore' });
  writeFileSync(join(repo, 'README.md'), `# ${name}\n\nA Tinyforge demo repository.\n`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  git(repo, 'config', 'user.name', 'Tinyforge Demo');
  git(repo, 'config', 'user.email', 'demo@tinyforge.invalid');
  git(repo, 'config', 'commit.gpgsign', 'false');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'Initial commit');
  mkdirSync(dirname(provider), { recursive: true });
  execFileSync('git', ['clone', '-q', '--bare', repo, provider], { stdio: 'ignore' });
  git(repo, 'remote', 'add', 'origin', `${demoForge}/${owner}/${name}.git`);
  git(repo, 'config', 'remote.origin.pushurl', provider);
  // The checkout starts level with the provider: origin/main is its commit, and main tracks it.
  git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(repo, 'branch', '-q', '--set-upstream-to=origin/main', 'main');
}

/** The git provider's (bare) copy of a repository in a data dir: what the dev server reads branch heads from. */
export function providerRepoPath(dataDir: string, owner: string, name: string): string {
  return join(dataDir, 'git', owner, `${name}.git`);
}

function workload(id: string, name: string, sourceKind: string, repo: string, config: Record<string, unknown>, gitops: Partial<StoredWorkload> = {}): StoredWorkload {
  return {
    id,
    name,
    source_kind: sourceKind,
    source_config: { provider: 'gitea', base_url: demoForge, repo_owner: 'acme', repo_name: repo, branch: 'main', access_token: `demo-provider-secret-${id}`, ...config },
    gitops_enabled: true,
    gitops_path: '.tinyforge.yml',
    gitops_last_sync_at: '',
    gitops_commit_sha: '',
    ...gitops,
  };
}

/** The checkout of the demo repository `name` in a data dir that `seedDemo` filled (its push URL is the provider's copy). */
export function demoRepoFolder(dataDir: string, name: string): string {
  return join(dataDir, 'repos', 'acme', name);
}

/** What to seed: the demo's workloads (default), a generated fleet of `fleet` more (`--demo-fleet N`), or both. */
export interface SeedOptions {
  demo?: boolean;
  fleet?: number;
}

/** Seeds an empty data dir: tokens, workloads in every GitOps state, and their git repositories. Returns the tokens. */
export function seedDemo(dir: string, options: SeedOptions = {}): { admin: string; viewer: string } {
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, 'workloads.json'))) throw new Error(`${dir} already holds a dev server store`);
  const workloads = options.demo === false ? [] : seedDemoWorkloads(dir);
  if (options.fleet) {
    const fleet = planFleet(options.fleet, demoForge, 'acme');
    for (const [repo, files] of fleet.files) createRepo(dir, 'acme', repo, files);
    workloads.push(...fleet.workloads);
  }
  const tokens: StoredToken[] = [
    { token: `tf_admin_${randomBytes(16).toString('hex')}`, username: 'admin', role: 'admin' },
    { token: `tf_viewer_${randomBytes(16).toString('hex')}`, username: 'viewer', role: 'viewer' },
  ];
  writeFileAtomically(join(dir, 'workloads.json'), `${JSON.stringify({ workloads }, null, 2)}\n`);
  writeFileAtomically(join(dir, 'tokens.json'), `${JSON.stringify({ tokens }, null, 2)}\n`);
  writeFileSync(join(dir, 'audit.jsonl'), '');
  return { admin: tokens[0].token, viewer: tokens[1].token };
}

/** The demo's seven workloads, one or more in each state, and their repositories. */
function seedDemoWorkloads(dataDir: string): StoredWorkload[] {
  createRepo(dataDir, 'acme', 'shop-api', {
    '.tinyforge.yml': '# shop-api: the repository is the source of truth for these fields.\nversion: 1\ndeploy:\n  port: 8080\n  healthcheck: /healthz\n  deploy_strategy: blue_green\n  resources:\n    cpu_limit: 0.5\n',
    'deploy/worker.tinyforge.yaml': 'version: 1\ndeploy:\n  port: 9000\n  healthcheck: /ready\n',
    Dockerfile: 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
  });
  createRepo(dataDir, 'acme', 'docs-site', { '.tinyforge.yml': 'version: 1\ndeploy:\n  deploy_strategy: blue_green\n' });
  createRepo(dataDir, 'acme', 'billing', { '.tinyforge.yml': 'version: 1\ndeploy:\n  port: 7000\n' });
  createRepo(dataDir, 'acme', 'legacy-api', { '.tinyforge.yml': 'version: 1\ndeploy:\n  prot: 8080\n' });
  createRepo(dataDir, 'acme', 'landing', { 'index.html': '<h1>Landing</h1>\n' });
  return [
    workload('wl_shop', 'shop-api', 'dockerfile', 'shop-api', { port: 3000, healthcheck: '/healthz', deploy_strategy: '', cpu_limit: 1 }),
    workload('wl_worker', 'shop-worker', 'dockerfile', 'shop-api', { port: 9000, healthcheck: '/ready', deploy_strategy: 'recreate' }, { gitops_path: 'deploy/worker.tinyforge.yaml' }),
    workload('wl_docs', 'docs-site', 'static', 'docs-site', { deploy_strategy: 'blue_green' }, { gitops_last_sync_at: '2026-11-20T09:00:00Z' }),
    workload('wl_billing', 'billing', 'dockerfile', 'billing', { port: 7000, healthcheck: '/health' }, { gitops_enabled: false }),
    workload('wl_legacy', 'legacy-api', 'dockerfile', 'legacy-api', { port: 8080, healthcheck: '/health' }),
    workload('wl_landing', 'landing', 'static', 'landing', { deploy_strategy: 'recreate' }),
    // Its repository is gone from the git provider: every fetch fails.
    workload('wl_archive', 'archive-api', 'dockerfile', 'archive-api', { port: 8080, healthcheck: '/health' }),
  ];
}
