/** @module The server API the UI uses (History and Lab), through Hono's typed client: every request and response type is inferred from the server's route schemas (src/server/api-schema.ts), so none is written twice. */
import { type ClientResponse, hc, type InferRequestType, type InferResponseType } from 'hono/client';
import type { ApiRoutes } from '../../../src/server/app.ts';

/** Relative to the page, so the UI also works when served under a path prefix. */
const client = hc<ApiRoutes>('./');
const api = client.api;

export type SavedDecisionSummary = InferResponseType<typeof api.decisions.$get, 200>[number];
export type SavedDecision = InferResponseType<(typeof api.decisions)[':id']['$get'], 200>;
export type SaveDecisionRequest = InferRequestType<typeof api.decisions.$post>['json'];
export type LabRunSummaryRow = InferResponseType<typeof api.lab.runs.$get, 200>[number];
export type LabRun = InferResponseType<(typeof api.lab.runs)[':id']['$get'], 200>;
export type LabStep = LabRun['steps'][number];
export type DecideRequest = InferRequestType<typeof api.decide.$post>['json'];
/** A decision as POST /api/decide returns it: the decision JSON, plus `lab_excluded` when a lab run was used. */
export type ServerDecision = InferResponseType<typeof api.decide.$post, 200>;

/** A failed API call, carrying the server's message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** The JSON body type of the response with status S among a route's responses. */
type BodyOf<R, S extends number> = R extends ClientResponse<infer T, S, 'json'> ? T : never;

/** The body of a successful response; a failure becomes an ApiError with the problem's detail and entries. */
async function ok<R extends ClientResponse<unknown, number, string>, S extends number>(
  pending: Promise<R>,
  success: S,
): Promise<BodyOf<R, S>> {
  const response = await pending;
  if (response.status !== success) {
    let message = `${response.status} ${response.statusText}`;
    try {
      // The API answers errors with RFC 9457 problem details: the detail and one entry per problem.
      const body = (await response.json()) as {
        detail?: string;
        title?: string;
        errors?: { path: string; message: string }[];
      };
      const entries = (body.errors ?? []).map((entry) => `${entry.path}: ${entry.message}`);
      message = [body.detail ?? body.title ?? message, ...entries].join('; ');
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(message, response.status);
  }
  return (await response.json()) as BodyOf<R, S>;
}

const id = (value: string) => ({ param: { id: encodeURIComponent(value) } });

/**
 * Save a profile; the server recomputes the decision with the CLI's full sample count, so a saved decision matches
 * `gorust decide`.
 * @example
 * const { id } = await saveDecision(profile);
 */
export function saveDecision(profile: SaveDecisionRequest['profile']): Promise<SavedDecision> {
  return ok(api.decisions.$post({ json: { profile } }), 201);
}

/**
 * The server's export of a saved decision (ADR numbered by the id, dated the day it was saved).
 * @example
 * <a href={exportHref('3', 'adr')} download>ADR</a>
 */
export function exportHref(savedId: string, format: 'adr' | 'md' | 'json' | 'html'): string {
  return `api/decisions/${encodeURIComponent(savedId)}/export?format=${format}`;
}

/** How many saved decisions the history loads at a time. */
export const HISTORY_PAGE = 100;

/**
 * One page of saved decisions, newest first; `before` (the last id of the previous page) asks for the next one.
 * @example const rows = await listDecisions(); const older = await listDecisions(rows.at(-1)?.id);
 */
export function listDecisions(before?: string): Promise<SavedDecisionSummary[]> {
  const query = { limit: String(HISTORY_PAGE), ...(before === undefined ? {} : { before }) };
  return ok(api.decisions.$get({ query }), 200);
}

/** @example const saved = await getDecision('3'); */
export function getDecision(savedId: string): Promise<SavedDecision> {
  return ok(api.decisions[':id'].$get(id(savedId)), 200);
}

/** @example await deleteDecision('3'); */
export async function deleteDecision(savedId: string): Promise<void> {
  const response = await api.decisions[':id'].$delete(id(savedId));
  if (response.status !== 204) await ok(Promise.resolve(response), 204);
}

/**
 * Decide a profile on the server, with a stored lab run's figures when `lab` names one (what `gorust decide --lab`
 * does).
 * @example
 * const decision = await decideOnServer(profile, 'latest');
 */
export function decideOnServer(profile: DecideRequest, lab?: string): Promise<ServerDecision> {
  return ok(api.decide.$post({ json: profile, query: lab === undefined ? {} : { lab } }), 200);
}

/** @example const runs = await listLabRuns(); */
export function listLabRuns(): Promise<LabRunSummaryRow[]> {
  return ok(api.lab.runs.$get({ query: {} }), 200);
}

/** @example const run = await getLabRun('20260102-030405-1a2b'); */
export function getLabRun(runId: string): Promise<LabRun> {
  return ok(api.lab.runs[':id'].$get(id(runId)), 200);
}
