/** @module A differential check of the CLI's plain YAML reader (plain-yaml.ts) against the yaml library, which it stands in for: on every example and corpus profile, on texts generated in the styles profiles are written in (block and flow collections, sequences at their key's indentation or deeper, mappings starting on a `- ` line, quoted and plain scalars that the core schema reads as null, booleans, numbers or strings, comments, blank lines) and on the same texts broken as YAML can be broken (tabs, anchors, tags, escapes, multi-line scalars, odd indentation, duplicate keys, document markers...). Wherever the reader returns a value, the yaml library must read the text without an error or warning and give the same value, key order and -0 included; and parseProfileTextQuickly, which uses the reader, must give what parseProfileText gives (the value, or the same problems). Seeded and bounded (about 1,500 texts, a few seconds). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { mulberry32 } from '../../src/core/engine/robustness.ts';
import { UserError } from '../../src/core/errors.ts';
import { parseProfileText } from '../../src/core/profile/parse-text.ts';
import { coreScalar, readPlainYaml } from '../../src/core/profile/plain-yaml.ts';
import { PROFILE_LIMITS } from '../../src/core/profile/problems.ts';
import { PROFILE_YAML_OPTIONS } from '../../src/core/profile/read-text.ts';
import { parseProfileTextQuickly } from '../../src/core/profile/read-text-quick.ts';

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

/** What the yaml library gives, read as read-text.ts reads it: the value, or undefined when it has errors or warnings. */
function libraryValue(text: string): { ok: boolean; value: unknown } {
  const doc = parseDocument(text, PROFILE_YAML_OPTIONS);
  if (doc.errors.length + doc.warnings.length > 0) return { ok: false, value: undefined };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: PROFILE_LIMITS.maxAliasCount }) };
  } catch {
    return { ok: false, value: undefined };
  }
}

/** A value written out exactly: key order, -0, NaN and each scalar's type show. */
function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : `n:${String(value)}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) return 'not a plain object';
    return `{${Object.entries(value as object)
      .map(([k, v]) => `${JSON.stringify(k)}:${show(v)}`)
      .join(',')}}`;
  }
  return `${typeof value}:${JSON.stringify(value)}`;
}

/** Scalars as written in a profile, many of them ones the core schema reads as something other than a string. */
const SCALARS = [
  'x',
  'io-bound',
  'Service mesh',
  'yes',
  'no',
  'null',
  'Null',
  'NULL',
  '~',
  'true',
  'True',
  'FALSE',
  'tRue',
  '1',
  '-1',
  '+1',
  '-0',
  '007',
  '0o17',
  '0o18',
  '0x1F',
  '0x1g',
  '1e3',
  '1E-3',
  '-2.5e+2',
  '1.5',
  '.5',
  '1.',
  '0.10',
  '12345678901234567890',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  'nan',
  '1_000',
  '1,000',
  'a:b',
  'a: b',
  'a:',
  'a #b',
  'a#b',
  "it's",
  'say "hi"',
  'C:\\path',
  'back\\slash',
  '- x',
  '-x',
  '-',
  '---',
  '...',
  '@x',
  '`x',
  '%x',
  '!x',
  '!!str x',
  '&x y',
  '*x',
  '|',
  '>',
  '?x',
  '? x',
  ':x',
  '[x]',
  '{x}',
  'a [b]',
  'a, b',
  'Ünïcödé 服务 ✓',
  'emoji 🚀',
  'a  b',
  'k8s',
  'linux-amd64',
  '=',
  '<<',
];
const KEYS = [
  'name',
  'role',
  'p99_ms',
  'per_request',
  'a-b',
  '_x',
  'X1',
  'true',
  'null',
  '__proto__',
  '1',
  'a b',
  'ключ',
  'k.v',
];

/** A random profile-like value: a mapping at the root, nested mappings, lists, scalars. */
function value(r: Rand, depth: number): unknown {
  const roll = r();
  if (depth < 4 && roll < 0.2) {
    const out: Record<string, unknown> = {};
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++)
      out[r() < 0.9 ? pick(r, KEYS.slice(0, 7)) : pick(r, KEYS)] = value(r, depth + 1);
    return out;
  }
  if (depth < 4 && roll < 0.35) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  if (roll < 0.45) return pick(r, [0, 1, -3, 2.5, 0.05, 200_000, 1e21, 0.1 + 0.2]);
  if (roll < 0.5) return pick(r, [true, false, null]);
  return pick(r, SCALARS);
}

/** A scalar written plain, single- or double-quoted (a double-quoted one with an escape now and then). */
function scalarText(v: unknown, r: Rand): string {
  if (typeof v !== 'string') return String(v);
  const style = r();
  if (style < 0.6) return v;
  if (style < 0.8) return `'${v.replaceAll("'", "''")}'`;
  if (style < 0.95) return `"${v}"`;
  return `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}\\t"`;
}

const isCollection = (v: unknown) => v !== null && typeof v === 'object';

