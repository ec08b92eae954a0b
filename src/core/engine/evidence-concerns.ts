/** @module Which criteria an evidence record bears on (its `criteria` in kb/evidence.yaml), as the engine asks it when a rule or the experience shift cites evidence for one criterion. */
import type { KnowledgeBase } from '../kb/schema.ts';
import type { CriterionId } from '../profile/vocabulary.ts';

const CONCERNS = new WeakMap<
  KnowledgeBase['evidence'],
  (evidence: string, criterion: CriterionId) => boolean
>();

/**
 * Whether an evidence record lists a criterion among those it bears on; built once per knowledge base.
 * @example
 * evidenceConcerns(kb)('google-rust-productivity-2024', 'concurrency_model'); // false
 */
export function evidenceConcerns(kb: KnowledgeBase): (evidence: string, criterion: CriterionId) => boolean {
  const known = CONCERNS.get(kb.evidence);
  if (known !== undefined) return known;
  const criteria = new Map(kb.evidence.map((e) => [e.id, new Set<string>(e.criteria)]));
  const concerns = (evidence: string, criterion: CriterionId) =>
    criteria.get(evidence)?.has(criterion) ?? false;
  CONCERNS.set(kb.evidence, concerns);
  return concerns;
}
