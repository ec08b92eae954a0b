/** @module What `gorust init` does (loaded only when it runs, so `gorust --help` loads no yaml, core or prompts): `gorust init [FILE]`: the questionnaire (src/core/questions.ts) and an optional component loop asked in a terminal through the prompt seam, written as gorust.yaml after validation. Without a terminal it explains how to write the file instead of waiting for answers that never come. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import {
  answersToProfile,
  formatProblems,
  implausibleFigures,
  isAsked,
  type Profile,
  parseProfileText,
  parseProfileValue,
  QUESTIONS,
  type Question,
  UserError,
  validateAnswer,
} from '../../core/index.ts';
import { assertFolderExists, type CliIo, writeFileAtomic } from '../output.ts';
import { type Prompter, settled } from '../prompts.ts';
import { askComponents } from './init-components.ts';
import { askExistingCode } from './init-existing.ts';
import { askPriorities } from './init-priorities.ts';

export type InitOptions = {
  /** Target file (default gorust.yaml in the working directory). */
  file: string;
  io: CliIo;
  /** Whether we may prompt; the CLI passes isInteractive(). */
  interactive: boolean;
  /** The prompt seam; the CLI creates the clack one lazily, tests pass a scripted one. */
  prompter: () => Promise<Prompter>;
};

/** A profile someone can start from by hand: the required fields only. */
const MINIMAL_PROFILE = `version: 1
project:
  name: My service
workload:
  kind: io-bound        # io-bound | cpu-bound | mixed
team:
  size: 5
  go: some              # none | some | strong
  rust: none            # none | some | strong
`;

/** How many times to re-ask answers the whole-profile check rejects (p99.9 below p99) before giving up. */
const MAX_FIX_ROUNDS = 3;

/**
 * Run the questionnaire and write the profile. Throws UserError without a terminal, CancelledError on cancel.
 * @example
 * await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => scripted });
 */
export async function runInit(options: InitOptions): Promise<void> {
  const path = resolve(options.io.cwd, options.file);
  if (!options.interactive) throw new UserError(nonInteractiveHelp(options.file));
  // Before any question: finding out at the end that the folder is missing, or that the path is a folder, would
  // waste the answers.
  assertFolderExists(dirname(path));
  const target = statSync(path, { throwIfNoEntry: false });
  if (target !== undefined && !target.isFile())
    throw new UserError(
      target.isDirectory()
        ? `${options.file} is a folder; give the profile's file name, such as ${join(options.file, 'gorust.yaml')}.`
        : `${options.file} is not a regular file; give the profile's file name, such as gorust.yaml.`,
    );
  const prompter = await options.prompter();
  // Within 80 columns, with the prompt library's frame.
  prompter.intro('gorust init: describe your project (nothing is saved before the end)');
  if (existsSync(path)) {
    const overwrite = settled(
      await prompter.confirm({ message: `${options.file} already exists. Replace it?`, initialValue: false }),
    );
    if (!overwrite) {
      prompter.outro(`Kept ${options.file} as it was.`);
      return;
    }
  }
  const answers: Record<string, unknown> = {};
  for (const question of QUESTIONS)
    answers[question.id] = isAsked(question, answers)
      ? await ask(prompter, question, answers[question.id], answers)
      : '';
  // Optional: code that already exists (ported, rewritten or extended), what matters most to the team, then the
  // parts of the system, for a per-component (hybrid) plan; each checked as it is typed.
  const existing = await askExistingCode(prompter);
  const priorities = await askPriorities(prompter);
  const components = await askComponents(prompter, {
    workload: String(answers['workload.kind'] ?? 'mixed'),
    hasExistingCode: existing !== undefined,
    team: { go: String(answers['team.go']), rust: String(answers['team.rust']) },
  });

  let text = '';
  for (let round = 0; ; round++) {
    try {
      const input = answersToProfile(answers);
      if (existing !== undefined) input.existing_code = existing as NonNullable<typeof input.existing_code>;
      if (priorities !== undefined) input.priorities = priorities;
      if (components.length > 0) input.components = components as NonNullable<typeof input.components>;
      const profile = parseProfileValue(input, options.file);
      const odd = implausibleNote(profile);
      if (odd !== undefined && round < MAX_FIX_ROUNDS) {
        prompter.note(odd, 'Figures beyond any real system');
        const keep = settled(
          await prompter.confirm({ message: 'Write them as typed?', initialValue: false }),
        );
        const toFix = QUESTIONS.filter((q) => q.kind === 'number' && odd.includes(`${q.id} `));
        if (!keep && toFix.length > 0) {
          for (const question of toFix)
            answers[question.id] = await ask(prompter, question, answers[question.id], answers);
          continue;
        }
        if (!keep)
          throw new UserError(
            `nothing was written: correct the figures above in the components' answers and run gorust init again, or write ${options.file} by hand.`,
          );
      }
      text = toYaml(input, options.file);
      // The file must read back as the same profile, or writing it would hand the user a broken file.
      if (JSON.stringify(parseProfileText(text, options.file)) !== JSON.stringify(profile)) {
        throw new Error('the written profile does not read back as the answers given');
      }
      break;
    } catch (error) {
      if (!(error instanceof UserError) || round >= MAX_FIX_ROUNDS) throw error;
      prompter.note(formatProblems(error.problems).trimEnd(), 'Some answers do not fit together');
      const toFix = QUESTIONS.filter((q) => error.problems.some((p) => p.path === q.id));
      if (toFix.length === 0) throw error;
      for (const question of toFix)
        answers[question.id] = await ask(prompter, question, answers[question.id], answers);
    }
  }
  writeFileAtomic(path, text);
  prompter.note(
    `${components.length > 0 ? `${components.length} ${components.length === 1 ? 'component' : 'components'} written. ` : ''}Stakeholders are not asked here, and priorities only as 4 of 5: set them (0 to 5) in the file, or in the web app (gorust serve). See \`gorust schema\` and the examples/ folder for every field.`,
    'More options',
  );
  prompter.outro(
    `Wrote ${options.file}. Next: gorust decide ${options.file === 'gorust.yaml' ? '' : options.file}`.trimEnd(),
  );
}

