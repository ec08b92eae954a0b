/** @module The schema of one question of the questionnaire (questions.ts, `GET /api/questions`), and its types, inferred from it. A file of its own so the web's first load, which imports questions.ts, builds no schema. */
// A namespace import lets the bundler keep only the parts of zod in use (as decision/schema.ts does).
import * as z from 'zod';

export const questionOptionSchema = z.object({
  value: z.string(),
  label: z.string(),
  hint: z.string().optional(),
});
export type QuestionOption = z.output<typeof questionOptionSchema>;

/** One question of the questionnaire; `path` is where its answer goes in the profile. */
export const questionSchema = z
  .object({
    id: z.string().meta({ description: "dotted profile path, e.g. 'team.go'" }),
    path: z.array(z.string()),
    prompt: z.string(),
    help: z.string().optional(),
    kind: z.enum(['text', 'number', 'select', 'multiselect', 'confirm']),
    options: z.array(questionOptionSchema).optional(),
    default: z.unknown().optional(),
    optional: z.boolean().optional().meta({
      description:
        'may be left blank (text, number) or empty (multiselect); the field is then left out of the profile',
    }),
    min: z.number().optional(),
    max: z.number().optional(),
    exclusiveMin: z
      .boolean()
      .optional()
      .meta({ description: '`min` itself is not allowed (the schema says "> min")' }),
    integer: z.boolean().optional(),
    unit: z.string().optional().meta({
      description: 'what a number answer counts, for plain-words problems: "a number of milliseconds"',
    }),
  })
  .meta({ id: 'Question' });
export type Question = z.output<typeof questionSchema>;
