/** @module Tests of the lab statistics against known values (SciPy documentation examples, hand-computed tie cases). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/index.ts';
import { bootstrapCi, compareSamples, mannWhitneyU, median, normalSf } from './stats.ts';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('mannWhitneyU', () => {
  it('matches the SciPy documentation example (exact: U=17, p=0.1111; asymptotic p=0.11134688653314041)', () => {
    const males = [19, 22, 16, 29, 24];
    const females = [20, 11, 17, 12];
    const exact = mannWhitneyU(males, females);
    expect(exact.method).toBe('exact');
    expect(exact.u).toBe(17);
    expect(exact.p).toBeCloseTo(1 / 9, 12);
    expect(exact.significant).toBe(false);
    const asymptotic = mannWhitneyU(males, females, { method: 'asymptotic' });
    expect(asymptotic.p).toBeCloseTo(0.11134688653314041, 6);
  });

  it('gives p = 2/252 for two completely separated samples of five', () => {
    const r = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r).toMatchObject({ u: 0, method: 'exact', significant: true });
    expect(r.p).toBeCloseTo(2 / 252, 12);
    expect(mannWhitneyU([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]).u).toBe(25);
  });

  it('uses mid-ranks and the tie-corrected variance when values tie', () => {
    // Hand computation: ranks 1,3,3,6 -> U=3; sigma^2 = 16/12 * (9 - 48/56); z = (13-8-0.5)/sigma.
    const r = mannWhitneyU([1, 2, 2, 3], [2, 3, 3, 4]);
    expect(r.method).toBe('asymptotic');
    expect(r.u).toBe(3);
    expect(r.p).toBeCloseTo(0.17203370892182296, 6);
    expect(() => mannWhitneyU([1, 2, 2], [2, 3], { method: 'exact' })).toThrow(RangeError);
  });

  it('finds no difference between identical samples and a clear one between shifted samples of 10', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5]).p).toBe(1);
    const a = [10.1, 10.4, 9.8, 10.0, 10.2, 9.9, 10.3, 10.05, 9.95, 10.15];
    const b = a.map((x) => x * 1.2);
    expect(mannWhitneyU(a, b).significant).toBe(true);
  });

  it('is symmetric: swapping the samples keeps p and mirrors U', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }),
        (a, b) => {
          const ab = mannWhitneyU(a, b);
          const ba = mannWhitneyU(b, a);
          expect(ab.p).toBeCloseTo(ba.p, 12);
          expect(ab.u + ba.u).toBeCloseTo(a.length * b.length, 9);
          expect(ab.p).toBeGreaterThan(0);
          expect(ab.p).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('normalSf', () => {
  it('matches standard normal tail values', () => {
    expect(normalSf(0)).toBeCloseTo(0.5, 7);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 6);
    expect(normalSf(-1)).toBeCloseTo(0.8413447460685429, 6);
  });
});

describe('bootstrapCi', () => {
  it('is reproducible from the seed and changes with it', () => {
    const xs = [12, 15, 11, 19, 14, 13, 30, 12, 16, 14];
    expect(bootstrapCi(xs, { seed: 7 })).toEqual(bootstrapCi(xs, { seed: 7 }));
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('brackets the median and stays inside the data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (xs, seed) => {
          const ci = bootstrapCi(xs, { seed, resamples: 500 });
          expect(ci.low).toBeLessThanOrEqual(ci.high);
          expect(ci.low).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(ci.high).toBeLessThanOrEqual(Math.max(...xs));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('collapses for a constant sample and narrows with more data', () => {
    expect(bootstrapCi([5, 5, 5, 5], { seed: 1 })).toEqual({ low: 5, high: 5 });
    const random = mulberry32(3);
    const small = Array.from({ length: 10 }, () => 100 + random() * 20);
    const large = Array.from({ length: 400 }, () => 100 + random() * 20);
    const width = (ci: { low: number; high: number }): number => ci.high - ci.low;
    expect(width(bootstrapCi(large, { seed: 1 }))).toBeLessThan(width(bootstrapCi(small, { seed: 1 })));
  });
});

describe('compareSamples', () => {
  it('renders "~" when the difference is not significant and a signed delta when it is', () => {
    const same = compareSamples([10, 11, 12], [11, 10, 12], { seed: 1 });
    expect(same.label).toBe('~');
    const a = [10, 10.2, 9.9, 10.1, 10.05, 9.95, 10.15, 10.0, 9.85, 10.1];
    const faster = compareSamples(
      a,
      a.map((x) => x * 0.7),
      { seed: 1 },
    );
    expect(faster.significant).toBe(true);
    expect(faster.label).toBe('-30.0%');
    expect(faster.ci_b.high).toBeLessThan(faster.ci_a.low);
  });
});
