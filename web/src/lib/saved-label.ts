/** @module How a saved decision is named in History, the diff and links: project, id, date and verdict, so same-named decisions are told apart. */
import { formatPercent, VERDICT_NAMES } from '../../../src/core/browser.ts';
import type { SavedDecisionSummary } from './api.ts';

/** When a decision was saved, as the list and the diff show it. */
export function savedAt(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * A saved decision's name that tells same-named ones apart: project, id, date and verdict.
 * @example
 * decisionLabel(row); // 'Billing API (#3, 5 Dec 2026, 21:04, Go 78%)'
 */
export function decisionLabel(
  row: Pick<SavedDecisionSummary, 'id' | 'project' | 'created_at' | 'verdict' | 'confidence'>,
): string {
  return `${row.project} (#${row.id}, ${savedAt(row.created_at)}, ${VERDICT_NAMES[row.verdict]} ${formatPercent(row.confidence)})`;
}
