/** @module The fast path for valid profiles (src/core/profile/quick-accept.ts) against the zod schema it stands in for: the same rules (derived from the schema), the same profile for every example and corpus profile and for random variants of them, and, through parseProfileTextQuickly, the same problems and UserError for invalid profiles. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { parseProfileText } from '../../src/core/profile/parse-text.ts';
import { type Field, PROFILE_SPEC, quickAccept, type Spec } from '../../src/core/profile/quick-accept.ts';
import { readProfileValue } from '../../src/core/profile/read-text.ts';
import { parseProfileTextQuickly } from '../../src/core/profile/read-text-quick.ts';
import { profileSchema } from '../../src/core/profile/schema.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const yamlFiles = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(dir, name));
const PROFILES = [...yamlFiles('examples'), ...yamlFiles('test/fixtures/real-decisions')].map((file) => ({
  file,
  value: readProfileValue(readFileSync(join(ROOT, file), 'utf8'), file),
}));

/** A zod schema node's definition (zod v4 keeps it at `_zod.def`). */
type Def = Record<string, unknown> & { type: string };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) =>
  ((def.checks ?? []) as unknown[]).map((c) => defOf(c) as Def & { check: string });

/** The rules of a zod schema node in PROFILE_SPEC's terms; throws on anything the fast path does not know. */
function specFromZod(schema: unknown): Spec {
  const def = defOf(schema);
  const checks = checksOf(def);
  const only = (...allowed: string[]) => {
    const other = checks.filter((c) => !allowed.includes(c.check));
    if (other.length > 0) throw new Error(`unknown ${def.type} check ${other[0]?.check}`);
  };
  switch (def.type) {
    case 'object': {
      only('custom');
      if (defOf(def.catchall).type !== 'never') throw new Error('only strict objects');
      const fields = Object.fromEntries(
        Object.entries(def.shape as Record<string, unknown>).map(([key, field]) => [
          key,
          fieldFromZod(field),
        ]),
      );
      // The refinements are code: the fast path names them; the derived spec counts them.
      return checks.length === 0
        ? { type: 'object', fields }
        : { type: 'object', fields, refine: 'custom' as never };
    }
    case 'array': {
      only('max_length');
      const max = checks.find((c) => c.check === 'max_length')?.maximum as number | undefined;
      const of = specFromZod(def.element);
      return max === undefined ? { type: 'array', of } : { type: 'array', of, max };
    }
    case 'number': {
      only('greater_than', 'less_than', 'number_format');
      const spec: Extract<Spec, { type: 'number' }> = { type: 'number' };
      for (const c of checks) {
        if (c.check === 'number_format' && c.format === 'safeint') spec.int = true;
        else if (c.check === 'greater_than' && c.inclusive === true) spec.min = c.value as number;
        else if (c.check === 'greater_than') spec.gt = c.value as number;
        else if (c.check === 'less_than' && c.inclusive === true) spec.max = c.value as number;
        else throw new Error(`unknown number check ${JSON.stringify(c)}`);
      }
      return spec;
    }
    case 'string': {
      only('overwrite', 'min_length', 'string_format');
      const spec: Extract<Spec, { type: 'string' }> = { type: 'string' };
      for (const c of checks) {
        if (c.check === 'overwrite') {
          // The only overwrite the profile uses is .trim().
          const tx = c.tx as (s: string) => string;
          if (tx('  a b  ') !== 'a b') throw new Error('an overwrite other than trim');
          spec.trim = true;
        } else if (c.check === 'min_length') spec.min = c.minimum as number;
        else if (c.format === 'regex') spec.pattern = c.pattern as RegExp;
        else throw new Error(`unknown string check ${JSON.stringify(c)}`);
      }
      return spec;
    }
    case 'boolean':
      only();
      return { type: 'boolean' };
    case 'enum':
      only();
      return { type: 'enum', values: Object.values(def.entries as Record<string, string>) };
    case 'literal': {
      only();
      const values = def.values as unknown[];
      if (values.length !== 1 || typeof values[0] !== 'number') throw new Error('one number literal only');
      return { type: 'literal', value: values[0] };
    }
    default:
      throw new Error(`a zod ${def.type} the fast path does not know`);
  }
}

