/** @module The optional existing-code step of `gorust init`: whether code already exists that the project ports, rewrites or extends, and if so its language, rough size and the plan for it (`existing_code`, CONTRACT.md). Each answer is checked as it is typed, so the step always yields a valid `existing_code` or none. */
import { validateAnswer } from '../../core/index.ts';
import { EXISTING_CODE_LANGUAGES, EXISTING_CODE_PLANS } from '../../core/profile/vocabulary.ts';
import { type Prompter, settled } from '../prompts.ts';
import { numberQuestion } from './init-components.ts';

/** `existing_code` as the profile writes it. */
export type ExistingCodeAnswer = { language: string; kloc?: number; plan: string };

const LANGUAGE_LABELS: Record<string, string> = { cpp: 'C++', csharp: 'C#' };

const PLAN_HINTS: Record<(typeof EXISTING_CODE_PLANS)[number], string> = {
  port: 'translate it file by file, keeping its structure',
  rewrite: 'redesign it from scratch',
  extend: 'keep it and add to it',
};

const KLOC = numberQuestion('kloc', 'a number of thousands of lines', true);

/**
 * Ask whether code already exists and, if so, what it is and what is planned for it. Returns undefined when not.
 * @example
 * const existing = await askExistingCode(prompter); // { language: 'go', kloc: 40, plan: 'rewrite' }
 */
export async function askExistingCode(prompter: Prompter): Promise<ExistingCodeAnswer | undefined> {
  const exists = settled(
    await prompter.confirm({
      message: 'Is there code already that this project ports, rewrites or extends?',
      initialValue: false,
    }),
  );
  if (!exists) return undefined;
  const language = settled(
    await prompter.select({
      message: 'What is that code written in?',
      options: EXISTING_CODE_LANGUAGES.map((value) => ({ value, label: LANGUAGE_LABELS[value] ?? value })),
    }),
  );
  const kloc = settled(
    await prompter.text({
      message: 'Roughly how many thousand lines is it (kloc)?',
      placeholder: 'blank to skip',
      validate: (value) => validateAnswer(KLOC, value),
    }),
  ).trim();
  const plan = settled(
    await prompter.select({
      message: 'What is the plan for it?',
      options: EXISTING_CODE_PLANS.map((value) => ({ value, label: value, hint: PLAN_HINTS[value] })),
    }),
  );
  return kloc === '' ? { language, plan } : { language, kloc: Number(kloc), plan };
}
