/** Median, 99th percentile and maximum of a set of samples, plus how many there were. */
export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentile `p` (0–100) of samples already sorted ascending. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Summarizes samples; throws on an empty set, which would mean a subject never ran. */
export function summarize(samples: readonly number[]): Summary {
  if (!samples.length) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** The middle sample (of an even count, the upper of the two): the editor measures' medians, 5 or 10 runs each. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
