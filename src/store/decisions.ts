/** @module Saved decisions in the store (migration 2): save, list, get and delete a profile with the decision computed from it; a row whose stored JSON is damaged is marked in the list and refused, by name, when read. */
import { type Decision, decisionSchema, type Profile, parseProfileValue, UserError } from '../core/index.ts';
import type { Store } from './db.ts';

/** One row of the history list: what a reader needs to pick a decision, without the full JSON. */
export type DecisionSummary = {
  /** The integer id as a string (ids are opaque to API clients; the number also serves as an ADR number). */
  id: string;
  created_at: string;
  project: string;
  verdict: Decision['verdict'];
  confidence: number;
  /** The decision's own close-call flag, so a list shows its confidence as the decision does (rounded down). */
  close_call: boolean;
  seed: number | null;
  lab_run: string | null;
  /**
   * Present only on a row whose stored JSON is damaged (edited or corrupted outside gorust): what is wrong, found
   * cheaply for the list (JSON that does not parse, a profile that is not version 1). getDecision checks fully.
   */
  damaged?: string;
};

export type SavedDecision = Omit<DecisionSummary, 'damaged'> & { profile: Profile; decision: Decision };

/**
 * A saved decision whose stored profile or decision cannot be read back as valid: its message names the row and
 * what is wrong, in one line.
 */
export class DamagedDecisionError extends Error {
  override readonly name = 'DamagedDecisionError';
  readonly id: string;
  readonly reason: string;
  constructor(id: string, reason: string) {
    super(`saved decision ${id} is damaged: ${reason}`);
    this.id = id;
    this.reason = reason;
  }
}

export type SaveDecisionInput = {
  profile: Profile;
  decision: Decision;
  seed?: number | undefined;
  /** ISO timestamp; defaults to now (the store, not the core, owns the clock). */
  createdAt?: string | undefined;
};

type DecisionRow = {
  id: number;
  created_at: string;
  project_name: string;
  verdict: Decision['verdict'];
  confidence: number;
  /** json_extract of the saved decision's close_call: 1, 0, or null for a decision saved without one. */
  close_call: number | null;
  seed: number | null;
  lab_run: string | null;
  /** What the list's cheap check found wrong with the stored JSON, or null. */
  damage: string | null;
  profile_json?: string;
  decision_json?: string;
};

/**
 * The summary columns. json_extract fails the whole query on one row's malformed JSON, so each JSON column is
 * read only where json_valid says it parses; `damage` says what is wrong with a row, cheaply, in SQL.
 */
const SUMMARY_COLUMNS = `id, created_at, project_name, verdict, confidence,
  CASE WHEN json_valid(decision_json) THEN json_extract(decision_json, '$.close_call') END AS close_call,
  seed, lab_run,
  CASE
    WHEN NOT json_valid(decision_json) THEN 'its decision is not valid JSON'
    WHEN json_type(decision_json) IS NOT 'object' THEN 'its decision is not a JSON object'
    WHEN NOT json_valid(profile_json) THEN 'its profile is not valid JSON'
    WHEN json_type(profile_json) IS NOT 'object' THEN 'its profile is not a JSON object'
    WHEN json_extract(profile_json, '$.version') IS NOT 1 THEN 'its profile is not a version 1 profile'
  END AS damage`;

function toSummary(row: DecisionRow): DecisionSummary {
  return {
    id: String(row.id),
    created_at: row.created_at,
    project: row.project_name,
    verdict: row.verdict,
    confidence: row.confidence,
    close_call: row.close_call === 1,
    seed: row.seed,
    lab_run: row.lab_run,
    ...(row.damage === null ? {} : { damaged: row.damage }),
  };
}

/** Parsed JSON, or a DamagedDecisionError saying which part of the row does not parse. */
function parseStored(id: string, part: 'decision' | 'profile', text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    throw new DamagedDecisionError(id, `its ${part} is not valid JSON`);
  }
}

/** The first problem of a failed check and how many more, for a one-line reason. */
function firstOf(problems: readonly { path: string; message: string }[]): string {
  const [first] = problems;
  if (first === undefined) return '';
  const more = problems.length > 1 ? `; and ${problems.length - 1} more` : '';
  return ` (${first.path || '(root)'}: ${first.message}${more})`;
}

