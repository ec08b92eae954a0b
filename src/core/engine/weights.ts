/** @module The documented mapping from a profile to criterion weights: base weights times every rule whose condition holds, each raised to its continuous strength (kb/weights.yaml), the stacked product bounded, one criterion's share capped, then the profile's `priorities` override. */
import type { Scale, Weights } from '../kb/schema.ts';
import type { Profile } from '../profile/schema.ts';
import { CRITERION_IDS, type CriterionId } from '../profile/vocabulary.ts';
import {
  conditionFacts,
  evaluateCondition,
  type FactValue,
  type PressureModel,
  scaleFactPath,
  scaleFactValue,
  type UnitFacts,
} from './conditions.ts';
import { roundTo } from './numbers.ts';

/**
 * A priority p sets a criterion's raw weight to p / 3 x the larger of its derived weight and the average criterion's:
 * 3 keeps a weight the rules raised and lifts one they lowered to average, 0 ignores the criterion, 5 is 5/3 of that.
 * So a priority of 3 or more never weighs a criterion less than the facts do.
 */
export const PRIORITY_AVERAGE = 3;

/**
 * The raw weight a priority gives a criterion whose derived raw weight is `derived` among criteria whose mean
 * derived raw weight is `mean` (see PRIORITY_AVERAGE). Continuous and increasing in the priority.
 * @example
 * priorityWeight(5, 2.4, 1); // 4: 5/3 of the derived 2.4, which is above average
 * priorityWeight(3, 0.3, 1); // 1: lifted to the average
 */
export function priorityWeight(priority: number, derived: number, mean: number): number {
  return (priority / PRIORITY_AVERAGE) * Math.max(mean, derived);
}

/** A profile fact, by its path in the profile, and its value. */

/**
 * What a rule cites for one criterion it multiplies: its evidence that concerns the criterion, or, where none does
 * (`policy_for` in kb/weights.yaml, which the knowledge-base check keeps in step), a modelling choice.
 */
function citedFor(
  rule: Weights['rules'][number],
  id: CriterionId,
  concerns: (evidence: string, criterion: CriterionId) => boolean,
): { evidence: string[]; policy: boolean } {
  if (rule.policy) return { evidence: rule.evidence, policy: true };
  const evidence = rule.evidence.filter((e) => concerns(e, id));
  return { evidence, policy: evidence.length === 0 || rule.policy_for.includes(id) };
}

/** One reason a criterion's weight is what it is. */
export type WeightReason = {
  /** The rule id (kb/weights.yaml), `cap-product`, `cap-share` or `priority`. */
  id: string;
  /** The factor applied: the rule's factor raised to its strength. */
  factor: number;
  /** The rule's full factor and how much of it applied (0..1, from its continuous scale). */
  full: number;
  strength: number;
  reason: string;
  /** The profile facts that made the rule apply. */
  facts: FactValue[];
  evidence: string[];
  policy: boolean;
};

/** Why one criterion has the weight it has. */
export type WeightTrace = {
  base: number;
  /** The rules that multiplied this criterion's weight, in table order, then any cap. */
  rules: WeightReason[];
  /** The profile's priority (0..5) when it set this weight (see PRIORITY_AVERAGE). */
  priority: number | undefined;
  /** With a priority: the factor it applied to the derived weight, and whether it started from the average criterion's weight (the rules gave less) rather than the derived one. */
  priorityFactor?: number;
  priorityLifted?: boolean;
  /**
   * With stakeholders: their weights, averaged by each one's weight, replace the unit's own. `factor` is the group's
   * normalised weight over the one the unit's rules and the project's priorities give; `people` each priority
   * (the project's where a person set none; undefined where neither did), `index` in `stakeholders`.
   */
  stakeholders?: {
    factor: number;
    people: { index: number; name: string; priority: number | undefined; inherited: boolean }[];
  };
};

export type UnitWeights = {
  /** Raw (unnormalised) weights in CRITERION_IDS order. */
  raw: number[];
  /** Normalised weights in CRITERION_IDS order, adding up to 1. */
  normalized: number[];
  trace: Record<CriterionId, WeightTrace>;
};

