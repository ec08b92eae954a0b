/** @module A whole decision on one page: verdict, gates, what-if sliders, charts, hybrid plan, checklist, criteria, similar projects, evidence and caveats. */
import { type ReactNode, useCallback, useMemo } from 'react';
import {
  contributionChart,
  type Decision,
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
import { VerdictBanner } from './verdict-banner.tsx';

export type DecisionPanelProps = {
  decision: Decision;
  kb: KnowledgeBase;
  projectName: string;
  samples?: number | undefined;
  /** True while the figures come from the fast live run (a slider or answer still moving). */
  approximate?: boolean | undefined;
  /** The what-if sliders, when the panel is interactive. */
  whatIf?: ReactNode;
  /** Where the stakeholders stand, when the profile names some. */
  teamView?: ReactNode;
  /** The profile decided: its calls inside one language join the plan diagram (muted). */
  profile?: Profile | null | undefined;
};

/**
 * @example
 * <DecisionPanel decision={decision} kb={kb} projectName="proxy" />
 */
export function DecisionPanel({
  decision,
  kb,
  projectName,
  samples,
  approximate,
  whatIf,
  teamView,
  profile,
}: DecisionPanelProps) {
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
    <div data-testid="decision">
      <VerdictBanner
        decision={decision}
        projectName={projectName}
        samples={samples}
        approximate={approximate}
      />
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
    </div>
  );
}

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;

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
