/** @module Saved decisions in the store (migration 2): save, list, get and delete a profile with the decision computed from it. */
import { type Decision, decisionSchema, InternalError, type Profile } from '../core/index.ts';
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
};

export type SavedDecision = DecisionSummary & { profile: Profile; decision: Decision };

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
  profile_json?: string;
  decision_json?: string;
};

const SUMMARY_COLUMNS =
  "id, created_at, project_name, verdict, confidence, json_extract(decision_json, '$.close_call') AS close_call, seed, lab_run";

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
  };
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
 * One saved decision with its profile, or null when there is none with that id.
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
  const parsed = decisionSchema.safeParse(JSON.parse(row.decision_json ?? 'null'));
  if (!parsed.success) {
    throw new InternalError(
      `saved decision ${id} does not match the decision schema: ${parsed.error.message}`,
    );
  }
  return {
    ...toSummary(row),
    profile: JSON.parse(row.profile_json ?? 'null') as Profile,
    decision: parsed.data,
  };
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
