/** @module "Use this run in my decision": the current profile (the Decide view's draft) decided by the server with and without a lab run (`POST /api/decide?lab=`, what `gorust decide --lab` does), and what changed. */
import { parseProfileValue } from '../../../src/core/browser.ts';
import { decideOnServer, type ServerDecision } from './api.ts';
import { composeProfile } from './draft.ts';
import { readStoredDraft } from './draft-store.ts';

export type LabDecision = ServerDecision;

export type LabDecisionResult = {
  without: LabDecision;
  with: LabDecision;
  /** "criterion: measured on this machine: ..." for each criterion whose prior the run replaced. */
  measured: string[];
  /** What the run measured but the decision left out (not significant, quick run, flagged, invalid), with why. */
  excluded: { figure: string; reason: string }[];
};

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
  // Validated here as the Decide view validates it (the same messages); the server validates it again.
  const profile = parseProfileValue(composeProfile(kept.draft, kept.overrides), 'the Decide view');
  const [without, withLab] = await Promise.all([
    decideOnServer(profile, undefined),
    decideOnServer(profile, runId),
  ]);
  return summarizeLabDecision(without, withLab);
}
