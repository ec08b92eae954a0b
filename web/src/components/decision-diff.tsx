/** @module The diff between two saved decisions: the inputs that changed (the profiles, field by field), then the outputs from the core's diffDecisions(): verdict, confidence, gates, criteria, plan. */
import { useMemo } from 'react';
import {
  diffDecisions,
  formatPercent,
  formatPercentPair,
  type KnowledgeBase,
  type NumberChange,
  VERDICT_NAMES,
} from '../../../src/core/browser.ts';
import type { SavedDecision } from '../lib/api.ts';
import { diffProfiles } from '../lib/profile-diff.ts';
import { decisionLabel } from '../lib/saved-label.ts';
import { CRITERION_NUMBERS, CriteriaHead, criterionNames } from './decision-sections.tsx';
import { ScrollBox } from './scroll-box.tsx';

/**
 * @example
 * <DecisionDiffView a={older} b={newer} kb={kb} />
 */
export function DecisionDiffView({ a, b, kb }: { a: SavedDecision; b: SavedDecision; kb: KnowledgeBase }) {
  const diff = useMemo(() => diffDecisions(a.decision, b.decision), [a, b]);
  const names = criterionNames(kb);
  const criteria = diff.criteria.filter(
    (row) => moved(row.weight) || moved(row.go) || moved(row.rust) || moved(row.contribution),
  );
  const components = diff.components.filter((row) => row.changed);
  const boundaries = diff.boundaries.filter((row) => row.changed);
  // The seed is an input too: another seed alone moves the probabilities a little.
  const inputs = useMemo(
    () => [
      ...diffProfiles(a.profile, b.profile),
      ...(diff.seed?.changed
        ? [
            {
              path: 'seed',
              a: diff.seed.a === null ? null : String(diff.seed.a),
              b: diff.seed.b === null ? null : String(diff.seed.b),
            },
          ]
        : []),
    ],
    [a, b, diff],
  );
  const people = (diff.stakeholders ?? []).filter((row) => row.changed);

  return (
    <section className="card diff" data-testid="diff">
      <h2>
        {decisionLabel(a)} → {decisionLabel(b)}
      </h2>
      <h3>Inputs that changed</h3>
      {inputs.length === 0 ? (
        <p className="empty">
          The same profile: only the knowledge base, the lab or the engine can explain a change.
        </p>
      ) : (
        <ScrollBox>
          <table data-testid="diff-inputs" className="stack">
            <thead>
              <tr>
                <th scope="col">Input</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {inputs.map((row) => (
                <tr key={row.path}>
                  <td className="mono item">{row.path}</td>
                  <td className={row.a === null ? 'muted' : 'removed'} data-label="Before">
                    {row.a ?? '(not set)'}
                  </td>
                  <td className={row.b === null ? 'muted' : 'added'} data-label="After">
                    {row.b ?? '(not set)'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <h3>Outputs</h3>
      {diff.same && <p className="empty">The two decisions are the same.</p>}
      <div className="kv">
        <span className="muted">Verdict</span>
        <span data-testid="diff-verdict">
          <span className={`lang ${diff.verdict.a}`}>{VERDICT_NAMES[diff.verdict.a]}</span> →{' '}
          <span className={`lang ${diff.verdict.b}`}>{VERDICT_NAMES[diff.verdict.b]}</span>
          {!diff.verdict.changed && <span className="muted"> (unchanged)</span>}
        </span>
        <span className="muted">Confidence</span>
        <span>{formatChange(diff.confidence, percent)}</span>
        <span className="muted">Close call</span>
        <span>
          {yesNo(diff.close_call.a)} → {yesNo(diff.close_call.b)}
        </span>
        <span className="muted">Scores</span>
        <span>
          Go {formatChange(diff.scores.go, fixed2)} · Rust {formatChange(diff.scores.rust, fixed2)}
        </span>
        {diff.agreement !== undefined && (
          <>
            <span className="muted">Agreement</span>
            <span data-testid="diff-agreement">{formatChange(diff.agreement, percent)}</span>
          </>
        )}
        <span className="muted">Gates</span>
        <span>
          {diff.gates.added.map((gate) => (
            <span key={`+${gate.id}${gate.component ?? ''}`} className="added mono">
              +{gate.id}
              {gate.component === undefined ? '' : ` (${gate.component})`}{' '}
            </span>
          ))}
          {diff.gates.removed.map((gate) => (
            <span key={`-${gate.id}${gate.component ?? ''}`} className="removed mono">
              −{gate.id}
              {gate.component === undefined ? '' : ` (${gate.component})`}{' '}
            </span>
          ))}
          {diff.gates.added.length + diff.gates.removed.length === 0 && (
            <span className="muted">unchanged</span>
          )}
        </span>
      </div>
      {people.length > 0 && (
        <>
          <h3>Stakeholders whose own result moved</h3>
          <ul data-testid="diff-stakeholders">
            {people.map((row) => (
              <li key={row.name}>
                {row.name}: {ownVerdict(row.a, row.p.a)} → {ownVerdict(row.b, row.p.b)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Criteria that changed</h3>
      {criteria.length === 0 ? (
        <p className="empty">Same weights and ratings.</p>
      ) : (
        <ScrollBox>
          <table className="stack">
            <CriteriaHead />
            <tbody>
              {criteria.map((row) => (
                <tr key={row.id}>
                  <td className="item">
                    {names.get(row.id) ?? row.id}
                    {row.flipped && <span className="badge close"> now favours the other language</span>}
                  </td>
                  <td className="num" data-label="Weight">
                    {formatWeightChange(row.weight)}
                  </td>
                  <td className="num" data-label="Go">
                    {formatChange(row.go, CRITERION_NUMBERS.rating)}
                  </td>
                  <td className="num" data-label="Rust">
                    {formatChange(row.rust, CRITERION_NUMBERS.rating)}
                  </td>
                  <td className="num" data-label="Contribution">
                    {formatChange(row.contribution, CRITERION_NUMBERS.contribution)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {(components.length > 0 || boundaries.length > 0) && (
        <>
          <h3>Plan changes</h3>
          <ul>
            {components.map((row) => (
              <li key={row.name}>
                {row.name}: {row.a ?? 'absent'} → {row.b ?? 'absent'}
              </li>
            ))}
            {boundaries.map((row) => (
              <li key={`${row.from}->${row.to}`}>
                {row.from} → {row.to}: {row.a ? `${row.a.mechanism} ${row.a.per_call_us} µs` : 'none'} →{' '}
                {row.b ? `${row.b.mechanism} ${row.b.per_call_us} µs` : 'none'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A stakeholder's own verdict with its probability, "Rust 55%", or "absent". */
function ownVerdict(verdict: string | null, p: number | null): string {
  if (verdict === null) return 'absent';
  return `${VERDICT_NAMES[verdict as keyof typeof VERDICT_NAMES]}${p === null ? '' : ` ${percent(p)}`}`;
}

function moved(change: NumberChange): boolean {
  return change.delta === null ? change.a !== change.b : Math.abs(change.delta) > 1e-9;
}

/** A weight before and after as the reports tell two weights apart: a decimal more when they round alike. */
function formatWeightChange(change: NumberChange): string {
  if (change.a === null || change.b === null) return formatChange(change, CRITERION_NUMBERS.weight);
  const [a, b] = formatPercentPair(change.a, change.b);
  return a === b ? a : `${a} → ${b}`;
}

function formatChange(change: NumberChange, format: (value: number) => string): string {
  const left = change.a === null ? '–' : format(change.a);
  const right = change.b === null ? '–' : format(change.b);
  return left === right ? left : `${left} → ${right}`;
}

const percent = formatPercent;
const fixed2 = (value: number) => value.toFixed(2);
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
