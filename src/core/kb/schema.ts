/** @module The zod schemas of the knowledge base (`kb/*.yaml`): criteria, article claims, evidence, projects, caveats, tips, checklist, weight rules, gates and boundary costs. */
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import {
  CRITERION_IDS,
  DOMAINS,
  EXISTING_CODE_LANGUAGES,
  EXISTING_CODE_PLANS,
  INTEROPS,
  LEVELS,
  MECHANISMS,
  ROLES,
  TARGETS,
  TURNOVERS,
  WORKLOAD_KINDS,
} from '../profile/vocabulary.ts';

const criterionId = z.enum(CRITERION_IDS);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case id');
const url = z.url();
const year = z.number().int().min(1990).max(2100);
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const STANCES = ['supports', 'nuances', 'contradicts'] as const;
const favors = z.enum(['go', 'rust', 'both', 'neither']);

/**
 * A condition on a profile, as data. Every field present must hold (AND); `any_of` holds when one of its
 * conditions holds; `not` negates. An empty condition always holds.
 */
export type Condition = {
  workload?: (typeof WORKLOAD_KINDS)[number][] | undefined;
  domain_any?: (typeof DOMAINS)[number][] | undefined;
  targets_any?: (typeof TARGETS)[number][] | undefined;
  interop_any?: (typeof INTEROPS)[number][] | undefined;
  roles_any?: (typeof ROLES)[number][] | undefined;
  team_go?: (typeof LEVELS)[number][] | undefined;
  team_rust?: (typeof LEVELS)[number][] | undefined;
  team_size_max?: number | undefined;
  team_size_min?: number | undefined;
  turnover?: (typeof TURNOVERS)[number][] | undefined;
  deadline_weeks_max?: number | undefined;
  lifetime_years_min?: number | undefined;
  prototype_first?: boolean | undefined;
  safety_critical?: boolean | undefined;
  hard_realtime?: boolean | undefined;
  slo_p99_ms_max?: number | undefined;
  live_heap_gib_min?: number | undefined;
  memory_budget_mib_max?: number | undefined;
  peak_rps_min?: number | undefined;
  platforms_count_min?: number | undefined;
  has_components?: boolean | undefined;
  existing_code_plan?: (typeof EXISTING_CODE_PLANS)[number][] | undefined;
  existing_code_language?: (typeof EXISTING_CODE_LANGUAGES)[number][] | undefined;
  any_of?: Condition[] | undefined;
  not?: Condition | undefined;
};

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.strictObject({
    workload: z.array(z.enum(WORKLOAD_KINDS)).optional(),
    domain_any: z.array(z.enum(DOMAINS)).optional(),
    targets_any: z.array(z.enum(TARGETS)).optional(),
    interop_any: z.array(z.enum(INTEROPS)).optional(),
    roles_any: z.array(z.enum(ROLES)).optional(),
    team_go: z.array(z.enum(LEVELS)).optional(),
    team_rust: z.array(z.enum(LEVELS)).optional(),
    team_size_max: z.number().optional(),
    team_size_min: z.number().optional(),
    turnover: z.array(z.enum(TURNOVERS)).optional(),
    deadline_weeks_max: z.number().optional(),
    lifetime_years_min: z.number().optional(),
    prototype_first: z.boolean().optional(),
    safety_critical: z.boolean().optional(),
    hard_realtime: z.boolean().optional(),
    slo_p99_ms_max: z.number().optional(),
    live_heap_gib_min: z.number().optional(),
    memory_budget_mib_max: z.number().optional(),
    peak_rps_min: z.number().optional(),
    platforms_count_min: z.number().optional(),
    has_components: z.boolean().optional(),
    existing_code_plan: z.array(z.enum(EXISTING_CODE_PLANS)).optional(),
    existing_code_language: z.array(z.enum(EXISTING_CODE_LANGUAGES)).optional(),
    any_of: z.array(conditionSchema).optional(),
    not: conditionSchema.optional(),
  }),
);

const rating = z.strictObject({
  rating: z.number().min(0).max(10),
  rationale: z.string().min(1),
});

export const criterionSchema = z.strictObject({
  id: criterionId,
  name: z.string().min(1),
  meaning: z.string().min(1),
  go: rating,
  rust: rating,
  evidence: z.array(id).min(1),
});

export const CLAIM_SECTIONS = [
  'summary',
  'key-difference',
  'go-pro',
  'go-con',
  'rust-pro',
  'rust-con',
  'use-go',
  'use-rust',
  'checklist',
  'hybrid',
  'interface',
  'tip',
  'conclusion',
] as const;

/** One statement of the source article, linked to criteria and to the evidence that tests it. */
export const claimSchema = z.strictObject({
  id,
  section: z.enum(CLAIM_SECTIONS),
  text: z.string().min(1),
  criteria: z.array(criterionId),
  favors,
  assessment: z.enum(['supported', 'nuanced', 'contradicted', 'untested']),
  evidence: z.array(id),
  note: z.string().optional(),
});

