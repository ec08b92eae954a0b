/** @module Where a criterion's weight comes from, read from the decision's fields (`criteria[].weight_reasons`, `experience`, `existing_code`): which reasons rest on evidence, which are the product's policy choices, which is the user's own priority, and the experience shift on its own. Every report and the web app render from these, so a policy reason is never shown as evidence. */
import type { ChecklistRow, CriterionRow, Decision, WeightReasonRow } from '../decision/schema.ts';
import { factWords } from './decisive.ts';
import { criterionLabel, formatNumber, formatRating } from './format.ts';

/**
 * What a weight reason rests on:
 * - `evidence`: a rule with evidence ids (kb/evidence.yaml) and not marked policy;
 * - `policy`: a modelling choice of the product (a rule marked `policy`, or a cap); a rule without evidence counts
 *   as policy too, so an unsourced reason is never presented as sourced;
 * - `priority`: the profile's own priority for the criterion (the user's choice, not the product's).
 */
export type ReasonKind = 'evidence' | 'policy' | 'priority';

/** The rule id the engine gives the profile's priority override. */
export const PRIORITY_RULE = 'priority';

/** The name the team-experience rating shift goes by among the policy choices (`experience` in kb/weights.yaml). */
export const EXPERIENCE_RULE = 'team-experience';

/**
 * The kind of one weight reason, from its fields.
 * @example
 * reasonKind({ rule: 'cli-tool', policy: true, evidence: [], ... }); // 'policy'
 */
export function reasonKind(reason: Pick<WeightReasonRow, 'rule' | 'policy' | 'evidence'>): ReasonKind {
  if (reason.rule === PRIORITY_RULE) return 'priority';
  return reason.policy || reason.evidence.length === 0 ? 'policy' : 'evidence';
}

/** The label each kind goes by in every report ("policy: ..." reads as the product's choice). */
export const REASON_KIND_LABELS: Record<ReasonKind, string> = {
  evidence: 'evidence',
  policy: 'policy',
  priority: 'your priority',
};

/** One criterion's weight reasons, sorted by kind (each list in the order applied), and its experience shift. */
export type WeightBasis = {
  evidence: WeightReasonRow[];
  policy: WeightReasonRow[];
  priority: WeightReasonRow[];
  /** The rules and caps a priority replaced (they did not set this weight): only when it lifted the weight to average. */
  replaced: WeightReasonRow[];
  /** The rating shift of the team's experience (not a weight reason: shown on its own line). */
  experience: CriterionRow['experience'];
  /** The rating shift for existing code, with its own evidence or policy flag. */
  existingCode: CriterionRow['existing_code'];
};

/**
 * Sort a criterion's weight reasons by what they rest on. Undefined for a decision saved before these fields.
 * @example
 * weightBasis(row)?.policy.map((r) => r.rule); // ['cpu-bound-little-waiting']
 */
export function weightBasis(row: CriterionRow): WeightBasis | undefined {
  if (row.weight_reasons === undefined) return undefined;
  const basis: WeightBasis = {
    evidence: [],
    policy: [],
    priority: [],
    replaced: [],
    experience: row.experience,
    existingCode: row.existing_code,
  };
  for (const reason of row.weight_reasons) basis[reasonKind(reason)].push(reason);
  // A priority that lifted the weight to the average criterion's (or one saved before priorities could scale the
  // rules' weight, which always replaced it) leaves the rules explaining nothing about this weight; one that scaled
  // the rules' weight keeps them as its reasons.
  if (basis.priority.some((r) => r.replaces_rules !== false)) {
    basis.replaced = [...basis.evidence, ...basis.policy];
    basis.evidence = [];
    basis.policy = [];
  }
  return basis;
}

/**
 * The profile facts that triggered a reason, in words as the reports' facts read (numbers formatted, lists joined
 * by commas, facts by semicolons), never as `path=value`; a component's fact by its name from `names` (the decision's
 * component names in profile order).
 * @example
 * factsText([{ path: 'workload.peak_rps', value: 200000 }]); // 'peak load 200,000 requests/s'
 * factsText([{ path: 'team.rust', value: 'some' }, { path: 'team.size', value: 4 }]); // 'Rust experience some; team size 4 people'
 */
export function factsText(facts: WeightReasonRow['facts'], names: readonly string[] = []): string {
  return facts.map((f) => factWords(f.path, f.value, names)).join('; ');
}

/**
 * The facts that made a checklist line apply, in words ("memory budget 64 MiB"), or undefined for a line that does
 * not apply or carries none (decisions saved before `facts` was added).
 * @example
 * checklistFacts({ applies: true, facts: [{ path: 'delivery.deadline_weeks', value: 10 }] }); // 'first release in 10 weeks'
 */
export function checklistFacts(
  row: Pick<ChecklistRow, 'applies' | 'facts'>,
  names: readonly string[] = [],
): string | undefined {
  if (!row.applies || row.facts === undefined || row.facts.length === 0) return undefined;
  return factsText(row.facts, names);
}

