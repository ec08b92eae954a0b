/** @module History: saved decisions from the server, each named so same-named ones are told apart (id, date, verdict); delete (confirmed in the row), a diff between two, and links to each decision with its exports. */
import { useEffect, useState } from 'react';
import { formatConfidence, type KnowledgeBase, VERDICT_NAMES } from '../../../src/core/browser.ts';
import { DecisionDiffView } from '../components/decision-diff.tsx';
import { ScrollBox } from '../components/scroll-box.tsx';
import {
  deleteDecision,
  getDecision,
  HISTORY_PAGE,
  listDecisions,
  type SavedDecision,
  type SavedDecisionSummary,
} from '../lib/api.ts';
import { routeHref } from '../lib/route.ts';
import { decisionLabel, savedAt } from '../lib/saved-label.ts';
import { useAsync } from '../lib/use-async.ts';

/**
 * @example
 * <HistoryView kb={kb} />
 */
export function HistoryView({ kb }: { kb: KnowledgeBase }) {
  // Bumped after a delete, to load the list again.
  const [version, setVersion] = useState(0);
  const list = useAsync(() => listDecisions(), [version]);
  // Older pages, appended by "Show older" (the server pages GET /api/decisions); a reload starts again.
  const [older, setOlder] = useState<{ version: number; rows: SavedDecisionSummary[]; done: boolean }>();
  const [selected, setSelected] = useState<string[]>([]);
  const [diff, setDiff] = useState<{ a: SavedDecision; b: SavedDecision } | { error: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  // Where keyboard focus goes once the row's Delete/Keep buttons swap: it would otherwise fall to the page's body.
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  useEffect(() => {
    if (focusAfter === null) return;
    document.querySelector<HTMLElement>(focusAfter)?.focus();
    setFocusAfter(null);
  });
  const cancelDelete = (id: string) => {
    setConfirming(null);
    setFocusAfter(`[data-testid="history-delete-${id}"]`);
  };

  const remove = async (id: string) => {
    setConfirming(null);
    try {
      await deleteDecision(id);
      setDeleteError(null);
      setFocusAfter('[data-testid="history-title"]');
      setSelected((current) => current.filter((x) => x !== id));
      setDiff((current) =>
        current && 'a' in current && (current.a.id === id || current.b.id === id) ? null : current,
      );
      setVersion((v) => v + 1);
    } catch (error) {
      setDeleteError(error instanceof Error ? error.message : String(error));
    }
  };

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

  const extra = older?.version === version ? older : undefined;
  const rows = list.status === 'ready' ? [...list.value, ...(extra?.rows ?? [])] : [];
  const more =
    list.status === 'ready' && !extra?.done && (extra?.rows.length ?? list.value.length) >= HISTORY_PAGE;
  const showOlder = async () => {
    const page = await listDecisions(rows.at(-1)?.id);
    setOlder({ version, rows: [...(extra?.rows ?? []), ...page], done: page.length < HISTORY_PAGE });
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
          <h2 style={{ margin: 0 }} tabIndex={-1} data-testid="history-title">
            Saved decisions
          </h2>
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
            <table className="history-list stack" data-testid="history-list">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Compare</span>
                  </th>
                  <th scope="col">Project</th>
                  <th scope="col">Verdict</th>
                  <th scope="col" className="num">
                    Confidence
                  </th>
                  <th scope="col">Saved</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const label = decisionLabel(row);
                  return (
                    <tr
                      key={row.id}
                      className={selected.includes(row.id) ? 'selected' : ''}
                      data-testid={`history-row-${row.id}`}
                    >
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Compare ${label}`}
                          checked={selected.includes(row.id)}
                          onChange={() => toggle(row.id)}
                          data-testid={`history-select-${row.id}`}
                        />
                      </td>
                      <td className="item">
                        <span>{row.project}</span>
                        <div className="small muted">#{row.id}</div>
                        {row.damaged === undefined ? null : (
                          // Edited outside gorust: it cannot be opened, only deleted (the API answers damaged-record).
                          <div className="small error" data-testid={`history-damaged-${row.id}`}>
                            Damaged in the store ({row.damaged}): it cannot be opened; delete it or restore a
                            backup.
                          </div>
                        )}
                      </td>
                      <td data-label="Verdict">
                        <span className={`lang ${row.verdict}`}>{VERDICT_NAMES[row.verdict]}</span>
                      </td>
                      <td className="num" data-label="Confidence">
                        {formatConfidence(row)}
                      </td>
                      <td className="muted" data-label="Saved">
                        {savedAt(row.created_at)}
                      </td>
                      <td className="row-actions">
                        <a
                          href={routeHref({ view: 'decision', id: row.id })}
                          aria-label={`Open ${label}`}
                          data-testid={`history-open-${row.id}`}
                        >
                          Open
                        </a>
                        {confirming === row.id ? (
                          // Escape keeps the decision, as Keep does; Keep takes the focus, so a second Enter
                          // does not delete.
                          <span className="confirm-delete">
                            <button
                              type="button"
                              className="danger"
                              onClick={() => void remove(row.id)}
                              onKeyDown={(event) => event.key === 'Escape' && cancelDelete(row.id)}
                              data-testid={`history-delete-confirm-${row.id}`}
                            >
                              Delete it
                            </button>
                            <button
                              type="button"
                              onClick={() => cancelDelete(row.id)}
                              onKeyDown={(event) => event.key === 'Escape' && cancelDelete(row.id)}
                              data-testid={`history-keep-${row.id}`}
                              // biome-ignore lint/a11y/noAutofocus: the row's Delete button it replaces had the focus
                              autoFocus
                            >
                              Keep
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            aria-label={`Delete ${label}`}
                            onClick={() => setConfirming(row.id)}
                            data-testid={`history-delete-${row.id}`}
                          >
                            Delete
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {more && (
              <button type="button" onClick={showOlder} data-testid="history-older">
                Show older
              </button>
            )}
          </ScrollBox>
        )}
      </section>
      {deleteError && <p className="error">Could not delete: {deleteError}</p>}
      {diff && 'error' in diff && <p className="error">Could not diff: {diff.error}</p>}
      {diff && 'a' in diff && <DecisionDiffView a={diff.a} b={diff.b} kb={kb} />}
    </div>
  );
}
