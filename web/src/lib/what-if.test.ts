/** @module Tests of the slider-to-priority mapping. */
import { describe, expect, it } from 'vitest';
import { priorityFromWeight } from './what-if.ts';

describe('priorityFromWeight', () => {
  it('puts an average criterion at priority 3, the engine meaning of 3', () => {
    expect(priorityFromWeight(1 / 12, 12)).toBe(3);
  });

  it('clamps to the 0..5 slider range in quarter steps', () => {
    expect(priorityFromWeight(0, 12)).toBe(0);
    expect(priorityFromWeight(0.5, 12)).toBe(5);
    expect(priorityFromWeight(0.05, 12)).toBe(1.75);
  });
});
