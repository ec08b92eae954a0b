/** @module How a slider position relates to the engine's weights: sliders speak profile v1 `priorities` (0..5). */

export const PRIORITY_MAX = 5;
/** The engine's reading of a priority: 3 is "as important as the average criterion" (src/core/engine/weights.ts). */
export const PRIORITY_AVERAGE = 3;

/**
 * Where an unset slider sits: the priority that would give the criterion its current normalised weight
 * (weight x criteria x 3, since a priority of 3 is the average weight), clamped to 0..5 in quarter steps.
 * @example
 * priorityFromWeight(1 / 12, 12); // 3
 */
export function priorityFromWeight(weight: number, criteria: number): number {
  const priority = weight * criteria * PRIORITY_AVERAGE;
  return Math.min(PRIORITY_MAX, Math.max(0, Math.round(priority * 4) / 4));
}
