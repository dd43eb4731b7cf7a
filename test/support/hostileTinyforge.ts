// A Tinyforge API of our own that answers the contract's routes with whatever data a test gives it: names, values and
// times carrying the token, terminal escapes, Markdown, wrong types. On 127.0.0.1 and a free port; stopped by `stop`
// and, should a test forget, when the process exits.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hostileToken = 'tf+hostile/8c1f0b7e2d9a4c65';

/** The coordinates of the checkout `makeCheckout` creates; a workload with these `source_config` keys binds to it. */
export const checkoutCoordinates = { provider: 'gitea', base_url: 'https://git.example.com', repo_owner: 'acme', repo_name: 'hostile-app', branch: 'main' };

/** A workload answer: the contract's keys, each replaceable by a test. */
export function workloadAnswer(overrides: Record<string, unknown> = {}, sourceConfig: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'wl_hostile',
    name: 'hostile-app',
    source_kind: 'dockerfile',
    source_config: { ...checkoutCoordinates, port: 3000, healthcheck: '/health', deploy_strategy: '', ...sourceConfig },
    gitops_enabled: true,
    gitops_path: '.tinyforge.yml',
    gitops_last_sync_at: '2026-11-20T09:00:00Z',
    gitops_commit_sha: '9c1e0aa3',
    ...overrides,
  };
}

/** A GitOpsState answer for a file, each key replaceable. */
export function gitopsAnswer(raw: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enabled: true,
    path: '.tinyforge.yml',
    status: 'ok',
    message: '',
    commit_sha: '4b2d0c1e',
    synced_commit_sha: '9c1e0aa3',
    last_sync_at: '2026-11-20T09:00:00Z',
    raw,
    drift: [],
    managed_fields: ['deploy.port', 'deploy.healthcheck', 'deploy.deploy_strategy'],
    ...overrides,
  };
}

export interface HostileTinyforge {
  url: string;
  /** `METHOD path` of every request, in order. */
  requests: string[];
  stop(): void;
}

/** Serves `/api/me`, `/api/workloads`, `/api/workloads/{id}` and `…/gitops` from the given answers (raw JSON text allowed). */
export async function startHostileTinyforge(answers: { workloads: () => unknown; gitops: () => unknown }): Promise<HostileTinyforge> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${hostileToken}`) return send(401, { error: 'unauthorized', message: 'bad token' });
    const path = (request.url ?? '').split('?')[0];
    if (path === '/api/me') return send(200, { username: 'ada', role: 'admin' });
    const workloads = answers.workloads();
    if (path === '/api/workloads') return send(200, workloads);
    if (/^\/api\/workloads\/[^/]+\/gitops$/.test(path)) return send(200, answers.gitops());
    if (/^\/api\/workloads\/[^/]+$/.test(path)) return send(200, Array.isArray(workloads) ? workloads[0] : workloads);
    send(404, { error: 'not_found', message: 'no such route' });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const stop = (): void => {
    server.closeAllConnections();
    server.close();
  };
  process.once('exit', stop);
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, stop };
}

/** A git checkout of `checkoutCoordinates` (branch main, origin on the forge) holding `.tinyforge.yml`; removed at exit. */
export function makeCheckout(text: string): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'tinyforge-hostile-'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  mkdirSync(root, { recursive: true });
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', `${checkoutCoordinates.base_url}/${checkoutCoordinates.repo_owner}/${checkoutCoordinates.repo_name}.git`);
  const file = join(root, '.tinyforge.yml');
  writeFileSync(file, text);
  // A branch exists once it has a commit: before that git names no branch, and nothing binds.
  git('add', '.tinyforge.yml');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'file');
  return { root, file };
}

/** The hostile values every output is checked against: the token raw and percent-encoded, escapes, Markdown. */
export const hostile = {
  tokenInName: `app-${hostileToken}`,
  tokenEncodedInValue: `/h?t=${encodeURIComponent(hostileToken).toLowerCase()}`,
  escapes: 'evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eend',
  markdown: '[click](https://evil.example/x) ![img](https://evil.example/i.png) <b>bold</b> **strong** $(alert)',
};

/** What no output may hold: the token in any spelling, a raw control character or escape introducer. */
export function assertNothingHostile(text: string, what: string): void {
  if (text.includes(hostileToken) || text.toLowerCase().includes(encodeURIComponent(hostileToken).toLowerCase())) throw new Error(`${what} holds the token: ${text.slice(0, 300)}`);
  // Tab and the line breaks of the output's own format are fine; the others, DEL, C1 and bidi overrides are not.
  const raw = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.exec(text);
  if (raw) throw new Error(`${what} holds the raw control character U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')}: ${JSON.stringify(text.slice(Math.max(0, raw.index - 40), raw.index + 40))}`);
}
