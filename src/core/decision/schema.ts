/** @module The zod schema of the decision object (CONTRACT.md §2): what `decide()` returns and every renderer formats. */
import { z } from 'zod';
import { CRITERION_IDS, MECHANISMS, VERDICTS } from '../profile/vocabulary.ts';

const favorsLanguage = z.enum(['go', 'rust']);

export const gateSchema = z.object({
  id: z.string(),
  favors: favorsLanguage,
  reason: z.string(),
  /** The component the gate fired for, when it fired for one component only. */
  component: z.string().optional(),
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
});

export const sensitivitySchema = z.object({
  criterion: z.enum(CRITERION_IDS),
  /** The normalised weight at which the verdict flips, or null when no weight in [0, 1] flips it. */
  flip_weight: z.number().nullable(),
});

export const checklistRowSchema = z.object({
  item: z.string(),
  applies: z.boolean(),
  favors: favorsLanguage,
  why: z.string(),
});

export const componentRowSchema = z.object({
  name: z.string(),
  language: favorsLanguage,
  why: z.string(),
  scores: z.object({ go: z.number(), rust: z.number() }).optional(),
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
});

export const similarProjectSchema = z.object({
  name: z.string(),
  languages: z.array(favorsLanguage),
  similarity: z.number(),
  source: z.string(),
});

export const decisionSchema = z.object({
  verdict: z.enum(VERDICTS),
  confidence: z.number().min(0).max(1),
  close_call: z.boolean(),
  scores: z.object({ go: z.number(), rust: z.number() }),
  probabilities: z.object({ go: z.number(), rust: z.number(), hybrid: z.number() }),
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
});

export type Decision = z.output<typeof decisionSchema>;
export type Gate = z.output<typeof gateSchema>;
export type CriterionRow = z.output<typeof criterionRowSchema>;
export type SensitivityRow = z.output<typeof sensitivitySchema>;
export type ChecklistRow = z.output<typeof checklistRowSchema>;
export type ComponentRow = z.output<typeof componentRowSchema>;
export type BoundaryRow = z.output<typeof boundaryRowSchema>;
export type SimilarProject = z.output<typeof similarProjectSchema>;
