/** @module Builds the commander program from the command registrations and maps every outcome to an exit code in one place: 0 success, 2 bad input (UserError, bad arguments), 1 internal error, 3 a recorded verdict would change (`gorust check`), 130 cancelled. */
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../io/paths.ts';
import { type CliIo, processIo } from './io.ts';

/** A command file's export: adds one command to the program. */
export type RegisterCommand = (program: Command) => void;

/** Thrown when the user cancels a prompt: not an error, but nothing was done (exit 130, like Ctrl-C). */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
}

/** Thrown by `gorust check` when a recorded verdict would change: not an error, but CI must notice (exit 3). */
export class VerdictChanged extends Error {
  override readonly name = 'VerdictChanged';
  constructor(count: number) {
    super(`${count} recorded ${count === 1 ? 'verdict' : 'verdicts'} would change`);
  }
}

export const EXIT = { ok: 0, internal: 1, badInput: 2, verdictChanged: 3, cancelled: 130 } as const;

/**
 * The `gorust` program with every registered command; commander errors are thrown, not exited, so `runCli` decides the exit code.
 * @example
 * const program = buildProgram([registerSchemaCommand]);
 */
export function buildProgram(commands: readonly RegisterCommand[], io: CliIo = processIo()): Command {
  const program = new Command('gorust')
    .description(
      'Decide between Go, Rust or a hybrid for a systems project, with evidence measured on your own machine.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // One prefix for every message gorust prints about bad input: commander's own say "error:".
      outputError: (text, write) => write(text.replace(/^error: /, 'gorust: ')),
    });
  program.helpCommand('help [command]', 'show help for a command');
  for (const register of commands) register(program);
  return program;
}

/**
 * Run gorust with arguments (without `node` and the script) and return the exit code; never throws.
 * Set GORUST_DEBUG=1 to see the stack of an internal error.
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), COMMANDS);
 */
export async function runCli(
  argv: readonly string[],
  commands: readonly RegisterCommand[],
  io: CliIo = processIo(),
): Promise<number> {
  try {
    const program = buildProgram(commands, io);
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(withoutHelpAfterUnknownCommand(program, argv), { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return await reportError(error, io);
  }
}

/**
 * Commander shows the help of the nearest known command for `gorust histroy --help` and exits 0, so a mistyped command
 * in a script passes silently. When the words before the first option name no command (under a command that only
 * takes subcommands), drop the help flags: commander then reports the unknown command, with its did-you-mean, exit 2.
 */
function withoutHelpAfterUnknownCommand(program: Command, argv: readonly string[]): string[] {
  const isHelp = (arg: string) => arg === '--help' || arg === '-h';
  let command = program;
  for (const arg of argv) {
    if (arg.startsWith('-')) break;
    const next = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (next !== undefined) {
      command = next;
      continue;
    }
    const takesOnlySubcommands = command.commands.length > 0 && command.registeredArguments.length === 0;
    if (takesOnlySubcommands && arg !== 'help') return argv.filter((a) => !isHelp(a));
    break;
  }
  return [...argv];
}

async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof CommanderError) {
    // Help and version "errors" are commander's way of stopping early; its own message is already printed.
    if (
      error.exitCode === 0 ||
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version'
    ) {
      return EXIT.ok;
    }
    return EXIT.badInput;
  }
  if (error instanceof VerdictChanged) return EXIT.verdictChanged;
  if (error instanceof CancelledError) {
    io.stderr(`gorust: ${error.message}\n`);
    return EXIT.cancelled;
  }
  // The core (zod, yaml) loads here, not at start-up: whatever threw a UserError has loaded it already.
  const { formatProblems, UserError } = await import('../core/index.ts');
  if (error instanceof UserError) {
    // In a terminal, or with COLUMNS exported (stdout may be a file while stderr is the terminal), wrapped to that
    // width (the terminal tables' wrap) with a hanging indent, so every problem reads whole in a narrow window; into a
    // pipe or a log, one line per problem, for grep.
    const { hanging, terminalWidth } = await import('./table.ts');
    const fromEnv = terminalWidth(io.env, 0);
    const width = io.columns ?? (fromEnv > 0 ? fromEnv : undefined);
    if (width === undefined) {
      io.stderr(`gorust: ${error.message}\n${formatProblems(error.problems)}`);
      return EXIT.badInput;
    }
    const problems = error.problems.map(
      (p) => `${hanging(`${p.path}: ${p.message}`, width, '  ', '    ')}\n`,
    );
    // The message's own further lines hang at four columns too, so a line at two columns always starts a problem.
    io.stderr(`${hanging(`gorust: ${error.message}`, width, '', '    ')}\n${problems.join('')}`);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `gorust: internal error: ${message}\nThis is a bug in gorust, not in your input. Re-run with GORUST_DEBUG=1 to see where it happened.\n`,
  );
  if (io.env.GORUST_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.internal;
}
