/** @module One saved decision from History, with its exports and what-if sliders over the saved profile. */
import { useEffect, useMemo, useState } from 'react';
import {
  DEFAULT_SAMPLES,
  type Decision,
  formatConfidence,
  formatCount,
  formatPercent,
  type KnowledgeBase,
  type Profile,
  parseProfileValue,
  VERDICT_NAMES,
  weakening,
} from '../../../src/core/browser.ts';
import { DecisionPanel } from '../components/decision-panel.tsx';
import { StakeholderSummary } from '../components/stakeholder-summary.tsx';
import { WeightSliders } from '../components/weight-sliders.tsx';
import { exportHref, getDecision } from '../lib/api.ts';
import { type Evaluation, evaluateProfile, type Priorities, withPriorities } from '../lib/draft.ts';
import { routeHref } from '../lib/route.ts';
import { savedAt } from '../lib/saved-label.ts';
import { useAsync } from '../lib/use-async.ts';
import { useSettledEvaluation } from '../lib/use-settled-evaluation.ts';

const EXPORTS = [
  ['adr', 'ADR'],
  ['md', 'Markdown'],
  ['json', 'JSON'],
  ['html', 'HTML report'],
] as const;

/**
 * @example
 * <SavedDecisionView kb={kb} id="3" />
 */
export function SavedDecisionView({ kb, id }: { kb: KnowledgeBase; id: string }) {
  const state = useAsync(() => getDecision(id), [id]);
  const [overrides, setOverrides] = useState<Priorities>({});
  const saved = state.status === 'ready' ? state.value : null;

  const whatIfProfile = useMemo(() => {
    if (!saved || Object.keys(overrides).length === 0) return null;
    return withPriorities(structuredClone(saved.profile) as Record<string, unknown>, overrides);
  }, [saved, overrides]);
  const parsedProfile = useMemo((): Profile | null => {
    if (!saved) return null;
    try {
      return parseProfileValue(saved.profile, `saved decision ${saved.id}`);
    } catch {
      return null;
    }
  }, [saved]);
  // Approximate while a slider moves; the CLI's sample count once it has been still for a moment.
  const settled = useSettledEvaluation(whatIfProfile, kb);
  const whatIf = settled?.evaluation ?? null;

  if (state.status === 'loading') return <p className="muted">Loading decision {id}…</p>;
  if (state.status === 'error')
    return (
      <p className="error">
        Could not load decision {id}: {state.error}
      </p>
    );
  const { decision, profile } = state.value;
  const shown = whatIf?.ok ? whatIf.decision : decision;
  const shownProfile = whatIf?.ok ? whatIf.profile : parsedProfile;
  const name =
    decision.project?.name ?? (profile as { project?: { name?: string } }).project?.name ?? `Decision ${id}`;
  const own = ((profile as { priorities?: Priorities }).priorities ?? {}) as Priorities;

  return (
    <div>
      <div className="toolbar">
        <a href={routeHref({ view: 'history' })}>← History</a>
        <span className="muted small">
          Saved {savedAt(state.value.created_at)} · seed {decision.seed ?? 1} ·{' '}
          {formatCount(decision.samples ?? DEFAULT_SAMPLES)} samples
        </span>
        <span className="spacer" />
        <a className="button" href={routeHref({ view: 'edit', id })} data-testid="edit-copy">
          Edit a copy
        </a>
        <span className="small muted">Export</span>
        {EXPORTS.map(([format, label]) => (
          <a
            className="button"
            key={format}
            href={exportHref(id, format)}
            download
            data-testid={`export-${format}`}
          >
            {label}
          </a>
        ))}
      </div>
      <Recheck decision={decision} profile={profile} kb={kb} editHref={routeHref({ view: 'edit', id })} />
      {whatIf && !whatIf.ok && <div className="notice">What-if failed: {whatIf.message}</div>}
      {whatIf?.ok && (
        <div className="notice small">
          Showing a what-if with changed weights ({settled?.approximate ? 'approximate, ' : ''}
          {formatCount(settled?.samples ?? DEFAULT_SAMPLES)} samples); the saved decision is unchanged and is
          what the exports contain.
        </div>
      )}
      <DecisionPanel
        decision={shown}
        kb={kb}
        projectName={name}
        profile={shownProfile}
        samples={whatIf?.ok ? settled?.samples : decision.samples}
        approximate={settled?.approximate ?? false}
        teamView={
          shownProfile?.stakeholders && shownProfile.stakeholders.length > 0 ? (
            <StakeholderSummary decision={shown} profile={shownProfile} kb={kb} />
          ) : null
        }
        whatIf={
          shownProfile && (
            <WeightSliders
              decision={shown}
              profile={shownProfile}
              kb={kb}
              own={Object.fromEntries(Object.entries(own).filter(([key]) => overrides[key] === undefined))}
              overrides={overrides}
              onChange={(key, value) =>
                setOverrides((current) => {
                  const copy = { ...current };
                  if (value === undefined) delete copy[key];
                  else copy[key] = value;
                  return copy;
                })
              }
              onReset={() => setOverrides({})}
              samples={settled?.samples ?? decision.samples ?? DEFAULT_SAMPLES}
              approximate={settled?.approximate ?? false}
              lastRunMs={whatIf?.ok ? whatIf.ms : null}
            />
          )
        }
      />
    </div>
  );
}

