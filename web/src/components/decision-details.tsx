/** @module The decision below its verdict (DecisionPanel loads it after the verdict is on screen): gates, team and what-if, charts, hybrid plan, checklist, criteria, similar projects, evidence and caveats. */
import { type ReactNode, useCallback, useMemo } from 'react';
import {
  contributionChart,
  type Decision,
  formatSigned,
  hybridPlanChart,
  type KnowledgeBase,
  type Profile,
  radarChart,
} from '../../../src/core/browser.ts';
import { planDiagram, planSummary } from '../lib/plan-diagram.ts';
import {
  ChecklistSection,
  CriteriaSection,
  EvidenceSection,
  GatesSection,
  NotesSection,
  PlanTables,
  SimilarProjectsSection,
} from './decision-sections.tsx';
import { SvgChart } from './svg-chart.tsx';

/**
 * @example
 * <DecisionDetails decision={decision} kb={kb} profile={profile} />
 */
export function DecisionDetails({
  decision,
  kb,
  profile,
  whatIf,
  teamView,
}: {
  decision: Decision;
  kb: KnowledgeBase;
  profile?: Profile | null | undefined;
  whatIf?: ReactNode;
  teamView?: ReactNode;
}) {
  const contribution = useCallback((width: number) => contributionChart(decision, { width }), [decision]);
  const radar = useCallback(
    (width: number) => radarChart(decision, { width, height: Math.min(400, Math.max(340, width * 0.8)) }),
    [decision],
  );
  const plan = useCallback(
    (width: number) =>
      profile ? planDiagram(decision, profile, width) : hybridPlanChart(decision, { width }),
    [decision, profile],
  );
  const names = useMemo(() => new Map(kb.criteria.map((c) => [c.id, c.name])), [kb]);
  return (
    <>
      <GatesSection decision={decision} />
      {teamView}
      {whatIf}
      <div className="grid-2">
        <section className="card">
          <SvgChart draw={contribution} testId="chart-contributions" label="Per-criterion contributions" />
          <p className="chart-summary small muted" data-testid="summary-contributions">
            {contributionSummary(decision, names)}
          </p>
        </section>
        <section className="card">
          <SvgChart draw={radar} testId="chart-radar" label="Radar of Go and Rust ratings" />
          <p className="chart-summary small muted" data-testid="summary-radar">
            {radarSummary(decision, names)}
          </p>
        </section>
      </div>
      {decision.components.length > 0 && (
        <section className="card" data-testid="hybrid-plan">
          <SvgChart draw={plan} testId="chart-plan" label="Hybrid plan diagram" />
          {profile && (
            <p className="chart-summary small muted" data-testid="summary-plan">
              {planSummary(decision, profile)}
            </p>
          )}
          <PlanTables decision={decision} />
        </section>
      )}
      <ChecklistSection decision={decision} />
      <CriteriaSection decision={decision} kb={kb} />
      <SimilarProjectsSection decision={decision} kb={kb} />
      <EvidenceSection decision={decision} kb={kb} />
      <NotesSection decision={decision} />
    </>
  );
}

/** A contribution as the chart beside it labels it (the tables' two decimals, a typographic minus). */
const signed = (value: number) => formatSigned(value).replace('-', '−');

/** The contribution chart in words: its three largest rows. */
function contributionSummary(decision: Decision, names: Map<string, string>): string {
  const top = [...decision.criteria]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, 3)
    .map(
      (row) =>
        `${names.get(row.id) ?? row.id} ${signed(row.contribution)} (${row.contribution >= 0 ? 'Go' : 'Rust'})`,
    );
  return `In words: the largest contributions are ${top.join(', ')}. Every row is in the Criteria table below.`;
}

/** The radar in words: where each language is rated higher. */
function radarSummary(decision: Decision, names: Map<string, string>): string {
  const name = (id: string) => names.get(id) ?? id;
  const go = decision.criteria.filter((row) => row.go > row.rust).map((row) => name(row.id));
  const rust = decision.criteria.filter((row) => row.rust > row.go).map((row) => name(row.id));
  const list = (items: string[]) => (items.length === 0 ? 'none' : items.join(', '));
  return `In words: Go is rated higher on ${list(go)}; Rust on ${list(rust)}. The ratings are in the Criteria table below.`;
}
