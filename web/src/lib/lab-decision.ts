/** @module "Use this run in my decision": the current profile (the Decide view's draft) decided by the server with and without a lab run (`POST /api/decide?lab=`, what `gorust decide --lab` does), and what changed. */
import { hc, type InferResponseType } from 'hono/client';
import type { ApiRoutes } from '../../../src/server/app.ts';
import { composeProfile } from './draft.ts';
import { readStoredDraft } from './draft-store.ts';

const api = hc<ApiRoutes>('./').api;

export type LabDecision = InferResponseType<typeof api.decide.$post, 200>;

export type LabDecisionResult = {
  without: LabDecision;
  with: LabDecision;
  /** "criterion: measured on this machine: ..." for each criterion whose prior the run replaced. */
  measured: string[];
  /** What the run measured but the decision left out (not significant, quick run, flagged, invalid), with why. */
  excluded: { figure: string; reason: string }[];
};

async function decideOnServer(
  profile: Record<string, unknown>,
  lab: string | undefined,
): Promise<LabDecision> {
  const response = await api.decide.$post({
    // The server validates the profile and answers problems as RFC 9457 details.
    json: profile as never,
    query: lab === undefined ? {} : { lab },
  });
  if (response.status !== 200) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as {
        detail?: string;
        errors?: { path: string; message: string }[];
      };
      message = [body.detail ?? message, ...(body.errors ?? []).map((e) => `${e.path}: ${e.message}`)].join(
        '; ',
      );
    } catch {
      // not JSON: keep the status line
    }
    throw new Error(message);
  }
  return (await response.json()) as LabDecision;
}

/**
 * What a lab run changes in a decision: the measured criteria and the figures left out, from two server decisions.
 * @example
 * summarizeLabDecision(withoutLab, withLab).measured; // ['runtime_performance: measured on this machine: ...']
 */
export function summarizeLabDecision(without: LabDecision, withLab: LabDecision): LabDecisionResult {
  const measured = withLab.criteria.flatMap((c) => (c.measured ? [`${c.id}: ${c.measured}`] : []));
  const excluded =
    'lab_excluded' in withLab && Array.isArray(withLab.lab_excluded) ? withLab.lab_excluded : [];
  return { without, with: withLab, measured, excluded };
}

/**
 * Decide the profile of the Decide view's draft with the run and without it. Null when there is no draft yet.
 * @example
 * const result = await decideDraftWithRun('20260102-030405-1a2b');
 */
export async function decideDraftWithRun(runId: string): Promise<LabDecisionResult | null> {
  const kept = readStoredDraft();
  if (!kept) return null;
  const profile = composeProfile(kept.draft, kept.overrides);
  const [without, withLab] = await Promise.all([
    decideOnServer(profile, undefined),
    decideOnServer(profile, runId),
  ]);
  return summarizeLabDecision(without, withLab);
}