/** A flow collection or scalar, on one line. */
function flowText(v: unknown, r: Rand): string {
  if (Array.isArray(v)) return `[${v.map((x) => flowText(x, r)).join(pick(r, [', ', ',', ' , ']))}]`;
  if (isCollection(v)) {
    const inner = Object.entries(v as object)
      .map(([k, x]) => `${k}: ${flowText(x, r)}`)
      .join(', ');
    return inner === '' ? '{}' : pick(r, [`{ ${inner} }`, `{${inner}}`]);
  }
  return scalarText(v, r);
}

/** Occasional decorations: a comment after a value, extra spaces. */
const trailer = (r: Rand) => (r() < 0.15 ? pick(r, ['  # why', ' #', ' # a: b', '   ']) : '');

/** The value as block YAML, in a random but consistent style per text. */
function blockText(v: unknown, r: Rand, indent: number, step: number, sameIndentLists: boolean): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isCollection(item) && Object.keys(item as object).length > 0 && r() < 0.85) {
        if (!Array.isArray(item) && r() < 0.7) {
          // A mapping that starts on the `- ` line.
          const inner = blockText(item, r, indent + 2, step, sameIndentLists);
          lines.push(`${pad}- ${(inner[0] ?? '').trimStart()}`, ...inner.slice(1));
        } else {
          lines.push(`${pad}-${trailer(r)}`, ...blockText(item, r, indent + step, step, sameIndentLists));
        }
      } else {
        lines.push(`${pad}- ${isCollection(item) ? flowText(item, r) : scalarText(item, r)}${trailer(r)}`);
      }
    }
    return lines;
  }
  for (const [key, item] of Object.entries(v as object)) {
    if (r() < 0.08) lines.push(`${' '.repeat(Math.floor(r() * 6))}# a comment line`);
    if (r() < 0.05) lines.push('');
    const empty = isCollection(item) && Object.keys(item as object).length === 0;
    if (isCollection(item) && !empty && r() < 0.75) {
      const childIndent = Array.isArray(item) && sameIndentLists ? indent : indent + step;
      lines.push(`${pad}${key}:${trailer(r)}`, ...blockText(item, r, childIndent, step, sameIndentLists));
    } else if (item === null && r() < 0.3) {
      lines.push(`${pad}${key}:${trailer(r)}`);
    } else {
      const text = isCollection(item) ? flowText(item, r) : scalarText(item, r);
      lines.push(`${pad}${key}:${pick(r, [' ', ' ', '  '])}${text}${trailer(r)}`);
    }
  }
  return lines;
}

/** Ways YAML can be broken or written beyond the plain subset, each applied to one line or to the whole text. */
const BREAKS: ((lines: string[], r: Rand) => string[])[] = [
  (l, r) => l.map((x, i) => (i === Math.floor(r() * l.length) ? x.replace(/^( *)/, '$1\t') : x)),
  (l, r) => l.map((x, i) => (i === Math.floor(r() * l.length) ? x.replace(/^ ?/, r() < 0.5 ? '' : '  ') : x)),
  (l, r) =>
    l.map((x, i) =>
      i === Math.floor(r() * l.length) ? `${x}\n${' '.repeat(Math.floor(r() * 6))}continued` : x,
    ),
  (l, r) => l.map((x, i) => (i === Math.floor(r() * l.length) ? x.replace(': ', ': &anchor ') : x)),
  (l) => [...l, 'again: *anchor'],
  (l, r) => l.map((x, i) => (i === Math.floor(r() * l.length) ? x.replace(': ', ': !!str ') : x)),
  (l) => ['---', ...l],
  (l) => ['%YAML 1.2', '---', ...l],
  (l) => [...l, '---', 'version: 2'],
  (l) => [...l, '...'],
  (l) => [...l, ...l.slice(0, 1)],
  (l) => [...l, 'summary: |', '  a block', '  scalar'],
  (l) => [...l, 'summary: >-', '  folded'],
  (l) => [...l, 'targets: [a, b,]'],
  (l) => [...l, 'targets: [a,', '  b]'],
  (l) => [...l, 'team: { size: 4'],
  (l) => [...l, 'name: "a\\u00e9b"'],
  (l) => [...l, "name: 'a", "  b'"],
  (l) => [...l, 'name: "a" # ok', 'other: "a"#not'],
  (l) => [...l, '? complex', ': key'],
  (l) => [...l, '"quoted key": 1'],
  (l) => [...l, 'a: - b'],
  (l) => [...l, 'list:', '- - nested'],
  (l) => [...l, 'k: v', '  - x'],
  (l) => [...l, 'k:v'],
  (l) => [...l, 'k : v'],
  (l) => [`${'k'.repeat(1100)}: 1`, ...l],
  (l) => l.map((x) => `  ${x}`),
  (l) => l.map((x) => `${x}\r`),
  (l, r) => l.map((x, i) => (i === Math.floor(r() * l.length) ? `${x}\u2028` : x)),
  (l) => [...l, 'x: [{a: 1}, {b: [c, {d: e}]}]'],
  (l) => [...l, 'x: {a: [1, 2], b: {c: d}}'],
  (l) => [...l, 'x: [a: 1]'],
  (l) => [...l, 'x: {a: 1, a: 2}'],
  (l) => [...l, 'x: {"a": 1}'],
  (l) => [...l, 'x: [[]]'],
  (l) => [...l, 'x: []  # empty', 'y: {}'],
];

