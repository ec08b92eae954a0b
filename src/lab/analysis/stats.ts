/** @module Nonparametric statistics for repeated runs, as benchstat does it: medians, seeded bootstrap confidence intervals, and the Mann-Whitney U test (alpha 0.05) with "~" for no significant difference. */
import { mulberry32 } from '../../core/index.ts';

/**
 * The median (mean of the two middle values for an even count).
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of an empty sample');
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export type BootstrapOptions = { seed: number; resamples?: number; level?: number };

/**
 * Percentile-bootstrap confidence interval of the median (default 10 000 resamples, 95%).
 * @example
 * bootstrapCi([10, 11, 12, 13, 40], { seed: 1 }); // { low: 10, high: 13 } or close, never beyond the data
 */
export function bootstrapCi(xs: readonly number[], options: BootstrapOptions): { low: number; high: number } {
  if (xs.length === 0) throw new RangeError('confidence interval of an empty sample');
  const resamples = options.resamples ?? 10_000;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  // The core's seeded PRNG (the one the engine's Monte-Carlo uses): lab statistics are reproducible from the run's seed.
  const random = mulberry32(options.seed);
  const n = xs.length;
  const medians = new Float64Array(resamples);
  const sample = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = xs[Math.floor(random() * n)] as number;
    sample.sort();
    const mid = n >> 1;
    medians[r] =
      n % 2 === 1 ? (sample[mid] as number) : ((sample[mid - 1] as number) + (sample[mid] as number)) / 2;
  }
  medians.sort();
  const alpha = (1 - level) / 2;
  const at = (q: number): number =>
    medians[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] as number;
  return { low: at(alpha), high: at(1 - alpha) };
}

/**
 * Complementary error function, computed directly (not as 1 - erf, so the upper tail keeps its precision): the
 * Chebyshev-fitted approximation of Numerical Recipes (`erfcc`, 2nd ed. §6.2), fractional error below 1.2e-7 everywhere.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Upper tail of the standard normal distribution. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Number of ways to get each U value for sample sizes m, n without ties (the exact null distribution). */
function exactUCounts(m: number, n: number): number[] {
  // counts[i][j][u] built row by row: f(i, j, u) = f(i-1, j, u-j) + f(i, j-1, u).
  let prev: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const row: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const size = i * j + 1;
      const cell = new Array<number>(size).fill(0);
      const left = row[j - 1] as number[];
      const up = prev[j] as number[];
      for (let u = 0; u < size; u++) cell[u] = (u - j >= 0 ? (up[u - j] ?? 0) : 0) + (left[u] ?? 0);
      row.push(cell);
    }
    prev = row;
  }
  return prev[n] as number[];
}

export type MannWhitneyResult = {
  /** U of the first sample: pairs (a, b) with a > b, ties counting one half. */
  u: number;
  /** Two-sided p-value. */
  p: number;
  significant: boolean;
  method: 'exact' | 'asymptotic';
};