/**
 * The figures no real system has (a peak load over 10 billion requests/s, a team of over 100,000 people), by the
 * bounds of `gorust decide`'s own caveat, as a note, or undefined: init asks about exactly what the decision would call
 * implausible.
 */
function implausibleNote(profile: Profile): string | undefined {
  const odd = implausibleFigures(profile);
  return odd.length === 0
    ? undefined
    : `${odd.join('; ')}: beyond what any real system has, so probably a unit typed wrong (milliseconds, MiB or GiB).`;
}

/**
 * Ask one question with the prompt that fits its kind. A choice starts on the previous answer or the default; a typed
 * answer offers the default for Enter alone (typing replaces it), and a re-asked one shows the answer it replaces.
 */
async function ask(
  prompter: Prompter,
  question: Question,
  previous: unknown,
  /** The answers so far, which a typed answer must fit (validateAnswer). */
  answers: Readonly<Record<string, unknown>>,
): Promise<unknown> {
  const message = question.help === undefined ? question.prompt : `${question.prompt} (${question.help})`;
  const start = previous ?? question.default;
  switch (question.kind) {
    case 'select':
      return settled(
        await prompter.select({
          message,
          options: question.options ?? [],
          ...(typeof start === 'string' ? { initialValue: start } : {}),
        }),
      );
    case 'multiselect':
      return settled(
        await prompter.multiselect({
          message,
          options: question.options ?? [],
          required: question.optional !== true,
          ...(Array.isArray(start) ? { initialValues: start.map(String) } : {}),
        }),
      );
    case 'confirm':
      return settled(await prompter.confirm({ message, initialValue: start === true }));
    default: {
      // Never typed into the field: keys typed after a prefilled 5 made 57. A re-asked answer did not fit: it is
      // shown, not kept, so Enter alone does not give it again.
      const was = previous === undefined || previous === '' ? undefined : `was ${String(previous)}`;
      const placeholder = [question.optional ? 'blank to skip' : undefined, was].filter(
        (p) => p !== undefined,
      );
      const raw = settled(
        await prompter.text({
          message,
          ...(previous === undefined && question.default !== undefined
            ? { defaultValue: String(question.default) }
            : {}),
          ...(placeholder.length > 0 ? { placeholder: placeholder.join('; ') } : {}),
          validate: (value) => validateAnswer(question, value, answers),
        }),
      );
      const text = (raw ?? '').trim();
      return question.kind === 'number' && text !== '' ? Number(text) : text;
    }
  }
}

function toYaml(profile: unknown, file: string): string {
  // `gorust decide` alone reads ./gorust.yaml; any other file is named, so the command in the header works as given.
  const command =
    basename(file) === 'gorust.yaml' && dirname(file) === '.' ? 'gorust decide' : `gorust decide ${file}`;
  const header = [
    '# gorust project profile, version 1 (written by `gorust init`).',
    `# Every field: \`gorust schema\`; examples: the examples/ folder. Decide with: ${command}`,
  ].join('\n');
  return `${header}\n${stringify(profile, { lineWidth: 0 })}`;
}

function nonInteractiveHelp(file: string): string {
  return `gorust init asks questions in a terminal, and stdin or stdout is not one, so nothing was asked.
Write ${file} by hand instead:
  - copy an example:  cp examples/startup-rest-api.yaml ${file}   (the examples/ folder has more)
  - or start from the required fields:

${MINIMAL_PROFILE.trimEnd().replace(/^/gm, '      ')}

  - every field, with its allowed values: gorust schema
  - check it and get the decision: gorust decide ${file}`;
}
