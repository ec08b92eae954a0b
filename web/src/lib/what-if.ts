/** @module How a slider position relates to the engine's weights: sliders speak profile v1 `priorities` (0..5), which the engine reads with priorityWeight (src/core/engine/weights.ts): p / 3 x max(derived weight, average weight). In the normalised weights of a decision without priorities the average is 1/n, so the priority that reproduces a criterion's derived weight is 3 when the rules weigh it at least average, and 3 x n x its weight when they weigh it less. */
import { PRIORITY_AVERAGE, priorityWeight } from '../../../src/core/browser.ts';

export const PRIORITY_MAX = 5;
/** Slider steps: quarters of a priority. */
export const PRIORITY_STEP = 0.25;

/**
 * The priority that gives a criterion the weight `weight` had in a decision made with no priorities at all
 * (`criteria` criteria): 3 for a criterion weighed at least average, less for one the rules weigh less; exact, not
 * rounded.
 * @example
 * priorityFromWeight(1 / 12, 12); // 3
 * priorityFromWeight(1 / 24, 12); // 1.5
 */
export function priorityFromWeight(weight: number, criteria: number): number {
  return PRIORITY_AVERAGE * Math.min(1, weight * criteria);
}

/** The weight a priority gives a criterion, in the normalised weights of a decision without priorities (mean 1/n). */
function weightAt(priority: number, weight: number, n: number): number {
  return priorityWeight(priority, weight, 1 / n);
}

/**
 * Where a slider's thumb sits for a priority: the nearest quarter step in 0..5 (the browser snaps to it too).
 * @example
 * sliderPosition(2.71); // 2.75
 */
export function sliderPosition(priority: number): number {
  return Math.min(PRIORITY_MAX, Math.max(0, Math.round(priority / PRIORITY_STEP) * PRIORITY_STEP));
}

/**
 * The priority at which a criterion reaches the normalised weight `flip`, the others staying as they are.
 * `baseWeights` are the weights with no priorities (so their mean is 1/n); `set` the priorities in force.
 * Null when no priority in 0..5 reaches it.
 * @example
 * flipPriority('a', 0.5, new Map([['a', 0.5], ['b', 0.5]]), {}); // 3
 */
export function flipPriority(
  id: string,
  flip: number,
  baseWeights: ReadonlyMap<string, number>,
  set: Readonly<Record<string, number>>,
): number | null {
  if (!(flip > 0 && flip < 1)) return null;
  const n = baseWeights.size;
  let others = 0;
  for (const [other, weight] of baseWeights) {
    if (other === id) continue;
    const priority = set[other];
    others += priority === undefined ? weight : weightAt(priority, weight, n);
  }
  const raw = (flip * others) / (1 - flip);
  const priority = raw / weightAt(1, baseWeights.get(id) ?? 0, n);
  return priority >= 0 && priority <= PRIORITY_MAX ? priority : null;
}
