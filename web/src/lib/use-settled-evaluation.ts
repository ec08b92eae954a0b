/** @module Live decisions that settle: a fast approximate run (INTERACTIVE_SAMPLES) on every change, then, once the input has been still for SETTLE_MS, the CLI's DEFAULT_SAMPLES run, so the numbers shown match `gorust decide`, saved decisions and exports. */
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_SAMPLES, type KnowledgeBase } from '../../../src/core/browser.ts';
import { type Evaluation, evaluateProfile, INTERACTIVE_SAMPLES } from './draft.ts';

/** How long the input must stay unchanged (a slider released, an answer picked) before the full run. */
export const SETTLE_MS = 300;

export type SettledEvaluation = {
  evaluation: Evaluation;
  /** The samples behind what is shown. */
  samples: number;
  /** True while the shown figures come from the fast run (the input is still moving). */
  approximate: boolean;
};

/**
 * Decide `value` (a profile value; pass a stable reference, e.g. from useMemo) live with few samples, then precisely
 * with the CLI's sample count after SETTLE_MS without changes. `null` decides nothing and gives null.
 * @example
 * const { evaluation, samples, approximate } = useSettledEvaluation(useMemo(() => composeProfile(draft), [draft]), kb);
 */
export function useSettledEvaluation(value: object, kb: KnowledgeBase): SettledEvaluation;
export function useSettledEvaluation(value: object | null, kb: KnowledgeBase): SettledEvaluation | null;
export function useSettledEvaluation(value: object | null, kb: KnowledgeBase): SettledEvaluation | null {
  const live = useMemo(
    () => (value === null ? null : evaluateProfile(value, kb, { samples: INTERACTIVE_SAMPLES })),
    [value, kb],
  );
  const [settled, setSettled] = useState<{ value: object; kb: KnowledgeBase; evaluation: Evaluation } | null>(
    null,
  );
  useEffect(() => {
    // Invalid input has nothing to refine; its problems come from the live run.
    if (value === null || !live?.ok) return undefined;
    const timer = setTimeout(() => {
      setSettled({ value, kb, evaluation: evaluateProfile(value, kb, { samples: DEFAULT_SAMPLES }) });
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [value, kb, live]);
  if (live === null) return null;
  const precise =
    settled !== null && settled.value === value && settled.kb === kb ? settled.evaluation : null;
  return precise
    ? { evaluation: precise, samples: DEFAULT_SAMPLES, approximate: false }
    : { evaluation: live, samples: INTERACTIVE_SAMPLES, approximate: live.ok };
}
