import * as vscode from 'vscode';
import type { GitOpsState, Me, TinyforgeApi, Workload } from '../../api/src/index';
import { readToken } from './auth';
import { loadApi } from './lazy';
import { RequestScheduler, type Clock, type FailureAdvice, type GetOptions } from './requestScheduler';
import { readConnectionSettings } from './settings';

/** Failures that say the server is in trouble, so every queued request waits (as the refresh timer backs off). */
const backOffKinds = new Set(['unreachable', 'timeout', 'server', 'rate_limited', 'tls']);

function adviceFor(error: unknown): FailureAdvice {
  const apiError = error as { kind?: string; retryAfterSeconds?: number };
  return { backOff: backOffKinds.has(apiError.kind ?? ''), retryAfterMs: apiError.retryAfterSeconds ? apiError.retryAfterSeconds * 1000 : undefined };
}

/**
 * The configured server with its token: an API client and the one request scheduler that the open files, the
 * Tinyforge view and the commands share, so that no answer is asked for twice while it is fresh enough.
 */
export class ApiSession {
  readonly scheduler: RequestScheduler;

  constructor(
    readonly url: string,
    readonly api: TinyforgeApi,
    clock?: Clock,
  ) {
    this.scheduler = new RequestScheduler({ advise: adviceFor, clock });
  }

  /** When we last wrote to each workload, and to any: answers to requests sent before that are old. */
  private readonly writtenAt = new Map<string, number>();
  private lastWriteAt = -Infinity;

  /** `GET /api/me`. */
  me(options: GetOptions): Promise<Me> {
    return this.scheduler.get('me', () => this.api.me(), options);
  }

  /** `GET /api/workloads`: every workload with its live `source_config` (so no `GET /api/workloads/{id}` is needed). */
  workloads(options: GetOptions): Promise<Workload[]> {
    return this.scheduler.get('workloads', () => this.api.listWorkloads(), { ...options, notBefore: this.lastWriteAt });
  }

  /** `GET /api/workloads/{id}/gitops`: what Tinyforge fetched from the git provider for it. */
  gitops(workloadId: string, options: GetOptions): Promise<GitOpsState> {
    return this.scheduler.get(`gitops/${workloadId}`, () => this.api.getGitOps(workloadId), { ...options, notBefore: this.writtenAt.get(workloadId) });
  }

  /** The last answer for a workload's GitOps state, however old, without asking. */
  lastGitops(workloadId: string): { value: GitOpsState; fetchedAt: number } | undefined {
    return this.scheduler.peek(`gitops/${workloadId}`);
  }

  /** After a write (Sync, Enable GitOps) was sent: nothing asked before it, cached or still under way, answers for it. */
  wrote(workloadId: string, at = Date.now()): void {
    this.writtenAt.set(workloadId, at);
    this.lastWriteAt = at;
  }
}

/** Hands out the session for the current settings and token; a new one (with empty caches) when either changes. */
export class ApiSessions implements vscode.Disposable {
  private current?: { key: string; session: ApiSession };

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The session to use now, or undefined in Restricted Mode, without a URL, or without a token. */
  async session(): Promise<ApiSession | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const { url, caFile } = readConnectionSettings();
    if (!url) return undefined;
    const token = await readToken(this.secrets, url);
    if (!token) return undefined;
    const key = `${url}\n${caFile ?? ''}\n${token}`;
    if (this.current?.key !== key) {
      this.current?.session.scheduler.dispose();
      this.current = { key, session: new ApiSession(url, loadApi().createApiClient({ baseUrl: url, token, caFile })) };
    }
    return this.current.session;
  }

  /** The session handed out last, if any, without reading the token again (to record a write on it). */
  get latest(): ApiSession | undefined {
    return this.current?.session;
  }

  dispose(): void {
    this.current?.session.scheduler.dispose();
  }
}
