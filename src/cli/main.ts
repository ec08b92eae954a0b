/** @module The `gorust` command: loads the commands this command line needs (src/cli/command-list.ts) and runs them. Command files lazy-import anything heavy (clack, the HTML report, better-sqlite3) inside their actions, so start-up stays fast. The built CLI reaches this module through start.ts (V8 code cache, static help). */

import { quietOnBrokenPipes, writeStdout } from './stdio.ts';

// A reader that stops early (`gorust --help | head`) closes the pipe: stop quietly, as other Unix tools do.
quietOnBrokenPipes();

async function main(argv: readonly string[]): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    // The one answer that needs no command parser, so it costs little more than node's own start-up.
    const { packageVersion } = await import('../io/paths.ts');
    writeStdout(`${packageVersion()}\n`);
    return;
  }
  const [{ loadCommands }, { runCli }] = await Promise.all([import('./command-list.ts'), import('./run.ts')]);
  process.exitCode = await runCli(argv, await loadCommands(argv));
}

// No top-level await: the built CLI is one CommonJS bundle, so V8 can cache its compiled code (start.ts).
void main(process.argv.slice(2));