export const evidenceSchema = z.strictObject({
  id,
  claim: z.string().min(1),
  numbers: z.string().optional(),
  organisation: z.string().min(1),
  year,
  source: url,
  confidence: z.enum(CONFIDENCES),
  compared_against: z.string().min(1),
  stance: z.enum(STANCES),
  criteria: z.array(criterionId),
  claims: z.array(id).default([]),
});

export const projectSchema = z.strictObject({
  id,
  name: z.string().min(1),
  languages: z.array(z.enum(['go', 'rust'])).min(1),
  summary: z.string().min(1),
  traits: z.strictObject({
    workload: z.enum(WORKLOAD_KINDS),
    domain: z.array(z.enum(DOMAINS)).min(1),
    targets: z.array(z.enum(TARGETS)).min(1),
    roles: z.array(z.enum(ROLES)).default([]),
    latency_critical: z.boolean(),
    safety_critical: z.boolean().default(false),
    live_heap_large: z.boolean().default(false),
    team_size: z.enum(['small', 'medium', 'large']),
  }),
  source: url,
  /** How far the record can be trusted: high for the project's own repository, low for a comment. */
  confidence: z.enum(CONFIDENCES),
  year,
  note: z.string().optional(),
});

/** Where evidence corrects or qualifies the article. */
export const caveatSchema = z.strictObject({
  id,
  text: z.string().min(1),
  corrects: z.array(id).default([]),
  evidence: z.array(id).min(1),
  when: conditionSchema.default({}),
});

export const tipSchema = z.strictObject({
  id,
  text: z.string().min(1),
  claim: id.optional(),
  evidence: z.array(id).default([]),
  when: conditionSchema.default({}),
});

/** A line of the article's decision checklist with the rule that says whether it applies to a profile. */
export const checklistItemSchema = z.strictObject({
  id,
  claim: id,
  item: z.string().min(1),
  favors: z.enum(['go', 'rust']),
  criteria: z.array(criterionId).min(1),
  when: conditionSchema,
  why_applies: z.string().min(1),
  why_not: z.string().min(1),
});

/**
 * The numeric facts a weight rule may scale with (continuous rules): a unit's fact, never a threshold.
 * `slo_pressure` is the expected Go GC tail for the unit's live heap over its p99 budget; `wasm_share` the share of
 * the unit's targets that are WebAssembly; `existing_kloc` the size of the existing code.
 */
export const SCALE_FACTS = [
  'deadline_weeks',
  'lifetime_years',
  'team_size',
  'slo_pressure',
  'live_heap_gib',
  'peak_rps',
  'memory_budget_mib',
  'platforms_count',
  'wasm_share',
  'existing_kloc',
] as const;
export type ScaleFact = (typeof SCALE_FACTS)[number];

/**
 * How strongly a rule applies, from 0 at `none` to 1 at `full`, linear in log(value) between them (linear in the
 * value itself with `linear: true`), flat outside. A fact the unit does not state gives `missing` (default 0).
 */
export const scaleSchema = z.strictObject({
  fact: z.enum(SCALE_FACTS),
  full: z.number(),
  none: z.number(),
  linear: z.boolean().default(false),
  missing: z.number().min(0).max(1).default(0),
});

/**
 * A row of the profile-to-weights mapping: when the (categorical) condition holds, multiply the named base weights
 * by `factor ^ strength`, where strength (0..1) is the product of the `scale` ramps (1 without any). Each rule rests
 * on evidence ids, or is marked `policy: true` (a modelling choice, shown as one).
 */
export const weightRuleSchema = z.strictObject({
  id,
  when: conditionSchema,
  scale: z.array(scaleSchema).default([]),
  multiply: z.partialRecord(criterionId, z.number().min(0).max(10)),
  reason: z.string().min(1),
  evidence: z.array(id).default([]),
  policy: z.boolean().default(false),
  /**
   * The criteria this rule multiplies as a modelling choice although the rule rests on evidence: none of its evidence
   * concerns them (each evidence record lists the criteria it bears on). Every other multiplied criterion cites the
   * rule's evidence that concerns it.
   */
  policy_for: z.array(criterionId).default([]),
});

/** How existing code moves the ratings: per plan, which source languages favour which target language. */
export const existingCodeRuleSchema = z.strictObject({
  id,
  plan: z.enum(EXISTING_CODE_PLANS),
  /** Source languages whose code favours Go, and those that favour Rust, for this plan. */
  go: z.array(z.enum(EXISTING_CODE_LANGUAGES)).default([]),
  rust: z.array(z.enum(EXISTING_CODE_LANGUAGES)).default([]),
  /** Rating points added to the favoured language on each listed criterion, at full size. */
  shift: z.partialRecord(criterionId, z.number().min(0).max(5)),
  reason: z.string().min(1),
  evidence: z.array(id).default([]),
  policy: z.boolean().default(false),
});

