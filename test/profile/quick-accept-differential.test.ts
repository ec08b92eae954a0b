/** @module A differential check of the CLI's fast path for profiles (quick-accept.ts, through parseProfileTextQuickly) against the zod path (parseProfileText): profiles generated from the schema with every optional field, at the caps and at the numeric bounds, then broken in the ways users break them (null, "yes", numbers as strings, unknown keys, out-of-range and over-cap values, broken references), written as YAML (with anchors and aliases) or JSON; both paths must make the same decision, return the same profile and word the same problems. Seeded and bounded (a few hundred cases). */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { mulberry32 } from '../../src/core/engine/robustness.ts';
import { UserError } from '../../src/core/errors.ts';
import { parseProfileText } from '../../src/core/profile/parse-text.ts';
import { PROFILE_SPEC, quickAccept, type Spec } from '../../src/core/profile/quick-accept.ts';
import { readProfileValue } from '../../src/core/profile/read-text.ts';
import { parseProfileTextQuickly } from '../../src/core/profile/read-text-quick.ts';
import { profileSchema } from '../../src/core/profile/schema.ts';
import { PROFILE_CAPS } from '../../src/core/profile/vocabulary.ts';

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

const NAMES = ['x', '  Ünïcödé 服务 ✓  ', 'api\tgateway', 'emoji 🚀', 'a'.repeat(300), 'yes', 'null', '1'];
const PLATFORMS = ['linux-arm64', 'linux-amd64', 'darwin-arm64', 'windows-386', 'wasip1-wasm'];

/** A number the spec accepts, often at one of its bounds. */
function validNumber(spec: Extract<Spec, { type: 'number' }>, r: Rand): number {
  const low = spec.min ?? (spec.gt === undefined ? 0 : spec.gt);
  const high = spec.max ?? low + 100_000;
  if (spec.int === true) return pick(r, [low, low + 1, Math.floor(low + r() * 40), 1_000_000]);
  const candidates = [low + 0.5, low + 0.001, high, (low + high) / 3, 1e-9 + low, 12_345.678];
  if (spec.min !== undefined) candidates.push(spec.min);
  return pick(
    r,
    candidates.filter((n) => n <= high && (spec.gt === undefined || n > spec.gt)),
  );
}

/**
 * A value the spec accepts (before the profile's cross-field rules, which `repair` then makes hold). Optional fields
 * are present with probability `fill`; `atCaps` makes capped lists full.
 */
