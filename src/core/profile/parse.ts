/** @module Parsed value -> validated Profile: bounds nesting and turns every schema issue into an InputProblem (path, expected, found, did-you-mean). No YAML here, so the browser's first load can validate without the YAML parser; text goes through parse-text.ts. */
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import type { InputProblem } from '../errors.ts';
import { COMMON_PLATFORMS } from '../questions.ts';
import { didYouMean } from './did-you-mean.ts';
import { failProfile, PROFILE_LIMITS, profileProblem, shortText } from './problems.ts';
import { type Profile, profileSchema } from './schema.ts';

export { failProfile, PROFILE_LIMITS, profileProblem } from './problems.ts';

/**
 * Validate an already-parsed profile value (for example a JSON request body).
 * @example
 * const profile = parseProfileValue({ version: 1, project: { name: 'x' }, workload: { kind: 'mixed' }, team: { size: 3, go: 'some', rust: 'none' } });
 */
export function parseProfileValue(value: unknown, source = 'profile'): Profile {
  const depth = measureDepth(value, PROFILE_LIMITS.maxDepth);
  if (depth > PROFILE_LIMITS.maxDepth) {
    failProfile(source, [
      profileProblem('(root)', `at most ${PROFILE_LIMITS.maxDepth} levels of nesting`, 'deeper nesting'),
    ]);
  }
  if (value === null || value === undefined) {
    failProfile(source, [
      profileProblem(
        '(root)',
        'a mapping of profile fields (version, project, workload, team)',
        'an empty document',
      ),
    ]);
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    failProfile(source, [
      profileProblem(
        '(root)',
        'a mapping of profile fields (version, project, workload, team)',
        describeValue(value),
      ),
    ]);
  }
  const result = profileSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => issueToProblems(issue, value));
  // The same problem from the schema and from the reference check: keep one, the one with a suggestion.
  for (const extra of componentProblems(value)) {
    const same = problems.findIndex((p) => p.path === extra.path && extra.message.startsWith(p.message));
    if (same === -1) problems.push(extra);
    else problems[same] = extra;
  }
  failProfile(source, problems);
}

/**
 * Render problems as an indented list, one line each: `  team.go: expected ..., found ... (did you mean "strong"?)`.
 * @example
 * process.stderr.write(formatProblems(error.problems));
 */
