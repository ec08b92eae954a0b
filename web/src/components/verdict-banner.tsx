/** @module The verdict banner: what to use, how sure (and what that confidence counts), and how the probability splits between Go, Rust and hybrid. */
import {
  confidenceMeaning,
  type Decision,
  formatConfidence,
  formatCount,
  formatPercent,
  trackRecordSentence,
} from '../../../src/core/browser.ts';

const VERDICT_NAMES = { go: 'Go', rust: 'Rust', hybrid: 'Hybrid (Go + Rust)' } as const;

/**
 * @example
 * <VerdictBanner decision={decision} projectName={profile.project.name} />
 */
export function VerdictBanner({
  decision,
  projectName,
  samples,
  approximate = false,
}: {
  decision: Decision;
  projectName: string;
  samples?: number | undefined;
  /** The figures come from the fast live run: marked "≈" until the full run replaces them. */
  approximate?: boolean | undefined;
}) {
  const p = decision.probabilities;
  const record = trackRecordSentence(decision);
  return (
    <section
      className={`banner ${decision.verdict}`}
      data-testid="verdict-banner"
      data-verdict={decision.verdict}
    >
      {/* Announced when it changes (an answer or a slider moved it), not at every new figure. */}
      <p
        className="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="verdict-status"
      >
        Verdict: {VERDICT_NAMES[decision.verdict]}
        {decision.close_call ? ', a close call' : ''}
      </p>
      <div>
        <div className="verdict-label">Verdict</div>
        <div className="verdict" data-testid="verdict">
          {VERDICT_NAMES[decision.verdict]}
        </div>
      </div>
      <div>
        <div className="project" data-testid="project-name">
          {projectName}
        </div>
        <div className="facts">
          Confidence{' '}
          <strong data-testid="confidence">
            {approximate ? '≈ ' : ''}
            {formatConfidence(decision)}
          </strong>
          {' · '}score Go {decision.scores.go.toFixed(2)} vs Rust {decision.scores.rust.toFixed(2)}
          {decision.components.length > 0 ? ' (whole project)' : ''}
        </div>
        {/* What the two figures above mean: a 100% confidence next to a narrow score margin reads as
            overconfidence unless the banner says what it counts. The words are the CLI reports'. */}
        <div className="meaning" data-testid="confidence-meaning">
          {confidenceMeaning(decision)}.
        </div>
        {record !== undefined && (
          <div className="meaning" data-testid="track-record">
            {record}
          </div>
        )}
        <div
          className="probbar"
          title="Probability of each verdict with weights, ratings and uncertain inputs varied"
        >
          <span className="go" style={{ width: percent(p.go) }} />
          <span className="rust" style={{ width: percent(p.rust) }} />
          <span className="hybrid" style={{ width: percent(p.hybrid) }} />
        </div>
        <div className="legend-inline" data-testid="probabilities" data-approximate={approximate}>
          {approximate ? '≈ ' : ''}Go {formatPercent(p.go)} · Rust {formatPercent(p.rust)} · Hybrid{' '}
          {formatPercent(p.hybrid)}
          {samples !== undefined && (
            <span>
              {' '}
              · {formatCount(samples)} samples
              {approximate ? ' (approximate while you change it)' : ''}
            </span>
          )}
        </div>
      </div>
      <div>
        {decision.close_call ? (
          <span className="badge close" data-testid="close-call">
            Close call
          </span>
        ) : (
          <span className="badge firm">Not a close call</span>
        )}
      </div>
    </section>
  );
}

/** A bar segment's width: the share itself, unrounded. */
function percent(value: number): string {
  return `${value * 100}%`;
}