function fieldFromZod(schema: unknown): Field {
  const def = defOf(schema);
  if (def.type === 'optional') return { spec: specFromZod(def.innerType), optional: true };
  if (def.type === 'default') {
    const value = def.defaultValue;
    return { spec: specFromZod(def.innerType), default: value };
  }
  return { spec: specFromZod(schema) };
}

/** PROFILE_SPEC with its refinements' names replaced by the derived spec's marker. */
function withRefinementMarkers(spec: Spec): Spec {
  switch (spec.type) {
    case 'object': {
      const fields = Object.fromEntries(
        Object.entries(spec.fields).map(([key, field]) => [
          key,
          { ...field, spec: withRefinementMarkers(field.spec) },
        ]),
      );
      return spec.refine === undefined
        ? { type: 'object', fields }
        : { type: 'object', fields, refine: 'custom' as never };
    }
    case 'array':
      return { ...spec, of: withRefinementMarkers(spec.of) };
    default:
      return spec;
  }
}

/** Exact equality, key order and explicit undefined included. */
function expectSame(actual: unknown, expected: unknown, label: string): void {
  const text = (v: unknown) =>
    JSON.stringify(v, (_key, x) => (x === undefined ? '(undefined)' : Object.is(x, -0) ? '(-0)' : x));
  expect(text(actual), label).toBe(text(expected));
  expect(actual, label).toStrictEqual(expected);
}

