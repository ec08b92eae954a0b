/**
 * @module A fast path for valid profiles: `quickAccept(value)` returns the profile exactly as the zod schema
 * (schema.ts) would, defaults filled in, when the value is certainly valid, and undefined otherwise, so the caller
 * runs the schema, which alone words the problems. It loads no zod: building the schema and running it costs a cold
 * CLI process tens of milliseconds. PROFILE_SPEC is the schema written as data; test/profile/quick-accept.test.ts derives the
 * same data from the zod schema and fails when the two drift, and checks both paths agree on every example, every
 * corpus profile and random variants of them.
 */
import type { Profile } from './schema.ts';
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

/** One schema node, as data. Numbers: `min`/`max` inclusive, `gt` exclusive; every number is finite. */
export type Spec =
  | { type: 'object'; fields: Record<string, Field>; refine?: 'latency_slo' | 'profile' }
  | { type: 'array'; of: Spec; max?: number }
  | { type: 'number'; int?: true; min?: number; gt?: number; max?: number }
  | { type: 'string'; trim?: true; min?: number; pattern?: RegExp }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'literal'; value: number };

/** A field of an object: required, optional (absent stays absent), or with a default (absent gets it). */
export type Field = { spec: Spec; optional?: true; default?: unknown };

const num = (bounds: Omit<Extract<Spec, { type: 'number' }>, 'type'> = {}): Spec => ({
  type: 'number',
  ...bounds,
});
const oneOf = (values: readonly string[]): Spec => ({ type: 'enum', values });
const req = (spec: Spec): Field => ({ spec });
const opt = (spec: Spec): Field => ({ spec, optional: true });
const withDefault = (spec: Spec, value: unknown): Field => ({ spec, default: value });
const obj = (fields: Record<string, Field>, refine?: 'latency_slo' | 'profile'): Spec =>
  refine === undefined ? { type: 'object', fields } : { type: 'object', fields, refine };

const LATENCY_SLO = obj({ p99_ms: req(num({ gt: 0 })), p999_ms: opt(num({ gt: 0 })) }, 'latency_slo');
const EXISTING_CODE = obj({
  language: req(oneOf(EXISTING_CODE_LANGUAGES)),
  kloc: opt(num({ gt: 0 })),
  plan: req(oneOf(EXISTING_CODE_PLANS)),
});
const PRIORITIES = obj(Object.fromEntries(CRITERION_IDS.map((id) => [id, opt(num({ min: 0, max: 5 }))])));

/** Profile v1 as schema.ts states it. */
export const PROFILE_SPEC: Spec = obj(
  {
    version: req({ type: 'literal', value: 1 }),
    project: req(
      obj({ name: req({ type: 'string', trim: true, min: 1 }), summary: opt({ type: 'string' }) }),
    ),
    workload: req(
      obj({
        kind: req(oneOf(WORKLOAD_KINDS)),
        peak_rps: opt(num({ min: 0 })),
        latency_slo: opt(LATENCY_SLO),
        hard_realtime: withDefault({ type: 'boolean' }, false),
        live_heap_gib: opt(num({ min: 0 })),
        memory_budget_mib: opt(num({ gt: 0 })),
      }),
    ),
    team: req(
      obj({
        size: req(num({ int: true, min: 1 })),
        go: req(oneOf(LEVELS)),
        rust: req(oneOf(LEVELS)),
        turnover: withDefault(oneOf(TURNOVERS), 'medium'),
      }),
    ),
    delivery: opt(
      obj({
        deadline_weeks: opt(num({ gt: 0 })),
        prototype_first: withDefault({ type: 'boolean' }, false),
        lifetime_years: opt(num({ gt: 0 })),
      }),
    ),
    safety_critical: withDefault({ type: 'boolean' }, false),
    targets: withDefault({ type: 'array', of: oneOf(TARGETS) }, ['server']),
    platforms: opt({ type: 'array', of: { type: 'string', pattern: /^[a-z0-9]+-[a-z0-9]+$/ } }),
    domain: opt({ type: 'array', of: oneOf(DOMAINS) }),
    interop: opt({ type: 'array', of: oneOf(INTEROPS) }),
    existing_code: opt(EXISTING_CODE),
    priorities: opt(PRIORITIES),
    stakeholders: opt({
      type: 'array',
      max: PROFILE_CAPS.maxStakeholders,
      of: obj({
        name: req({ type: 'string', trim: true, min: 1 }),
        role: opt({ type: 'string' }),
        weight: opt(num({ gt: 0, max: 1000 })),
        priorities: req(PRIORITIES),
      }),
    }),
    components: opt({
      type: 'array',
      max: PROFILE_CAPS.maxComponents,
      of: obj({
        name: req({ type: 'string', min: 1 }),
        role: req(oneOf(ROLES)),
        workload: opt(oneOf(WORKLOAD_KINDS)),
        latency_critical: withDefault({ type: 'boolean' }, false),
        latency_slo: opt(LATENCY_SLO),
        live_heap_gib: opt(num({ min: 0 })),
        memory_budget_mib: opt(num({ gt: 0 })),
        peak_rps: opt(num({ min: 0 })),
        targets: opt({ type: 'array', of: oneOf(TARGETS) }),
        interop: opt({ type: 'array', of: oneOf(INTEROPS) }),
        existing_code: opt(EXISTING_CODE),
        team: opt(obj({ go: opt(oneOf(LEVELS)), rust: opt(oneOf(LEVELS)) })),
        calls: opt({
          type: 'array',
          max: PROFILE_CAPS.maxCallsPerComponent,
          of: obj({ to: req({ type: 'string', min: 1 }), per_request: req(num({ min: 0 })) }),
        }),
      }),
    }),
  },
  'profile',
);

