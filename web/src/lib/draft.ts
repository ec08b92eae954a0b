/** @module The profile being edited in the browser: questionnaire answers plus the parts no question covers (components, priorities), validated and decided client-side. */
import {
  answersToProfile,
  type Decision,
  decide,
  type InputProblem,
  type KnowledgeBase,
  type Profile,
  parseProfileValue,
  profileToAnswers,
  QUESTIONS,
  UserError,
} from '../../../src/core/browser.ts';

/** Monte-Carlo samples for live updates and sliders: the CLI uses 10,000; fewer keep a slider move under a frame. */
export const INTERACTIVE_SAMPLES = 1500;
/** The seed the CLI uses by default, so a saved decision matches `gorust decide`. */
export const DEFAULT_SEED = 1;

export type Answers = Record<string, unknown>;
/** `extras` holds the parts of an imported profile that no question asks about, so they survive editing. */
export type Draft = { answers: Answers; extras: Record<string, unknown> };
/** Slider positions: criterion id -> priority 0..5 (profile v1 `priorities`). */
export type Priorities = Record<string, number>;

export type Evaluation =
  | { ok: true; profile: Profile; decision: Decision; ms: number }
  | { ok: false; message: string; problems: InputProblem[] };

/**
 * A fresh draft holding every question's default.
 * @example
 * const draft = emptyDraft();
 */
export function emptyDraft(): Draft {
  const answers: Answers = {};
  for (const question of QUESTIONS) {
    if (question.default !== undefined) answers[question.id] = question.default;
  }
  return { answers, extras: {} };
}

/**
 * Split a validated profile into answers and the rest.
 * @example
 * const draft = draftFromProfile(parseProfileValue(value, 'example'));
 */
export function draftFromProfile(profile: Profile): Draft {
  const extras = structuredClone(profile) as Record<string, unknown>;
  for (const question of QUESTIONS) deletePath(extras, question.path);
  // answersToProfile writes the version itself.
  delete extras.version;
  pruneEmpty(extras);
  return { answers: profileToAnswers(profile), extras };
}

/**
 * The profile value the draft describes, with slider priorities laid over the profile's own.
 * @example
 * composeProfile(draft, { development_speed: 4 });
 */
export function composeProfile(draft: Draft, priorities: Priorities = {}): Record<string, unknown> {
  const value = mergeDeep(
    structuredClone(draft.extras),
    answersToProfile(draft.answers) as Record<string, unknown>,
  );
  return withPriorities(value, priorities);
}

/**
 * A profile value with slider priorities laid over its own. With stakeholders, the group's weights come from each
 * stakeholder's priorities (the project's fill only what a stakeholder leaves unset), so a slider is everyone's
 * priority: "what if we all weighed this at 4".
 * @example
 * withPriorities(profile, { development_speed: 4 });
 */
export function withPriorities(
  value: Record<string, unknown>,
  priorities: Priorities,
): Record<string, unknown> {
  if (Object.keys(priorities).length === 0) return value;
  const own = (value.priorities ?? {}) as Record<string, number>;
  const out: Record<string, unknown> = { ...value, priorities: { ...own, ...priorities } };
  if (Array.isArray(value.stakeholders))
    out.stakeholders = value.stakeholders.map((person: unknown) =>
      person !== null && typeof person === 'object'
        ? {
            ...person,
            priorities: { ...((person as { priorities?: Priorities }).priorities ?? {}), ...priorities },
          }
        : person,
    );
  return out;
}

/**
 * Validate a profile value and decide it in the browser; returns the problems instead of throwing.
 * @example
 * const result = evaluateProfile(composeProfile(draft), kb);
 */
export function evaluateProfile(
  value: unknown,
  kb: KnowledgeBase,
  options: { samples?: number; seed?: number } = {},
): Evaluation {
  try {
    const profile = parseProfileValue(value, 'questionnaire');
    const started = performance.now();
    const decision = decide(profile, kb, {
      seed: options.seed ?? DEFAULT_SEED,
      samples: options.samples ?? INTERACTIVE_SAMPLES,
      // The decide view shows no decisive facts (saved decisions and exports come from the server's decide()).
      decisiveFacts: false,
    });
    return { ok: true, profile, decision, ms: performance.now() - started };
  } catch (error) {
    return toFailure(error);
  }
}

export type ImportResult =
  | { ok: true; draft: Draft; profile: Profile }
  | { ok: false; message: string; problems: InputProblem[] };

/**
 * Read an already-parsed profile value (a saved decision's profile) into a draft, or the problems found.
 * @example
 * const result = importProfileValue(saved.profile, 'saved decision 3');
 */
export function importProfileValue(value: unknown, source: string): ImportResult {
  try {
    const profile = parseProfileValue(value, source);
    return { ok: true, draft: draftFromProfile(profile), profile };
  } catch (error) {
    return toFailure(error);
  }
}

/**
 * A thrown error as an import failure (a UserError keeps its problems); shared with profile-yaml.ts.
 * @example
 * try { parse(); } catch (error) { return toFailure(error); }
 */
export function toFailure(error: unknown): { ok: false; message: string; problems: InputProblem[] } {
  if (error instanceof UserError) return { ok: false, message: error.message, problems: error.problems };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, message, problems: [] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = target[key];
    target[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
  }
  return target;
}

function deletePath(value: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    delete value[head];
    return;
  }
  const child = value[head];
  if (isPlainObject(child)) deletePath(child, rest);
}

function pruneEmpty(value: Record<string, unknown>): void {
  for (const [key, child] of Object.entries(value)) {
    if (!isPlainObject(child)) continue;
    pruneEmpty(child);
    if (Object.keys(child).length === 0) delete value[key];
  }
}