/** What zod makes of a value: the profile, or undefined when it refuses it. */
function zodProfile(value: unknown): unknown {
  const result = profileSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

describe('quickAccept, the fast path for valid profiles', () => {
  it('knows the rules of the zod schema (a field, check or default added to schema.ts must be added to PROFILE_SPEC)', () => {
    expect(withRefinementMarkers(PROFILE_SPEC)).toEqual(specFromZod(profileSchema));
  });

  it('returns exactly what the schema returns for every example and every corpus profile', () => {
    expect(PROFILES.length).toBeGreaterThan(100);
    for (const { file, value } of PROFILES) {
      const quick = quickAccept(value);
      expect(quick, `${file} should take the fast path`).toBeDefined();
      expectSame(quick, profileSchema.parse(value), file);
    }
  });

  it('never accepts what the schema refuses, and accepts what it accepts, on random variants of real profiles', () => {
    const pool = [
      0,
      -0,
      -1,
      0.5,
      1,
      3,
      5,
      5.5,
      1000,
      1001,
      200.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 53,
      '',
      '  ',
      ' x ',
      'go',
      'rust',
      'none',
      'some',
      'strong',
      'medium',
      'server',
      'mixed',
      'io-bound',
      'linux-arm64',
      'Linux-arm64',
      'api',
      'worker',
      true,
      false,
      null,
      [],
      {},
      ['server'],
      ['server', 'bogus'],
      { p99_ms: 10 },
      { p99_ms: 10, p999_ms: 5 },
      { p99_ms: 10, p999_ms: 20 },
    ];
    type Edit = { path: number[]; op: 'set' | 'delete' | 'add'; pick: number };
    /** Apply an edit at a pseudo-random place of a copy of the value (paths index into the keys found on the way). */
    const edit = (value: unknown, e: Edit): unknown => {
      const root = structuredClone(value) as Record<string, unknown>;
      let node: unknown = root;
      for (const [i, step] of e.path.entries()) {
        const keys = node !== null && typeof node === 'object' ? Object.keys(node) : [];
        if (keys.length === 0) break;
        const key = keys[step % keys.length] as string;
        const next = (node as Record<string, unknown>)[key];
        if (next === null || typeof next !== 'object' || i === e.path.length - 1) {
          const target = node as Record<string, unknown>;
          if (e.op === 'delete') {
            if (Array.isArray(target)) target.splice(Number(key), 1);
            else delete target[key];
          } else if (e.op === 'add') {
            if (Array.isArray(target)) target.push(target[0]);
            else target[`x${e.pick % 3}`] = pool[e.pick % pool.length];
          } else {
            target[key] = pool[e.pick % pool.length];
          }
          return root;
        }
        node = next;
      }
      return root;
    };
    const arbitrary = fc.record({
      profile: fc.integer({ min: 0, max: PROFILES.length - 1 }),
      edits: fc.array(
        fc.record({
          path: fc.array(fc.nat(40), { minLength: 1, maxLength: 5 }),
          op: fc.constantFrom('set', 'delete', 'add'),
          pick: fc.nat(1000),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(arbitrary, ({ profile, edits }) => {
        let value = PROFILES[profile]?.value;
        for (const e of edits) value = edit(value, e as Edit);
        const fromZod = zodProfile(value);
        const quick = quickAccept(value);
        if (fromZod === undefined) {
          refused++;
          expect(quick).toBeUndefined();
        } else {
          accepted++;
          expectSame(quick, fromZod, JSON.stringify(edits));
        }
      }),
      { numRuns: 3000, seed: 11 },
    );
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });

  it('leaves to the schema what it cannot vouch for', () => {
    const valid = PROFILES[0]?.value as Record<string, unknown>;
    expect(quickAccept(valid)).toBeDefined();
    // An explicit undefined, a class instance, an inherited key: the schema decides.
    expect(quickAccept({ ...valid, priorities: undefined })).toBeUndefined();
    expect(quickAccept(Object.assign(Object.create({ version: 1 }), { ...valid }))).toBeUndefined();
    expect(quickAccept(new Map())).toBeUndefined();
    expect(quickAccept([valid])).toBeUndefined();
    expect(quickAccept(null)).toBeUndefined();
    // Defaults are fresh values, never shared between profiles.
    const a = quickAccept(valid);
    const b = quickAccept(valid);
    expect(a?.targets).not.toBe(b?.targets);
  });
});

describe('parseProfileTextQuickly', () => {
  const INVALID: Record<string, string> = {
    'missing sections': 'version: 1\nproject: {name: x}\n',
    'a misspelt level':
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: strnog, rust: none}\n',
    'an unknown key with a suggestion':
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none, turnvoer: low}\n',
    'a key at the wrong level':
      'version: 1\nkind: mixed\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n',
    'a fractional team size':
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 2.5, go: some, rust: none}\n',
    'a blank name':
      "version: 1\nproject: {name: '   '}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n",
    'p999 under p99':
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed, latency_slo: {p99_ms: 10, p999_ms: 5}}\nteam: {size: 3, go: some, rust: none}\n',
    'duplicate components and a call to nowhere':
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\ncomponents:\n  - {name: a, role: api, calls: [{to: b, per_request: 1}]}\n  - {name: a, role: worker}\n',
    'a bad platform':
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\nplatforms: [linux_arm64]\n',
    'a priority above 5':
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\npriorities: {performance: 6}\n',
    infinity:
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed, peak_rps: .inf}\nteam: {size: 3, go: some, rust: none}\n',
    'version 2':
      'version: 2\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n',
    'a list at the root': '- version: 1\n',
    'a scalar': 'just text\n',
    'bad YAML': 'version: 1\nproject: {name: x\nteam: [\n',
    'a duplicate key': 'version: 1\nversion: 1\n',
    'bad JSON': '{"version": 1,,}',
    'an empty file': '   \n',
  };

  /** The UserError a parse throws, as the CLI shows it: message and problems. */
  async function failure(run: () => unknown): Promise<{ message: string; problems: unknown } | 'no error'> {
    try {
      await run();
      return 'no error';
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { message: error.message, problems: error.problems };
    }
  }

  for (const [name, text] of Object.entries(INVALID)) {
    it(`refuses ${name} with the same problems as parseProfileText`, async () => {
      const expected = await failure(() => parseProfileText(text, 'bad.yaml'));
      expect(expected).not.toBe('no error');
      expect(await failure(() => parseProfileTextQuickly(text, 'bad.yaml'))).toEqual(expected);
    });
  }

  it('returns what parseProfileText returns for valid profiles', async () => {
    for (const file of ['examples/service-mesh.yaml', 'examples/close-call.yaml']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expectSame(await parseProfileTextQuickly(text, file), parseProfileText(text, file), file);
    }
  });
});
