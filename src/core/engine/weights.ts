/** @module The documented mapping from a profile to criterion weights: base weights times the multipliers of every rule whose condition holds (kb/weights.yaml), then the profile's `priorities` override. */
import type { Weights } from '../kb/schema.ts';
import type { Profile } from '../profile/schema.ts';
import { CRITERION_IDS, type CriterionId } from '../profile/vocabulary.ts';
import { evaluateCondition, type UnitFacts } from './conditions.ts';

/** A priority of 3 means "as important as the average criterion"; 0 ignores the criterion, 5 is 5/3 of average. */
export const PRIORITY_AVERAGE = 3;

/** Why one criterion has the weight it has. */
export type WeightTrace = {
  base: number;
  /** The rules that multiplied this criterion's weight, in table order. */
  rules: { id: string; factor: number; reason: string }[];
  /** The profile's priority (0..5) when it overrode the derived weight. */
  priority: number | undefined;
};

export type UnitWeights = {
  /** Raw (unnormalised) weights in CRITERION_IDS order. */
  raw: number[];
  /** Normalised weights in CRITERION_IDS order, adding up to 1. */
  normalized: number[];
  trace: Record<CriterionId, WeightTrace>;
};

/**
 * Derive the weights of one decision unit. Priorities replace the derived raw weight with
 * `priority / 3 x (mean derived raw weight)`, so a priority of 3 is an average criterion whatever the rules did.
 * @example
 * const w = deriveWeights(projectFacts(profile), kb.weights, profile.priorities);
 * w.normalized.reduce((a, b) => a + b); // 1
 */
export function deriveWeights(
  facts: UnitFacts,
  table: Weights,
  priorities: Profile['priorities'] | undefined,
): UnitWeights {
  const trace = {} as Record<CriterionId, WeightTrace>;
  const derived = CRITERION_IDS.map((id) => {
    const base = table.base[id] ?? 0;
    trace[id] = { base, rules: [], priority: undefined };
    return base;
  });
  for (const rule of table.rules) {
    if (!evaluateCondition(rule.when, facts)) continue;
    for (const [i, id] of CRITERION_IDS.entries()) {
      const factor = rule.multiply[id];
      if (factor === undefined) continue;
      derived[i] = (derived[i] ?? 0) * factor;
      trace[id].rules.push({ id: rule.id, factor, reason: rule.reason });
    }
  }
  const mean = derived.reduce((a, b) => a + b, 0) / derived.length;
  const raw = CRITERION_IDS.map((id, i) => {
    const priority = priorities?.[id];
    if (priority === undefined) return derived[i] ?? 0;
    trace[id].priority = priority;
    return (priority / PRIORITY_AVERAGE) * mean;
  });
  return { raw, normalized: normalize(raw), trace };
}

/**
 * Scale non-negative weights to add up to 1 (all equal when they are all zero).
 * @example
 * normalize([1, 3]); // [0.25, 0.75]
 */
export function normalize(raw: readonly number[]): number[] {
  const total = raw.reduce((a, b) => a + b, 0);
  if (total <= 0) return raw.map(() => 1 / raw.length);
  return raw.map((w) => w / total);
}