function readDecision(id: string, text: string | undefined): Decision {
  const parsed = decisionSchema.safeParse(parseStored(id, 'decision', text));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new DamagedDecisionError(id, `its decision does not match the decision schema${firstOf(problems)}`);
}

/** The stored profile, checked as a profile file is (so one that is not valid is never served or exported). */
function readProfile(id: string, text: string | undefined): Profile {
  const value = parseStored(id, 'profile', text);
  try {
    parseProfileValue(value, `saved decision ${id}`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new DamagedDecisionError(id, `its profile is not a valid profile${firstOf(error.problems)}`);
  }
  // Served as saved: the check above must not change what the client gets back.
  return value as Profile;
}

/** Ids are positive integers; anything else (a prefix, "1e3", "../") finds nothing rather than an error. */
function parseId(id: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : null;
}

/**
 * Save a profile and the decision computed from it; returns the saved record with its new id.
 * @example
 * const saved = saveDecision(db, { profile, decision: decide(profile, kb, { seed: 1 }), seed: 1 });
 */
export function saveDecision(db: Store, input: SaveDecisionInput): SavedDecision {
  const createdAt = input.createdAt ?? new Date().toISOString();
  const seed = input.seed ?? input.decision.seed ?? null;
  const result = db
    .prepare(
      `INSERT INTO decisions (created_at, project_name, verdict, confidence, seed, lab_run, profile_json, decision_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      createdAt,
      input.profile.project.name,
      input.decision.verdict,
      input.decision.confidence,
      seed,
      input.decision.lab_run ?? null,
      JSON.stringify(input.profile),
      JSON.stringify(input.decision),
    );
  return {
    id: String(result.lastInsertRowid),
    created_at: createdAt,
    project: input.profile.project.name,
    verdict: input.decision.verdict,
    confidence: input.decision.confidence,
    close_call: input.decision.close_call,
    seed,
    lab_run: input.decision.lab_run ?? null,
    profile: input.profile,
    decision: input.decision,
  };
}

/**
 * Saved decisions, newest first (by id: ids grow with every save), a page at a time: at most `limit`, and with
 * `before`, only those older than that id (the cursor of the next page is the last id of this one).
 * @example
 * const page = listDecisions(db, { limit: 100 });
 * const next = listDecisions(db, { limit: 100, before: Number(page.at(-1)?.id) });
 */
export function listDecisions(
  db: Store,
  options: { limit?: number | undefined; before?: number | undefined } = {},
): DecisionSummary[] {
  const limit = Math.max(1, Math.min(options.limit ?? 500, 10_000));
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM decisions WHERE id < ? ORDER BY id DESC LIMIT ?`)
    .all(options.before ?? Number.MAX_SAFE_INTEGER, limit) as DecisionRow[];
  return rows.map(toSummary);
}

/**
 * One saved decision with its profile, or null when there is none with that id. A row whose decision or profile
 * cannot be read back as valid throws a DamagedDecisionError naming it and what is wrong.
 * @example
 * const saved = getDecision(db, '3');
 */
export function getDecision(db: Store, id: string): SavedDecision | null {
  const key = parseId(id);
  if (key === null) return null;
  const row = db
    .prepare(`SELECT ${SUMMARY_COLUMNS}, profile_json, decision_json FROM decisions WHERE id = ?`)
    .get(key) as DecisionRow | undefined;
  if (row === undefined) return null;
  const { damaged: _checkedFullyBelow, ...summary } = toSummary(row);
  const decision = readDecision(summary.id, row.decision_json);
  return { ...summary, profile: readProfile(summary.id, row.profile_json), decision };
}

/**
 * Delete a saved decision; true when it existed.
 * @example
 * if (!deleteDecision(db, '3')) console.log('no such decision');
 */
export function deleteDecision(db: Store, id: string): boolean {
  const key = parseId(id);
  if (key === null) return false;
  return db.prepare('DELETE FROM decisions WHERE id = ?').run(key).changes > 0;
}