/** Returned inside the walk for anything the fast path does not accept. */
const REJECT: unique symbol = Symbol('reject');
type Out = unknown | typeof REJECT;

/**
 * The profile the schema would return for `value` (defaults filled in, names trimmed, keys in the schema's order),
 * or undefined when the value is not certainly valid: then validate it with the schema (parseProfileValue), which
 * words every problem.
 * @example
 * const profile = quickAccept(value) ?? parseProfileValue(value, source);
 */
export function quickAccept(value: unknown): Profile | undefined {
  const out = accept(value, PROFILE_SPEC);
  return out === REJECT ? undefined : (out as Profile);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function accept(value: unknown, spec: Spec): Out {
  switch (spec.type) {
    case 'literal':
      return value === spec.value ? value : REJECT;
    case 'boolean':
      return typeof value === 'boolean' ? value : REJECT;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? value : REJECT;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return REJECT;
      if (spec.int === true && !Number.isSafeInteger(value)) return REJECT;
      if (spec.min !== undefined && !(value >= spec.min)) return REJECT;
      if (spec.gt !== undefined && !(value > spec.gt)) return REJECT;
      if (spec.max !== undefined && !(value <= spec.max)) return REJECT;
      return value;
    }
    case 'string': {
      if (typeof value !== 'string') return REJECT;
      const text = spec.trim === true ? value.trim() : value;
      if (spec.min !== undefined && text.length < spec.min) return REJECT;
      if (spec.pattern !== undefined && !spec.pattern.test(text)) return REJECT;
      return text;
    }
    case 'array': {
      if (!Array.isArray(value)) return REJECT;
      if (spec.max !== undefined && value.length > spec.max) return REJECT;
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!Object.hasOwn(value, i)) return REJECT;
        const item = accept(value[i], spec.of);
        if (item === REJECT) return REJECT;
        out.push(item);
      }
      return out;
    }
    case 'object': {
      if (!isPlainObject(value)) return REJECT;
      // Only own string keys the schema knows, with a value (an explicit undefined is left to the schema).
      if (Object.getOwnPropertySymbols(value).length > 0) return REJECT;
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(spec.fields, key) || value[key] === undefined) return REJECT;
      }
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(spec.fields)) {
        if (!Object.hasOwn(value, key)) {
          if (field.default !== undefined)
            out[key] = Array.isArray(field.default) ? [...field.default] : field.default;
          else if (field.optional !== true) return REJECT;
          continue;
        }
        const item = accept(value[key], field.spec);
        if (item === REJECT) return REJECT;
        out[key] = item;
      }
      if (spec.refine === 'latency_slo' && !latencySloHolds(out)) return REJECT;
      if (spec.refine === 'profile' && !profileRefinementsHold(out)) return REJECT;
      return out;
    }
  }
}

/** p999_ms, when given, is at least p99_ms. */
function latencySloHolds(slo: Record<string, unknown>): boolean {
  return slo.p999_ms === undefined || (slo.p999_ms as number) >= (slo.p99_ms as number);
}

/** Component names and stakeholder names unique, and every call to a component that exists. */
function profileRefinementsHold(profile: Record<string, unknown>): boolean {
  const components = (profile.components ?? []) as { name: string; calls?: { to: string }[] }[];
  const names = new Set(components.map((c) => c.name));
  if (names.size !== components.length) return false;
  const people = (profile.stakeholders ?? []) as { name: string }[];
  if (new Set(people.map((s) => s.name)).size !== people.length) return false;
  return components.every((c) => (c.calls ?? []).every((call) => names.has(call.to)));
}
