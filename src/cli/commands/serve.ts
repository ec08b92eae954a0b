/** @module `gorust serve [--port N] [--host H] [--db FILE] [--allowed-host NAME] [--token T]`: the web UI and the JSON API on 127.0.0.1 (by default), until Ctrl-C; bound beyond loopback, every API call needs a token. */
import type { EventEmitter } from 'node:events';
import { type Command, InvalidArgumentError } from 'commander';
import type { RunningApp } from '../../server/serve.ts';
import { type CliIo, processIo } from '../io.ts';

/** The shortest token accepted (as MIN_TOKEN_LENGTH in server/security.ts, not imported so --help stays light). */
const MIN_TOKEN_LENGTH = 16;

export type ServeFlags = { port: number; host: string; db?: string; allowedHost: string[]; token?: string };

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

function collectHost(value: string, previous: string[]): string[] {
  const name = value.trim().toLowerCase();
  if (!/^\.?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(name) && !/^\[[0-9a-f:.]+\]$/.test(name)) {
    throw new InvalidArgumentError(
      'give a host name (or .domain for a domain and its subdomains), e.g. --allowed-host gorust.internal',
    );
  }
  return [...previous, name];
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
    .option(
      '--allowed-host <name>',
      "also answer to this Host name (repeatable; .example.com allows the domain and its subdomains); localhost, *.localhost, the bound address and this machine's IPs always work",
      collectHost,
      [],
    )
    .option(
      '--token <token>',
      `the API token (at least ${MIN_TOKEN_LENGTH} characters; or GORUST_TOKEN); bound beyond loopback one is generated and printed in the URL`,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  gorust serve                 # http://127.0.0.1:5317\n  gorust serve --port 0        # any free port\n  gorust serve --db ./team.db  # keep decisions in a file of your choice\n  # exposed to the network: prints a URL with its token\n  gorust serve --host 0.0.0.0 --allowed-host gorust.lan\n',
    )
    .action(async (flags: ServeFlags) => {
      await runServe(flags, io, hooks);
    });
}

async function runServe(flags: ServeFlags, io: CliIo, hooks: ServeHooks): Promise<void> {
  // Heavy modules (SQLite, Hono, the knowledge base, the decide workers) load only when serving; the build makes
  // them a bundle of their own.
  const {
    UserError,
    openStore,
    createApp,
    isLoopbackHost,
    serveApp,
    urlFor,
    security,
    createDecidePool,
    readKnowledgeBase,
  } = await import('../../server/bundle-entry.ts');
  const loopback = isLoopbackHost(flags.host);
  const given = flags.token ?? (io.env.GORUST_TOKEN || undefined);
  if (given !== undefined && given.length < security.MIN_TOKEN_LENGTH) {
    throw new UserError(
      `the token (${flags.token === undefined ? 'GORUST_TOKEN' : '--token'}) must be at least ${security.MIN_TOKEN_LENGTH} characters; leave it out to have one generated.`,
    );
  }
  // Loopback stays token-free unless one is given; beyond loopback there is always one.
  const token = given ?? (loopback ? undefined : security.generateToken());
  if (!loopback) {
    io.stderr(
      `warning: binding to ${flags.host}, not loopback: anyone who can reach this machine and has the token can read and change your saved decisions. Use the default (127.0.0.1) unless you mean it.\n`,
    );
  }
  const db = openStore(flags.db);
  const kb = readKnowledgeBase();
  const decider = createDecidePool(kb);
  let running: RunningApp;
  try {
    const app = createApp({
      db,
      kb,
      decider,
      token,
      // The Host check stays on whatever the bind address (DNS rebinding works against 0.0.0.0 too).
      allowedHosts: security.allowedHostsFor(flags.host, flags.allowedHost),
    });
    running = await serveApp(app, { host: flags.host, port: flags.port });
  } catch (error) {
    await decider.close();
    db.close();
    throw error;
  }
  if (token !== undefined && given === undefined) {
    // Printed once, as Jupyter does: opening this URL stores the token in a cookie for the web app.
    io.stdout(`gorust is serving on ${running.url}/?token=${token}\n`);
    const wildcard = flags.host === '0.0.0.0' || flags.host === '::';
    if (wildcard) {
      const others = security
        .machineAddresses()
        .filter((a) => !isLoopbackHost(a))
        .map((a) => `  ${urlFor(a.replace(/^\[|\]$/g, ''), running.port)}/?token=${token}\n`);
      if (others.length > 0) io.stdout(`from other machines:\n${others.join('')}`);
    }
    io.stdout('(Ctrl-C to stop)\n');
  } else {
    io.stdout(
      `gorust is serving on ${running.url}${token === undefined ? '' : ' (API token from --token or GORUST_TOKEN; open the page with ?token=TOKEN)'}\n(Ctrl-C to stop)\n`,
    );
  }
  hooks.onListening?.(running);

  const signals = hooks.signals ?? process;
  await new Promise<void>((stopped) => {
    const stop = (signal: string) => {
      signals.off('SIGINT', onInt);
      signals.off('SIGTERM', onTerm);
      io.stderr(`\n${signal}: stopping (requests in progress get a few seconds to finish)\n`);
      // Requests already received finish first; the pool closes after them (or, past the grace period, to make
      // the overdue ones answer 503), and the store last.
      running
        .close({ onOverdue: () => decider.close() })
        .catch(() => undefined)
        .then(() => decider.close())
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
