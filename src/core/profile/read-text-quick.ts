/** @module The CLI's quick way from a profile's text to a validated Profile, the same value or the same problems as readProfileValue then parseProfileValue at less cost: JSON, or YAML in the plain subset plain-yaml.ts reads, without loading the yaml library (anything else goes to read-text.ts), and a valid profile accepted without zod (quick-accept.ts); only an invalid one loads the schema, which words its problems. */
import { readPlainYaml } from './plain-yaml.ts';
import { quickAccept } from './quick-accept.ts';
import type { Profile } from './schema.ts';
import { guardText } from './text-guard.ts';

/**
 * What parseProfileText returns or throws, at less cost: a valid profile is accepted without loading zod, and only
 * an invalid one loads the schema, which words its problems (the same UserError as parseProfileText's).
 * @example
 * const profile = await parseProfileTextQuickly(text, 'gorust.yaml');
 */
export async function parseProfileTextQuickly(text: string, source = 'profile'): Promise<Profile> {
  const value =
    readPlainValue(text, source) ?? (await import('./read-text.ts')).readProfileValue(text, source);
  const accepted = quickAccept(value);
  if (accepted !== undefined) return accepted;
  const { parseProfileValue } = await import('./parse.ts');
  return parseProfileValue(value, source);
}

/**
 * The text's value when it passes the guards and is JSON or plain YAML, as readProfileValue reads it; undefined for
 * readProfileValue to read (or to word what is wrong). The guards' problems are thrown here, as readProfileValue
 * throws them.
 */
function readPlainValue(text: string, source: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  guardText(body, source);
  const first = body.trimStart()[0];
  if (/\.json$/i.test(source) || first === '{' || first === '[') {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return readPlainYaml(body);
}
