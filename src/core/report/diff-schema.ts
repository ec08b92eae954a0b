/** @module The schema of a decision diff (what `diffDecisions()` in diff.ts returns, and `GET /api/decisions/diff` sends as `diff`), and its types, inferred from it. A file of its own so the web's first load, which imports diff.ts, builds no schema. */
// A namespace import lets the bundler keep only the parts of zod in use (as decision/schema.ts does).
import * as z from 'zod';
import { gateSchema } from '../decision/schema.ts';
import { CRITERION_IDS, VERDICTS } from '../profile/vocabulary.ts';

/** A number before and after, with the difference (b - a, rounded to 3 decimals like the decision's own figures); a side is null when that decision does not have the row. */
export const numberChangeSchema = z.object({
  a: z.number().nullable(),
  b: z.number().nullable(),
  delta: z.number().nullable(),
});
export type NumberChange = z.output<typeof numberChangeSchema>;

export const criterionChangeSchema = z.object({
  id: z.enum(CRITERION_IDS),
  weight: numberChangeSchema,
  go: numberChangeSchema,
  rust: numberChangeSchema,
  contribution: numberChangeSchema,
  flipped: z.boolean().meta({
    description:
      'true when the criterion now favours the other language (the sign of its contribution flipped)',
  }),
});
export type CriterionChange = z.output<typeof criterionChangeSchema>;

const side = z.enum(['go', 'rust']).nullable();
export const componentChangeSchema = z.object({ name: z.string(), a: side, b: side, changed: z.boolean() });
export type ComponentChange = z.output<typeof componentChangeSchema>;

const crossing = z.object({ mechanism: z.string(), per_call_us: z.number() }).nullable();
export const boundaryChangeSchema = z.object({
  from: z.string(),
  to: z.string(),
  a: crossing,
  b: crossing,
  changed: z.boolean(),
});
export type BoundaryChange = z.output<typeof boundaryChangeSchema>;

const verdict = z.enum(VERDICTS);
const flag = z.object({ a: z.boolean(), b: z.boolean(), changed: z.boolean() });

export const stakeholderChangeSchema = z.object({
  name: z.string(),
  /** The stakeholder's own verdict in each decision; null when the stakeholder is not in it. */
  a: verdict.nullable(),
  b: verdict.nullable(),
  /** P(own verdict) in each decision. */
  p: numberChangeSchema,
  changed: z.boolean(),
});
export type StakeholderChange = z.output<typeof stakeholderChangeSchema>;

export const decisionDiffSchema = z
  .object({
    verdict: z.object({ a: verdict, b: verdict, changed: z.boolean() }),
    confidence: numberChangeSchema,
    close_call: flag,
    scores: z.object({ go: numberChangeSchema, rust: numberChangeSchema }),
    probabilities: z.object({ go: numberChangeSchema, rust: numberChangeSchema, hybrid: numberChangeSchema }),
    criteria: z.array(criterionChangeSchema).meta({
      description: 'every criterion of either decision, largest absolute contribution change first',
    }),
    gates: z.object({ added: z.array(gateSchema), removed: z.array(gateSchema), kept: z.array(gateSchema) }),
    components: z.array(componentChangeSchema),
    boundaries: z.array(boundaryChangeSchema),
    /** The seed each decision was drawn with (null when not recorded): a different seed alone moves probabilities a little. */
    seed: z.object({ a: z.number().nullable(), b: z.number().nullable(), changed: z.boolean() }).optional(),
    /** With stakeholders in either decision: the weight share that reaches the group's verdict, and each one's own verdict. */
    agreement: numberChangeSchema.optional(),
    stakeholders: z.array(stakeholderChangeSchema).optional(),
    same: z.boolean().meta({
      description: 'true when nothing above changed (ignoring floating-point noise under 1e-9)',
    }),
  })
  .meta({ id: 'DecisionDiff', description: 'what changed from decision a to decision b' });
export type DecisionDiff = z.output<typeof decisionDiffSchema>;
