/** @module Tests of the significance gate: only a Mann-Whitney p below 0.05 from a run that is not quick names a winner; the ratio interval and the reasons are honest. */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/index.ts';
import { headlineComparison, smallestP } from './comparison.ts';

const opts = { metric: 'p99_ms', rate_rps: 800, seed: 1, indicative: false };

/** n values around `center` with +-`spread` relative uniform noise (seeded). */
function noisy(center: number, n: number, spread: number, seed: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => center * (1 + spread * (2 * random() - 1)));
}

describe('headlineComparison', () => {
  it('names the faster language when the difference is significant, with the ratio and its 95% interval', () => {
    const c = headlineComparison([10, 10.4, 9.8, 10.2, 10.1], [5, 5.1, 4.9, 5.2, 5.05], opts);
    expect(c.significant).toBe(true);
    expect(c.winner).toBe('rust');
    expect(c.p_value).toBeCloseTo(2 / 252, 6);
    expect(c.ratio).toBeCloseTo(10.1 / 5.05, 6);
    expect(c.ratio_ci?.low).toBeGreaterThan(1.8);
    expect(c.ratio_ci?.high).toBeLessThan(2.2);
    expect(c.reason).toBeNull();
    expect(headlineComparison([5, 5.1, 4.9, 5.2, 5.05], [10, 10.4, 9.8, 10.2, 10.1], opts).winner).toBe('go');
  });

  it('says "no significant difference" (no winner) when the samples overlap, however far apart the medians', () => {
    const c = headlineComparison([1, 9, 2, 8, 3], [2, 7, 3, 9, 1.5], opts);
    expect(c.significant).toBe(false);
    expect(c.winner).toBeNull();
    expect(c.p_value).toBeGreaterThan(0.05);
    expect(c.reason).toMatch(/^no significant difference \(p = /);
  });

  it('never calls a quick run significant, and says why: two repeats cannot reach p < 0.05', () => {
    // The quick run of the issue: Go 1.88x Rust, every Go value above every Rust value, p = 0.33.
    const c = headlineComparison([1.88, 1.9], [1, 1.01], { ...opts, indicative: true });
    expect(c.p_value).toBeCloseTo(1 / 3, 6);
    expect(c.significant).toBe(false);
    expect(c.winner).toBeNull();
    expect(c.reason).toMatch(/quick run: indicative only.*smallest possible p is 0\.33/);
    // Even a quick run with many repeats stays indicative.
    expect(
      headlineComparison(noisy(2, 8, 0.01, 1), noisy(1, 8, 0.01, 2), { ...opts, indicative: true }).winner,
    ).toBeNull();
  });

  it('has no winner without two valid repeats on each side, or without one language', () => {
    expect(headlineComparison([3], [1], opts).reason).toMatch(/too few valid repeats/);
    const missing = headlineComparison([3, 4], [], opts);
    expect(missing.rust).toBeNull();
    expect(missing.winner).toBeNull();
    expect(missing.reason).toBe('no valid p99_ms for Rust');
  });

  it('shows a 1.5x p99 difference at p < 0.05 with the standard mode repeats and 15% run-to-run noise', () => {
    // Six interleaved repeats per language (labPlan('standard')); noise as seen between lab repeats.
    for (let seed = 1; seed <= 20; seed++) {
      const c = headlineComparison(noisy(1.5, 6, 0.15, seed), noisy(1, 6, 0.15, seed + 100), opts);
      expect(c.winner, `seed ${seed}`).toBe('rust');
    }
  });

  it('knows the smallest p a sample size can reach', () => {
    expect(smallestP(2, 2)).toBeCloseTo(1 / 3, 9);
    expect(smallestP(3, 3)).toBeCloseTo(0.1, 9);
    expect(smallestP(4, 4)).toBeCloseTo(2 / 70, 9);
    expect(smallestP(6, 6)).toBeCloseTo(2 / 924, 9);
  });
});