/**
 * Two-sided Mann-Whitney U test (benchstat's default). Exact null distribution when there are no ties and the smaller
 * sample has at most 20 values; otherwise the normal approximation with tie and continuity corrections (as SciPy's
 * `mannwhitneyu(..., method='asymptotic')`).
 * @example
 * mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]); // { u: 0, p: 0.0079..., significant: true, method: 'exact' }
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
  options: { alpha?: number; method?: 'auto' | 'exact' | 'asymptotic' } = {},
): MannWhitneyResult {
  const alpha = options.alpha ?? 0.05;
  const wanted = options.method ?? 'auto';
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) throw new RangeError('Mann-Whitney U needs two non-empty samples');
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  // Mid-ranks for ties; collect tie group sizes for the variance correction.
  const ranks = new Array<number>(all.length);
  const tieSizes: number[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]?.v === all[i]?.v) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[k] = rank;
    if (j > i) tieSizes.push(j - i + 1);
    i = j + 1;
  }
  let rankSumA = 0;
  all.forEach((item, i) => {
    if (item.g === 0) rankSumA += ranks[i] as number;
  });
  const u = rankSumA - (m * (m + 1)) / 2;
  const uMax = Math.max(u, m * n - u);

  let p: number;
  let method: MannWhitneyResult['method'];
  if (wanted === 'exact' && tieSizes.length > 0)
    throw new RangeError('the exact Mann-Whitney test needs samples without ties');
  if (wanted === 'exact' || (wanted === 'auto' && tieSizes.length === 0 && Math.min(m, n) <= 20)) {
    method = 'exact';
    const counts = exactUCounts(m, n);
    const total = counts.reduce((s, c) => s + c, 0);
    let tail = 0;
    for (let k = Math.ceil(uMax); k < counts.length; k++) tail += counts[k] ?? 0;
    p = Math.min(1, (2 * tail) / total);
  } else {
    method = 'asymptotic';
    const N = m + n;
    const tieTerm = tieSizes.reduce((s, t) => s + t ** 3 - t, 0);
    const sigma = Math.sqrt(((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1))));
    const z = sigma === 0 ? 0 : (uMax - (m * n) / 2 - 0.5) / sigma;
    p = Math.min(1, 2 * normalSf(z));
  }
  return { u, p, significant: p < alpha, method };
}

export type Comparison = {
  median_a: number;
  median_b: number;
  ci_a: { low: number; high: number };
  ci_b: { low: number; high: number };
  /** (median_b − median_a) / median_a × 100. */
  delta_pct: number;
  p: number;
  significant: boolean;
  /** benchstat's rendering: "~" when not significant, else the signed delta, e.g. "-23.4%". */
  label: string;
  n_a: number;
  n_b: number;
};

/**
 * Compares repeated measurements of A and B (e.g. per-run p99 of Go and of Rust) the benchstat way.
 * @example
 * compareSamples(goP99s, rustP99s, { seed: 42 }).label; // "~" or "-31.2%"
 */
export function compareSamples(
  a: readonly number[],
  b: readonly number[],
  options: { seed: number },
): Comparison {
  const medianA = median(a);
  const medianB = median(b);
  const test = mannWhitneyU(a, b);
  const delta = medianA === 0 ? 0 : ((medianB - medianA) / medianA) * 100;
  return {
    median_a: medianA,
    median_b: medianB,
    ci_a: bootstrapCi(a, { seed: options.seed }),
    ci_b: bootstrapCi(b, { seed: options.seed + 1 }),
    delta_pct: Math.round(delta * 10) / 10,
    p: test.p,
    significant: test.significant,
    label: test.significant ? `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}%` : '~',
    n_a: a.length,
    n_b: b.length,
  };
}

/**
 * Percentile-bootstrap confidence interval of the ratio of medians median(a) / median(b): both samples are resampled
 * independently (default 10 000 resamples, 95%). Null when b's resampled median can be 0.
 * @example
 * ratioCi([3, 3.1, 2.9, 3.2], [2, 2.1, 1.9, 2], { seed: 1 }); // { low: ~1.4, high: ~1.7 }
 */
export function ratioCi(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions,
): { low: number; high: number } | null {
  if (a.length === 0 || b.length === 0) throw new RangeError('ratio interval of an empty sample');
  const resamples = options.resamples ?? 10_000;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const random = mulberry32(options.seed);
  const medianOf = (xs: readonly number[], scratch: Float64Array): number => {
    const n = xs.length;
    for (let i = 0; i < n; i++) scratch[i] = xs[Math.floor(random() * n)] as number;
    scratch.sort();
    const mid = n >> 1;
    return n % 2 === 1
      ? (scratch[mid] as number)
      : ((scratch[mid - 1] as number) + (scratch[mid] as number)) / 2;
  };
  const sa = new Float64Array(a.length);
  const sb = new Float64Array(b.length);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const mb = medianOf(b, sb);
    const ma = medianOf(a, sa);
    if (mb === 0) return null;
    ratios[r] = ma / mb;
  }
  ratios.sort();
  const alpha = (1 - level) / 2;
  const at = (q: number): number =>
    ratios[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] as number;
  return { low: at(alpha), high: at(1 - alpha) };
}
