/** @module How a slider position relates to the engine's weights: sliders speak profile v1 `priorities` (0..5). A priority p gives a criterion the raw weight p / 3 x max(its derived raw weight, the mean derived raw weight) (priorityWeight in src/core/engine/weights.ts), so the priority that reproduces a criterion's derived weight is 3 when the rules weigh it at least average, and 3 x n x its weight when they weigh it less. */

export const PRIORITY_MAX = 5;
/** The engine's reading of a priority: 3 keeps the rules' weight, or lifts it to an average criterion's (src/core/engine/weights.ts). */
export const PRIORITY_AVERAGE = 3;
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

/** What a priority of 1 is worth, in the normalised weights of a decision without priorities (see the module). */
function unitOf(weight: number, n: number): number {
  return Math.max(1 / n, weight) / PRIORITY_AVERAGE;
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
    others += priority === undefined ? weight : priority * unitOf(weight, n);
  }
  const raw = (flip * others) / (1 - flip);
  const priority = raw / unitOf(baseWeights.get(id) ?? 0, n);
  return priority >= 0 && priority <= PRIORITY_MAX ? priority : null;
}
