/** @module The significance gate: one workload's headline comparison of Go and Rust (ratio of medians with its 95% bootstrap interval, Mann-Whitney p-value), and the rule that only a significant difference names a winner. */
import { formatFigure } from '../../core/report/format.ts';
import { mannWhitneyU, median, ratioCi } from './stats.ts';
import type { HeadlineComparison } from './summary-types.ts';

/** The significance level of every lab comparison (benchstat's). */
export const ALPHA = 0.05;

export type HeadlineOptions = {
  metric: string;
  rate_rps: number | null;
  /** Seed of the bootstrap (the run's). */
  seed: number;
  /** A quick run: indicative only, never significant whatever its p-value. */
  indicative: boolean;
};

/** Smallest two-sided exact Mann-Whitney p-value two samples of these sizes can reach (no ties). */
export function smallestP(m: number, n: number): number {
  // 2 / C(m + n, m): only the most extreme ordering reaches it.
  let c = 1;
  for (let i = 1; i <= Math.min(m, n); i++) c = (c * (m + n - i + 1)) / i;
  return Math.min(1, 2 / c);
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * Compare the per-repeat values of one figure (lower is better) between Go and Rust. Significant when the
 * Mann-Whitney p-value is below 0.05 with at least two valid repeats each and the run is not a quick one; only then is
 * there a winner (the lower median).
 * @example
 * headlineComparison([10, 11, 12, 10.5, 11.5], [5, 5.2, 4.9, 5.1, 5.3], { metric: 'p99_ms', rate_rps: 800, seed: 1, indicative: false });
 * // { ratio: 2.1..., p_value: 0.0079..., significant: true, winner: 'rust', ... }
 */
export function headlineComparison(
  go: readonly number[],
  rust: readonly number[],
  options: HeadlineOptions,
): HeadlineComparison {
  const mg = go.length > 0 ? median(go) : null;
  const mr = rust.length > 0 ? median(rust) : null;
  const base: HeadlineComparison = {
    metric: options.metric,
    rate_rps: options.rate_rps,
    go: mg,
    rust: mr,
    ratio: mg !== null && mr !== null && mr !== 0 ? mg / mr : null,
    ratio_ci: null,
    p_value: null,
    significant: false,
    winner: null,
    n_go: go.length,
    n_rust: rust.length,
    reason: null,
  };
  if (mg === null || mr === null) {
    const missing = [mg === null ? 'Go' : null, mr === null ? 'Rust' : null].filter(Boolean).join(' and ');
    return { ...base, reason: `no valid ${options.metric} for ${missing}` };
  }
  if (go.length >= 2 && rust.length >= 2) {
    base.ratio_ci = ratioCi(go, rust, { seed: options.seed });
    if (base.ratio_ci)
      base.ratio_ci = { low: round(base.ratio_ci.low, 4), high: round(base.ratio_ci.high, 4) };
    base.p_value = mannWhitneyU(go, rust, { alpha: ALPHA }).p;
  }
  if (options.indicative) {
    return {
      ...base,
      reason: `quick run: indicative only, ${go.length} and ${rust.length} repeats cannot show significance (the smallest possible p is ${round(smallestP(go.length, rust.length), 2)})`,
    };
  }
  if (base.p_value === null) {
    return {
      ...base,
      reason: `too few valid repeats to test (${go.length} Go, ${rust.length} Rust; at least 2 each)`,
    };
  }
  if (!(base.p_value < ALPHA) || mg === mr) {
    return {
      ...base,
      reason: `no significant difference (p = ${round(base.p_value, 3)}, needs < ${ALPHA})`,
    };
  }
  return { ...base, significant: true, winner: mg < mr ? 'go' : 'rust' };
}

/**
 * The measured comparison in words, for a figure the decision leaves beside the prior.
 * @example
 * describeComparison(c); // 'Go p99 1.9 ms vs Rust 1 ms at 5000 req/s, ratio 1.88 (95% CI 0.9-3.1), p = 0.33'
 */
export function describeComparison(c: HeadlineComparison): string {
  const unit = c.metric.endsWith('_ms') ? ' ms' : c.metric.endsWith('_s') ? ' s' : '';
  const name = c.metric.replace(/_(ms|s)$/, '');
  const at = c.rate_rps === null ? '' : ` at ${formatFigure(c.rate_rps)} req/s`;
  const ci = c.ratio_ci ? ` (95% CI ${formatFigure(c.ratio_ci.low)}-${formatFigure(c.ratio_ci.high)})` : '';
  const p =
    c.p_value === null
      ? ''
      : `, p = ${c.p_value < 0.001 ? c.p_value.toExponential(1) : String(Number(c.p_value.toPrecision(2)))}`;
  return `Go ${name} ${formatFigure(c.go)}${unit} vs Rust ${formatFigure(c.rust)}${unit}${at}, ratio ${formatFigure(c.ratio)}${ci}${p}`;
}