/**
 * Who the unit's interop counterpart is moves the interop ratings themselves: Rust's C-ABI strength is the
 * default, but code that must link with existing Go code has Go as its native side.
 */
export const interopCounterpartSchema = z.strictObject({
  id,
  when: conditionSchema,
  /** The interop ratings (0..10) for units where `when` holds, replacing the criterion's default ratings. */
  ratings: z.strictObject({ go: z.number().min(0).max(10), rust: z.number().min(0).max(10) }),
  reason: z.string().min(1),
  evidence: z.array(id).default([]),
  policy: z.boolean().default(false),
});

export const weightsSchema = z.strictObject({
  base: z.record(criterionId, z.number().min(0)),
  rules: z.array(weightRuleSchema),
  /** How a team's experience shifts a language's rating on the criteria it touches. */
  experience: z.strictObject({
    criteria: z.array(criterionId),
    shift: z.strictObject({ none: z.number(), some: z.number(), strong: z.number() }),
    reason: z.string().min(1),
    /** Per criterion, how much of the shift applies (default 1): onboarding moves less than development speed. */
    share: z.partialRecord(criterionId, z.number().min(0).max(1)).default({}),
    /** How much today's team experience still counts, by turnover (newcomers bring their own). Default 1. */
    turnover_factor: z.partialRecord(z.enum(TURNOVERS), z.number().min(0).max(1)).default({}),
    /** Team size at which the experience shift is halved (more of the code is written by future hires). */
    half_at_team_size: z.number().positive().optional(),
    evidence: z.array(id).default([]),
    policy: z.boolean().default(false),
  }),
  /** Existing code (profile `existing_code`): rating shifts by plan and source language. */
  existing_code: z
    .strictObject({
      /** Size ramp: no effect at `none` kloc, full effect at `full` kloc (log scale); `missing` when kloc is not given. */
      size: scaleSchema.omit({ fact: true }),
      rules: z.array(existingCodeRuleSchema),
    })
    .optional(),
  /** Interop ratings by counterpart (the first rule whose condition holds for a unit applies). */
  interop_counterparts: z.array(interopCounterpartSchema).default([]),
  /** Bounds on the stacked rule multipliers of one criterion, and on one criterion's share of the derived weights. */
  caps: z
    .strictObject({
      product_max: z.number().min(1),
      product_min: z.number().positive().max(1),
      share_max: z.number().positive().max(1),
      reason: z.string().min(1),
    })
    .optional(),
});

export const boundaryCostSchema = z.strictObject({
  mechanism: z.enum(MECHANISMS),
  per_call_us: z.number().positive(),
  p99_us: z.number().positive().optional(),
  what: z.string().min(1),
  evidence: z.array(id).min(1),
});

/** The knowledge base as the engine receives it: every file, parsed and validated. */
export const knowledgeBaseSchema = z.strictObject({
  criteria: z.array(criterionSchema),
  claims: z.array(claimSchema),
  evidence: z.array(evidenceSchema),
  projects: z.array(projectSchema),
  caveats: z.array(caveatSchema),
  tips: z.array(tipSchema),
  checklist: z.array(checklistItemSchema),
  weights: weightsSchema,
  boundaries: z.array(boundaryCostSchema),
  /** Free-form engine parameters (gate thresholds, GC model); each with its evidence. */
  parameters: z.record(
    z.string(),
    z.strictObject({ value: z.number(), unit: z.string(), why: z.string(), evidence: z.array(id) }),
  ),
});

export type Criterion = z.output<typeof criterionSchema>;
export type Claim = z.output<typeof claimSchema>;
export type Evidence = z.output<typeof evidenceSchema>;
export type Project = z.output<typeof projectSchema>;
export type Caveat = z.output<typeof caveatSchema>;
export type Tip = z.output<typeof tipSchema>;
export type ChecklistItem = z.output<typeof checklistItemSchema>;
export type WeightRule = z.output<typeof weightRuleSchema>;
export type Scale = z.output<typeof scaleSchema>;
export type ExistingCodeRule = z.output<typeof existingCodeRuleSchema>;
export type InteropCounterpart = z.output<typeof interopCounterpartSchema>;
export type Weights = z.output<typeof weightsSchema>;
export type BoundaryCost = z.output<typeof boundaryCostSchema>;
export type KnowledgeBase = z.output<typeof knowledgeBaseSchema>;

// The file names have their own module, so code that only names the files (reading them) loads no schema.
export { KB_FILES } from './files.ts';

import type { KB_FILES as KB_FILES_CHECK } from './files.ts';

// Every part of the knowledge base has a file, and every file a part (a compile-time check).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<keyof typeof KB_FILES_CHECK, keyof KnowledgeBase>;