function generate(spec: Spec, r: Rand, fill: number, atCaps: boolean): unknown {
  switch (spec.type) {
    case 'literal':
      return spec.value;
    case 'boolean':
      return r() < 0.5;
    case 'enum':
      return pick(r, spec.values);
    case 'number':
      return validNumber(spec, r);
    case 'string':
      return spec.pattern === undefined ? pick(r, NAMES) : pick(r, PLATFORMS);
    case 'array': {
      const length =
        atCaps && spec.max !== undefined ? spec.max : pick(r, [0, 1, 2, 3, spec.max === undefined ? 4 : 2]);
      // Lists at their caps hold small items (a full list of full components would be 40,000 calls).
      return Array.from({ length }, () =>
        generate(spec.of, r, atCaps && spec.max !== undefined ? 0.2 : fill, false),
      );
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      // Keys in a shuffled order: the schema's output order must not depend on the input's.
      const entries = Object.entries(spec.fields).sort(() => r() - 0.5);
      for (const [key, field] of entries) {
        const required = field.optional !== true && field.default === undefined;
        if (required || r() < fill) out[key] = generate(field.spec, r, fill, atCaps && r() < 0.5);
      }
      return out;
    }
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Make the profile's cross-field rules hold: p999 >= p99, unique names, calls to other components that exist. */
function repair(profile: Obj, r: Rand): Obj {
  const slo = (s: unknown) => {
    if (isObj(s) && typeof s.p999_ms === 'number' && typeof s.p99_ms === 'number' && s.p999_ms < s.p99_ms)
      s.p999_ms = s.p99_ms;
  };
  if (isObj(profile.workload)) slo(profile.workload.latency_slo);
  const components = Array.isArray(profile.components) ? (profile.components as Obj[]) : [];
  for (const [i, c] of components.entries()) {
    c.name = `${String(c.name).slice(0, 20)}-${i}`;
    slo(c.latency_slo);
  }
  for (const c of components) {
    // Calls go to another component (a self-call is valid but crosses no boundary); a lone component calls nothing.
    const others = components.filter((other) => other !== c);
    if (Array.isArray(c.calls)) {
      if (others.length === 0) delete c.calls;
      else for (const call of c.calls as Obj[]) call.to = pick(r, others).name;
    }
  }
  const people = Array.isArray(profile.stakeholders) ? (profile.stakeholders as Obj[]) : [];
  for (const [i, s] of people.entries()) s.name = `${String(s.name).slice(0, 20)} ${i}`;
  // Aliases: stakeholders sharing one priorities mapping, a component sharing the project's SLO.
  // (At most 20 alias uses: read-text.ts refuses more, on both paths.)
  if (people.length > 1 && r() < 0.5)
    for (const s of people.slice(0, 10)) s.priorities = people[0]?.priorities;
  const first = components[0];
  if (first && isObj(profile.workload) && profile.workload.latency_slo && r() < 0.5)
    first.latency_slo = profile.workload.latency_slo;
  return profile;
}

/** Every place in a value: the path of keys to it. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = [path];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => places(v, [...path, i])));
  if (isObj(value)) return here.concat(...Object.entries(value).map(([k, v]) => places(v, [...path, k])));
  return here;
}

/** What users write where something else belongs. */
const WRONG: unknown[] = [
  null,
  'yes',
  'no',
  'true',
  '1',
  '2.5',
  2.5,
  '',
  '   ',
  0,
  -0.0001,
  5.0001,
  1000.0001,
  2 ** 53,
  -1,
  true,
  [],
  {},
  ['server'],
  { p99_ms: 10, p999_ms: 5 },
];

/** One way of breaking a profile, at a random place. */
function breakProfile(profile: Obj, r: Rand): string {
  const all = places(profile).filter((p) => p.length > 0);
  const path = pick(r, all);
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Obj)[k as string], profile) as Obj;
  const key = path[path.length - 1] as string;
  const old = parent[key];
  const how = pick(r, ['wrong', 'as-text', 'delete', 'unknown-key', 'over-cap', 'reference', 'slo']);
  switch (how) {
    case 'as-text':
      // A number written as text, a boolean as "yes", a name as a number.
      parent[key] =
        typeof old === 'number'
          ? String(old)
          : typeof old === 'boolean'
            ? old
              ? 'yes'
              : 'no'
            : typeof old === 'string'
              ? 42
              : null;
      return `${path.join('.')} as text`;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return `${path.join('.')} deleted`;
    case 'unknown-key': {
      const target = isObj(old) ? old : isObj(parent) ? parent : profile;
      target[pick(r, ['colour', `${key}s`, String(key).toUpperCase(), 'notes'])] = pick(r, WRONG);
      return `unknown key near ${path.join('.')}`;
    }
    case 'over-cap': {
      const lists: [string, number][] = [
        ['components', PROFILE_CAPS.maxComponents],
        ['stakeholders', PROFILE_CAPS.maxStakeholders],
      ];
      const [name, cap] = pick(r, lists);
      const items = Array.isArray(profile[name]) ? (profile[name] as Obj[]) : [];
      const template = name === 'components' ? { role: 'worker' } : ({ priorities: {} } as Obj);
      profile[name] = [
        ...items,
        ...Array.from({ length: cap + 1 - items.length }, (_, i) => ({ name: `extra ${i}`, ...template })),
      ];
      return `${name} over the cap`;
    }
    case 'reference': {
      const components = Array.isArray(profile.components) ? (profile.components as Obj[]) : [];
      const c = components[0];
      if (c && r() < 0.5) c.calls = [{ to: 'nowhere', per_request: 1 }];
      else if (c && components.length > 1) c.name = components[1]?.name;
      else
        profile.stakeholders = [
          { name: 'dup', priorities: {} },
          { name: ' dup ', priorities: {} },
        ];
      return 'a broken reference or a duplicate name';
    }
    case 'slo':
      (isObj(profile.workload) ? profile.workload : profile).latency_slo = { p99_ms: 10, p999_ms: 9.99 };
      return 'p999 under p99';
    default:
      parent[key] = pick(r, WRONG);
      return `${path.join('.')} = ${JSON.stringify(parent[key])}`;
  }
}

