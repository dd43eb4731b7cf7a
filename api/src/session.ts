import type { TinyforgeApi } from './client';
import type { Clock } from './clock';
import { RequestScheduler, type FailureAdvice, type GetOptions } from './requestScheduler';
import type { GitOpsState, Me, Workload } from './types';

/** Failures that say the server is in trouble, so every queued request waits (as the refresh timer backs off). */
const backOffKinds = new Set(['unreachable', 'timeout', 'server', 'rate_limited', 'tls']);

function adviceFor(error: unknown): FailureAdvice {
  const apiError = error as { kind?: string; retryAfterSeconds?: number };
  return { backOff: backOffKinds.has(apiError.kind ?? ''), retryAfterMs: apiError.retryAfterSeconds ? apiError.retryAfterSeconds * 1000 : undefined };
}

/**
 * One server with one token: an API client and the one request scheduler that everything asking shares (in VS Code
 * the open files, the Tinyforge view and the commands; in the standalone language server its open files), so that no
 * answer is asked for twice while it is fresh enough.
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

  /** `GET /api/workloads/{id}`: one workload, for when only it can have changed (after our own write to it). */
  workload(workloadId: string, options: GetOptions): Promise<Workload> {
    return this.scheduler.get(`workload/${workloadId}`, () => this.api.getWorkload(workloadId), { ...options, notBefore: this.writtenAt.get(workloadId) });
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
