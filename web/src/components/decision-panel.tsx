/** @module A whole decision on one page: verdict, gates, what-if sliders, charts, hybrid plan, checklist, criteria, similar projects, evidence and caveats. */
import { type ReactNode, useMemo } from 'react';
import {
  contributionChartOption,
  type Decision,
  hybridPlanOption,
  type KnowledgeBase,
  radarChartOption,
} from '../../../src/core/browser.ts';
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
  /** True while the figures come from the fast live run (a slider or answer still moving). */
  approximate?: boolean | undefined;
  /** The what-if sliders, when the panel is interactive. */
  whatIf?: ReactNode;
  /** Where the stakeholders stand, when the profile names some. */
  teamView?: ReactNode;
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
}: DecisionPanelProps) {
  const contribution = useMemo(() => contributionChartOption(decision), [decision]);
  const radar = useMemo(() => fitRadar(radarChartOption(decision)), [decision]);
  const plan = useMemo(
    () => (decision.components.length > 0 ? hybridPlanOption(decision) : null),
    [decision],
  );
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
          <EChartsView
            option={contribution}
            height={380}
            testId="chart-contributions"
            label="Per-criterion contributions"
          />
        </section>
        <section className="card">
          <EChartsView
            option={radar}
            height={380}
            testId="chart-radar"
            label="Radar of Go and Rust ratings"
          />
        </section>
      </div>
      {plan && (
        <section className="card" data-testid="hybrid-plan">
          <EChartsView
            option={plan}
            height={Math.max(300, 140 + 120 * planRows(decision))}
            testId="chart-plan"
            label="Hybrid plan diagram"
          />
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

/** Rows in the plan diagram: Go and Rust components sit in two columns. */
function planRows(decision: Decision): number {
  const go = decision.components.filter((component) => component.language === 'go').length;
  return Math.max(go, decision.components.length - go);
}

/** The radar sits in half the page width: a smaller radius keeps the criterion names inside the card. */
function fitRadar(option: ReturnType<typeof radarChartOption>): ReturnType<typeof radarChartOption> {
  const radar = option.radar;
  if (radar === undefined || Array.isArray(radar)) return option;
  return { ...option, radar: { ...radar, radius: '46%' } };
}
