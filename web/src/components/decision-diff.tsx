/** @module The diff between two saved decisions: verdict, confidence, gates, weights and ratings, plan and checklist. */
import type { SavedDecision } from '../lib/api.ts';

/**
 * @example
 * <DecisionDiffView a={older} b={newer} />
 */
export function DecisionDiffView({ a, b }: { a: SavedDecision; b: SavedDecision }) {
  const da = a.decision;
  const db = b.decision;
  const gatesA = new Set(da.gates.map((gate) => gate.id));
  const gatesB = new Set(db.gates.map((gate) => gate.id));
  const criteriaA = new Map(da.criteria.map((row) => [row.id, row]));
  const changedCriteria = db.criteria
    .map((row) => ({ row, before: criteriaA.get(row.id) }))
    .filter(
      ({ row, before }) =>
        !before ||
        Math.abs(before.weight - row.weight) > 0.0005 ||
        before.go !== row.go ||
        before.rust !== row.rust,
    );
  const componentsA = new Map(da.components.map((component) => [component.name, component.language]));
  const checklistA = new Map(da.checklist.map((row) => [row.item, row.applies]));
  const checklistChanges = db.checklist.filter((row) => checklistA.get(row.item) !== row.applies);
  const nameA = da.project?.name ?? `#${a.id}`;
  const nameB = db.project?.name ?? `#${b.id}`;

  return (
    <section className="card diff" data-testid="diff">
      <h2>
        Diff: {nameA} (#{a.id}) → {nameB} (#{b.id})
      </h2>
      <div className="kv">
        <span className="muted">Verdict</span>
        <span data-testid="diff-verdict">
          <span className={`lang ${da.verdict}`}>{da.verdict}</span> →{' '}
          <span className={`lang ${db.verdict}`}>{db.verdict}</span>
          {da.verdict === db.verdict && <span className="muted"> (unchanged)</span>}
        </span>
        <span className="muted">Confidence</span>
        <span>
          {pct(da.confidence)} → {pct(db.confidence)}
        </span>
        <span className="muted">Scores</span>
        <span>
          Go {da.scores.go.toFixed(2)} → {db.scores.go.toFixed(2)} · Rust {da.scores.rust.toFixed(2)} →{' '}
          {db.scores.rust.toFixed(2)}
        </span>
        <span className="muted">Gates</span>
        <span>
          {[...gatesB]
            .filter((id) => !gatesA.has(id))
            .map((id) => (
              <span key={`+${id}`} className="added mono">
                +{id}{' '}
              </span>
            ))}
          {[...gatesA]
            .filter((id) => !gatesB.has(id))
            .map((id) => (
              <span key={`-${id}`} className="removed mono">
                −{id}{' '}
              </span>
            ))}
          {[...gatesA].every((id) => gatesB.has(id)) && [...gatesB].every((id) => gatesA.has(id)) && (
            <span className="muted">unchanged</span>
          )}
        </span>
      </div>
      <h3>Criteria that changed</h3>
      {changedCriteria.length === 0 ? (
        <p className="empty">Same weights and ratings.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Criterion</th>
              <th className="num">Weight</th>
              <th className="num">Go</th>
              <th className="num">Rust</th>
            </tr>
          </thead>
          <tbody>
            {changedCriteria.map(({ row, before }) => (
              <tr key={row.id}>
                <td className="mono">{row.id}</td>
                <td className="num">
                  {before ? pct(before.weight, 1) : '–'} → {pct(row.weight, 1)}
                </td>
                <td className="num">
                  {before?.go.toFixed(1) ?? '–'} → {row.go.toFixed(1)}
                </td>
                <td className="num">
                  {before?.rust.toFixed(1) ?? '–'} → {row.rust.toFixed(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(da.components.length > 0 || db.components.length > 0) && (
        <>
          <h3>Plan</h3>
          <ul>
            {db.components.map((component) => {
              const before = componentsA.get(component.name);
              return (
                <li key={component.name}>
                  {component.name}: {before === undefined ? 'new' : before} → {component.language}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {checklistChanges.length > 0 && (
        <>
          <h3>Checklist lines that changed</h3>
          <ul>
            {checklistChanges.map((row) => (
              <li key={row.item}>
                {row.item}: {row.applies ? 'now applies' : 'no longer applies'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function pct(value: number, digits = 0): string {
  return `${(value * 100).toFixed(digits)}%`;
}
