/** @module Profile files in the browser: import (YAML or JSON text) and export (YAML). Loaded on demand, so the YAML parser is not part of the first download. */
import { stringify } from 'yaml';
// Only this lazily loaded module takes the text parser (and with it the YAML parser) from the full index.
import { type Profile, parseProfileText } from '../../../src/core/index.ts';
import { draftFromProfile, type ImportResult, toFailure } from './draft.ts';

/**
 * Read a YAML or JSON profile file's text into a draft, or the problems found.
 * @example
 * const result = importProfileText(await file.text(), file.name);
 */
export function importProfileText(text: string, source: string): ImportResult {
  try {
    const profile = parseProfileText(text, source);
    return { ok: true, draft: draftFromProfile(profile), profile };
  } catch (error) {
    return toFailure(error);
  }
}

/**
 * The profile as YAML, in contract key order.
 * @example
 * downloadText('gorust.yaml', profileToYaml(profile));
 */
export function profileToYaml(profile: Profile): string {
  return stringify(profile, { lineWidth: 0 });
}
