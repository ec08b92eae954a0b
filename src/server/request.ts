/** @module Reading requests: JSON bodies with precise errors, profiles from JSON or YAML, and whole-number query parameters within bounds. */
import type { Context } from 'hono';
import {
  type InputProblem,
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

/** Parse JSON text into a value, or throw a 400 invalid-json problem saying where it broke. */
export function parseJsonBody(text: string): unknown {
  if (text.trim().length === 0) {
    throw new ProblemError(400, 'invalid-json', 'the request body is empty', [
      entry('(body)', 'a JSON document', 'nothing'),
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProblemError(400, 'invalid-json', `the request body is not valid JSON: ${reason}`, [
      entry('(body)', 'a JSON document', 'malformed JSON'),
    ]);
  }
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
    const found = typeof value === 'string' ? JSON.stringify(value) : String(value);
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
