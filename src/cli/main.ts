/** @module The `gorust` command: loads the commands this command line needs (src/cli/command-list.ts) and runs them. Command files lazy-import anything heavy (clack, echarts, better-sqlite3) inside their actions, so start-up stays fast. */
import { loadCommands } from './command-list.ts';
import { runCli } from './run.ts';

// A reader that stops early (`gorust --help | head`) closes the pipe: stop quietly, as other Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const argv = process.argv.slice(2);
process.exitCode = await runCli(argv, await loadCommands(argv));
