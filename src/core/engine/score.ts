/** @module The weighted sum: each language's score, and the per-criterion contribution table whose rows add up to the margin, each row with its reason from the knowledge base. */
import type { CriterionRow, WeightReasonRow } from '../decision/schema.ts';
import type { KnowledgeBase } from '../kb/schema.ts';
import { CRITERION_IDS } from '../profile/vocabulary.ts';
import { evidenceConcerns } from './evidence-concerns.ts';
import { formatAmount, roundTo, roundToSum, sentence } from './numbers.ts';
import type { Ratings } from './ratings.ts';
import type { UnitWeights, WeightTrace } from './weights.ts';

/**
 * Go-minus-Rust rating differences in CRITERION_IDS order.
 * @example
 * ratingDiffs(ratings)[0]; // go - rust on runtime_performance
 */
export function ratingDiffs(ratings: Ratings): number[] {
  return CRITERION_IDS.map((id) => ratings[id].diff);
}

/**
 * The exact (unrounded) margin scores.go - scores.rust for normalised weights; positive favours Go.
 * @example
 * exactMargin(weights.normalized, ratingDiffs(ratings)); // 0.42
 */
export function exactMargin(normalized: readonly number[], diffs: readonly number[]): number {
  let margin = 0;
  for (let i = 0; i < normalized.length; i++) margin += (normalized[i] ?? 0) * (diffs[i] ?? 0);
  return margin;
}

export type ScoreTable = {
  scores: { go: number; rust: number };
  rows: CriterionRow[];
};

/**
 * The displayed table: weights rounded to 3 decimals so they still add up to 1, contributions computed from the
 * displayed weights and ratings, and scores.go set so that scores.go - scores.rust is the sum of the rows.
 * @example
 * const { scores, rows } = scoreTable(weights, ratings, kb);
 */
export function scoreTable(weights: UnitWeights, ratings: Ratings, kb: KnowledgeBase): ScoreTable {
  const shown = roundToSum(weights.normalized, 3, 1);
  let rust = 0;
  let margin = 0;
  const rows = CRITERION_IDS.map((id, i): CriterionRow => {
    const w = shown[i] ?? 0;
    const r = ratings[id];
    const contribution = roundTo(w * (r.go - r.rust), 3);
    rust += w * r.rust;
    margin += contribution;
    const criterion = kb.criteria.find((c) => c.id === id);
    const row: CriterionRow = {
      id,
      weight: w,
      go: r.go,
      rust: r.rust,
      contribution,
      why: explainRow(id, weights, ratings, kb),
      evidence: criterion?.evidence ?? [],
    };
    if (r.measured !== undefined) row.measured = r.measured;
    if (r.lab !== undefined) row.lab = r.lab;
    if (r.counterpart !== undefined) row.rationale = sentence(r.counterpart.reason);
    else if (criterion !== undefined) {
      row.rationale =
        r.go > r.rust ? criterion.go.rationale : r.rust > r.go ? criterion.rust.rationale : criterion.meaning;
    }
    row.weight_reasons = weightReasons(id, weights);
    if (r.experience !== undefined) {
      row.experience = {
        go: r.experience.go,
        rust: r.experience.rust,
        scale: r.experience.scale,
        reason: kb.weights.experience.reason,
        // Only the evidence that concerns this criterion: Google's productivity figures speak to development speed
        // and onboarding, not to writing concurrent code (the shift's sizes are policy either way).
        evidence: kb.weights.experience.evidence.filter((e) => evidenceConcerns(kb)(e, id)),
        policy: kb.weights.experience.policy,
      };
    }
    if (r.existing !== undefined) {
      row.existing_code = { ...r.existing, points: roundTo(r.existing.points, 3) };
    }
    row.rating_sd = roundTo(r.sd, 3);
    return row;
  });
  margin = keepSign(rows, margin, exactMargin(weights.normalized, ratingDiffs(ratings)));
  const rustScore = roundTo(rust, 3);
  return { scores: { go: roundTo(rustScore + margin, 3), rust: rustScore }, rows };
}

/**
 * At a near tie, rounding the weights and contributions can turn the sign of the rows' sum against the exact margin
 * the verdict comes from (esbuild: Go by 0.0004, rows summing to -0.003). Then move the rows whose rounding lost most
 * by 0.001 each until the sum is the exact margin rounded to 3 decimals, so the scores never contradict the verdict;
 * otherwise the rows are left as computed. Returns the rows' new sum.
 */
function keepSign(rows: CriterionRow[], margin: number, exact: number): number {
  const target = roundTo(exact, 3);
  if (Math.sign(roundTo(margin, 3)) === Math.sign(target)) return margin;
  const step = target > margin ? 0.001 : -0.001;
  const residual = (r: CriterionRow) => r.weight * (r.go - r.rust) - r.contribution;
  const order = [...rows].sort((a, b) => step * (residual(b) - residual(a)));
  let sum = margin;
  for (let i = 0; Math.abs(target - sum) > 0.0005 && i < order.length * 10; i++) {
    const row = order[i % order.length];
    if (row === undefined) break;
    row.contribution = roundTo(row.contribution + step, 3);
    sum = rows.reduce((a, r) => a + r.contribution, 0);
  }
  return sum;
}

