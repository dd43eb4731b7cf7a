import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import fetch, { type RequestInit, type Response } from 'node-fetch';
import { redact, statusErrorKind, TinyforgeApiError, transportErrorKind } from './errors';
import { redactJson, secretRedactor } from '../../core/src/untrusted';
import { readGitOps, readMe, readSyncResult, readWorkload, readWorkloads, ShapeProblem } from './shapes';
import type { GitOpsState, GitOpsUpdate, Me, SyncRequest, SyncResult, Workload } from './types';

/** How to reach one Tinyforge server. */
export interface ApiClientOptions {
  /** Base URL, e.g. `https://forge.example.com`. */
  baseUrl: string;
  token: string;
  /** Whole-call deadline, retries included (default 10 s). */
  timeoutMs?: number;
  /** Extra attempts for GET requests after a transport error, a 5xx or a 429 (default 2). */
  retries?: number;
  /** PEM file of a CA to trust besides the system ones (setting `tinyforge.caFile`). */
  caFile?: string;
  /** First backoff delay; doubles each retry (default 250 ms). */
  backoffMs?: number;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** A typed client for the Tinyforge API (contract section 3). Every method throws only TinyforgeApiError. */
export interface TinyforgeApi {
  me(options?: CallOptions): Promise<Me>;
  listWorkloads(options?: CallOptions): Promise<Workload[]>;
  getWorkload(id: string, options?: CallOptions): Promise<Workload>;
  getGitOps(id: string, options?: CallOptions): Promise<GitOpsState>;
  updateGitOps(id: string, update: GitOpsUpdate, options?: CallOptions): Promise<GitOpsState>;
  sync(id: string, request: SyncRequest, options?: CallOptions): Promise<SyncResult>;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** Creates an API client. It goes through Node's https module, so VS Code's proxy support applies. */
export function createApiClient(options: ApiClientOptions): TinyforgeApi {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 250;
  const secrets = [options.token, encodeURIComponent(options.token)];
  // A CA file that cannot be read is every call's error, not a throw from here that callers would not expect.
  let agent: HttpsAgent | undefined;
  let caFileError: TinyforgeApiError | undefined;
  if (options.caFile && baseUrl.startsWith('https:')) {
    try {
      agent = new HttpsAgent({ ca: readFileSync(options.caFile) });
    } catch (error) {
      caFileError = new TinyforgeApiError('ca_file', `Cannot read the CA file ${options.caFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
  }
  const clean = (text: string): string => redact(text, secrets);
  const redactSecrets = secretRedactor(secrets);

  async function attempt(method: string, path: string, body: unknown, signal: AbortSignal, maxBytes: number): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal as RequestInit['signal'],
      redirect: 'error',
      // node-fetch stops reading past this many bytes, so a runaway answer costs bounded memory.
      size: maxBytes,
      agent,
    };
    return fetch(`${baseUrl}${path}`, init);
  }

  /** One endpoint: how to read its answer, and how large an answer may be. */
  interface Endpoint<T> {
    read: (value: unknown) => T;
    maxBytes: number;
  }

  async function call<T>(method: string, path: string, body: unknown, endpoint: Endpoint<T>, callOptions: CallOptions = {}): Promise<T> {
    if (caFileError) throw caFileError;
    const started = Date.now();
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = callOptions.signal ? AbortSignal.any([deadline, callOptions.signal]) : deadline;
    const attempts = method === 'GET' ? retries + 1 : 1;
    let lastError: TinyforgeApiError | undefined;
    for (let index = 0; index < attempts; index++) {
      if (index > 0) {
        const wait = Math.max(backoffMs * 2 ** (index - 1), (lastError?.retryAfterSeconds ?? 0) * 1000);
        // A server that asks for a longer pause than this call has left gets it: the caller reschedules, this is not a timeout.
        if (lastError?.kind === 'rate_limited' && Date.now() - started + wait >= timeoutMs) throw lastError;
        try {
          await delay(wait, signal);
        } catch {
          break;
        }
      }
      try {
        return await answer(await attempt(method, path, body, signal, endpoint.maxBytes), `${method} ${path}`, endpoint);
      } catch (error) {
        lastError = toApiError(error, signal, callOptions.signal);
        // An answer that is not the API would be the same answer again: asking twice only costs the server.
        const retryable = lastError.kind === 'unreachable' || lastError.kind === 'server' || lastError.kind === 'rate_limited';
        if (!retryable || signal.aborted) break;
      }
    }
    if (signal.aborted && !(lastError && ['timeout', 'cancelled'].includes(lastError.kind))) {
      throw callOptions.signal?.aborted
        ? new TinyforgeApiError('cancelled', 'The request was cancelled.')
        : new TinyforgeApiError('timeout', `No answer from ${baseUrl} within ${timeoutMs / 1000} s.`);
    }
    throw lastError ?? new TinyforgeApiError('unreachable', `Could not reach ${baseUrl}.`);
  }

  function toApiError(error: unknown, signal: AbortSignal, userSignal: AbortSignal | undefined): TinyforgeApiError {
    if (error instanceof TinyforgeApiError) return error;
    if (userSignal?.aborted) return new TinyforgeApiError('cancelled', 'The request was cancelled.');
    if (signal.aborted) return new TinyforgeApiError('timeout', `No answer from ${baseUrl} within ${timeoutMs / 1000} s.`);
    // Redirects are refused so the token never travels to another address; say so rather than "unreachable".
    if ((error as { type?: string }).type === 'no-redirect') return new TinyforgeApiError('redirect', `${baseUrl} answered with a redirect, which is not followed with a token.`);
    const kind = transportErrorKind(error);
    const detail = clean(error instanceof Error ? error.message : String(error));
    return new TinyforgeApiError(kind, kind === 'tls' ? `TLS error talking to ${baseUrl}: ${detail}` : `Could not reach ${baseUrl}: ${detail}`);
  }

  async function answer<T>(response: Response, request: string, endpoint: Endpoint<T>): Promise<T> {
    let bytes: ArrayBuffer;
    try {
      bytes = await response.arrayBuffer();
    } catch (error) {
      if ((error as { type?: string }).type === 'max-size') {
        throw new TinyforgeApiError('malformed', `${baseUrl} answered ${request} with more than ${endpoint.maxBytes / 1024 / 1024} MiB, which is not a Tinyforge answer; it was not read further.`, response.status);
      }
      throw new TinyforgeApiError('unreachable', `The connection to ${baseUrl} broke while reading the answer: ${clean(String((error as Error).message ?? error))}`, response.status);
    }
    let textBody: string | undefined;
    try {
      textBody = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      if (response.ok) throw new TinyforgeApiError('malformed', `${baseUrl} answered ${request} with bytes that are not UTF-8 text.`, response.status);
    }
    let parsed: unknown;
    try {
      parsed = textBody === undefined || textBody === '' ? undefined : JSON.parse(textBody);
    } catch {
      if (response.ok) throw new TinyforgeApiError('malformed', `${baseUrl} answered ${request} with something that is not JSON.`, response.status);
    }
    if (response.ok) {
      if (parsed === undefined) throw new TinyforgeApiError('malformed', `${baseUrl} answered ${request} with an empty body.`, response.status);
      try {
        // The one place an answer's data comes in: the token goes from every string of it (names, values, times).
        // The walk copies the answer (~10-25 ms for 2,000 workloads): skipped when the text cannot hold the token,
        // that is when it has no escape at all (\u, or \/ in a token with a slash, could spell it) and no form of it.
        const mayHoldToken = textBody!.includes('\\') || redactSecrets(textBody!) !== textBody;
        return endpoint.read(mayHoldToken ? redactJson(parsed, redactSecrets) : parsed);
      } catch (error) {
        if (!(error instanceof ShapeProblem)) throw error;
        throw new TinyforgeApiError('malformed', clean(`${baseUrl} answered ${request} with something that is not the Tinyforge API: ${error.message}.`), response.status);
      }
    }
    const errorBody = parsed as { error?: unknown; message?: unknown } | undefined;
    const code = typeof errorBody?.error === 'string' ? clean(errorBody.error).slice(0, 64) : undefined;
    const message = typeof errorBody?.message === 'string' && errorBody.message ? clean(errorBody.message) : `HTTP ${response.status}`;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new TinyforgeApiError(statusErrorKind(response.status), message, response.status, code, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }

  const id = (value: string): string => encodeURIComponent(value);
  // One workload's answers stay small (its file is at most 64 KiB); the list grows with the fleet.
  const one = 1024 * 1024;
  const list = 16 * 1024 * 1024;
  return {
    me: (o) => call('GET', '/api/me', undefined, { read: readMe, maxBytes: one }, o),
    listWorkloads: (o) => call('GET', '/api/workloads', undefined, { read: readWorkloads, maxBytes: list }, o),
    getWorkload: (workloadId, o) => call('GET', `/api/workloads/${id(workloadId)}`, undefined, { read: (value) => readWorkload(value), maxBytes: one }, o),
    getGitOps: (workloadId, o) => call('GET', `/api/workloads/${id(workloadId)}/gitops`, undefined, { read: readGitOps, maxBytes: one }, o),
    updateGitOps: (workloadId, update, o) => call('PUT', `/api/workloads/${id(workloadId)}/gitops`, update, { read: readGitOps, maxBytes: one }, o),
    sync: (workloadId, request, o) => call('POST', `/api/workloads/${id(workloadId)}/gitops/sync`, request, { read: readSyncResult, maxBytes: one }, o),
  };
}
