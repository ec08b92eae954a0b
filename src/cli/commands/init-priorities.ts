/** @module The optional priorities step of `gorust init`: which criteria matter most to the team (its stated reasons), each written as priority 4 of 5 (`priorities`, CONTRACT.md), so the verdict weighs what the team says it cares about. */
import { CRITERION_IDS, type CriterionId } from '../../core/profile/vocabulary.ts';
import { criterionLabel } from '../../core/report/format.ts';
import { type Prompter, settled } from '../prompts.ts';

/** The priority a chosen criterion gets (0 ignore .. 5 critical); finer values are set in the file. */
export const CHOSEN_PRIORITY = 4;

const HINTS: Record<CriterionId, string> = {
  runtime_performance: 'CPU speed, throughput',
  latency_predictability: 'tail latency, no GC pauses',
  memory_efficiency: 'RAM per instance',
  safety_guarantees: 'memory and data-race safety',
  concurrency_model: 'concurrent code that is easy to get right',
  development_speed: 'time to ship features',
  onboarding: 'new people productive soon',
  build_speed: 'compile and CI times',
  ecosystem_fit: 'libraries for this domain',
  deployment: 'one small binary, simple images',
  platform_reach: 'OSes, CPUs, WebAssembly, devices',
  interop: 'calling and being called by other code',
};

/**
 * Ask which criteria matter most; returns them at CHOSEN_PRIORITY, or undefined when none is chosen.
 * @example
 * const priorities = await askPriorities(prompter); // { safety_guarantees: 4, memory_efficiency: 4 }
 */
export async function askPriorities(
  prompter: Prompter,
): Promise<Partial<Record<CriterionId, number>> | undefined> {
  const chosen = settled(
    await prompter.multiselect({
      message: `Which of these matter most to your team? (each one picked counts as priority ${CHOSEN_PRIORITY} of 5; none is fine)`,
      options: CRITERION_IDS.map((id) => ({ value: id, label: criterionLabel(id), hint: HINTS[id] })),
      required: false,
    }),
  );
  if (chosen.length === 0) return undefined;
  return Object.fromEntries(
    CRITERION_IDS.filter((id) => chosen.includes(id)).map((id) => [id, CHOSEN_PRIORITY]),
  );
}
