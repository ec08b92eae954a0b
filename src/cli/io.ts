/** @module Where the CLI's text goes (the process streams, or a test's capture): kept free of the core so `gorust --version` and the command registrations load without zod or yaml. */
import { writeStdout } from './stdio.ts';

/** Where a command writes; tests pass their own. */
export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colour, tables). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The terminal's width when stdout is one. */
  columns?: number | undefined;
  /** Where `gorust decide -` reads the profile; process.stdin when absent. */
  stdin?: AsyncIterable<Uint8Array | string> & { isTTY?: boolean; destroy?: () => void };
};

/**
 * The real process streams. Standard output is written without building process.stdout, and whether it is a
 * terminal is asked only when a command needs it (stdio.ts: building the stream costs milliseconds of start-up).
 * @example
 * processIo().stdout('hello\n');
 */
export function processIo(): CliIo {
  return {
    stdout: writeStdout,
    stderr: (text) => process.stderr.write(text),
    get isTTY() {
      return process.stdout.isTTY === true;
    },
    get columns() {
      return process.stdout.isTTY === true ? process.stdout.columns : undefined;
    },
    env: process.env,
    cwd: process.cwd(),
    // A getter: touching process.stdin builds its stream (a few milliseconds of start-up), which only `decide -` reads.
    get stdin() {
      return process.stdin;
    },
  };
}