/** The profile text: YAML (aliases for shared mappings, as users write them) or JSON. */
function write(value: unknown, r: Rand): { text: string; source: string } {
  const form = r();
  if (form < 0.25) return { text: JSON.stringify(value, null, r() < 0.5 ? 2 : 0), source: 'p.json' };
  if (form < 0.35) return { text: JSON.stringify(value), source: 'p.yaml' };
  return { text: stringify(value, { aliasDuplicateObjects: true }), source: 'p.yaml' };
}

type Outcome = { profile: unknown } | { message: string; problems: unknown };
async function outcome(run: () => unknown): Promise<Outcome> {
  try {
    return { profile: await run() };
  } catch (error) {
    // A UserError is what the CLI prints as a message and exits 2 for; anything else is a bug of ours.
    if (!(error instanceof UserError)) throw error;
    return { message: error.message, problems: error.problems };
  }
}

/** Exact equality, key order, -0 and explicit undefined included. */
const exact = (v: unknown) =>
  JSON.stringify(v, (_key, x) => (x === undefined ? '(undefined)' : Object.is(x, -0) ? '(-0)' : x));

describe('the fast path and the zod path, differentially', () => {
  it('make the same decision, return the same profile and word the same problems on generated profiles', async () => {
    const r = mulberry32(20261206); // seeded, so every run checks the same cases
    const counts = { accepted: 0, refused: 0, fastPath: 0, aliased: 0, atCaps: 0 };
    for (let run = 0; run < 400; run++) {
      const atCaps = run % 25 === 0;
      if (atCaps) counts.atCaps++;
      const profile = repair(generate(PROFILE_SPEC, r, pick(r, [0, 0.5, 1]), atCaps) as Obj, r);
      const components = (profile.components ?? []) as Obj[];
      if (atCaps && components.length > 1)
        (components[0] as Obj).calls = Array.from({ length: PROFILE_CAPS.maxCallsPerComponent }, (_, i) => ({
          to: components[1 + (i % (components.length - 1))]?.name,
          per_request: i / 7,
        }));
      const broken = run % 3 === 0 ? 'valid' : breakProfile(profile, r);
      const { text, source } = write(profile, r);
      if (/^\s*[&*]/m.test(text) || /: [&*]a\d/.test(text)) counts.aliased++;
      const label = `case ${run} (${broken}):\n${text.slice(0, 2000)}`;

      // The value level: quickAccept accepts exactly what zod accepts, and returns what zod returns.
      let value: unknown;
      try {
        value = readProfileValue(text, source);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        value = Symbol('unreadable');
      }
      if (typeof value !== 'symbol') {
        const fromZod = profileSchema.safeParse(value);
        const quick = quickAccept(value);
        expect(quick !== undefined, label).toBe(fromZod.success);
        if (fromZod.success) {
          counts.fastPath++;
          expect(exact(quick), label).toBe(exact(fromZod.data));
          expect(quick, label).toStrictEqual(fromZod.data);
        }
      }

      // The text level, as the CLI (quickly) and the sources' parse (through zod) see it.
      const slow = await outcome(() => parseProfileText(text, source));
      const fast = await outcome(() => parseProfileTextQuickly(text, source));
      expect(exact(fast), label).toBe(exact(slow));
      if ('profile' in slow) counts.accepted++;
      else counts.refused++;
      if (broken === 'valid')
        expect('profile' in slow, `${label.slice(0, 300)}\n${exact(slow).slice(0, 600)}`).toBe(true);
    }
    // Both sides of the property, aliases and full lists were exercised.
    expect(counts.accepted).toBeGreaterThan(120);
    expect(counts.refused).toBeGreaterThan(120);
    expect(counts.fastPath).toBe(counts.accepted);
    expect(counts.aliased).toBeGreaterThan(20);
    expect(counts.atCaps).toBeGreaterThan(10);
  }, 60_000);

  it('treats hand-written edge cases alike', async () => {
    const base =
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n';
    const cases: Record<string, string> = {
      'a null section': `${base}priorities: null\n`,
      'a tilde section': `${base}delivery: ~\n`,
      'an empty value': `${base}stakeholders:\n`,
      'yes for a boolean': `${base}safety_critical: yes\n`,
      'a quoted number': `${base.replace('size: 3', "size: '3'")}`,
      'a number for a name': `${base.replace('name: x', 'name: 123')}`,
      'a hex and an octal number': `${base.replace('size: 3', 'size: 0o3').replace('kind: mixed', 'kind: mixed, peak_rps: 0x10')}`,
      'a float version and size': `${base.replace('version: 1', 'version: 1.0').replace('size: 3', 'size: 3.0')}`,
      'a YAML 1.1 timestamp for a name': `${base.replace('name: x', 'name: 2024-01-01')}`,
      'a merge key': `${base}components: [{<<: {name: q, role: api}}]\n`,
      'an anchored SLO used twice': `${base.replace('kind: mixed', 'kind: mixed, latency_slo: &s {p99_ms: 2.5, p999_ms: 2.5}')}components: [{name: a, role: api, latency_slo: *s}]\n`,
      '__proto__ in YAML': `${base}__proto__: {version: 2}\n`,
      '__proto__ in JSON':
        '{"version":1,"project":{"name":"x"},"workload":{"kind":"mixed"},"team":{"size":3,"go":"some","rust":"none"},"__proto__":{"a":1}}',
      'constructor as a key': `${base}constructor: 1\n`,
      'a duplicate key': `${base}team: {size: 4, go: some, rust: none}\n`,
      'names that differ only in surrounding space': `${base}stakeholders: [{name: ' a', priorities: {}}, {name: 'a ', priorities: {}}]\n`,
      'component names that differ only in surrounding space': `${base}components: [{name: ' a', role: api}, {name: 'a', role: api}]\n`,
      'a non-breaking space as a name': `${base.replace('name: x', 'name: "\u00a0"')}`,
      'a tab-padded name': `${base.replace('name: x', 'name: "\\tx\\t"')}`,
      'an infinite number': `${base.replace('kind: mixed', 'kind: mixed, peak_rps: .inf')}`,
      'a huge number': `${base.replace('kind: mixed', 'kind: mixed, peak_rps: 1e400')}`,
      'not a number': `${base.replace('kind: mixed', 'kind: mixed, peak_rps: .nan')}`,
      'a negative zero': `${base.replace('kind: mixed', 'kind: mixed, peak_rps: -0, live_heap_gib: -0.0')}`,
      'a weight at the cap and just above it': `${base}stakeholders: [{name: a, weight: 1000, priorities: {}}, {name: b, weight: 1000.5, priorities: {}}]\n`,
      "a component's own existing code, and a bad one": `${base}components: [{name: a, role: api, existing_code: {language: go, kloc: 12, plan: extend}}, {name: b, role: worker, existing_code: {language: cobol, plan: extend}}]\n`,
      "a component's own team, and a bad level": `${base}components: [{name: a, role: api, team: {rust: strong}}, {name: b, role: worker, team: {go: expert}}]\n`,
      'a priority at 5 and at 0': `${base}priorities: {interop: 5, build_speed: 0}\n`,
      'a team of 2^53': `${base.replace('size: 3', 'size: 9007199254740992')}`,
    };
    for (const [name, text] of Object.entries(cases)) {
      for (const source of ['p.yaml', 'p.json']) {
        const slow = await outcome(() => parseProfileText(text, source));
        const fast = await outcome(() => parseProfileTextQuickly(text, source));
        expect(exact(fast), `${name} (${source})`).toBe(exact(slow));
      }
    }
  });
});
