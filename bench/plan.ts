// The shape of the bench's timed rounds, shared by `run.ts` and `tailProfile.ts` so the tail profile times what the bench times.

/** Work per document per round; yaml-language-server waits 200 ms before validating, so it gets fewer changes. */
export interface Slice {
  changes: number;
  /** Requests per completion position (two positions). */
  completions: number;
  hovers: number;
}

/** Timed rounds, each over every document. */
export const rounds = 50;
/** Rounds run first and not counted. */
export const warmUpRounds = 3;
/** Quiet time after each slice, ms: what one subject leaves running (yaml-language-server's debounced validation, a concurrent GC) stays out of the next one's timing. */
export const settleMs = 50;
/** Our server's slice, which the floor gets too. */
export const ourSlice: Slice = { changes: 16, completions: 10, hovers: 20 };
/** yaml-language-server's slice. */
export const yamlSlice: Slice = { changes: 1, completions: 1, hovers: 2 };
