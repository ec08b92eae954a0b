/** @module Tests of the rate ladder and the headline rate. */
import { describe, expect, it } from 'vitest';
import { headlineRate, rateLadder } from './ladder.ts';

describe('rateLadder', () => {
  it('spans about 10% to 90% of capacity, ascending, rounded to two significant digits', () => {
    expect(rateLadder(12_345, { quick: false })).toEqual([1200, 3100, 6200, 8600, 9900, 11_000]);
    expect(rateLadder(12_345, { quick: true })).toEqual([1200, 6200, 11_000]);
  });

  it('stays integer and distinct for tiny capacities and rejects nonsense', () => {
    expect(rateLadder(5, { quick: false })).toEqual([1, 3, 4, 5]);
    expect(() => rateLadder(0, { quick: true })).toThrow(RangeError);
    expect(() => rateLadder(Number.NaN, { quick: true })).toThrow(RangeError);
  });
});

describe('headlineRate', () => {
  const steps = [
    { target_rps: 100, valid: true, p99_ms: 2 },
    { target_rps: 500, valid: true, p99_ms: 8 },
    { target_rps: 900, valid: false, p99_ms: 3 },
    { target_rps: 700, valid: true, p99_ms: 60 },
  ];

  it('is the highest valid rate within the SLO; invalid steps never count', () => {
    expect(headlineRate(steps, 10)).toBe(500);
    expect(headlineRate(steps, 100)).toBe(700);
    expect(headlineRate(steps, 1)).toBeNull();
  });

  it('needs every valid repeat of a rate to meet the SLO, with under 1% errors', () => {
    expect(headlineRate([...steps, { target_rps: 500, valid: true, p99_ms: 12 }], 10)).toBe(100);
    expect(
      headlineRate([{ target_rps: 100, valid: true, p99_ms: 2, errors: 10, requests: 1000 }], 10),
    ).toBeNull();
  });
});
