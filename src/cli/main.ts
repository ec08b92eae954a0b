/** @module The `gorust` command: the list of commands and the one call that runs them. Command files lazy-import anything heavy (clack, echarts, better-sqlite3) inside their actions, so start-up stays fast. */
import { registerDecideCommand } from './commands/decide.ts';
import { registerInitCommand } from './commands/init.ts';
import { registerKbCommand } from './commands/kb.ts';
import { registerLabCommand } from './commands/lab.ts';
import { registerSchemaCommand } from './commands/schema.ts';
import { registerServeCommand } from './commands/serve.ts';
import { type RegisterCommand, runCli } from './run.ts';

/** Every command, in the order `gorust --help` lists them. Add yours here (one line). */
export const COMMANDS: RegisterCommand[] = [
  registerInitCommand,
  registerDecideCommand,
  registerKbCommand,
  registerSchemaCommand,
  registerLabCommand,
  registerServeCommand,
];

process.exitCode = await runCli(process.argv.slice(2), COMMANDS);
