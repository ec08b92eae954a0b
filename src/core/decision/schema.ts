/** @module The zod schema of the decision object (CONTRACT.md §2): what `decide()` returns and every renderer formats. */
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import { CRITERION_IDS, MECHANISMS, VERDICTS } from '../profile/vocabulary.ts';

const favorsLanguage = z.enum(['go', 'rust']);

export const gateSchema = z.object({
  id: z.string(),
  favors: favorsLanguage,
  reason: z.string(),
  /** The component the gate fired for, when it fired for one component only. */
  component: z.string().optional(),
  /** Share of the uncertainty draws in which the gate holds (a gate on an uncertain model: GC tail, memory need). */
  holds_probability: z.number().min(0).max(1).optional(),
  /** True when the gate holds in fewer than 90% of the draws: the stated limit is near the modelled Go figure. */
  near_edge: z.boolean().optional(),
});

/** A profile fact, by its path in the profile, and its value. */
export const factValueSchema = z.object({
  path: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
});

/** One reason for a criterion's weight: a rule of kb/weights.yaml, a cap, or the profile's priority. */
export const weightReasonSchema = z.object({
  /** Rule id (kb/weights.yaml), `cap-product`, `cap-share` or `priority`. */
  rule: z.string(),
  /** The factor applied to the weight (the rule's full factor raised to its strength). */
  factor: z.number(),
  /** How much of the rule applied, 0..1, from its continuous scale. */
  strength: z.number(),
  reason: z.string(),
  /** The profile facts that triggered it. */
  facts: z.array(factValueSchema),
  evidence: z.array(z.string()),
  /** True when the rule is a modelling choice rather than a sourced finding. */
  policy: z.boolean(),
  /**
   * On the `priority` row only: true when the priority started from the average criterion's weight because the rules
   * gave this criterion less (so the rules above it no longer set the weight), false when it scaled the weight the
   * rules give. Absent in decisions saved before priorities worked this way, where a priority always replaced them.
   */
  replaces_rules: z.boolean().optional(),
});

export const criterionRowSchema = z.object({
  id: z.enum(CRITERION_IDS),
  /** Normalised weight: all rows add up to 1. */
  weight: z.number(),
  go: z.number(),
  rust: z.number(),
  /** weight * (go - rust): positive favours Go, negative favours Rust; the rows add up to scores.go - scores.rust. */
  contribution: z.number(),
  why: z.string(),
  evidence: z.array(z.string()),
  /** "measured on this machine: ..." when a lab run replaced the knowledge base's prior. */
  measured: z.string().optional(),
  /**
   * What a lab run did to this criterion's prior: replaced it (a significant measured comparison) or kept it (the
   * run's comparison was not significant, shown beside it, not combined), with the prior and measured ratings.
   */
  lab: z
    .object({
      use: z.enum(['replaced', 'prior_kept']),
      prior: z.object({ go: z.number(), rust: z.number() }),
      measured: z.object({ go: z.number(), rust: z.number() }).optional(),
      used: z.array(z.string()),
      not_significant: z.array(z.string()),
    })
    .optional(),
  /** Why the higher-rated language is rated higher (the knowledge base's rationale). */
  rationale: z.string().optional(),
  /** Every reason the weight is what it is, in the order applied. */
  weight_reasons: z.array(weightReasonSchema).optional(),
  /** How the team's experience moved the ratings (points added to each language). */
  experience: z
    .object({
      go: z.number(),
      rust: z.number(),
      scale: z.number(),
      reason: z.string(),
      /** The evidence ids the shift's direction rests on (absent in decisions saved before it was added). */
      evidence: z.array(z.string()).optional(),
      /** The shift's sizes are a modelling choice of the product (absent in decisions saved before it was added). */
      policy: z.boolean().optional(),
    })
    .optional(),
  /** How existing code moved the ratings. */
  existing_code: z
    .object({
      rule: z.string(),
      favors: favorsLanguage,
      points: z.number(),
      reason: z.string(),
      evidence: z.array(z.string()),
      policy: z.boolean(),
    })
    .optional(),
  /** Standard deviation of the Go-minus-Rust rating difference used by the uncertainty analysis. */
  rating_sd: z.number().optional(),
});

export const sensitivitySchema = z.object({
  criterion: z.enum(CRITERION_IDS),
  /** The normalised weight at which the verdict flips, or null when no weight in [0, 1] flips it. */
  flip_weight: z.number().nullable(),
  /** The verdict at that weight (absent when nothing flips, and in decisions written before it was kept). */
  flips_to: z.enum(VERDICTS).optional(),
});

export const checklistRowSchema = z.object({
  item: z.string(),
  applies: z.boolean(),
  favors: favorsLanguage,
  why: z.string(),
  /**
   * On a line that applies: the profile facts that made it apply (of a line with alternatives, only those that hold;
   * a component's facts by its `components[i]` path). Absent on lines that do not apply and in decisions saved before
   * it was added.
   */
  facts: z.array(factValueSchema).optional(),
});

/** A share of the uncertainty draws, 0..1 (CONTRACT.md): the schema says so, so a consumer pinned to it checks it. */
const share = z.number().min(0).max(1);