describe('the plain YAML reader against the yaml library', () => {
  it('reads every example and corpus profile, to the value the yaml library gives', () => {
    const dirs = ['examples', join('test', 'fixtures', 'real-decisions')];
    const files = dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => join(dir, name)),
    );
    expect(files.length).toBeGreaterThan(190);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const library = libraryValue(text);
      expect(library.ok, file).toBe(true);
      // Accepted, not left to the library: these are the profiles the reader exists for.
      expect(show(readPlainYaml(text)), file).toBe(show(library.value));
    }
  });

  it('resolves plain scalars as the core schema does', () => {
    const texts = SCALARS.concat([
      '',
      '0',
      '00',
      '-.5',
      '+.5e1',
      '0x',
      '0o',
      '1e',
      'e3',
      '.',
      '+',
      '-2',
      '1e400',
    ]);
    let read = 0;
    for (const text of texts) {
      const mine = readPlainYaml(`k: ${text}\n`);
      if (mine === undefined) continue;
      read++;
      const library = libraryValue(`k: ${text}\n`);
      expect(library.ok, text).toBe(true);
      expect(show(mine.k), text).toBe(show((library.value as { k: unknown }).k));
      if (!/ #|^[[{'"]/.test(text)) expect(show(coreScalar(text)), text).toBe(show(mine.k));
    }
    expect(read).toBeGreaterThan(50);
  });

  it('returns a value only where the yaml library gives the same one without a problem, on generated texts', () => {
    const r = mulberry32(20261206);
    let accepted = 0;
    let broken = 0;
    const total = 1500;
    for (let i = 0; i < total; i++) {
      const root = value(r, 0);
      const doc =
        isCollection(root) && !Array.isArray(root) && Object.keys(root as object).length > 0
          ? (root as object)
          : { version: 1, project: root };
      let lines = blockText(doc, r, 0, pick(r, [1, 2, 2, 2, 3, 4]), r() < 0.5);
      if (r() < 0.4) {
        lines = pick(r, BREAKS)(lines, r);
        broken++;
      }
      const text = `${lines.join('\n')}${r() < 0.9 ? '\n' : ''}`;
      const mine = readPlainYaml(text);
      if (mine === undefined) continue;
      accepted++;
      const library = libraryValue(text);
      expect(library.ok, text).toBe(true);
      expect(show(mine), text).toBe(show(library.value));
    }
    // The generator must exercise both sides: most plain texts accepted, the broken ones mostly left alone.
    expect(broken).toBeGreaterThan(total * 0.3);
    expect(accepted).toBeGreaterThan(total * 0.4);
  });

  it('leaves to the yaml library what it does not read with certainty', () => {
    const leftAlone = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '---\na: 1\n',
      'a: 1\n---\nb: 2\n',
      'a: |\n  text\n',
      'a: "\\u00e9"\n',
      'a: b\n  c\n',
      'a:\n\tb: 1\n',
      'a: 1\na: 2\n',
      'a: [1,\n  2]\n',
      '- a\n- b\n',
      'a: {b: 1, b: 2}\n',
      '__proto__: 1\n',
      'true: 1\n',
      'a:\n  b: 1\n c: 2\n',
      'a: b: c\n',
    ];
    for (const text of leftAlone) expect(readPlainYaml(text), text).toBeUndefined();
  });
});

describe('parseProfileTextQuickly with the plain reader', () => {
  /** The value, or the problems' message, of a path. */
  const outcome = async (run: () => unknown) => {
    try {
      return show(await run());
    } catch (error) {
      if (error instanceof UserError) return `UserError: ${error.message}`;
      throw error;
    }
  };

  it('gives what parseProfileText gives on broken and valid YAML profiles (the value, or the same problems)', async () => {
    const base = readFileSync(join('examples', 'service-mesh.yaml'), 'utf8').split('\n');
    const r = mulberry32(11);
    const texts = [
      base.join('\n'),
      ...BREAKS.map((b) => b([...base], r).join('\n')),
      'version: 1\nproject: { name: x }\n',
      'version: 1\nteam:\n  size: "4"\n',
      'version: 1\nproject:\n  name: x\n  name: y\n',
      'version: [1,\n',
      '{version: 1}',
    ];
    for (const text of texts) {
      const expected = await outcome(() => parseProfileText(text, 'p.yaml'));
      expect(await outcome(() => parseProfileTextQuickly(text, 'p.yaml')), text).toBe(expected);
    }
  });
});
