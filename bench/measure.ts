/** Runs a measurement several times and prints one JSON line with the medians. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Calls `run` `warmup + runs` times; returns the median of each named figure over the timed runs. */
export function measure<T extends Record<string, number>>(
  runs: number,
  warmup: number,
  run: () => T,
): Record<keyof T, number> {
  const samples: T[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const sample = run();
    if (i >= warmup) samples.push(sample);
  }
  const keys = Object.keys(samples[0] ?? {}) as (keyof T)[];
  return Object.fromEntries(
    keys.map((k) => [k, round(median(samples.map((s) => s[k] as number)))]),
  ) as Record<keyof T, number>;
}
