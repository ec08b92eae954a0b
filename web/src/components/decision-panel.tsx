/** @module A whole decision on one page: the verdict at once; then, from a chunk loaded after the verdict is on screen, gates, team and what-if, charts, hybrid plan, checklist, criteria, similar projects, evidence and caveats (decision-details.tsx). */
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import type { Decision, KnowledgeBase, Profile } from '../../../src/core/browser.ts';
import { Loading } from './loading.tsx';
import { VerdictBanner } from './verdict-banner.tsx';

// Everything below the verdict: a chunk of its own (charts, tables, sections), so the first download carries only
// what the verdict needs.
const DecisionDetails = lazy(() =>
  import('./decision-details.tsx').then((m) => ({ default: m.DecisionDetails })),
);

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
  const painted = useAfterFirstPaint();
  return (
    <div data-testid="decision">
      <VerdictBanner
        decision={decision}
        projectName={projectName}
        samples={samples}
        approximate={approximate}
      />
      <Suspense fallback={<Loading what="details of the decision" />}>
        {painted ? (
          <DecisionDetails
            decision={decision}
            kb={kb}
            profile={profile}
            whatIf={whatIf}
            teamView={teamView}
          />
        ) : (
          <Loading what="details of the decision" />
        )}
      </Suspense>
    </div>
  );
}

/**
 * False until the browser has painted the panel's first frame: the details (charts, tables, a few hundred
 * elements) are rendered after the verdict is on screen, not in the same frame.
 */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return undefined;
    // The callback runs before the next frame is painted; the task it posts runs after that paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}
