/** @module What a profile problem looks like and the limits a profile text must keep: the part of profile validation that neither zod nor the YAML parser is needed for, so the CLI's fast path for valid profiles (quick-accept.ts) and the text guards load neither. */
import { type InputProblem, UserError } from '../errors.ts';

/** Limits that keep a hostile or broken file from exhausting memory, the stack or the user's patience. */
export const PROFILE_LIMITS = {
  /** A real profile is a few kilobytes. */
  maxBytes: 1024 * 1024,
  /** A real profile nests about 5 deep (components[].calls[].to); the YAML parser overflows its stack in the thousands. */
  maxDepth: 32,
  /** Aliases are allowed (anchors for repeated component settings), but not "billion laughs" expansions. */
  maxAliasCount: 20,
  /** More syntax errors than this are noise: the first ones tell the user what is wrong. */
  maxSyntaxErrors: 10,
  /** Past this many problems the rest are counted, not listed. */
  maxProblems: 50,
} as const;

/**
 * Throw the UserError for a profile that failed, listing at most PROFILE_LIMITS.maxProblems problems.
 * @example
 * failProfile('gorust.yaml', [profileProblem('(file)', 'a YAML or JSON profile', 'an empty file')]);
 */
export function failProfile(source: string, problems: InputProblem[]): never {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const shown = problems.slice(0, PROFILE_LIMITS.maxProblems);
  const hidden = problems.length - shown.length;
  if (hidden > 0) {
    shown.push({
      path: '(file)',
      expected: 'fewer problems',
      found: `${hidden} more`,
      message: `and ${hidden} more problems not listed; fix the ones above first`,
    });
  }
  throw new UserError(`${shortText(source)} is not a valid gorust profile (${count}):`, shown);
}

/**
 * One problem with its rendered message: `expected ..., found ... (did you mean "..."?)`.
 * @example
 * profileProblem('team.go', 'one of none | some | strong', '"strnog" (a string)', 'strong');
 */
export function profileProblem(
  path: string,
  expected: string,
  found: string,
  suggestion?: string,
): InputProblem {
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  return { path, expected, found, message: `expected ${expected}, found ${found}${hint}`, suggestion };
}

/**
 * User text shown in a message: at most 40 characters, so a hostile key cannot flood the terminal.
 * @example
 * shortText('x'.repeat(50)); // 'xxxx…' (40 x and an ellipsis)
 */
export function shortText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
