/** @module Tests of the shared number formatting of the reports. */
import { describe, expect, it } from 'vitest';
import { formatPercentPair, formatScore } from './format.ts';

describe('formatScore', () => {
  it('always shows two decimals, so neighbouring scores compare', () => {
    expect(formatScore(7.5)).toBe('7.50');
    expect(formatScore(7.467)).toBe('7.47');
    expect(formatScore(10)).toBe('10.00');
    expect(formatScore(-0.001)).toBe('0.00');
  });
});

describe('formatPercentPair', () => {
  it('keeps whole percentages when they already differ', () => {
    expect(formatPercentPair(0.3, 0.05)).toEqual(['30%', '5%']);
    expect(formatPercentPair(0.2, 0.2)).toEqual(['20%', '20%']);
  });
  it('adds a decimal when both round to the same whole percentage', () => {
    expect(formatPercentPair(0.055, 0.062)).toEqual(['5.5%', '6.2%']);
    expect(formatPercentPair(0.003, 0.004)).toEqual(['0.3%', '0.4%']);
  });
  it('adds a second decimal when one is not enough', () => {
    expect(formatPercentPair(0.0551, 0.0554)).toEqual(['5.51%', '5.54%']);
  });
});
