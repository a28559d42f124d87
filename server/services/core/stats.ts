/**
 * Small, pure statistics for oversight: no database, no React, unit-tested.
 * Rates carry a Wilson score interval so a supervisor can tell a real
 * difference between officers from noise in small numbers.
 */

export type Rate = {
  /** Successes (e.g. decisions that agree with the AI). */
  k: number;
  /** Trials. */
  n: number;
  /** k / n, or null when n = 0. */
  p: number | null;
  /** 95% Wilson score interval, or null when n = 0. */
  lo: number | null;
  hi: number | null;
};

const Z95 = 1.959963984540054;

/** Wilson score interval for a binomial proportion (default 95%). */
export function wilson(k: number, n: number, z = Z95): { lo: number; hi: number } | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 or k = n the bound is exactly 0 or 1; say so rather than 0.9999999999999999.
  return { lo: k === 0 ? 0 : Math.max(0, centre - half), hi: k === n ? 1 : Math.min(1, centre + half) };
}

export function rate(k: number, n: number): Rate {
  const ci = wilson(k, n);
  return { k, n, p: n > 0 ? k / n : null, lo: ci?.lo ?? null, hi: ci?.hi ?? null };
}

/**
 * Cohen's kappa for two raters over the same items, from a square confusion
 * matrix (rows: first rater, columns: second). Null when undefined (no items,
 * or chance agreement is already 1 because both used a single category).
 */
export function cohensKappa(matrix: number[][]): number | null {
  const k = matrix.length;
  const total = matrix.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  if (total === 0) return null;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    observed += matrix[i][i];
    const rowSum = matrix[i].reduce((a, b) => a + b, 0);
    const colSum = matrix.reduce((s, row) => s + row[i], 0);
    expected += (rowSum / total) * (colSum / total);
  }
  const po = observed / total;
  if (expected >= 1) return null;
  return (po - expected) / (1 - expected);
}

/** Builds a confusion matrix over `categories` from (first, second, count) triples; unknown categories are ignored. */
export function confusionMatrix(categories: readonly string[], cells: { first: string; second: string; n: number }[]): number[][] {
  const index = new Map(categories.map((c, i) => [c, i]));
  const m = categories.map(() => categories.map(() => 0));
  for (const c of cells) {
    const i = index.get(c.first);
    const j = index.get(c.second);
    if (i !== undefined && j !== undefined) m[i][j] += c.n;
  }
  return m;
}

/**
 * Upper edges (ms) of the time-spent histogram buckets; bucket i holds
 * edges[i-1] <= t < edges[i], the last bucket t >= the last edge. Must match
 * width_bucket(...) in db/migrations/0007_analytics_rollups.sql.
 */
export const TIME_BUCKET_EDGES_MS = [
  5_000, 10_000, 15_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
] as const;
export const TIME_BUCKETS = TIME_BUCKET_EDGES_MS.length + 1;

/**
 * Estimates a quantile from bucket counts by linear interpolation inside the
 * bucket that holds it (the open last bucket reports its lower edge).
 * Null when the histogram is empty.
 */
export function histogramQuantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0 && cumulative + c >= target) {
      const lower = i === 0 ? 0 : TIME_BUCKET_EDGES_MS[i - 1];
      if (i >= TIME_BUCKET_EDGES_MS.length) return lower;
      const upper = TIME_BUCKET_EDGES_MS[i];
      return lower + ((target - cumulative) / c) * (upper - lower);
    }
    cumulative += c;
  }
  return TIME_BUCKET_EDGES_MS[TIME_BUCKET_EDGES_MS.length - 1];
}

/**
 * Bucket index of a time in ms, as Postgres width_bucket computes it.
 * @internal exported for the tests (knip: not an export of the product)
 */
export function timeBucket(ms: number): number {
  let i = 0;
  while (i < TIME_BUCKET_EDGES_MS.length && ms >= TIME_BUCKET_EDGES_MS[i]) i++;
  return i;
}