/**
 * How strongly a scale applies to a value: 0 at `none`, 1 at `full`, linear in log(value) (or in the value with
 * `linear`) between them; continuous and monotone. A missing value gives the scale's `missing` strength.
 * @example
 * rampStrength({ fact: 'deadline_weeks', full: 6, none: 24, linear: false, missing: 0 }, 12); // 0.5
 */
export function rampStrength(scale: Scale, value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return scale.missing;
  let t: number;
  if (scale.linear) {
    t = (value - scale.none) / (scale.full - scale.none);
  } else {
    const tiny = 1e-9;
    const lv = Math.log(Math.max(value, tiny));
    const ln = Math.log(Math.max(scale.none, tiny));
    const lf = Math.log(Math.max(scale.full, tiny));
    t = (lv - ln) / (lf - ln);
  }
  return Math.min(1, Math.max(0, t));
}

/**
 * Derive the weights of one decision unit. A priority sets the raw weight to
 * `priority / 3 x max(derived raw weight, mean derived raw weight)` (priorityWeight): 3 keeps what the rules give a
 * criterion, or lifts it to average when they give it less, so a high priority never lowers a derived weight.
 * @example
 * const w = deriveWeights(projectFacts(profile), kb.weights, profile.priorities, model);
 * w.normalized.reduce((a, b) => a + b); // 1
 */
export function deriveWeights(
  facts: UnitFacts,
  table: Weights,
  priorities: Profile['priorities'] | undefined,
  model: PressureModel,
  /** Record the reasons (facts, evidence); false when only the numbers are needed. */
  explain = true,
  /** Whether an evidence record concerns a criterion (it lists it): a rule's reason on a criterion cites only those. */
  concerns: (evidence: string, criterion: CriterionId) => boolean = () => true,
): UnitWeights {
  if (!explain) return leanWeights(facts, table, priorities, model);
  const trace = {} as Record<CriterionId, WeightTrace>;
  const product = CRITERION_IDS.map(() => 1);
  for (const id of CRITERION_IDS) trace[id] = { base: table.base[id] ?? 0, rules: [], priority: undefined };
  for (const rule of table.rules) {
    if (!evaluateCondition(rule.when, facts)) continue;
    let strength = 1;
    const triggered = explain ? conditionFacts(rule.when, facts) : [];
    for (const scale of rule.scale) {
      const value = scaleFactValue(scale.fact, facts, model);
      strength *= rampStrength(scale, value);
      if (explain && value !== undefined) {
        triggered.push({ path: scaleFactPath(scale.fact, facts), value: shown(scale.fact, value, facts) });
      }
    }
    if (strength <= 0) continue;
    for (const [i, id] of CRITERION_IDS.entries()) {
      const full = rule.multiply[id];
      if (full === undefined) continue;
      const factor = full ** strength;
      product[i] = (product[i] ?? 1) * factor;
      if (explain)
        trace[id].rules.push({
          id: rule.id,
          factor: roundTo(factor, 3),
          full,
          strength: roundTo(strength, 3),
          reason: rule.reason,
          facts: triggered,
          ...citedFor(rule, id, concerns),
        });
    }
  }
  const caps = table.caps;
  const derived = CRITERION_IDS.map((id, i) => {
    const p = product[i] ?? 1;
    if (caps === undefined) return trace[id].base * p;
    const bounded = Math.min(caps.product_max, Math.max(caps.product_min, p));
    if (bounded !== p) {
      trace[id].rules.push(capReason('cap-product', bounded / p, caps.reason));
    }
    return trace[id].base * bounded;
  });
  if (caps !== undefined)
    capShares(derived, caps.share_max, (i, factor) => {
      const id = CRITERION_IDS[i] as CriterionId;
      trace[id].rules.push(capReason('cap-share', factor, caps.reason));
    });
  const mean = derived.reduce((a, b) => a + b, 0) / derived.length;
  const raw = CRITERION_IDS.map((id, i) => {
    const priority = priorities?.[id];
    const d = derived[i] ?? 0;
    if (priority === undefined) return d;
    const w = priorityWeight(priority, d, mean);
    trace[id].priority = priority;
    trace[id].priorityLifted = d < mean;
    trace[id].priorityFactor = d > 0 ? w / d : priority / PRIORITY_AVERAGE;
    return w;
  });
  return { raw, normalized: normalize(raw), trace };
}

