/** @module Profile text -> validated Profile: the text read by read-text.ts (guards, YAML or JSON), then validated with parseProfileValue (zod). */
import { parseProfileValue } from './parse.ts';
import { readProfileValue } from './read-text.ts';
import type { Profile } from './schema.ts';

/**
 * Parse and validate a profile given as YAML or JSON text.
 * Throws a UserError whose `problems` list every problem found, each with its field path.
 * @example
 * const profile = parseProfileText(readFileSync('gorust.yaml', 'utf8'), 'gorust.yaml');
 */
export function parseProfileText(text: string, source = 'profile'): Profile {
  return parseProfileValue(readProfileValue(text, source), source);
}
