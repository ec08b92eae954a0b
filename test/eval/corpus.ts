/** @module The real-decision corpus (test/fixtures/real-decisions): profiles with header comments naming the source, the year, the team's choice and the split. Read with node:fs; every header problem is reported at once. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  LANGUAGES,
  type Language,
  type Profile,
  profileSchema,
  VERDICTS,
  type Verdict,
} from '../../src/core/index.ts';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'real-decisions');

export type Split = 'training' | 'holdout';

export type CorpusCase = {
  file: string;
  profile: Profile;
  sources: string[];
  year: number;
  expected: Verdict;
  reasons: string;
  split: Split;
  /** For hybrids: the language each named component was written in. */
  expectedComponents: Map<string, Language> | undefined;
  /** Decided before Rust 1.0 (May 2015), when Rust was not an option. */
  preRust: boolean;
  /** A team strong in Go chose Rust, or strong in Rust chose Go. */
  crossLanguage: boolean;
};

/** The split rule of SPLIT.md: a case is in the holdout when the first 32 bits of this hash are below the threshold. */
export const SPLIT_SALT = 'gorust-real-decisions-2026-12-05/';
export const HOLDOUT_THRESHOLD = 0.45;

/**
 * The split a file name gets by the rule of SPLIT.md; it depends on the name alone, so adding cases never moves one.
 * @example
 * splitFor('linkerd.yaml'); // 'training' or 'holdout', always the same
 */
export function splitFor(file: string): Split {
  const digest = createHash('sha256')
    .update(SPLIT_SALT + file)
    .digest();
  return digest.readUInt32BE(0) / 2 ** 32 < HOLDOUT_THRESHOLD ? 'holdout' : 'training';
}

/** All values of one header key (`# key: value`), in order. */
function headers(text: string, key: string): string[] {
  return [...text.matchAll(new RegExp(`^# ${key}: *(.*?) *$`, 'gm'))].map((m) => m[1] ?? '');
}

/**
 * Parse one case file; returns the case or the list of problems with it.
 * @example
 * parseCase('linkerd.yaml', text);
 */
export function parseCase(file: string, text: string): CorpusCase | { file: string; problems: string[] } {
  const problems: string[] = [];
  const one = (key: string): string | undefined => {
    const all = headers(text, key);
    if (all.length > 1) problems.push(`# ${key}: appears ${all.length} times`);
    return all[0];
  };
  const sources = headers(text, 'source');
  if (sources.length === 0) problems.push('no # source: line');
  for (const s of sources)
    if (!/^https:\/\/\S+$/.test(s)) problems.push(`# source: is not an https URL: "${s}"`);
  const yearText = one('year');
  const year = Number(yearText);
  if (yearText === undefined) problems.push('no # year: line');
  else if (!Number.isInteger(year) || year < 1995 || year > 2026)
    problems.push(`# year: "${yearText}" is not a year`);
  const expected = one('expected');
  if (expected === undefined || !(VERDICTS as readonly string[]).includes(expected)) {
    problems.push(`# expected: must be go, rust or hybrid, found "${expected ?? ''}"`);
  }
  const reasons = one('reasons') ?? '';
  if (reasons.length < 10) problems.push('# reasons: missing or empty');
  const split = one('split');
  if (split !== 'training' && split !== 'holdout')
    problems.push(`# split: must be training or holdout, found "${split ?? ''}"`);
  else if (split !== splitFor(file))
    problems.push(`# split: is ${split}, the rule of SPLIT.md gives ${splitFor(file)}`);
  const flag = (key: string): boolean => {
    const v = one(key);
    if (v !== undefined && v !== 'true') problems.push(`# ${key}: must be "true" or absent, found "${v}"`);
    return v === 'true';
  };
  const preRust = flag('pre_rust_1_0');
  const crossLanguage = flag('cross_language');
  if (Number.isInteger(year) && year < 2015 && !preRust)
    problems.push(`decided in ${year}, before Rust 1.0: add # pre_rust_1_0: true`);
  if (Number.isInteger(year) && year > 2015 && preRust)
    problems.push(`decided in ${year}: # pre_rust_1_0: true cannot hold`);

  let profile: Profile | undefined;
  const parsed = profileSchema.safeParse(parse(text));
  if (parsed.success) profile = parsed.data;
  else
    problems.push(
      `not a valid profile v1: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );

  let expectedComponents: Map<string, Language> | undefined;
  const componentsText = one('expected_components');
  if (componentsText !== undefined) {
    expectedComponents = new Map();
    for (const pair of componentsText.split(',')) {
      const [name = '', language = ''] = pair.split('=').map((s) => s.trim());
      if (!(LANGUAGES as readonly string[]).includes(language))
        problems.push(`# expected_components: "${pair.trim()}" is not name=go|rust`);
      else expectedComponents.set(name, language as Language);
    }
    const names = new Set((profile?.components ?? []).map((c) => c.name));
    for (const name of expectedComponents.keys()) {
      if (!names.has(name))
        problems.push(`# expected_components: names "${name}", which is not a component of the profile`);
    }
    for (const name of names)
      if (!expectedComponents.has(name)) problems.push(`component "${name}" has no expected language`);
  }
  if (expected === 'hybrid' && expectedComponents === undefined)
    problems.push('a hybrid needs # expected_components:');
  if (expected === 'hybrid' && expectedComponents !== undefined) {
    const langs = new Set(expectedComponents.values());
    if (langs.size < 2) problems.push('a hybrid needs components in both languages');
  }
  if (problems.length > 0 || profile === undefined) return { file, problems };
  return {
    file,
    profile,
    sources,
    year,
    expected: expected as Verdict,
    reasons,
    split: split as Split,
    expectedComponents,
    preRust,
    crossLanguage,
  };
}

/**
 * Every case of the corpus, sorted by file name; throws one error listing every problem of every file.
 * @example
 * const cases = loadCorpus();
 */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const cases: CorpusCase[] = [];
  const bad: string[] = [];
  for (const file of files) {
    const result = parseCase(file, readFileSync(join(dir, file), 'utf8'));
    if ('problems' in result) bad.push(...result.problems.map((p) => `${file}: ${p}`));
    else cases.push(result);
  }
  if (bad.length > 0) throw new Error(`the real-decision corpus has problems:\n${bad.join('\n')}`);
  return cases;
}
