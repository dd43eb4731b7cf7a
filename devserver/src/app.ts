import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GitOpsState, SyncResult, Workload } from '../../api/src/index';
import { computeDrift, gitopsPathProblem, managedFieldsFor } from '../../core/src/index';
import { answersAreFaulty, sporadicFault, type FaultOptions } from './faults';
import { buildPatch, fetchGitOps, publicSourceConfig, validateSourceConfig } from './gitops';
import { bearerToken, HttpError, readJsonBody, sendError, sendJson } from './http';
import type { WorkloadLocks } from './locks';
import { appendLineDurably, type DataStore, type StoredToken, type StoredWorkload } from './store';
import { redactForLog } from './requestLog';
import { parseRequestTarget, type PlainTarget } from './target';

/** What the request handler needs: the store, the faults switched on, and the per-workload write locks. */
export interface AppContext {
  store: DataStore;
  faults: FaultOptions;
  locks: WorkloadLocks;
  now(): Date;
  /** Requests received so far with a plain path (the sporadic faults count them). */
  requests: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Blocks the thread: used only by the mid-write fault, where the point is that nothing else runs. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function toApiWorkload(workload: StoredWorkload): Workload {
  return { ...workload, source_config: publicSourceConfig(workload) };
}

function authenticate(context: AppContext, request: IncomingMessage): StoredToken {
  const token = bearerToken(request);
  const found = token ? context.store.allTokens().find((candidate) => candidate.token === token) : undefined;
  if (!found) throw new HttpError(401, 'unauthorized', token ? 'the token is not valid' : 'no bearer token');
  return found;
}

function requireAdmin(user: StoredToken): void {
  if (user.role !== 'admin') throw new HttpError(403, 'forbidden', `${user.username} is a viewer; this needs an admin`);
}

function workloadOr404(context: AppContext, id: string): StoredWorkload {
  const workload = context.store.getWorkload(id);
  if (!workload) throw new HttpError(404, 'not_found', `no workload ${id}`);
  return workload;
}

/** PUT …/gitops: checks the body, then changes the record as stored when the workload's lock is ours (never a copy read before). */
async function updateGitOps(context: AppContext, workloadId: string, body: Record<string, unknown>): Promise<GitOpsState> {
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') throw new HttpError(400, 'bad_request', 'enabled must be true or false');
  if (body.path !== undefined) {
    if (typeof body.path !== 'string') throw new HttpError(400, 'invalid_path', 'path must be a string');
    const problem = gitopsPathProblem(body.path);
    if (problem) throw new HttpError(400, 'invalid_path', problem);
    // A token pasted into the path would be stored, shown to every viewer and sent to the git provider.
    if (context.store.allTokens().some(({ token }) => body.path !== undefined && (body.path as string).includes(token))) {
      throw new HttpError(400, 'invalid_path', 'the path contains an API token');
    }
  }
  const updated = await context.locks.run(workloadId, 'update', async () => {
    const workload = workloadOr404(context, workloadId);
    const next: StoredWorkload = {
      ...workload,
      gitops_enabled: (body.enabled as boolean | undefined) ?? workload.gitops_enabled,
      gitops_path: (body.path as string | undefined) ?? workload.gitops_path,
    };
    context.store.saveWorkload(next);
    return next;
  });
  return (await fetchGitOps(context.store, updated)).state;
}

/** Sync: lock → read live → overlay managed declared fields → validate the merged config → write → record → audit. */
async function sync(context: AppContext, user: StoredToken, workloadId: string, body: Record<string, unknown>): Promise<SyncResult> {
  const expected = body.expected_commit_sha;
  if (expected !== undefined && typeof expected !== 'string') throw new HttpError(400, 'bad_request', 'expected_commit_sha must be a string');
  return context.locks.run(workloadId, 'sync', async () => {
    // Read inside the lock: every other write to this workload waits for us, so what we write back loses nothing.
    const workload = workloadOr404(context, workloadId);
    if (!workload.gitops_enabled) throw new HttpError(409, 'disabled', 'GitOps is disabled for this workload');
    const fetched = await fetchGitOps(context.store, workload);
    if (context.faults.syncDelayMs) await sleep(context.faults.syncDelayMs);
    const { state } = fetched;
    if (state.status === 'fetch_failed') throw new HttpError(502, 'fetch_failed', `could not fetch the repository file: ${state.message}`);
    if (expected && expected !== state.commit_sha) throw new HttpError(409, 'stale', `the branch head is ${state.commit_sha.slice(0, 12)}, not ${expected.slice(0, 12)}`);
    if (state.status === 'no_file') throw new HttpError(422, 'invalid', `there is no ${workload.gitops_path} at the head of the branch`);
    if (state.status !== 'ok' || !fetched.declared) throw new HttpError(422, 'invalid', `the repository file does not validate: ${state.message}`);
    const managed = managedFieldsFor(workload.source_kind);
    const merged = { ...workload.source_config, ...buildPatch(fetched.declared, managed) };
    const problem = validateSourceConfig(merged);
    if (problem) throw new HttpError(422, 'invalid', `the merged config does not validate: ${problem}`);
    const applied = computeDrift(fetched.declared, workload.source_config, managed).map((entry) => entry.field);
    const lastSyncAt = context.now().toISOString();
    const pause = context.faults.syncWritePauseMs;
    context.store.saveWorkload(
      { ...workload, source_config: merged, gitops_commit_sha: state.commit_sha, gitops_last_sync_at: lastSyncAt },
      pause ? () => blockFor(pause) : undefined,
    );
    appendLineDurably(context.store.auditPath, JSON.stringify({ time: lastSyncAt, event: 'gitops.sync', actor: user.username, workload_id: workload.id, commit_sha: state.commit_sha, applied }));
    return { commit_sha: state.commit_sha, last_sync_at: lastSyncAt, applied, drift: computeDrift(fetched.declared, merged, managed) };
  });
}

async function route(context: AppContext, request: IncomingMessage, target: PlainTarget): Promise<{ status: number; body: unknown }> {
  const { path, segments } = target;
  const method = request.method ?? 'GET';
  if (segments[0] !== 'api') throw new HttpError(404, 'not_found', `no route ${path}`);
  const user = authenticate(context, request);
  const [, resource, id, sub, action] = segments;
  if (resource === 'me' && segments.length === 2 && method === 'GET') return { status: 200, body: { username: user.username, role: user.role } };
  if (resource !== 'workloads') throw new HttpError(404, 'not_found', `no route ${path}`);
  if (segments.length === 2 && method === 'GET') return { status: 200, body: context.store.listWorkloads().map(toApiWorkload) };
  if (segments.length === 3 && method === 'GET') return { status: 200, body: toApiWorkload(workloadOr404(context, id)) };
  if (sub === 'gitops' && segments.length === 4) {
    if (method === 'GET') return { status: 200, body: (await fetchGitOps(context.store, workloadOr404(context, id))).state };
    if (method === 'PUT') {
      requireAdmin(user);
      workloadOr404(context, id);
      return { status: 200, body: await updateGitOps(context, id, await readJsonBody(request)) };
    }
  }
  if (sub === 'gitops' && action === 'sync' && segments.length === 5 && method === 'POST') {
    requireAdmin(user);
    workloadOr404(context, id);
    return { status: 200, body: await sync(context, user, id, await readJsonBody(request)) };
  }
  throw new HttpError(method === 'GET' ? 404 : 405, method === 'GET' ? 'not_found' : 'method_not_allowed', `no route ${method} ${path}`);
}

/** Every secret a request's log line and answers must not show: the store's tokens and the one the request sent. */
export function secretsOf(context: AppContext, request: IncomingMessage): string[] {
  return [...context.store.allTokens().map((token) => token.token), bearerToken(request) ?? ''];
}

/** Handles one HTTP request: a target that is not a plain path is 400, then faults (when on), then the API; errors as `{ error, message }`. */
export async function handleRequest(context: AppContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const secrets = secretsOf(context, request);
  try {
    const target = parseRequestTarget(request.url);
    if (!target.ok) throw new HttpError(400, 'bad_request', target.reason);
    if (context.faults.latencyMs) await sleep(context.faults.latencyMs);
    const sporadic = sporadicFault(context.faults, ++context.requests);
    if (sporadic === 'drop') return void request.socket.destroy();
    if (sporadic === 'rate-limited') response.setHeader('Retry-After', '1');
    if (sporadic) {
      const status = { 'rate-limited': 429, 'server-error': 500, unavailable: 503 }[sporadic];
      throw new HttpError(status, sporadic === 'rate-limited' ? 'rate_limited' : 'server_error', `injected fault: HTTP ${status}`);
    }
    if (answersAreFaulty(context.faults)) {
      if (context.faults.drop) return void request.socket.destroy();
      if (context.faults.malformed) {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        return void response.end('{"username": "admin", "role": ');
      }
      if (context.faults.status === 429) response.setHeader('Retry-After', String(context.faults.retryAfterSeconds ?? 1));
      throw new HttpError(context.faults.status!, context.faults.status === 429 ? 'rate_limited' : 'server_error', `injected fault: HTTP ${context.faults.status}`);
    }
    const { status, body } = await route(context, request, target);
    sendJson(response, status, body);
  } catch (error) {
    const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal', error instanceof Error ? error.message : String(error));
    sendError(response, httpError, secrets);
  }
}

/** An unexpected error as one redacted log line (its stack's first frames included). */
export function describeUnexpected(error: unknown, secrets: readonly string[]): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return redactForLog(text, secrets).split('\n').slice(0, 4).map((line) => line.trim()).join(' | ');
}

/** The last resort for an error that escaped the handler: a 500 if nothing was sent yet, else the connection is closed. */
export function answerInternalError(response: ServerResponse, error: unknown, secrets: readonly string[]): void {
  console.error(`dev-server: request failed: ${describeUnexpected(error, secrets)}`);
  if (response.headersSent) response.destroy();
  else sendError(response, new HttpError(500, 'internal', 'unexpected error in the dev server'), secrets);
}
