// No vscode import: the view, the open files and the bench share this, and its tests run on Node's mock clock.

/** Time as the scheduler sees it; the default reads the globals at each call, so Node's mock timers apply. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

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
}

interface Cached {
  value: unknown;
  fetchedAt: number;
}

interface Queued {
  key: string;
  fetch: () => Promise<unknown>;
  priority: number;
  manual: boolean;
  order: number;
  promise: Promise<unknown>;
  settle: { resolve(value: unknown): void; reject(error: unknown): void };
}

/**
 * One server's GET answers, shared by everything that asks: an answer younger than the caller's `maxAgeMs` is reused,
 * a request in flight is joined, and new requests wait in a queue with at most `concurrency` in flight. After a
 * failure the queue pauses (doubling up to 10 minutes, or as long as a 429's `Retry-After` asks); a success resets it.
 */
export class RequestScheduler {
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, Queued>();
  private readonly queue: Queued[] = [];
  private running = 0;
  private order = 0;
  private failures = 0;
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
    const cached = this.cache.get(key);
    if (cached && this.clock.now() - cached.fetchedAt < options.maxAgeMs) return Promise.resolve(cached.value as T);
    const pending = this.pending.get(key);
    if (pending) {
      // A more urgent caller moves the queued request up.
      if (!this.isRunning(pending)) {
        pending.priority = Math.min(pending.priority, options.priority ?? 0);
        pending.manual ||= options.manual === true;
      }
      return pending.promise as Promise<T>;
    }
    let settle!: Queued['settle'];
    const promise = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
    const entry: Queued = { key, fetch, priority: options.priority ?? 0, manual: options.manual === true, order: this.order++, promise, settle };
    this.pending.set(key, entry);
    this.queue.push(entry);
    this.dispatch();
    return promise as Promise<T>;
  }

  /** The cached answer for `key` and when it was fetched, without fetching. */
  peek<T>(key: string): { value: T; fetchedAt: number } | undefined {
    const cached = this.cache.get(key);
    return cached && { value: cached.value as T, fetchedAt: cached.fetchedAt };
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

  /** Stops the wake-up timer; what is queued is rejected (the scheduler is being replaced). */
  dispose(): void {
    this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    for (const entry of this.queue.splice(0)) {
      this.pending.delete(entry.key);
      entry.settle.reject(new Error('the request was dropped: the connection settings changed'));
    }
  }

  private isRunning(entry: Queued): boolean {
    return !this.queue.includes(entry);
  }

  private next(now: number): Queued | undefined {
    const eligible = this.queue.filter((entry) => now >= this.retryAfterUntil && (entry.manual || now >= this.pausedUntil));
    if (!eligible.length) return undefined;
    eligible.sort((a, b) => a.priority - b.priority || a.order - b.order);
    return eligible[0];
  }

  private dispatch(): void {
    const now = this.clock.now();
    while (this.running < this.concurrency) {
      const entry = this.next(now);
      if (!entry) break;
      this.queue.splice(this.queue.indexOf(entry), 1);
      this.running++;
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
      this.cache.set(entry.key, { value, fetchedAt: this.clock.now() });
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
      this.pending.delete(entry.key);
      this.running--;
      this.dispatch();
    }
  }
}
