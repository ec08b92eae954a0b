/** @module Where the stakeholders stand: each one's verdict and probabilities under their own priorities, how much of the group's weight shares the group verdict, and the criteria they weigh most differently. Shows the engine's `stakeholders`, `agreement` and `disagreements` (CONTRACT.md §2); a decision saved before the engine computed them is decided per stakeholder in the browser with the same engine. */
import { useMemo } from 'react';
import {
  type Decision,
  decide,
  differsOn,
  favoursClause,
  formatPercent,
  type KnowledgeBase,
  type Profile,
  VERDICT_NAMES,
  verdictWithRival,
} from '../../../src/core/browser.ts';
import { DEFAULT_SEED, INTERACTIVE_SAMPLES } from '../lib/draft.ts';
import { ScrollBox } from './scroll-box.tsx';

type Verdict = keyof typeof VERDICT_NAMES;

type Row = {
  name: string;
  role: string | undefined;
  weight: number;
  verdict: Verdict;
  probabilities: Record<Verdict, number>;
  /** Components this stakeholder's own priorities put in the other language than the group's plan. */
  differs_on?: string[] | undefined;
};
type CriterionId = Decision['criteria'][number]['id'];
type Spread = { id: CriterionId; name: string; min: number; max: number; minBy?: string; maxBy?: string };

/**
 * Each stakeholder decided on their own priorities (laid over the profile's), plus the spread per criterion.
 * @example
 * const view = stakeholderView(decision, profile, kb);
 */
export function stakeholderView(
  decision: Decision,
  profile: Profile,
  kb: KnowledgeBase,
): { rows: Row[]; agreement: number; agreeing: number; spread: Spread[] } {
  const names = new Map(kb.criteria.map((criterion) => [criterion.id, criterion.name]));
  if (decision.stakeholders && decision.agreement !== undefined) {
    const rows = decision.stakeholders.map((row) => ({ ...row, role: row.role }));
    return {
      rows,
      agreement: decision.agreement,
      agreeing: rows.filter((row) => row.verdict === decision.verdict).length,
      spread: (decision.disagreements ?? []).map((row) => ({
        id: row.criterion,
        name: names.get(row.criterion) ?? row.criterion,
        min: row.min,
        max: row.max,
        minBy: row.min_by,
        maxBy: row.max_by,
      })),
    };
  }
  const people = profile.stakeholders ?? [];
  const weightsOf = new Map<string, Map<string, number>>();
  const rows: Row[] = people.map((person) => {
    const own: Profile = { ...profile, priorities: { ...profile.priorities, ...person.priorities } };
    delete own.stakeholders;
    const result = decide(own, kb, {
      seed: DEFAULT_SEED,
      samples: INTERACTIVE_SAMPLES,
      decisiveFacts: false,
    });
    weightsOf.set(person.name, new Map(result.criteria.map((row) => [row.id, row.weight])));
    return {
      name: person.name,
      role: person.role,
      weight: person.weight ?? 1,
      verdict: result.verdict,
      probabilities: result.probabilities,
      differs_on: result.components
        .filter((c) => decision.components.some((g) => g.name === c.name && g.language !== c.language))
        .map((c) => c.name),
    };
  });
  const total = rows.reduce((sum, row) => sum + row.weight, 0);
  const agreeing = rows.filter((row) => row.verdict === decision.verdict);
  const agreement = total > 0 ? agreeing.reduce((sum, row) => sum + row.weight, 0) / total : 1;
  const spread = kb.criteria
    .map((criterion) => {
      const values = rows.map((row) => weightsOf.get(row.name)?.get(criterion.id) ?? 0);
      const min = Math.min(...values);
      const max = Math.max(...values);
      return { id: criterion.id, name: criterion.name, min, max, spread: max - min };
    })
    .filter((row) => row.spread > 0.005)
    .sort((a, b) => b.spread - a.spread)
    .slice(0, 3);
  return { rows, agreement, agreeing: agreeing.length, spread };
}

/**
 * @example
 * <StakeholderSummary decision={decision} profile={profile} kb={kb} />
 */
export function StakeholderSummary({
  decision,
  profile,
  kb,
}: {
  decision: Decision;
  profile: Profile;
  kb: KnowledgeBase;
}) {
  const view = useMemo(() => stakeholderView(decision, profile, kb), [decision, profile, kb]);
  if (view.rows.length === 0) return null;
  const pct = formatPercent;
  return (
    <section className="card" data-testid="stakeholder-summary" aria-labelledby="stakeholder-summary-title">
      <h2 id="stakeholder-summary-title">Where the stakeholders stand</h2>
      <p data-testid="agreement">
        {view.agreeing} of {view.rows.length} stakeholder{view.rows.length === 1 ? '' : 's'} (
        {pct(view.agreement)} of their combined weight) reach the group's verdict,{' '}
        <strong>{VERDICT_NAMES[decision.verdict]}</strong>, under their own priorities.
      </p>
      {/* On a phone each row stacks (styles.css, table.stack): the stakeholder, then their figures, labelled. */}
      <ScrollBox>
        <table className="stack">
          <caption className="visually-hidden">Each stakeholder's verdict under their own priorities</caption>
          <thead>
            <tr>
              <th scope="col">Stakeholder</th>
              <th scope="col">Role</th>
              <th scope="col" className="num">
                Weight
              </th>
              <th scope="col">Verdict</th>
              <th scope="col">Go · Rust · Hybrid</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.name} data-testid={`stakeholder-verdict-${row.name}`}>
                <td className="item">{row.name}</td>
                <td className="muted" data-label={row.role ? 'Role' : undefined}>
                  {row.role ?? ''}
                </td>
                <td className="num" data-label="Weight">
                  {row.weight}
                </td>
                <td data-label="Verdict">
                  <span className={`lang ${row.verdict}`}>
                    {verdictWithRival(row.verdict, row.probabilities)}
                  </span>
                  {differsOn(row) && <span className="small muted"> ({differsOn(row)})</span>}
                </td>
                <td className="mono" data-label="Go · Rust · Hybrid">
                  {pct(row.probabilities.go)} · {pct(row.probabilities.rust)} ·{' '}
                  {pct(row.probabilities.hybrid)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {view.spread.length > 0 && (
        <p data-testid="disagreement">
          They weigh most differently:{' '}
          {view.spread.map((row, i) => (
            <span key={row.id}>
              {i > 0 ? '; ' : ''}
              {row.name}
              {favoursClause(decision, row.id)}: {pct(row.min)} of the weight
              {row.minBy ? ` for ${row.minBy}` : ''}, {pct(row.max)}
              {row.maxBy ? ` for ${row.maxBy}` : ''}
            </span>
          ))}
          .
        </p>
      )}
    </section>
  );
}
