import { describe, expect, it } from 'vitest';
import { compareText, roundTo, roundToSum } from './numbers.ts';

describe('roundToSum', () => {
  it('keeps the total exact after rounding', () => {
    const rounded = roundToSum([1 / 3, 1 / 3, 1 / 3], 3, 1);
    expect(rounded).toEqual([0.334, 0.333, 0.333]);
    expect(rounded.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it('still reaches the total when the inputs overshoot it', () => {
    const rounded = roundToSum([0.5004, 0.5004], 3, 1);
    expect(rounded.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it('sums to 1 for many uneven weights', () => {
    const raw = [0.1234, 0.0771, 0.2002, 0.1111, 0.0883, 0.4];
    const total = raw.reduce((a, b) => a + b, 0);
    const rounded = roundToSum(
      raw.map((w) => w / total),
      3,
      1,
    );
    expect(rounded.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('roundTo and compareText', () => {
  it('never returns negative zero', () => {
    expect(Object.is(roundTo(-0.0001, 3), 0)).toBe(true);
  });
  it('orders by code unit, not locale', () => {
    expect(['b', 'B', 'a'].sort(compareText)).toEqual(['B', 'a', 'b']);
  });
});
