/** @module The one seam between gorust and the terminal prompt library (clack): commands ask through a Prompter, tests pass a scripted one, and clack is imported only when a real terminal asks. */

import { CancelledError } from './run.ts';

/** Returned by any prompt the user cancelled (Ctrl-C, Escape). */
export const CANCEL: unique symbol = Symbol('gorust.prompt.cancel');
export type Cancel = typeof CANCEL;

/**
 * A prompt's answer, or CancelledError when the user cancelled it (nothing is written after a cancel).
 * @example
 * const name = settled(await prompter.text({ message: 'Its name' }));
 */
export function settled<T>(value: T | Cancel): T {
  if (value === CANCEL) throw new CancelledError('cancelled; nothing was written.');
  return value as T;
}

export type PromptOption = { value: string; label: string; hint?: string | undefined };

/** The prompts gorust uses, independent of the library that draws them. */
export type Prompter = {
  intro(title: string): void;
  outro(message: string): void;
  note(message: string, title?: string): void;
  /**
   * One line of text. `defaultValue` is what an empty answer (Enter alone) gives, shown dimmed as the placeholder
   * unless another placeholder is given; typing replaces it. `initialValue` is text already typed into the field:
   * keys typed after it are appended, so a default must never be given this way (a default of 5 and a typed 7 gave
   * 57). `validate` sees the answer as it will be returned: an empty one is the default.
   */
  text(options: {
    message: string;
    placeholder?: string;
    defaultValue?: string;
    initialValue?: string;
    validate?: (value: string) => string | undefined;
  }): Promise<string | Cancel>;
  select(options: {
    message: string;
    options: PromptOption[];
    initialValue?: string;
  }): Promise<string | Cancel>;
  multiselect(options: {
    message: string;
    options: PromptOption[];
    initialValues?: string[];
    required: boolean;
  }): Promise<string[] | Cancel>;
  confirm(options: { message: string; initialValue?: boolean }): Promise<boolean | Cancel>;
};

/**
 * Whether prompts may be shown: both stdin and stdout must be terminals. With a pipe on stdin, clack never
 * resolves at EOF and Node exits with code 13 (an unsettled top-level await), so we must not even start.
 * @example
 * if (!isInteractive()) throw new UserError('not a terminal');
 */
export function isInteractive(
  stdin: { isTTY?: boolean } = process.stdin,
  stdout: { isTTY?: boolean } = process.stdout,
): boolean {
  return stdin.isTTY === true && stdout.isTTY === true;
}

/** An option as clack takes it: a hint that is absent is left out, not undefined. */
const clackOption = ({ hint, ...option }: PromptOption) =>
  hint === undefined ? option : { ...option, hint };

/** The terminal clack draws on: the process's own unless a test gives its streams. */
export type PromptStreams = { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream };

/**
 * The real prompter, drawn by @clack/prompts (imported lazily: other commands never pay for it).
 * @example
 * const prompter = await createClackPrompter();
 * const name = await prompter.text({ message: 'Project name?' });
 */
export async function createClackPrompter(streams: PromptStreams = {}): Promise<Prompter> {
  const clack = await import('@clack/prompts');
  const settle = <T>(value: unknown): T | Cancel => (clack.isCancel(value) ? CANCEL : (value as T));
  const io = {
    ...(streams.input === undefined ? {} : { input: streams.input as import('node:stream').Readable }),
    ...(streams.output === undefined ? {} : { output: streams.output as import('node:stream').Writable }),
  };
  return {
    intro: (title) => clack.intro(title, io),
    outro: (message) => clack.outro(message, io),
    note: (message, title) => clack.note(message, title, io),
    text: async ({ message, placeholder, defaultValue, initialValue, validate }) => {
      const shown = placeholder ?? defaultValue;
      return settle<string>(
        await clack.text({
          message,
          ...io,
          ...(shown === undefined ? {} : { placeholder: shown }),
          ...(defaultValue === undefined ? {} : { defaultValue }),
          ...(initialValue === undefined ? {} : { initialValue }),
          // clack checks the raw input and only then puts the default in place of an empty one.
          ...(validate === undefined
            ? {}
            : { validate: (value: string | undefined) => validate(value || (defaultValue ?? '')) }),
        }),
      );
    },
    select: async ({ message, options, initialValue }) =>
      settle<string>(
        await clack.select<string>({
          message,
          ...io,
          options: options.map(clackOption),
          ...(initialValue === undefined ? {} : { initialValue }),
        }),
      ),
    multiselect: async ({ message, options, initialValues, required }) =>
      settle<string[]>(
        await clack.multiselect<string>({
          message,
          ...io,
          options: options.map(clackOption),
          required,
          ...(initialValues === undefined ? {} : { initialValues }),
        }),
      ),
    confirm: async ({ message, initialValue }) =>
      settle<boolean>(
        await clack.confirm({ message, ...io, ...(initialValue === undefined ? {} : { initialValue }) }),
      ),
  };
}
