/** Something to stop (VS Code's `Disposable` is one). */
interface Disposable {
  dispose(): void;
}

/** When to fetch again: every `tinyforge.refreshInterval` seconds, backing off after failures and as a 429 asks. */
export class RefreshScheduler implements Disposable {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private disposed = false;

  constructor(
    private readonly refreshAll: () => Promise<{ failed: boolean; retryAfterSeconds?: number; anyLinked: boolean }>,
    /** `tinyforge.refreshInterval`, read at each scheduling so a change applies at once. */
    private readonly intervalSeconds: () => number,
  ) {}

  /** The configured interval in ms (at least 10 s, so a typo cannot hammer the server). */
  private intervalMs(): number {
    return Math.max(10, this.intervalSeconds()) * 1000;
  }

  /** Arms the next periodic refresh after a fetch: doubles the wait per consecutive failure, up to 10 minutes. */
  schedule(outcome: { failed: boolean; retryAfterSeconds?: number; anyLinked: boolean }): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // A round still in flight at deactivation must not arm the timer again.
    if (this.disposed) return;
    this.failures = outcome.failed ? this.failures + 1 : 0;
    if (!outcome.anyLinked && !outcome.failed) return;
    const backoff = Math.min(this.intervalMs() * 2 ** this.failures, 600_000);
    const delay = Math.max(backoff, (outcome.retryAfterSeconds ?? 0) * 1000);
    // A round that throws counts as a failure and backs off; it never ends the polling.
    this.timer = setTimeout(() => void this.refreshAll().then((next) => this.schedule(next), () => this.schedule({ failed: true, anyLinked: true })), delay);
  }

  /** Starts the periodic refresh if it is not running (a linked file was just opened). */
  ensureRunning(): void {
    if (!this.timer) this.schedule({ failed: false, anyLinked: true });
  }

  /** Whether the last refreshes failed (the focus trigger waits for the timer then). */
  get backingOff(): boolean {
    return this.failures > 0;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
