/** @module History: saved decisions from the server, a diff between two, and links to each decision with its exports. */
import { useState } from 'react';
import type { KnowledgeBase } from '../../../src/core/browser.ts';
import { DecisionDiffView } from '../components/decision-diff.tsx';
import { ScrollBox } from '../components/scroll-box.tsx';
import { getDecision, listDecisions, type SavedDecision } from '../lib/api.ts';
import { routeHref } from '../lib/route.ts';
import { useAsync } from '../lib/use-async.ts';

/**
 * @example
 * <HistoryView kb={kb} />
 */
export function HistoryView({ kb }: { kb: KnowledgeBase }) {
  const list = useAsync(() => listDecisions(), []);
  const [selected, setSelected] = useState<string[]>([]);
  const [diff, setDiff] = useState<{ a: SavedDecision; b: SavedDecision } | { error: string } | null>(null);

  const toggle = (id: string) =>
    setSelected((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-2),
    );

  const showDiff = async () => {
    const [first, second] = selected;
    if (!first || !second) return;
    try {
      // Older first, so the diff reads as "what changed since".
      const [a, b] = await Promise.all([getDecision(first), getDecision(second)]);
      setDiff(a.created_at <= b.created_at ? { a, b } : { a: b, b: a });
    } catch (error) {
      setDiff({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  if (list.status === 'loading') return <p className="muted">Loading history…</p>;
  if (list.status === 'error')
    return (
      <p className="error" data-testid="history-error">
        Could not load history: {list.error}. History needs the server: run <code>gorust serve</code>.
      </p>
    );

  return (
    <div>
      <section className="card flush">
        <div className="toolbar" style={{ padding: '12px 16px 0' }}>
          <h2 style={{ margin: 0 }}>Saved decisions</h2>
          <span className="spacer" />
          <span className="small muted">Tick two to compare</span>
          <button
            type="button"
            className="primary"
            disabled={selected.length !== 2}
            onClick={() => void showDiff()}
            data-testid="diff-button"
          >
            Diff
          </button>
        </div>
        {list.value.length === 0 ? (
          <p className="empty" style={{ padding: '0 16px 12px' }}>
            Nothing saved yet: answer the questionnaire and press Save.
          </p>
        ) : (
          <ScrollBox>
            <table className="history-list" data-testid="history-list">
              <thead>
                <tr>
                  <th />
                  <th>Project</th>
                  <th>Verdict</th>
                  <th className="num">Confidence</th>
                  <th>Saved</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.value.map((row) => (
                  <tr
                    key={row.id}
                    className={selected.includes(row.id) ? 'selected' : ''}
                    data-testid={`history-row-${row.id}`}
                  >
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${row.project}`}
                        checked={selected.includes(row.id)}
                        onChange={() => toggle(row.id)}
                        data-testid={`history-select-${row.id}`}
                      />
                    </td>
                    <td>{row.project}</td>
                    <td>
                      <span className={`lang ${row.verdict}`}>{row.verdict}</span>
                    </td>
                    <td className="num">{Math.round(row.confidence * 100)}%</td>
                    <td className="muted">{new Date(row.created_at).toLocaleString('en-GB')}</td>
                    <td>
                      <a
                        href={routeHref({ view: 'decision', id: row.id })}
                        data-testid={`history-open-${row.id}`}
                      >
                        Open
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </section>
      {diff && 'error' in diff && <p className="error">Could not diff: {diff.error}</p>}
      {diff && 'a' in diff && <DecisionDiffView a={diff.a} b={diff.b} kb={kb} />}
    </div>
  );
}
