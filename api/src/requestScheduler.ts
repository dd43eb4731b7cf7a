// No vscode import: the view, the open files, the standalone language server and the bench share this; its tests run on
// Node's mock clock.
import { systemClock, type Clock } from './clock';

export type { Clock };

/** What a failed request says about the server: whether to pause, and for how long it asked. */
export interface FailureAdvice {
  /** The server is failing (unreachable, 5xx, timeout, 429): hold every queued request for a while. */
  backOff: boolean;
  /** The server's `Retry-After`, in ms. */
  retryAfterMs?: number;
}

/** How a scheduler behaves; the defaults are the ones the extension uses. */
export interface SchedulerOptions {
  /** Requests in flight at once (4). */
  concurrency?: number;
  /** First pause after a failure, doubled after each further one (10 s). */
  backoffBaseMs?: number;
  /** Longest pause (10 min). */
  maxBackoffMs?: number;
  clock?: Clock;
  /** Reads a failure; by default every failure backs off. */
  advise?: (error: unknown) => FailureAdvice;
}

/** How fresh an answer a caller needs, and how urgently. */
export interface GetOptions {
  /** An answer fetched less than this long ago is good enough (0: fetch now, or share the request in flight). */
  maxAgeMs: number;
  /** Lower runs first (0: the user is waiting, e.g. an open file or a command; 1: the view's background refresh). */
  priority?: number;
  /** A manual refresh: not held by the doubling pause after failures (a server's Retry-After still holds). */
  manual?: boolean;
  /** Only an answer to a request sent at or after this time will do (after a write: nothing from before it). */
  notBefore?: number;
  /** The caller no longer wants the answer: a request still queued for no one else is dropped, never sent. */
  signal?: AbortSignal;
}

interface Cached {
  value: unknown;
  /** When the request that brought it was sent: its age counts from there, so nothing older passes for newer. */
  sentAt: number;
}

interface Queued {
  key: string;
  fetch: () => Promise<unknown>;
  priority: number;
  manual: boolean;
  order: number;
  /** When it was sent (undefined while queued). */
  sentAt?: number;
  /** Callers still waiting that may give up (those without a signal never do). */
  abortable: number;
  /** Whether a caller without a signal waits for it. */
  kept: boolean;
  promise: Promise<unknown>;
  settle: { resolve(value: unknown): void; reject(error: unknown): void };
}

/** The error of a request dropped because its callers gave up, or because the scheduler was disposed. */
export class DroppedRequest extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'AbortError';
  }
}

/**
 * One server's GET answers, shared by everything that asks: an answer younger than the caller's `maxAgeMs` is reused,
 * a request in flight is joined, and new requests wait in a queue with at most `concurrency` in flight. After a
 * failure the queue pauses (doubling up to 10 minutes, or as long as a 429's `Retry-After` asks); a success resets it.
 * A queued request that every caller gave up on (their signals aborted) is dropped before it is sent.
 */
export class RequestScheduler {
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, Queued>();
  private readonly queue: Queued[] = [];
  private running = 0;
  private order = 0;
  private failures = 0;
  /** Why it was disposed, once it is: the reason every request from then on is dropped with. */
  private disposed: string | undefined;
  /** Until when nothing is sent after failures (the doubling pause), and as the server asked (Retry-After). */
  private pausedUntil = 0;
  private retryAfterUntil = 0;
  private wakeTimer: unknown;
  private readonly concurrency: number;
  private readonly backoffBaseMs: number;
  private readonly maxBackoffMs: number;
  private readonly clock: Clock;
  private readonly advise: (error: unknown) => FailureAdvice;

  constructor(options: SchedulerOptions = {}) {
    this.concurrency = options.concurrency ?? 4;
    this.backoffBaseMs = options.backoffBaseMs ?? 10_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 600_000;
    this.clock = options.clock ?? systemClock;
    this.advise = options.advise ?? (() => ({ backOff: true }));
  }

  /** An answer for `key`: a cached one young enough, the one pending, or a new `fetch` queued behind the others. */
  get<T>(key: string, fetch: () => Promise<T>, options: GetOptions): Promise<T> {
    if (this.disposed !== undefined) return Promise.reject(new DroppedRequest(this.disposed));
    if (options.signal?.aborted) return Promise.reject(new DroppedRequest('the request was cancelled'));
    const now = this.clock.now();
    const notBefore = options.notBefore ?? -Infinity;
    const cached = this.cache.get(key);
    if (cached && now - cached.sentAt < options.maxAgeMs && cached.sentAt >= notBefore) return Promise.resolve(cached.value as T);
    let entry = this.pending.get(key);
    // A request sent before `notBefore` cannot answer this caller; a fresh one follows it.
    if (entry && entry.sentAt !== undefined && entry.sentAt < notBefore) entry = undefined;
    if (entry) {
      // A more urgent caller moves the queued request up, and a manual one past the pause at once.
      if (entry.sentAt === undefined) {
        entry.priority = Math.min(entry.priority, options.priority ?? 0);
        entry.manual ||= options.manual === true;
      }
    } else {
      let settle!: Queued['settle'];
      const promise = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
      // Its callers handle its failure; one nobody waits for any more must not be an unhandled rejection.
      promise.catch(() => undefined);
      entry = { key, fetch, priority: options.priority ?? 0, manual: options.manual === true, order: this.order++, abortable: 0, kept: false, promise, settle };
      this.pending.set(key, entry);
      this.queue.push(entry);
    }
    const answer = this.follow(entry, options.signal);
    this.dispatch();
    return answer as Promise<T>;
  }

