/** @module Reading requests: JSON bodies with precise errors, profiles from JSON or YAML, and whole-number query parameters within bounds. */
import type { Context } from 'hono';
import {
  type InputProblem,
  measureDepth,
  PROFILE_LIMITS,
  type Profile,
  parseProfileText,
  parseProfileValue,
  UserError,
} from '../core/index.ts';
import { ProblemError } from './problem.ts';

const JSON_TYPES = ['application/json'];
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function entry(path: string, expected: string, found: string): InputProblem {
  return { path, expected, found, message: `expected ${expected}, found ${found}` };
}

/**
 * How deeply a request body may nest: a profile may nest PROFILE_LIMITS.maxDepth levels, and a save request wraps it
 * in one more. Checked right after parsing, before any handler stringifies or walks the value (a body nested 5,000
 * deep would otherwise overflow the stack there).
 */
export const MAX_BODY_DEPTH = PROFILE_LIMITS.maxDepth + 8;

/**
 * The one size limit of a profile, everywhere: a profile file in the CLI and the web app's import are refused
 * above PROFILE_LIMITS.maxBytes, and an API request body may carry such a profile plus the few fields around it
 * (seed, samples, lab) in this margin.
 */
export const BODY_LIMIT_BYTES = PROFILE_LIMITS.maxBytes + 16 * 1024;

/** A short description of a value for a problem entry that never walks it (no String() of a nested array). */
export function describeFound(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length} items`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  return String(value);
}

/** Parse JSON text into a value, or throw a 400 invalid-json problem saying where it broke (or that it nests too deeply). */
export function parseJsonBody(text: string): unknown {
  if (text.trim().length === 0) {
    throw new ProblemError(400, 'invalid-json', 'the request body is empty', [
      entry('(body)', 'a JSON document', 'nothing'),
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProblemError(400, 'invalid-json', `the request body is not valid JSON: ${reason}`, [
      entry('(body)', 'a JSON document', 'malformed JSON'),
    ]);
  }
  if (measureDepth(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    throw new ProblemError(
      400,
      'invalid-request',
      `the request body nests more than ${MAX_BODY_DEPTH} levels deep`,
      [entry('(body)', `at most ${MAX_BODY_DEPTH} levels of nesting`, 'deeper nesting')],
    );
  }
  return value;
}

/**
 * The JSON body of a request; a body that is not `application/json` is a 415, malformed JSON a 400.
 * @example
 * const body = await readJsonBody(c);
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = mediaType(c);
  if (!JSON_TYPES.includes(type)) {
    throw new ProblemError(
      415,
      'unsupported-media-type',
      `send the body as application/json (got ${type || 'no content type'})`,
    );
  }
  return parseJsonBody(await c.req.text());
}

/** Turn a UserError from the profile parser into a 400 invalid-profile problem with every field problem. */
export function profileProblem(error: UserError): ProblemError {
  return new ProblemError(400, 'invalid-profile', error.message.replace(/:$/, ''), error.problems);
}

/**
 * Validate a profile value, answering bad input with a 400 problem listing every field problem.
 * @example
 * const profile = validateProfile(body.profile, 'profile');
 */
export function validateProfile(value: unknown, source: string): Profile {
  try {
    return parseProfileValue(value, source);
  } catch (error) {
    if (error instanceof UserError) throw profileProblem(error);
    throw error;
  }
}

/**
 * A profile from the body: JSON (`application/json`) or YAML (`application/yaml`, `text/yaml`).
 * @example
 * const profile = await readProfileBody(c);
 */
export async function readProfileBody(c: Context): Promise<Profile> {
  const type = mediaType(c);
  if (YAML_TYPES.includes(type)) {
    try {
      return parseProfileText(await c.req.text(), 'the request body');
    } catch (error) {
      if (error instanceof UserError) throw profileProblem(error);
      throw error;
    }
  }
  if (!JSON_TYPES.includes(type)) {
    throw new ProblemError(
      415,
      'unsupported-media-type',
      `send the profile as application/json or application/yaml (got ${type || 'no content type'})`,
    );
  }
  return validateProfile(parseJsonBody(await c.req.text()), 'the request body');
}

export type IntegerBounds = { min: number; max: number };

/**
 * A whole number in bounds, from a query parameter or a body field; undefined when absent.
 * @example
 * const seed = readInteger(c.req.query('seed'), '(query) seed', { min: 0, max: 0xffffffff });
 */
export function readInteger(value: unknown, path: string, bounds: IntegerBounds): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < bounds.min || n > bounds.max) {
    const found = describeFound(value);
    throw new ProblemError(
      400,
      'invalid-request',
      `${path} must be a whole number from ${bounds.min} to ${bounds.max}`,
      [entry(path, `a whole number from ${bounds.min} to ${bounds.max}`, found)],
    );
  }
  return n;
}

/** Bounds of the seed (a uint32, as the CLI's --seed) and of Monte-Carlo samples (the UI's sliders use fewer than the default 10,000). */
export const SEED_BOUNDS: IntegerBounds = { min: 0, max: 0xffff_ffff };
export const SAMPLES_BOUNDS: IntegerBounds = { min: 100, max: 20_000 };