/** A weight rule with its multipliers as criterion indexes, for the lean path. */
type CompiledRule = { rule: Weights['rules'][number]; entries: [index: number, full: number][] };
const COMPILED = new WeakMap<Weights, CompiledRule[]>();

function compiled(table: Weights): CompiledRule[] {
  const cached = COMPILED.get(table);
  if (cached !== undefined) return cached;
  const rules = table.rules.map((rule) => ({
    rule,
    entries: CRITERION_IDS.flatMap((id, i): [number, number][] => {
      const full = rule.multiply[id];
      return full === undefined ? [] : [[i, full]];
    }),
  }));
  COMPILED.set(table, rules);
  return rules;
}

const NO_TRACE = Object.fromEntries(
  CRITERION_IDS.map((id) => [id, { base: 0, rules: [], priority: undefined }]),
) as unknown as Record<CriterionId, WeightTrace>;

/** deriveWeights without the explanation: the same numbers, no reasons recorded (decisive facts re-derive many). */
function leanWeights(
  facts: UnitFacts,
  table: Weights,
  priorities: Profile['priorities'] | undefined,
  model: PressureModel,
): UnitWeights {
  const n = CRITERION_IDS.length;
  const product = new Array<number>(n).fill(1);
  for (const { rule, entries } of compiled(table)) {
    if (!evaluateCondition(rule.when, facts)) continue;
    let strength = 1;
    for (const scale of rule.scale) strength *= rampStrength(scale, scaleFactValue(scale.fact, facts, model));
    if (strength <= 0) continue;
    for (const [i, full] of entries) product[i] = (product[i] ?? 1) * full ** strength;
  }
  const caps = table.caps;
  const derived = CRITERION_IDS.map((id, i) => {
    const p = product[i] ?? 1;
    const bounded = caps === undefined ? p : Math.min(caps.product_max, Math.max(caps.product_min, p));
    return (table.base[id] ?? 0) * bounded;
  });
  if (caps !== undefined) capShares(derived, caps.share_max, () => {});
  const mean = derived.reduce((a, b) => a + b, 0) / n;
  const raw = CRITERION_IDS.map((id, i) => {
    const priority = priorities?.[id];
    return priority === undefined ? (derived[i] ?? 0) : priorityWeight(priority, derived[i] ?? 0, mean);
  });
  return { raw, normalized: normalize(raw), trace: NO_TRACE };
}

function capReason(id: string, factor: number, reason: string): WeightReason {
  return {
    id,
    factor: roundTo(factor, 3),
    full: roundTo(factor, 3),
    strength: 1,
    reason,
    facts: [],
    evidence: [],
    policy: true,
  };
}

/**
 * Scale down every weight above `shareMax` of the total to exactly that share, the others unchanged (water-filling:
 * a capped weight's share is computed against the final total). Continuous in the weights.
 */
function capShares(
  weights: number[],
  shareMax: number,
  onCap: (index: number, factor: number) => void,
): void {
  const capped = new Set<number>();
  for (let round = 0; round < weights.length; round++) {
    const free = weights.reduce((s, w, i) => (capped.has(i) ? s : s + w), 0);
    const left = 1 - shareMax * capped.size;
    if (left <= 0) return;
    const total = free / left;
    let changed = false;
    for (const [i, w] of weights.entries()) {
      if (!capped.has(i) && w > shareMax * total + 1e-12) {
        capped.add(i);
        changed = true;
      }
    }
    if (!changed) {
      for (const i of capped) {
        const target = shareMax * total;
        const before = weights[i] ?? 0;
        if (before > 0 && target < before) {
          weights[i] = target;
          onCap(i, target / before);
        }
      }
      return;
    }
  }
}

function shown(fact: Scale['fact'], value: number, facts: UnitFacts): FactValue['value'] {
  // The SLO pressure is shown as the fact the profile states: the p99, or latency_critical without one.
  if (fact === 'slo_pressure') return facts.slo?.p99_ms ?? true;
  if (fact === 'wasm_share') return roundTo(value, 3);
  return value;
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