const verdictLabel = (v: Decision['verdict']) => VERDICT_NAMES[v];

/**
 * The saved decision decided again from its saved profile with this gorust's knowledge base, as `gorust check` does
 * for an ADR: it still holds, holds but has weakened (now a close call, or P(verdict) down ten points or more), or
 * would change. A decision made with a lab run's measurements cannot be re-run here, and says so.
 * @example
 * <Recheck decision={saved.decision} profile={saved.profile} kb={kb} editHref="#/edit/3" />
 */
function Recheck({
  decision,
  profile,
  kb,
  editHref,
}: {
  decision: Decision;
  profile: unknown;
  kb: KnowledgeBase;
  editHref: string;
}) {
  const [again, setAgain] = useState<Evaluation | null>(null);
  useEffect(() => {
    setAgain(null);
    if (decision.lab_run !== undefined) return undefined;
    // After the saved decision is on screen: a full run takes a moment.
    const timer = setTimeout(
      () =>
        setAgain(
          evaluateProfile(profile, kb, {
            samples: decision.samples ?? DEFAULT_SAMPLES,
            seed: decision.seed ?? 1,
          }),
        ),
      50,
    );
    return () => clearTimeout(timer);
  }, [decision, profile, kb]);
  const lead = "Decided again with this gorust's knowledge base";
  if (decision.lab_run !== undefined)
    return (
      <p className="notice small" data-testid="recheck">
        Made with lab run {decision.lab_run}'s measurements, which this page cannot run again: check it with{' '}
        <code>gorust decide PROFILE --lab {decision.lab_run}</code>.
      </p>
    );
  if (again === null)
    return (
      <p className="muted small" data-testid="recheck">
        {lead}…
      </p>
    );
  if (!again.ok)
    return (
      <p className="notice small error" data-testid="recheck">
        {lead}: the saved profile no longer reads ({again.message}).
      </p>
    );
  const now = again.decision;
  if (now.verdict !== decision.verdict)
    return (
      <p className="notice small changed" data-testid="recheck" data-state="changed">
        {lead}, it would now be <strong>{verdictLabel(now.verdict)}</strong> ({formatPercent(now.confidence)}
        ), not the saved {verdictLabel(decision.verdict)}. <a href={editHref}>Edit a copy</a> to decide it
        again and save it.
      </p>
    );
  const weaker = weakening(decision, now);
  return weaker === undefined ? (
    <p className="notice small ok" data-testid="recheck" data-state="holds">
      {lead}: it still holds, {verdictLabel(now.verdict)} at {formatPercent(now.confidence)} (saved:{' '}
      {formatConfidence(decision)}).
    </p>
  ) : (
    <p className="notice small" data-testid="recheck" data-state="weaker">
      {lead}: it still holds ({verdictLabel(now.verdict)}), but weaker: {weaker}.
    </p>
  );
}