/** A weight factor as shown: "×1.3". */
export function factorText(factor: number): string {
  return `×${formatNumber(factor, 2)}`;
}

/** Signed rating points: "+0.82", "-1.39", "0". */
function points(n: number): string {
  const text = formatNumber(n);
  return n > 0 && text !== '0' ? `+${text}` : text;
}

/**
 * The experience shift in one line, from its fields.
 * @example
 * experienceText({ go: 0.82, rust: 0, scale: 0.82, reason: '...' }); // 'Go +0.82, Rust 0 rating points (82% of the level shift)'
 */
export function experienceText(experience: NonNullable<CriterionRow['experience']>): string {
  const policy = experience.policy === true ? '; policy' : '';
  // Only a "none" level shifts a rating down, and team size does not thin it (kb/weights.yaml `experience`).
  const none =
    experience.scale < 1 && (experience.go < 0 || experience.rust < 0)
      ? '; "none" is not thinned by team size'
      : '';
  return `Go ${points(experience.go)}, Rust ${points(experience.rust)} rating points (${formatNumber(experience.scale * 100, 0)}% of the level shift${none}${policy})`;
}

/**
 * The existing-code shift in one line.
 * @example
 * existingCodeText({ favors: 'go', points: 2.5, rule: 'port-from-gc-language', ... }); // 'Go +2.5 rating points (port-from-gc-language)'
 */
export function existingCodeText(existing: NonNullable<CriterionRow['existing_code']>): string {
  return `${existing.favors === 'go' ? 'Go' : 'Rust'} ${points(existing.points)} rating points (${existing.rule})`;
}

/** One policy choice that shaped this decision: the rule, its reason, and what it did to which criteria. */
export type PolicyChoice = {
  rule: string;
  reason: string;
  facts: WeightReasonRow['facts'];
  /** The weights it multiplied (criterion and factor), or for an existing-code rule the rating points it added. */
  effects: { criterion: CriterionRow['id']; text: string }[];
};

/**
 * Every policy choice in a decision, one entry per rule (caps included), in the order the criteria list them,
 * leaving out the weights a priority replaced: the compact list the ADR and the reports show under "Policy choices in this decision".
 * @example
 * policyChoices(decision).map((c) => c.rule); // ['cpu-bound-little-waiting', 'cli-tool']
 */
export function policyChoices(decision: Pick<Decision, 'criteria'>): PolicyChoice[] {
  const byRule = new Map<string, PolicyChoice>();
  const add = (rule: string, reason: string, facts: WeightReasonRow['facts']) => {
    let choice = byRule.get(rule);
    if (choice === undefined) {
      choice = { rule, reason, facts, effects: [] };
      byRule.set(rule, choice);
    }
    return choice;
  };
  for (const row of decision.criteria) {
    for (const reason of weightBasis(row)?.policy ?? []) {
      add(reason.rule, reason.reason, reason.facts).effects.push({
        criterion: row.id,
        text: `${criterionLabel(row.id).toLowerCase()} ${factorText(reason.factor)}`,
      });
    }
    const experience = row.experience;
    if (experience?.policy === true) {
      add(EXPERIENCE_RULE, experience.reason, []).effects.push({
        criterion: row.id,
        text: `${criterionLabel(row.id).toLowerCase()} Go ${points(experience.go)} / Rust ${points(experience.rust)}`,
      });
    }
    const existing = row.existing_code;
    if (existing !== undefined && reasonKind(existing) === 'policy') {
      add(existing.rule, existing.reason, []).effects.push({
        criterion: row.id,
        text: `${criterionLabel(row.id).toLowerCase()} ${existing.favors === 'go' ? 'Go' : 'Rust'} ${points(existing.points)}`,
      });
    }
  }
  return [...byRule.values()];
}

/**
 * A policy choice in one line: "policy: rule (facts): criterion ×f, ... ".
 * @example
 * policyChoiceText(choice, ['api', 'cli']); // 'policy: cli-tool (targets cli): deployment ×1.3, platform reach ×1.3'
 */
export function policyChoiceText(choice: PolicyChoice, names: readonly string[] = []): string {
  const facts = choice.facts.length === 0 ? '' : ` (${factsText(choice.facts, names)})`;
  return `policy: ${choice.rule}${facts}: ${choice.effects.map((e) => e.text).join(', ')}`;
}

/**
 * "Rust 9 vs Go 6: " before a rationale, or "Both 8: " on a tie.
 * @example
 * ratingLead({ go: 6, rust: 9 }); // 'Rust 9 vs Go 6: '
 */
export function ratingLead(row: Pick<CriterionRow, 'go' | 'rust'>): string {
  if (row.go > row.rust) return `Go ${formatRating(row.go)} vs Rust ${formatRating(row.rust)}: `;
  if (row.rust > row.go) return `Rust ${formatRating(row.rust)} vs Go ${formatRating(row.go)}: `;
  return `Both ${formatRating(row.go)}: `;
}

export { sentence } from '../engine/numbers.ts';
