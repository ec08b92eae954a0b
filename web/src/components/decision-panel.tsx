/** @module A whole decision on one page: verdict, gates, what-if sliders, charts, hybrid plan, checklist, criteria, similar projects, evidence and caveats. */
import { useMemo } from 'react';
import {
  contributionChartOption,
  type Decision,
  hybridPlanOption,
  type KnowledgeBase,
  radarChartOption,
} from '../../../src/core/index.ts';
import {
  ChecklistSection,
  CriteriaSection,
  EvidenceSection,
  GatesSection,
  NotesSection,
  PlanTables,
  SimilarProjectsSection,
} from './decision-sections.tsx';
import { EChartsView } from './echarts-view.tsx';
import { VerdictBanner } from './verdict-banner.tsx';

export type DecisionPanelProps = {
  decision: Decision;
  kb: KnowledgeBase;
  projectName: string;
  samples?: number | undefined;
  /** The what-if sliders, when the panel is interactive. */
  whatIf?: React.ReactNode;
};

/**
 * @example
 * <DecisionPanel decision={decision} kb={kb} projectName="proxy" />
 */
export function DecisionPanel({ decision, kb, projectName, samples, whatIf }: DecisionPanelProps) {
  const contribution = useMemo(() => contributionChartOption(decision), [decision]);
  const radar = useMemo(() => radarChartOption(decision), [decision]);
  const plan = useMemo(
    () => (decision.components.length > 0 ? hybridPlanOption(decision) : null),
    [decision],
  );
  return (
    <div data-testid="decision">
      <VerdictBanner decision={decision} projectName={projectName} samples={samples} />
      <GatesSection decision={decision} />
      {whatIf}
      <div className="grid-2">
        <section className="card">
          <h2>What drives the verdict</h2>
          <div className="small muted">
            Contribution of each criterion: weight × (Go − Rust); right favours Go.
          </div>
          <EChartsView
            option={contribution}
            height={340}
            testId="chart-contributions"
            label="Per-criterion contributions"
          />
        </section>
        <section className="card">
          <h2>Go against Rust, criterion by criterion</h2>
          <div className="small muted">
            Ratings 0–10 after the team's experience and any measured evidence.
          </div>
          <EChartsView
            option={radar}
            height={340}
            testId="chart-radar"
            label="Radar of Go and Rust ratings"
          />
        </section>
      </div>
      {plan && (
        <section className="card" data-testid="hybrid-plan">
          <h2>Plan by component</h2>
          <div className="small muted">
            <span className="dot go" />
            Go <span className="dot rust" style={{ marginLeft: 10 }} />
            Rust · edges are calls, labelled with the boundary mechanism and its per-call cost
          </div>
          <EChartsView option={plan} height={320} testId="chart-plan" label="Hybrid plan diagram" />
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
