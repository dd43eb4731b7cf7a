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