function explainRow(
  id: (typeof CRITERION_IDS)[number],
  weights: UnitWeights,
  ratings: Ratings,
  kb: KnowledgeBase,
): string {
  const criterion = kb.criteria.find((c) => c.id === id);
  const r = ratings[id];
  const parts: string[] = [];
  if (r.counterpart !== undefined) {
    const [hi, lo] = r.go >= r.rust ? [`Go ${r.go}`, `Rust ${r.rust}`] : [`Rust ${r.rust}`, `Go ${r.go}`];
    parts.push(`${hi} vs ${lo}: ${sentence(r.counterpart.reason)}`);
  } else if (criterion !== undefined) {
    if (r.go > r.rust) parts.push(`Go ${r.go} vs Rust ${r.rust}: ${criterion.go.rationale}`);
    else if (r.rust > r.go) parts.push(`Rust ${r.rust} vs Go ${r.go}: ${criterion.rust.rationale}`);
    else parts.push(`Both ${r.go}: ${criterion.meaning}`);
  }
  if (r.experience !== undefined) parts.push(`Ratings shifted for ${r.experience.text}.`);
  if (r.existing !== undefined) {
    parts.push(
      `${r.existing.favors === 'go' ? 'Go' : 'Rust'} +${roundTo(r.existing.points, 2)} for existing code: ${r.existing.reason}`,
    );
  }
  const trace = weights.trace[id];
  const group = setByStakeholders(trace);
  if (group !== undefined) {
    parts.push(`Weight set by the stakeholders' priorities: ${stakeholderPriorities(group)}.`);
  } else if (trace.priority !== undefined) {
    parts.push(`Weight set by your priorities: ${formatAmount(trace.priority)} of 5.`);
  } else if (trace.rules.length > 0) {
    const rules = trace.rules
      .map((rule) => `x${rule.factor} ${rule.reason.replace(/[.\s]+$/, '')}${rule.policy ? ' (policy)' : ''}`)
      .join('; ');
    parts.push(`Weight: ${rules}.`);
  }
  return parts.map(asSentence).join(' ');
}

/** The weight reasons of one criterion as decision data: every rule and cap in order, then the priority. */
function weightReasons(id: (typeof CRITERION_IDS)[number], weights: UnitWeights): WeightReasonRow[] {
  const trace = weights.trace[id];
  const rows: WeightReasonRow[] = trace.rules.map((rule) => ({
    rule: rule.id,
    factor: rule.factor,
    strength: rule.strength,
    reason: rule.reason,
    facts: rule.facts,
    evidence: rule.evidence,
    policy: rule.policy,
  }));
  const group = setByStakeholders(trace);
  if (group !== undefined) {
    rows.push({
      rule: 'priority',
      factor: roundTo(group.factor, 3),
      strength: 1,
      reason: `the stakeholders' priorities set the weight: each person's weights, averaged by their weight, in place of the project's own (${stakeholderPriorities(group)})`,
      facts: group.people.flatMap((p) =>
        p.priority === undefined
          ? []
          : [
              {
                // A priority a stakeholder left unset is the project's, at its own path.
                path: p.inherited ? `priorities.${id}` : `stakeholders[${p.index}].priorities.${id}`,
                value: p.priority,
              },
            ],
      ),
      evidence: [],
      policy: false,
      replaces_rules: false,
    });
  } else if (trace.priority !== undefined) {
    rows.push({
      rule: 'priority',
      factor: roundTo(trace.priorityFactor ?? 1, 3),
      strength: 1,
      reason: trace.priorityLifted
        ? `your priority of ${formatAmount(trace.priority)} of 5 sets the weight to ${formatAmount(trace.priority)}/3 of an average criterion's, in place of the lower weight the rules give it (3 lifts a criterion to average)`
        : `your priority of ${formatAmount(trace.priority)} of 5 scales the weight the rules give it by ${formatAmount(trace.priority)}/3 (3 keeps it)`,
      facts: [{ path: `priorities.${id}`, value: trace.priority }],
      evidence: [],
      policy: false,
      replaces_rules: trace.priorityLifted === true,
    });
  }
  return rows;
}

/**
 * The stakeholders' part in one criterion's weight, when at least one of them (or the project's priorities they
 * inherit) set it; a criterion nobody set keeps the rules' reasons alone (the others only renormalise its weight).
 */
function setByStakeholders(trace: WeightTrace): NonNullable<WeightTrace['stakeholders']> | undefined {
  return trace.stakeholders?.people.some((p) => p.priority !== undefined) ? trace.stakeholders : undefined;
}

/** Each stakeholder's priority for one criterion: "Ana 5 of 5, Bob 0 of 5, Lena none". */
function stakeholderPriorities(group: NonNullable<WeightTrace['stakeholders']>): string {
  return group.people
    .map((p) => `${p.name} ${p.priority === undefined ? 'none' : `${formatAmount(p.priority)} of 5`}`)
    .join(', ');
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Each language's share of the weighted difference: the sum of the |contributions| of the criteria that favour
 * it over the sum of all |contributions|. Unlike scores.go / (scores.go + scores.rust), this share can only
 * grow when a criterion rated higher for that language gains weight (the margin's parts it owns grow, the
 * others shrink in proportion), so it is the share the engine promises to keep monotone.
 * @example
 * scoreShares(decision.criteria); // { go: 0.41, rust: 0.59 }
 */
export function scoreShares(rows: readonly { weight: number; go: number; rust: number }[]): {
  go: number;
  rust: number;
} {
  let go = 0;
  let rust = 0;
  for (const r of rows) {
    const c = r.weight * (r.go - r.rust);
    if (c > 0) go += c;
    else rust -= c;
  }
  const total = go + rust;
  return total === 0 ? { go: 0.5, rust: 0.5 } : { go: go / total, rust: rust / total };
}
