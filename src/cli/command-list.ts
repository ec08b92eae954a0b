/** @module The `gorust` commands by name, each module loaded only when needed: `gorust decide ...` loads decide's file alone, `gorust --version` none, so start-up does not pay for zod, yaml, the lab or the server it will not use. */
import type { RegisterCommand } from './run.ts';

/** Every command, in the order `gorust --help` lists them. Add yours here (one line). */
export const COMMAND_LOADERS: Record<string, () => Promise<RegisterCommand>> = {
  init: async () => (await import('./commands/init.ts')).registerInitCommand,
  decide: async () => (await import('./commands/decide.ts')).registerDecideCommand,
  check: async () => (await import('./commands/check.ts')).registerCheckCommand,
  kb: async () => (await import('./commands/kb.ts')).registerKbCommand,
  schema: async () => (await import('./commands/schema.ts')).registerSchemaCommand,
  lab: async () => (await import('./commands/lab.ts')).registerLabCommand,
  serve: async () => (await import('./commands/serve.ts')).registerServeCommand,
};

/**
 * The command names a command line needs registered: the one it names, none for a bare `--version`,
 * and all of them otherwise (top-level help, `help CMD`, and did-you-mean for a mistyped command).
 * @example
 * commandsNeeded(['decide', 'x.yaml']); // ['decide']
 */
export function commandsNeeded(argv: readonly string[]): string[] {
  const first = argv[0];
  if (argv.length === 1 && (first === '--version' || first === '-V')) return [];
  if (first !== undefined && Object.hasOwn(COMMAND_LOADERS, first)) return [first];
  return Object.keys(COMMAND_LOADERS);
}

/**
 * Load the registrations `argv` needs, in the listed order.
 * @example
 * process.exitCode = await runCli(argv, await loadCommands(argv));
 */
export async function loadCommands(argv: readonly string[]): Promise<RegisterCommand[]> {
  return Promise.all(
    commandsNeeded(argv).map((name) => {
      const load = COMMAND_LOADERS[name];
      if (load === undefined) throw new Error(`no command ${name}`);
      return load();
    }),
  );
}
