/** @module The optional existing-code step of `gorust init`, for the project or for one component: whether code already exists that it ports, rewrites or extends, and if so its language, rough size and the plan for it (`existing_code`, CONTRACT.md; the questions are core's EXISTING_CODE_QUESTIONS, which the web form shows too). One yes/no question comes first, so declining costs one keystroke. Each answer is checked as it is typed, so the step always yields a valid `existing_code` or none. */
import { EXISTING_CODE_QUESTIONS, validateAnswer } from '../../core/index.ts';
import { type Prompter, settled } from '../prompts.ts';

/** `existing_code` as the profile writes it. */
export type ExistingCodeAnswer = { language: string; kloc?: number; plan: string };

/** Whose existing code is asked about: the project's (no component), or one component's own. */
export type ExistingCodeSubject = {
  /** The component's name; absent for the project. */
  component?: string;
  /** For a component: whether the project stated existing code, which the component keeps when it states none. */
  projectHasCode?: boolean;
};

const { language: LANGUAGE, kloc: KLOC, plan: PLAN } = EXISTING_CODE_QUESTIONS;

/**
 * Ask whether code already exists and, if so, what it is and what is planned for it. Returns undefined when not.
 * @example
 * const existing = await askExistingCode(prompter); // { language: 'go', kloc: 40, plan: 'rewrite' }
 * const own = await askExistingCode(prompter, { component: 'node', projectHasCode: false });
 */
export async function askExistingCode(
  prompter: Prompter,
  subject: ExistingCodeSubject = {},
): Promise<ExistingCodeAnswer | undefined> {
  const name = subject.component;
  const otherwise = subject.projectHasCode ? "it keeps the project's" : 'none';
  const exists = settled(
    await prompter.confirm({
      message:
        name === undefined
          ? 'Is there code already that this project ports, rewrites or extends?'
          : `Does ${name} have code of its own already that it ports, rewrites or extends? (no: ${otherwise})`,
      initialValue: false,
    }),
  );
  if (!exists) return undefined;
  // A component's questions name it, so a long interview never leaves the user guessing whose code it is.
  const about = (prompt: string) => (name === undefined ? prompt : `${name}: ${lowerFirst(prompt)}`);
  const language = settled(
    await prompter.select({ message: about(LANGUAGE.prompt), options: LANGUAGE.options }),
  );
  const kloc = settled(
    await prompter.text({
      message: about(KLOC.prompt),
      placeholder: 'blank to skip',
      validate: (value) => validateAnswer(KLOC, value),
    }),
  ).trim();
  const plan = settled(await prompter.select({ message: about(PLAN.prompt), options: PLAN.options }));
  return kloc === '' ? { language, plan } : { language, kloc: Number(kloc), plan };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
