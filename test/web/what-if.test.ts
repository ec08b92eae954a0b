/** @module Tests of the slider-to-priority mapping, against the real engine: an untouched slider's priority reproduces the derived weight exactly, and the flip mark sits where the verdict flips. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, parseProfileText } from '../../src/core/index.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';
import { flipPriority, priorityFromWeight, sliderPosition } from '../../web/src/lib/what-if.ts';

const kb = readKnowledgeBase();
const profile = parseProfileText(
  readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'close-call.yaml'), 'utf8'),
  'close-call.yaml',
);
const options = { seed: 1, samples: 1500 };
const bare = { ...profile, priorities: undefined };

describe('priorityFromWeight', () => {
  it('puts a criterion weighed at least average at priority 3, and one weighed less below it, as the engine reads 3', () => {
    expect(priorityFromWeight(1 / 12, 12)).toBe(3);
    expect(priorityFromWeight(0.3, 12)).toBe(3);
    expect(priorityFromWeight(1 / 24, 12)).toBe(1.5);
  });

  // The decision's weights are rounded to 0.001, so a priority computed from them reproduces the derived weight
  // only to that rounding (and the Monte-Carlo figures, even the close call's verdict, can then move): the sliders therefore never pin an
  // untouched criterion, and drop an override that is put back where it started.
  it('gives the priority that reproduces the derived weight, to the decision weights rounding', () => {
    const base = decide(bare, kb, options);
    const n = base.criteria.length;
    for (const row of base.criteria) {
      const pinned = decide(
        { ...bare, priorities: { [row.id]: priorityFromWeight(row.weight, n) } },
        kb,
        options,
      );
      pinned.criteria.forEach((other, i) => {
        expect(Math.abs(other.weight - (base.criteria[i]?.weight ?? Number.NaN))).toBeLessThanOrEqual(0.0011);
      });
    }
  });
});

describe('sliderPosition', () => {
  it('snaps to quarter steps within 0..5', () => {
    expect(sliderPosition(2.71)).toBe(2.75);
    expect(sliderPosition(-1)).toBe(0);
    expect(sliderPosition(7)).toBe(5);
  });
});

describe('flipPriority', () => {
  it('marks the priority at which the verdict flips, for every criterion that flips within 0..5', () => {
    const base = decide(bare, kb, options);
    const weights = new Map(base.criteria.map((row) => [row.id, row.weight]));
    let checked = 0;
    for (const row of base.sensitivity) {
      if (row.flip_weight === null) continue;
      const at = flipPriority(row.criterion, row.flip_weight, weights, {});
      if (at === null) continue;
      checked++;
      // Just past the mark the criterion's weight crosses the flip weight.
      const over = decide({ ...bare, priorities: { [row.criterion]: Math.min(5, at + 0.1) } }, kb, options);
      const under = decide({ ...bare, priorities: { [row.criterion]: Math.max(0, at - 0.1) } }, kb, options);
      const weightOf = (d: typeof base) => d.criteria.find((c) => c.id === row.criterion)?.weight ?? 0;
      expect((weightOf(over) - row.flip_weight) * (weightOf(under) - row.flip_weight)).toBeLessThan(0);
    }
    expect(checked).toBeGreaterThan(0);
  });
});