  /** The cached answer for `key` and when the request that brought it was sent, without fetching. */
  peek<T>(key: string): { value: T; fetchedAt: number } | undefined {
    const cached = this.cache.get(key);
    return cached && { value: cached.value as T, fetchedAt: cached.sentAt };
  }

  /** Drops cached answers (all, or those whose key starts with `prefix`): after a write, their data is old. */
  forget(prefix = ''): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  /** Requests sent and not answered, and requests waiting: the view's progress. */
  get load(): { inFlight: number; queued: number } {
    return { inFlight: this.running, queued: this.queue.length };
  }

  /** Whether the last requests failed and the queue is pausing. */
  get backingOff(): boolean {
    return this.failures > 0;
  }

  /** Stops the wake-up timer and refuses new requests; what is queued is rejected with `reason` (why it is going). */
  dispose(reason = 'the connection settings changed'): void {
    this.disposed = reason;
    this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    for (const entry of this.queue.splice(0)) this.drop(entry, reason);
  }

  /** One caller's view of an entry: its answer, or a rejection when its own signal aborts first. */
  private follow(entry: Queued, signal: AbortSignal | undefined): Promise<unknown> {
    if (!signal) {
      entry.kept = true;
      return entry.promise;
    }
    entry.abortable++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        entry.abortable--;
        reject(new DroppedRequest('the request was cancelled'));
        // Nobody wants it any more and it has not gone out: it never will.
        if (entry.sentAt === undefined && entry.abortable === 0 && !entry.kept) {
          this.queue.splice(this.queue.indexOf(entry), 1);
          this.drop(entry, 'the request was cancelled');
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
        (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
      );
    });
  }

  private drop(entry: Queued, reason: string): void {
    if (this.pending.get(entry.key) === entry) this.pending.delete(entry.key);
    entry.settle.reject(new DroppedRequest(reason));
  }

  private next(now: number): Queued | undefined {
    let best: Queued | undefined;
    for (const entry of this.queue) {
      if (now < this.retryAfterUntil || (!entry.manual && now < this.pausedUntil)) continue;
      if (!best || entry.priority < best.priority || (entry.priority === best.priority && entry.order < best.order)) best = entry;
    }
    return best;
  }

  private dispatch(): void {
    if (this.disposed) return;
    const now = this.clock.now();
    while (this.running < this.concurrency) {
      const entry = this.next(now);
      if (!entry) break;
      this.queue.splice(this.queue.indexOf(entry), 1);
      this.running++;
      entry.sentAt = now;
      void this.run(entry);
    }
    this.armWakeUp(now);
  }

  // Held requests wait for the end of the pause; one timer, re-armed as the pause changes.
  private armWakeUp(now: number): void {
    this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    if (!this.queue.length || this.running >= this.concurrency) return;
    const until = Math.max(this.retryAfterUntil, this.queue.every((entry) => !entry.manual) ? this.pausedUntil : 0);
    if (until > now) this.wakeTimer = this.clock.setTimeout(() => this.dispatch(), until - now);
  }

  private async run(entry: Queued): Promise<void> {
    try {
      const value = await entry.fetch();
      const sentAt = entry.sentAt ?? this.clock.now();
      // An older request that answers last must not replace a newer answer.
      if (!this.disposed && (this.cache.get(entry.key)?.sentAt ?? -Infinity) <= sentAt) this.cache.set(entry.key, { value, sentAt });
      this.failures = 0;
      this.pausedUntil = 0;
      entry.settle.resolve(value);
    } catch (error) {
      const advice = this.advise(error);
      if (advice.backOff) {
        this.failures++;
        const now = this.clock.now();
        this.pausedUntil = now + Math.min(this.backoffBaseMs * 2 ** (this.failures - 1), this.maxBackoffMs);
        if (advice.retryAfterMs) this.retryAfterUntil = Math.max(this.retryAfterUntil, now + Math.min(advice.retryAfterMs, this.maxBackoffMs));
      }
      entry.settle.reject(error);
    } finally {
      if (this.pending.get(entry.key) === entry) this.pending.delete(entry.key);
      this.running--;
      this.dispatch();
    }
  }
}
