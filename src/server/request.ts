/** @module Reading requests: the JSON body guard (media type and syntax, with precise problems), profiles from YAML, and the validation hooks that turn the route schemas' zod issues into problem+json entries (field path, expected, found, did-you-mean). */
import type { Hook } from '@hono/zod-openapi';
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import {
  didYouMean,
  type InputProblem,
  measureDepth,
  PROFILE_LIMITS,
  type Profile,
  parseProfileText,
  parseProfileValue,
  UserError,
} from '../core/index.ts';
import { YAML_TYPES } from './api-schema.ts';
import { ProblemError } from './problem.ts';

const JSON_TYPE = 'application/json';

/**
 * The media type of a request, lower case, without parameters.
 * @example
 * mediaType(c); // 'application/json'
 */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function entry(path: string, expected: string, found: string, suggestion?: string): InputProblem {
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  return {
    path,
    expected,
    found,
    message: `expected ${expected}, found ${found}${hint}`,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
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

/** Index just past the JSON string that opens at `start` (a `"`). */
function skipJsonString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i++;
  }
  return i;
}

function skipJsonSpace(text: string, start: number): number {
  let i = start;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

/** Index just past the JSON value that starts at `start`. */
function skipJsonValue(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (depth === 0 && i > start && (ch === ',' || ch === '}' || ch === ']' || /\s/.test(ch))) return i;
    if (ch === '"') {
      i = skipJsonString(text, i);
      if (depth === 0) return i;
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/**
 * The text of a top-level member's value in a JSON object, as sent (the last one, as JSON.parse keeps), or
 * undefined when there is none. The text must be valid JSON (parseJsonBody has checked it).
 * @example
 * memberText('{"profile": {"version": 1}, "seed": 3}', 'profile'); // '{"version": 1}'
 */
export function memberText(json: string, key: string): string | undefined {
  let i = skipJsonSpace(json, 0);
  if (json[i] !== '{') return undefined;
  let found: string | undefined;
  i++;
  for (;;) {
    i = skipJsonSpace(json, i);
    if (json[i] !== '"') return found;
    const keyEnd = skipJsonString(json, i);
    const name: unknown = JSON.parse(json.slice(i, keyEnd));
    const valueStart = skipJsonSpace(json, skipJsonSpace(json, keyEnd) + 1);
    const valueEnd = skipJsonValue(json, valueStart);
    if (name === key) found = json.slice(valueStart, valueEnd);
    i = skipJsonSpace(json, valueEnd);
    if (json[i] !== ',') return found;
    i++;
  }
}

/**
 * Refuse a JSON profile whose own text is over PROFILE_LIMITS.maxBytes, as the CLI refuses such a file and the
 * YAML body: the whole body when `profileAt` is '', else the text of the body's `profileAt` member as sent.
 */
function guardProfileSize(json: string, profileAt: string): void {
  const text = profileAt === '' ? json : memberText(json, profileAt);
  if (text === undefined) return;
  const bytes = Buffer.byteLength(text);
  if (bytes <= PROFILE_LIMITS.maxBytes) return;
  const path = profileAt === '' ? '(body)' : profileAt;
  const problem = entry(
    path,
    `a profile of at most ${PROFILE_LIMITS.maxBytes / 1024} KiB`,
    `${Math.ceil(bytes / 1024)} KiB`,
  );
  throw new ProblemError(400, 'invalid-profile', `${path}: ${problem.message}`, [problem]);
}

/**
 * Route middleware that runs before the schema validator: refuses a body of another media type (415, naming the
 * accepted ones) and malformed JSON (400 invalid-json), so the validator only sees well-formed JSON. With
 * `profileAt` (the body's key holding the profile, or '' for the whole body), a JSON profile over the size limit is
 * a 400 invalid-profile, as the same profile in YAML or a file is.
 * @example
 * createRoute({ ..., middleware: [bodyGuard(['application/json'], { profileAt: 'profile' })] });
 */
export function bodyGuard(
  accepted: readonly string[] = [JSON_TYPE],
  options: { profileAt?: string } = {},
): MiddlewareHandler {
  return async (c, next) => {
    const type = mediaType(c);
    if (!accepted.includes(type)) {
      const names = accepted.length > 2 ? 'application/json or application/yaml' : accepted.join(' or ');
      throw new ProblemError(
        415,
        'unsupported-media-type',
        `send the body as ${names} (got ${type || 'no content type'})`,
      );
    }
    // The validator reads the body again through Hono's body cache.
    if (type === JSON_TYPE) {
      const text = await c.req.text();
      parseJsonBody(text);
      if (options.profileAt !== undefined) guardProfileSize(text, options.profileAt);
    }
    await next();
  };
}

/**
 * A profile problem's path as a path in the request body: problem paths are relative to the body, so inside a save
 * request's profile they start with `profile.` (`(root)`, the profile itself, is `profile`).
 * @example
 * bodyPath('team.size', 'profile'); // 'profile.team.size'
 */
export function bodyPath(path: string, profileAt: string): string {
  if (profileAt === '') return path;
  if (path === '(root)' || path === '') return profileAt;
  return path.startsWith('[') ? `${profileAt}${path}` : `${profileAt}.${path}`;
}

/**
 * Turn a UserError from the profile parser into a 400 invalid-profile problem with every field problem, their paths
 * in the request body when the profile sits under `profileAt`.
 */
export function profileProblem(error: UserError, profileAt = ''): ProblemError {
  const problems = error.problems.map((problem) => ({ ...problem, path: bodyPath(problem.path, profileAt) }));
  return new ProblemError(400, 'invalid-profile', error.message.replace(/:$/, ''), problems);
}

/**
 * Validate a profile value, answering bad input with a 400 problem listing every field problem; `profileAt` is the
 * key the profile sits under in the request body ('' when it is the body), for the problems' paths.
 * @example
 * const profile = validateProfile(body.profile, 'profile', 'profile');
 */
export function validateProfile(value: unknown, source: string, profileAt = ''): Profile {
  try {
    return parseProfileValue(value, source);
  } catch (error) {
    if (error instanceof UserError) throw profileProblem(error, profileAt);
    throw error;
  }
}

/**
 * A profile posted as YAML text, validated; bad input is a 400 invalid-profile problem.
 * @example
 * const profile = await readYamlProfile(c);
 */
export async function readYamlProfile(c: Context): Promise<Profile> {
  try {
    return parseProfileText(await c.req.text(), 'the request body');
  } catch (error) {
    if (error instanceof UserError) throw profileProblem(error);
    throw error;
  }
}

/**
 * Whether the request carries a YAML body (the profile routes accept JSON or YAML).
 * @example
 * if (isYaml(c)) profile = await readYamlProfile(c);
 */
export function isYaml(c: Context): boolean {
  return (YAML_TYPES as readonly string[]).includes(mediaType(c));
}

const TARGET_PREFIX: Record<string, string> = { query: '(query) ', param: '(path) ', json: '' };

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`;
    case 'too_small':
      return `${issue.origin === 'number' ? 'a number' : 'a value'} of at least ${String(issue.minimum)}`;
    case 'too_big':
      return `${issue.origin === 'number' ? 'a number' : 'a value'} of at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `one of ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * The problems of a failed schema validation, one per zod issue: the field path (prefixed `(query)` or `(path)`
 * for those targets), what was expected, what was found, and a did-you-mean for a misspelt key or value.
 * `knownKeys` are the keys of the validated object, for the did-you-mean of an unknown key.
 * @example
 * issuesToProblems(result.error.issues, 'query', c.req.query(), ['seed', 'samples', 'lab']);
 */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  target: string,
  data: unknown,
  knownKeys: readonly string[] = [],
): InputProblem[] {
  const prefix = TARGET_PREFIX[target] ?? `(${target}) `;
  const unknown: InputProblem[] = [];
  const others: InputProblem[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, knownKeys);
        unknown.push({
          path: `${prefix}${base ? `${base}.` : ''}${key}`,
          expected: knownKeys.length > 0 ? `one of ${knownKeys.join(', ')}` : 'no such key',
          found: 'an unknown key',
          message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          ...(suggestion === undefined ? {} : { suggestion }),
        });
      }
      continue;
    }
    const found = valueAt(data, issue.path);
    const suggestion =
      issue.code === 'invalid_value' && typeof found === 'string'
        ? didYouMean(found, issue.values.map(String))
        : undefined;
    const path = base ? `${prefix}${base}` : target === 'json' ? '(body)' : `(${target})`;
    others.push(
      entry(path, expectedOf(issue), found === undefined ? 'nothing' : describeFound(found), suggestion),
    );
  }
  // Unknown keys first: a misspelt key usually explains the "missing" one that follows.
  return [...unknown, ...others];
}

/**
 * The validation hook of every API route: a failed query, path or body validation becomes a 400 invalid-request
 * problem listing every issue. With `profileAt`, a body whose only problems are inside the profile at that key
 * (or the whole body, with `''`) is reported as the CLI reports a profile: 400 invalid-profile with did-you-mean.
 * `bodyKeys` are the body's keys, for the did-you-mean of an unknown one.
 * @example
 * new OpenAPIHono({ defaultHook: problemHook() });
 */
export function problemHook(
  profileAt?: string,
  bodyKeys: readonly string[] = [],
  // biome-ignore lint/suspicious/noExplicitAny: one hook for every route, whatever its input and environment
): Hook<any, Env, any, undefined> {
  return (result) => {
    if (result.success) return;
    const data = (result as { data?: unknown }).data;
    let issues: readonly z.core.$ZodIssue[] = result.error.issues;
    if (result.target === 'json' && profileAt !== undefined) {
      const profile = profileAt === '' ? data : valueAt(data, [profileAt]);
      // Problems outside the profile, and a missing profile, are the request's; the rest are the profile's.
      const outside = issues.filter(
        (issue) => profileAt !== '' && (issue.path[0] !== profileAt || profile === undefined),
      );
      if (outside.length === 0) {
        validateProfile(
          profileAt === '' ? data : valueAt(data, [profileAt]),
          profileAt || 'the request body',
          profileAt,
        );
      } else {
        issues = outside;
      }
    }
    // A profile sent bare where the route wants it under a key: one problem that says so, not one per profile field.
    if (
      result.target === 'json' &&
      profileAt !== undefined &&
      profileAt !== '' &&
      data !== null &&
      typeof data === 'object' &&
      !Array.isArray(data) &&
      !(profileAt in data) &&
      ('version' in data || 'project' in data)
    ) {
      const message = `missing: this looks like a bare profile; send it as {"${profileAt}": <the profile>}`;
      throw new ProblemError(400, 'invalid-request', `${profileAt}: ${message}`, [
        { path: profileAt, expected: 'the profile under this key', found: 'a bare profile', message },
      ]);
    }
    const problems = issuesToProblems(issues, result.target, data, bodyKeys);
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new ProblemError(
      400,
      'invalid-request',
      first ? `${first.path}: ${first.message}${more}` : 'the request is not valid',
      problems,
    );
  };
}
