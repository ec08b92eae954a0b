/** @module The server API the UI uses (History and Lab): thin typed fetch wrappers over /api. */
import type { Decision } from '../../../src/core/browser.ts';
import type { LabRun, LabRunSummaryRow } from './lab-model.ts';

export type SavedDecisionSummary = {
  id: string;
  created_at: string;
  project: string;
  verdict: Decision['verdict'];
  confidence: number;
};

export type SavedDecision = {
  id: string;
  created_at: string;
  profile: unknown;
  decision: Decision;
};

/** A failed API call, carrying the server's message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`api/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...init?.headers },
  });
  if (!response.ok) {
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
  return (await response.json()) as T;
}

/**
 * Save a profile; the server recomputes the decision with the CLI's full sample count, so a saved decision matches
 * `gorust decide`.
 * @example
 * const { id } = await saveDecision(profile);
 */
export function saveDecision(profile: unknown): Promise<SavedDecision> {
  return request('decisions', { method: 'POST', body: JSON.stringify({ profile }) });
}

/**
 * The server's export of a saved decision (ADR numbered by the id, dated the day it was saved).
 * @example
 * <a href={exportHref('3', 'adr')} download>ADR</a>
 */
export function exportHref(id: string, format: 'adr' | 'md' | 'json' | 'html'): string {
  return `api/decisions/${encodeURIComponent(id)}/export?format=${format}`;
}

/** @example const rows = await listDecisions(); */
export function listDecisions(): Promise<SavedDecisionSummary[]> {
  return request('decisions');
}

/** @example const saved = await getDecision('3'); */
export function getDecision(id: string): Promise<SavedDecision> {
  return request(`decisions/${encodeURIComponent(id)}`);
}

/** @example const runs = await listLabRuns(); */
export function listLabRuns(): Promise<LabRunSummaryRow[]> {
  return request('lab/runs');
}

/** @example const run = await getLabRun('20260102-030405-1a2b'); */
export function getLabRun(id: string): Promise<LabRun> {
  return request(`lab/runs/${encodeURIComponent(id)}`);
}