export const componentRowSchema = z.object({
  name: z.string(),
  language: favorsLanguage,
  why: z.string(),
  scores: z.object({ go: z.number(), rust: z.number() }).optional(),
  /** Share of the uncertainty draws in which the component comes out Go, and Rust. */
  probabilities: z.object({ go: share, rust: share }).optional(),
  /** True when the component's language holds in fewer than `close_call_threshold` (70%) of the draws. */
  near_tie: z.boolean().optional(),
});

export const boundaryRowSchema = z.object({
  from: z.string(),
  to: z.string(),
  mechanism: z.enum(MECHANISMS),
  per_call_us: z.number(),
  why: z.string(),
  calls_per_request: z.number().optional(),
  chatty: z.boolean().optional(),
  measured: z.boolean().optional(),
  /** How the calls stand against the caller's p99 budget: over it, within it (on the p99 path), or none limits them. */
  budget: z.enum(['over', 'within', 'none']).optional(),
});

export const similarProjectSchema = z.object({
  name: z.string(),
  languages: z.array(favorsLanguage),
  similarity: z.number(),
  source: z.string(),
});

export const decisiveFactSchema = z.object({
  path: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
  /** What the fact was replaced by to measure it ("removed", or a neutral value such as "some"). */
  without: z.string(),
  /** The language the fact pushes towards. */
  favors: favorsLanguage,
  /** P(verdict) with the fact minus P(verdict) without it: positive supports the verdict. */
  probability_change: z.number(),
  /** Change of the mean Go-minus-Rust margin (score points) the fact causes; positive favours Go. */
  margin_change: z.number(),
  /** True when the verdict without the fact would be different. */
  flips: z.boolean(),
});

export const stakeholderRowSchema = z.object({
  name: z.string(),
  role: z.string().optional(),
  weight: z.number(),
  verdict: z.enum(VERDICTS),
  probabilities: z.object({ go: share, rust: share, hybrid: share }),
  /** With components: those this stakeholder's own priorities put in the other language than the group's plan. */
  differs_on: z.array(z.string()).optional(),
});

export const disagreementSchema = z.object({
  criterion: z.enum(CRITERION_IDS),
  /** Lowest and highest normalised weight among the stakeholders, and who gave them. */
  min: z.number(),
  max: z.number(),
  min_by: z.string(),
  max_by: z.string(),
});

export const decisionSchema = z.object({
  verdict: z.enum(VERDICTS),
  confidence: z.number().min(0).max(1),
  close_call: z.boolean(),
  scores: z.object({ go: z.number(), rust: z.number() }),
  probabilities: z.object({ go: share, rust: share, hybrid: share }),
  gates: z.array(gateSchema),
  criteria: z.array(criterionRowSchema),
  sensitivity: z.array(sensitivitySchema),
  checklist: z.array(checklistRowSchema),
  components: z.array(componentRowSchema),
  boundaries: z.array(boundaryRowSchema),
  similar_projects: z.array(similarProjectSchema),
  tips: z.array(z.string()),
  caveats: z.array(z.string()),
  /** Optional additions (allowed by CONTRACT.md): what was decided and how. */
  project: z.object({ name: z.string(), summary: z.string().optional() }).optional(),
  seed: z.number().int().optional(),
  samples: z.number().int().optional(),
  /** How far each weight was perturbed for `confidence`: 0.3 means every weight times a factor in [0.7, 1.3]. */
  weight_spread: z.number().optional(),
  lab_run: z.string().optional(),
  /** P(verdict) when only the weights are perturbed (+-weight_spread), ratings and models exact. */
  robustness_to_priorities: z.number().min(0).max(1).optional(),
  /** The profile facts that moved the verdict most, each measured by taking the fact out. */
  decisive_facts: z.array(decisiveFactSchema).max(5).optional(),
  /** Each stakeholder's own verdict, with their priorities over the project's. */
  stakeholders: z.array(stakeholderRowSchema).optional(),
  /** Weight share of the stakeholders whose own verdict equals the group's verdict (0..1). */
  agreement: z.number().min(0).max(1).optional(),
  /** The criteria whose weight differs most between stakeholders. */
  disagreements: z.array(disagreementSchema).max(3).optional(),
  /**
   * How often the engine's verdicts given a probability in [from, to) were right on the holdout of real decisions it
   * was not tuned on (`cases` of them); the band `confidence` falls in.
   */
  track_record: z
    .object({
      from: z.number().min(0).max(1),
      to: z.number().min(0).max(1),
      right: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      cases: z.number().int().nonnegative(),
    })
    .optional(),
});

export type Decision = z.output<typeof decisionSchema>;
export type Gate = z.output<typeof gateSchema>;
export type CriterionRow = z.output<typeof criterionRowSchema>;
export type SensitivityRow = z.output<typeof sensitivitySchema>;
export type ChecklistRow = z.output<typeof checklistRowSchema>;
export type ComponentRow = z.output<typeof componentRowSchema>;
export type BoundaryRow = z.output<typeof boundaryRowSchema>;
export type SimilarProject = z.output<typeof similarProjectSchema>;
export type WeightReasonRow = z.output<typeof weightReasonSchema>;
export type DecisiveFact = z.output<typeof decisiveFactSchema>;
export type TrackRecord = NonNullable<Decision['track_record']>;
export type StakeholderRow = z.output<typeof stakeholderRowSchema>;
export type Disagreement = z.output<typeof disagreementSchema>;
