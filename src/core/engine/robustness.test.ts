import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignUnits,
  combineVerdict,
  flipWeight,
  moreProbableRival,
  mulberry32,
  type RobustUnit,
} from './robustness.ts';
import { normalize } from './weights.ts';

const diffs = [-2.5, -3, 1.5, 3.5];

function marginAt(raw: readonly number[], criterion: number, weight: number): number {
  // Set the criterion's normalised weight to `weight`, scaling the others proportionally.
  const w = normalize(raw);
  const own = w[criterion] ?? 0;
  return w.reduce(
    (m, wi, i) => m + (i === criterion ? weight : (wi * (1 - weight)) / (1 - own)) * (diffs[i] ?? 0),
    0,
  );
}

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('flipWeight', () => {
  it('returns the weight at which a single unit changes sides, checked against the margin itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (raw) => {
          const unit: RobustUnit = { fixed: undefined, raw };
          const w = normalize(raw);
          const nominal = combineVerdict(assignUnits([unit], diffs));
          for (let c = 0; c < diffs.length; c++) {
            const point = flipWeight([unit], diffs, c, w[c] ?? 0);
            if (point === null) continue;
            const flip = point.weight;
            // The verdict it names is the one past the flip: never today's.
            expect(point.to).not.toBe(nominal);
            expect(flip).toBeGreaterThanOrEqual(0);
            expect(flip).toBeLessThanOrEqual(1);
            expect(Math.abs(marginAt(raw, c, flip))).toBeLessThan(1e-6);
            // Just past the flip weight (away from today's weight) the verdict is the other language.
            const beyond = flip + (flip > (w[c] ?? 0) ? 1e-4 : -1e-4);
            if (beyond > 0 && beyond < 1) {
              expect(marginAt(raw, c, beyond) >= 0 ? 'go' : 'rust').not.toBe(nominal);
            }
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
  it('is null when no weight in [0, 1] flips the verdict', () => {
    // Rust wins every criterion: nothing can flip it.
    const unit: RobustUnit = { fixed: undefined, raw: [1, 1, 1] };
    expect(flipWeight([unit], [-1, -2, -3], 0, 1 / 3)).toBeNull();
  });
  it('is null for units fixed by a gate', () => {
    expect(flipWeight([{ fixed: 'rust', raw: [1, 1, 1, 1] }], diffs, 3, 0.25)).toBeNull();
  });
});

describe('moreProbableRival', () => {
  it('names the verdict more draws give than the central one, and nothing on a tie or when none does', () => {
    // Trow, a real decision: Hybrid at the centre, Go in more of the draws.
    expect(moreProbableRival('hybrid', { go: 0.4996, rust: 0.0394, hybrid: 0.461 })).toBe('go');
    expect(moreProbableRival('go', { go: 0.6, rust: 0.4, hybrid: 0 })).toBeUndefined();
    expect(moreProbableRival('rust', { go: 0.5, rust: 0.5, hybrid: 0 })).toBeUndefined();
  });
});
