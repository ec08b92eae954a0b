/** @module The `gorust` command: loads the commands this command line needs (src/cli/command-list.ts) and runs them. Command files lazy-import anything heavy (clack, echarts, better-sqlite3) inside their actions, so start-up stays fast. */

// A reader that stops early (`gorust --help | head`) closes the pipe: stop quietly, as other Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // The one answer that needs no command parser, so it costs little more than node's own start-up.
  const { packageVersion } = await import('../io/paths.ts');
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const [{ loadCommands }, { runCli }] = await Promise.all([import('./command-list.ts'), import('./run.ts')]);
  process.exitCode = await runCli(argv, await loadCommands(argv));
}
