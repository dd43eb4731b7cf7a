/** Failures the dev server injects for tests; all off unless a flag turns one on. */
export interface FaultOptions {
  /** Added to every API answer. */
  latencyMs: number;
  /** Answer every API request with this status (e.g. 503, 429) instead of handling it. */
  status?: number;
  /** The `Retry-After` seconds sent with an injected 429 (default 1). */
  retryAfterSeconds?: number;
  /** Answer 200 with a body that is not JSON. */
  malformed: boolean;
  /** Close the connection without answering. */
  drop: boolean;
  /** Now and then: every N-th API request fails, in turn with a 429 (Retry-After 1 s), a 500 and a dropped connection. */
  everyNth?: number;
  /** An outage now and then: from every `every`-th API request on, `length` in a row answer 503. */
  burst?: { every: number; length: number };
  /** Hold the sync lock this long between reading the workload and its file and writing (so concurrent requests overlap that window). */
  syncDelayMs: number;
  /** Block between writing the new store to a temp file and renaming it (to kill the server mid-write). */
  syncWritePauseMs: number;
}

/** No faults. */
export const noFaults: FaultOptions = { latencyMs: 0, malformed: false, drop: false, syncDelayMs: 0, syncWritePauseMs: 0 };

/** Whether any fault that changes answers is on. */
export function answersAreFaulty(faults: FaultOptions): boolean {
  return faults.status !== undefined || faults.malformed || faults.drop;
}

/** What the n-th API request (counting from 1) gets: a 503 within an outage (`burst`), else under `everyNth` a 429, a 500 or a dropped connection in turn, or nothing. */
export function sporadicFault(faults: FaultOptions, requestNumber: number): 'rate-limited' | 'server-error' | 'unavailable' | 'drop' | undefined {
  if (faults.burst && requestNumber >= faults.burst.every && requestNumber % faults.burst.every < faults.burst.length) return 'unavailable';
  if (!faults.everyNth || requestNumber % faults.everyNth !== 0) return undefined;
  return (['rate-limited', 'server-error', 'drop'] as const)[(requestNumber / faults.everyNth - 1) % 3];
}
