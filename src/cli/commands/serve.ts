/** @module `gorust serve [--port N] [--host H] [--db FILE]`: the web UI and the JSON API on 127.0.0.1 (by default), until Ctrl-C. */
import type { EventEmitter } from 'node:events';
import { type Command, InvalidArgumentError } from 'commander';
import type { RunningApp } from '../../server/serve.ts';
import { type CliIo, processIo } from '../output.ts';

export type ServeFlags = { port: number; host: string; db?: string };

/** Seams for tests: where shutdown signals come from, and a hook once the server listens. */
export type ServeHooks = {
  signals?: EventEmitter;
  onListening?: (running: RunningApp) => void;
};

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 5317;

function parsePort(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > 65_535) {
    throw new InvalidArgumentError('the port must be a whole number from 0 to 65535 (0 picks a free port).');
  }
  return Number(value);
}

function parseHost(value: string): string {
  const host = value.trim();
  if (host.length === 0 || /[\s/]/.test(host))
    throw new InvalidArgumentError('give a host name or an IP address.');
  return host;
}

/**
 * Register `gorust serve`.
 * @example
 * registerServeCommand(program);
 */
export function registerServeCommand(
  program: Command,
  io: CliIo = processIo(),
  hooks: ServeHooks = {},
): void {
  program
    .command('serve')
    .description('serve the web UI and the JSON API (http://127.0.0.1:5317 by default) until Ctrl-C')
    .option('-p, --port <n>', 'port to listen on; 0 picks a free one', parsePort, DEFAULT_PORT)
    .option(
      '--host <host>',
      'address to bind; anything but loopback exposes your decisions to the network',
      parseHost,
      DEFAULT_HOST,
    )
    .option('--db <file>', 'the store file (lab runs and saved decisions; default: in your data folder)')
    .addHelpText(
      'after',
      '\nExamples:\n  gorust serve                 # http://127.0.0.1:5317\n  gorust serve --port 0        # any free port\n  gorust serve --db ./team.db  # keep decisions in a file of your choice\n',
    )
    .action(async (flags: ServeFlags) => {
      await runServe(flags, io, hooks);
    });
}

async function runServe(flags: ServeFlags, io: CliIo, hooks: ServeHooks): Promise<void> {
  // Heavy modules (SQLite, Hono, the knowledge base) load only when serving.
  const [{ openStore }, { createApp }, { isLoopbackHost, serveApp }] = await Promise.all([
    import('../../store/db.ts'),
    import('../../server/app.ts'),
    import('../../server/serve.ts'),
  ]);
  const loopback = isLoopbackHost(flags.host);
  const wildcard = flags.host === '0.0.0.0' || flags.host === '::';
  if (!loopback) {
    io.stderr(
      `warning: binding to ${flags.host}, not loopback: anyone who can reach this machine can read and change your saved decisions. Use the default (127.0.0.1) unless you mean it.\n`,
    );
  }
  const db = openStore(flags.db);
  let running: RunningApp;
  try {
    const app = createApp({
      db,
      // Bound to a named address, the server answers to that name too; bound to every interface, to any name.
      allowedHosts: loopback ? undefined : wildcard ? 'any' : ['127.0.0.1', 'localhost', '[::1]', flags.host],
    });
    running = await serveApp(app, { host: flags.host, port: flags.port });
  } catch (error) {
    db.close();
    throw error;
  }
  io.stdout(`gorust is serving on ${running.url}\n(Ctrl-C to stop)\n`);
  hooks.onListening?.(running);

  const signals = hooks.signals ?? process;
  await new Promise<void>((stopped) => {
    const stop = (signal: string) => {
      signals.off('SIGINT', onInt);
      signals.off('SIGTERM', onTerm);
      io.stderr(`\n${signal}: stopping\n`);
      running
        .close()
        .catch(() => undefined)
        .finally(() => {
          db.close();
          stopped();
        });
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    signals.on('SIGINT', onInt);
    signals.on('SIGTERM', onTerm);
  });
}