export function formatProblems(problems: readonly InputProblem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}\n`).join('');
}

/**
 * The JSON Schema of profile v1, derived from the zod schema (the input side: defaulted fields are optional).
 * @example
 * const schema = profileJsonSchema(); // { $schema: 'https://json-schema.org/draft/2020-12/schema', ... }
 */
export function profileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    $id: 'https://gorust.dev/schema/profile-v1.json',
    title: 'gorust project profile, version 1',
    description:
      'The project profile read by `gorust decide` (gorust.yaml, YAML or JSON). See CONTRACT.md §1.',
    ...rest,
  };
}

/** Depth of a parsed value, iteratively (a recursive walk is what a hostile value would overflow); stops once past `limit`. */
/**
 * How deeply a parsed value nests (a scalar is 0, `{}` is 1), walked without recursion and stopping as soon as it
 * passes `limit`: the guard to run before anything recursive (String(), JSON.stringify, a schema) sees the value.
 * @example
 * measureDepth({ a: [1] }, 32); // 2
 */
export function measureDepth(value: unknown, limit: number): number {
  const stack: [unknown, number][] = [[value, 0]];
  let deepest = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    deepest = Math.max(deepest, level);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, level]);
  }
  return deepest;
}

type Issue = z.core.$ZodIssue;

function issueToProblems(issue: Issue, root: object): InputProblem[] {
  const path = formatPath(issue.path);
  const found = valueAt(root, issue.path);
  const foundText = found.present ? describeValue(found.value) : 'nothing (the field is missing)';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const siblings = keysAt(issue.path);
        const suggestion = didYouMean(key, siblings) ?? elsewhere(key, issue.path);
        return profileProblem(
          formatPath([...issue.path, shortText(key)]),
          siblings.length > 0 ? `one of the keys ${siblings.join(', ')}` : 'no extra keys',
          `unknown key ${JSON.stringify(shortText(key))}`,
          suggestion,
        );
      });
    case 'invalid_value': {
      const values = issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      const expected = values.length === 1 ? `${values[0]}` : `one of ${values.join(' | ')}`;
      const suggestion =
        found.present && typeof found.value === 'string' ? didYouMean(found.value, values) : undefined;
      // The string "1" where the number 1 is expected: the fix is the quotes, not another word.
      if (suggestion !== undefined && suggestion === found.value && !issue.values.includes(found.value))
        return [
          {
            ...profileProblem(path, expected, foundText),
            message: `expected ${expected}, found ${foundText}: write it without quotes (${suggestion}, a number)`,
          },
        ];
      return [profileProblem(path, expected, foundText, suggestion)];
    }
    case 'invalid_type':
      return [profileProblem(path, describeExpectedType(issue.expected), foundText)];
    case 'too_small':
      return [
        profileProblem(
          path,
          describeBound(issue.origin, issue.minimum, issue.inclusive ?? true, 'min'),
          foundText,
        ),
      ];
    case 'too_big':
      return [
        profileProblem(
          path,
          describeBound(issue.origin, issue.maximum, issue.inclusive ?? true, 'max'),
          foundText,
        ),
      ];
    case 'invalid_format': {
      const platform = issue.path[0] === 'platforms' && found.present && typeof found.value === 'string';
      // "linux/arm" and "Linux_ARM" are os-arch pairs written the Go way or in capitals: the pair itself, respelt, is
      // what was meant (any pair is valid), not the nearest of the common ones ("linux-arm64").
      const respelt = String(found.value).toLowerCase().replace(/[/_ ]/g, '-');
      const suggestion = !platform
        ? undefined
        : /^[a-z0-9]+-[a-z0-9]+$/.test(respelt)
          ? respelt
          : didYouMean(String(found.value), COMMON_PLATFORMS);
      return [profileProblem(path, issue.message, foundText, suggestion)];
    }
    case 'not_multiple_of':
      return [profileProblem(path, `a multiple of ${issue.divisor}`, foundText)];
    case 'custom':
      return [{ path, expected: issue.message, found: foundText, message: issue.message }];
    default:
      return [profileProblem(path, issue.message, foundText)];
  }
}

/** Component names unique and `calls[].to` pointing at one: zod skips the refinement when other fields fail, so they are checked here too. */
function componentProblems(root: object): InputProblem[] {
  const components = (root as { components?: unknown }).components;
  if (!Array.isArray(components)) return [];
  const named = components.map((c) =>
    c !== null && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string'
      ? (c as { name: string }).name
      : undefined,
  );
  const names = named.filter((n): n is string => n !== undefined);
  const out: InputProblem[] = [];
  const seen = new Set<string>();
  for (const [i, name] of named.entries()) {
    if (name === undefined) continue;
    if (seen.has(name)) {
      const message = `component names must be unique; "${name}" appears twice`;
      out.push({ path: `components[${i}].name`, expected: 'a unique name', found: `"${name}"`, message });
    }
    seen.add(name);
  }
  for (const [i, c] of components.entries()) {
    const calls = c !== null && typeof c === 'object' ? (c as { calls?: unknown }).calls : undefined;
    if (!Array.isArray(calls)) continue;
    for (const [j, call] of calls.entries()) {
      const to = call !== null && typeof call === 'object' ? (call as { to?: unknown }).to : undefined;
      if (typeof to !== 'string' || names.includes(to)) continue;
      // A caller is never the component it meant to call.
      const suggestion = didYouMean(
        to,
        names.filter((n) => n !== named[i]),
      );
      const message = `calls a component named "${to}", but no component has that name`;
      out.push({
        path: `components[${i}].calls[${j}].to`,
        expected: `the name of a component (${names.join(', ') || 'none defined'})`,
        found: `"${to}"`,
        message: suggestion === undefined ? message : `${message} (did you mean "${suggestion}"?)`,
        suggestion,
      });
    }
  }
  return out;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value?: unknown } {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return { present: false };
    const key = typeof part === 'number' ? String(part) : String(part);
    if (!Object.hasOwn(node, key)) return { present: false };
    node = (node as Record<string, unknown>)[key];
  }
  return { present: node !== undefined, value: node };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `${JSON.stringify(shown)} (a string)`;
  }
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : `${value} (not a finite number)`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

function describeExpectedType(expected: string): string {
  const names: Record<string, string> = {
    number: 'a number',
    int: 'a whole number',
    string: 'a string',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
  };
  return names[expected] ?? expected;
}

function describeBound(
  origin: string,
  bound: number | bigint,
  inclusive: boolean,
  side: 'min' | 'max',
): string {
  const n = Number(bound);
  if (origin === 'string')
    return side === 'min' && n === 1
      ? 'a non-empty string'
      : `a string of ${side === 'min' ? 'at least' : 'at most'} ${n} characters`;
  if (origin === 'array' || origin === 'set')
    return `${side === 'min' ? 'at least' : 'at most'} ${n} item${n === 1 ? '' : 's'}`;
  const op = side === 'min' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `a number ${op} ${n}`;
}

type SchemaNode = { def?: Record<string, unknown>; _zod?: { def: Record<string, unknown> } };

/** Walk the zod schema along a data path to list the keys allowed there (for "did you mean"). */
function schemaAt(path: readonly PropertyKey[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = unwrap(profileSchema as unknown as SchemaNode);
  for (const part of path) {
    if (!node) return undefined;
    const def = node._zod?.def ?? node.def;
    if (def?.type === 'object' && typeof part === 'string') {
      node = unwrap((def.shape as Record<string, SchemaNode>)[part]);
    } else if (def?.type === 'array' && typeof part === 'number') {
      node = unwrap(def.element as SchemaNode);
    } else {
      return undefined;
    }
  }
  return node;
}

function unwrap(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let i = 0; current && i < 10; i++) {
    const def = current._zod?.def ?? current.def;
    if (!def) return current;
    if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch'].includes(String(def.type))) {
      current = def.innerType as SchemaNode;
    } else if (def.type === 'pipe') {
      current = def.in as SchemaNode;
    } else if (def.type === 'lazy') {
      current = (def.getter as () => SchemaNode)();
    } else {
      return current;
    }
  }
  return current;
}

function keysAt(path: readonly PropertyKey[]): string[] {
  const node = schemaAt(path);
  const def = node?._zod?.def ?? node?.def;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

/** A key written at the wrong level (`kind:` at the top instead of under `workload:`): point at where it belongs. */
function elsewhere(key: string, path: readonly PropertyKey[]): string | undefined {
  if (path.length > 0) return undefined;
  for (const parent of keysAt([])) {
    if (keysAt([parent]).includes(key)) return `${parent}.${key}`;
  }
  return undefined;
}
