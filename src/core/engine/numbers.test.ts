import { describe, expect, it } from 'vitest';
import {
  compareText,
  formatAmount,
  formatColumn,
  formatFigure,
  formatFixed,
  formatRate,
  formatRateColumn,
  roundTo,
  roundToSum,
} from './numbers.ts';

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

describe('formatRate', () => {
  it('never shows a rare call as 0 calls per request, in a sentence or down a column', () => {
    expect(formatRate(0.0001)).toBe('0.0001');
    expect(formatRate(0.00025)).toBe('0.00025');
    expect(formatRate(0.05)).toBe('0.05');
    expect(formatRate(200)).toBe('200');
    expect(formatRateColumn([50, 0.0001])).toEqual(['50.0000', '0.0001']);
    expect(formatRateColumn([1, 0.05])).toEqual(['1.00', '0.05']);
  });
});

describe('formatAmount', () => {
  it('keeps a stated amount as given, thousands grouped: 12,500.5 never reads 12,501', () => {
    expect(formatAmount(12500.5)).toBe('12,500.5');
    expect(formatAmount(-12500.25)).toBe('-12,500.25');
    expect(formatAmount(100000)).toBe('100,000');
    expect(formatAmount(1234567.125, 3)).toBe('1,234,567.125');
    expect(formatAmount(12.5)).toBe('12.5');
    expect(formatAmount(0.5)).toBe('0.5');
  });
  it('never writes an amount that is not zero as 0 (an SLO of 0.000001 ms read "0 ms")', () => {
    expect(formatAmount(0.000001, 3)).toBe('0.000001');
    expect(formatAmount(0.0042)).toBe('0.0042');
    expect(formatAmount(-0.0042)).toBe('-0.0042');
    expect(formatAmount(0.004, 3)).toBe('0.004');
    expect(formatAmount(0)).toBe('0');
    expect(formatAmount(1e-300)).toBe('1e-300');
    expect(formatAmount(2.5e-13, 3)).toBe('2.5e-13');
  });
  it('still rounds a measured figure to the precision its size holds', () => {
    expect(formatFigure(12500.5)).toBe('12,501');
    expect(formatFigure(9.4)).toBe('9.40');
  });
});

describe('formatFixed and formatColumn', () => {
  it('writes exactly the decimals asked for, never -0', () => {
    expect(formatFixed(9, 1)).toBe('9.0');
    expect(formatFixed(-0.01, 1)).toBe('0.0');
    expect(formatFixed(12500.5, 1)).toBe('12,500.5');
  });
  it('gives a whole column the precision its most precise value needs', () => {
    expect(formatColumn([9, 9.4])).toEqual(['9.0', '9.4']);
    expect(formatColumn([1, 0.05], 3)).toEqual(['1.00', '0.05']);
    expect(formatColumn([2, 40, 1000])).toEqual(['2', '40', '1,000']);
    expect(formatColumn([1 / 3, 1], 2)).toEqual(['0.33', '1.00']);
  });
});
