/** @module The zod schema of the project profile, version 1, exactly as CONTRACT.md §1 states it. */
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import {
  CRITERION_IDS,
  DOMAINS,
  EXISTING_CODE_LANGUAGES,
  EXISTING_CODE_PLANS,
  INTEROPS,
  LEVELS,
  PROFILE_CAPS,
  ROLES,
  TARGETS,
  TURNOVERS,
  WORKLOAD_KINDS,
} from './vocabulary.ts';

const latencySloSchema = z
  .strictObject({
    p99_ms: z.number().positive().meta({ description: '99th-percentile latency target in milliseconds' }),
    p999_ms: z
      .number()
      .positive()
      .optional()
      .meta({ description: '99.9th-percentile latency target in milliseconds (>= p99_ms)' }),
  })
  .superRefine((slo, ctx) => {
    if (slo.p999_ms === undefined || slo.p999_ms >= slo.p99_ms) return;
    ctx.addIssue({
      code: 'custom',
      message: `p999_ms must be greater than or equal to p99_ms: ${slo.p999_ms} is below ${slo.p99_ms}`,
      path: ['p999_ms'],
    });
  });

const callSchema = z.strictObject({
  to: z.string().min(1).meta({ description: 'name of the component called' }),
  per_request: z.number().min(0).meta({ description: 'calls made per request this component handles' }),
});

const existingCodeSchema = z.strictObject({
  language: z.enum(EXISTING_CODE_LANGUAGES).meta({ description: 'language the existing code is written in' }),
  kloc: z.number().positive().optional().meta({ description: 'rough size in thousands of lines of code' }),
  plan: z.enum(EXISTING_CODE_PLANS).meta({
    description:
      'port: translate it file by file, keeping its structure; rewrite: redesign from scratch; extend: keep it and add to it',
  }),
});

const componentSchema = z.strictObject({
  name: z.string().min(1).meta({ description: 'unique name of the component' }),
  role: z.enum(ROLES),
  workload: z.enum(WORKLOAD_KINDS).optional(),
  latency_critical: z.boolean().default(false),
  latency_slo: latencySloSchema.optional(),
  live_heap_gib: z.number().min(0).optional(),
  memory_budget_mib: z.number().positive().optional().meta({
    description:
      "hard memory cap per instance of this component (default: none; the project's cap is not inherited)",
  }),
  peak_rps: z
    .number()
    .min(0)
    .optional()
    .meta({ description: 'expected peak requests per second this component handles' }),
  targets: z
    .array(z.enum(TARGETS))
    .optional()
    .meta({ description: "where this component runs (default: the project's targets that suit its role)" }),
  interop: z.array(z.enum(INTEROPS)).optional().meta({
    description: "interop needs of this component (default: none; the project's interop is not inherited)",
  }),
  existing_code: existingCodeSchema.optional().meta({
    description: "code that already exists for this component, and the plan for it (default: the project's)",
  }),
  team: z
    .strictObject({
      go: z.enum(LEVELS).optional(),
      rust: z.enum(LEVELS).optional(),
    })
    .optional()
    .meta({
      description:
        "the Go and Rust experience of the people who build this component, where it differs from the project's team",
    }),
  calls: z.array(callSchema).max(PROFILE_CAPS.maxCallsPerComponent).optional(),
});

const prioritiesShape = Object.fromEntries(
  CRITERION_IDS.map((id) => [id, z.number().min(0).max(5).optional()]),
) as Record<(typeof CRITERION_IDS)[number], z.ZodOptional<z.ZodNumber>>;

const prioritiesSchema = z.strictObject(prioritiesShape);

const stakeholderSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .meta({ description: 'who this is (a person or a group), unique within the profile' }),
  role: z.string().optional().meta({ description: 'their role, for example SRE lead' }),
  weight: z
    .number()
    .positive()
    .max(1000)
    .optional()
    .meta({ description: 'how much their view counts relative to the others (default 1, at most 1000)' }),
  priorities: prioritiesSchema,
});

/** The project profile, version 1. Parsing fills in the documented defaults. */
export const profileSchema = z
  .strictObject({
    version: z.literal(1),
    project: z.strictObject({
      name: z.string().trim().min(1),
      summary: z.string().optional(),
    }),
    workload: z.strictObject({
      kind: z.enum(WORKLOAD_KINDS),
      peak_rps: z.number().min(0).optional(),
      latency_slo: latencySloSchema.optional(),
      hard_realtime: z.boolean().default(false),
      live_heap_gib: z.number().min(0).optional(),
      memory_budget_mib: z.number().positive().optional(),
    }),
    team: z.strictObject({
      size: z.number().int().min(1),
      go: z.enum(LEVELS),
      rust: z.enum(LEVELS),
      turnover: z.enum(TURNOVERS).default('medium'),
    }),
    delivery: z
      .strictObject({
        deadline_weeks: z.number().positive().optional(),
        prototype_first: z.boolean().default(false),
        lifetime_years: z.number().positive().optional(),
      })
      .optional(),
    safety_critical: z.boolean().default(false),
    targets: z.array(z.enum(TARGETS)).default(['server']),
    platforms: z
      .array(z.string().regex(/^[a-z0-9]+-[a-z0-9]+$/, 'an os-arch pair such as linux-arm64'))
      .optional(),
    domain: z.array(z.enum(DOMAINS)).optional(),
    interop: z.array(z.enum(INTEROPS)).optional(),
    existing_code: existingCodeSchema.optional().meta({
      description: 'code that already exists for this project, and what the team plans to do with it',
    }),
    priorities: prioritiesSchema.optional(),
    stakeholders: z
      .array(stakeholderSchema)
      .max(PROFILE_CAPS.maxStakeholders)
      .optional()
      .meta({ description: "several stakeholders' priorities; the decision shows where they disagree" }),
    components: z.array(componentSchema).max(PROFILE_CAPS.maxComponents).optional(),
  })
  .superRefine((profile, ctx) => {
    const names = new Set<string>();
    for (const [i, component] of (profile.components ?? []).entries()) {
      if (names.has(component.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['components', i, 'name'],
          message: `component names must be unique; "${component.name}" appears twice`,
        });
      }
      names.add(component.name);
    }
    const people = new Set<string>();
    for (const [i, stakeholder] of (profile.stakeholders ?? []).entries()) {
      if (people.has(stakeholder.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['stakeholders', i, 'name'],
          message: `stakeholder names must be unique; "${stakeholder.name}" appears twice`,
        });
      }
      people.add(stakeholder.name);
    }
    for (const [i, component] of (profile.components ?? []).entries()) {
      for (const [j, call] of (component.calls ?? []).entries()) {
        if (!names.has(call.to)) {
          ctx.addIssue({
            code: 'custom',
            path: ['components', i, 'calls', j, 'to'],
            message: `calls a component named "${call.to}", but no component has that name`,
          });
        }
      }
    }
  });

/** A validated profile, with defaults filled in. */
export type Profile = z.output<typeof profileSchema>;
/** A profile as a user may write it, before defaults. */
export type ProfileInput = z.input<typeof profileSchema>;
export type Component = NonNullable<Profile['components']>[number];
export type LatencySlo = z.output<typeof latencySloSchema>;
export type ExistingCode = z.output<typeof existingCodeSchema>;
export type Stakeholder = z.output<typeof stakeholderSchema>;
