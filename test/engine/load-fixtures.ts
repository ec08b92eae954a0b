/** @module Test helpers for the engine's integration tests: the real knowledge base from kb/*.yaml and profiles from YAML files, read with node:fs. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  KB_FILES,
  type KnowledgeBase,
  type Profile,
  parseKnowledgeBase,
  profileSchema,
} from '../../src/core/index.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The shipped knowledge base, parsed and cross-checked.
 * @example
 * const kb = loadKnowledgeBase();
 */
export function loadKnowledgeBase(): KnowledgeBase {
  const texts = Object.fromEntries(
    Object.entries(KB_FILES).map(([key, file]) => [key, readFileSync(join(ROOT, 'kb', file), 'utf8')]),
  );
  return parseKnowledgeBase(texts);
}

export type ProfileFixture = {
  file: string;
  text: string;
  profile: Profile;
  /** `# expected: ...` comment. */
  expected: string | undefined;
  /** `# expected_boundary: ...` comment. */
  expectedBoundary: string | undefined;
  /** `# source: ...` comment. */
  source: string | undefined;
};

/**
 * Every `*.yaml` profile of a folder (relative to the repository root), sorted by file name.
 * @example
 * loadProfiles('examples');
 */
export function loadProfiles(dir: string): ProfileFixture[] {
  const folder = join(ROOT, dir);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(folder, file), 'utf8');
      const comment = (key: string) => new RegExp(`^# ${key}: *(\\S+)`, 'm').exec(text)?.[1];
      return {
        file,
        text,
        profile: profileSchema.parse(parse(text)),
        expected: comment('expected'),
        expectedBoundary: comment('expected_boundary'),
        source: comment('source'),
      };
    });
}
