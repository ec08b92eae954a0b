/** @module `gorust lab doctor|setup|run|runs|show|compare|selftest`: the evidence lab's command line. Output goes to stdout (or --out); progress goes to stderr and only on a terminal. */
import { type Command, Option } from 'commander';
import type { ReportFormat } from '../../lab/analysis/report.ts';
import type { LabProgress } from '../../lab/runner/run.ts';
import type { Store } from '../../store/db.ts';
import { type CliIo, processIo } from '../io.ts';
import { CancelledError } from '../run.ts';

// Everything heavy (the core with zod and yaml, better-sqlite3, the lab) is imported inside the actions, so
// `gorust --help` and `gorust lab --help` load none of it (lab.test.ts checks the static import graph).
const store = () => import('../../store/lab-runs.ts');
const report = () => import('../../lab/analysis/report.ts');

/** A UserError (exit 2) for `message`; the core loads here, when a command has something to say, not at start-up. */
async function userError(message: string): Promise<Error> {
  const { UserError } = await import('../../core/index.ts');
  return new UserError(message);
}

type OutputOptions = { format?: ReportFormat; out?: string; db?: string };

const formatOption = () =>
  new Option(
    '--format <format>',
    'output format (default: from the --out extension, .json json, .md md; otherwise text)',
  ).choices(['text', 'md', 'json']);

/** --format as given, or the one the --out file's extension names (as `gorust decide` does), or text. */
function formatOf(opts: { format?: ReportFormat | undefined; out?: string | undefined }): ReportFormat {
  if (opts.format !== undefined) return opts.format;
  const out = (opts.out ?? '').toLowerCase();
  return out.endsWith('.json') ? 'json' : out.endsWith('.md') || out.endsWith('.markdown') ? 'md' : 'text';
}
const dbOption = () => new Option('--db <path>', 'the store file (default: in your data folder)');

async function emit(io: CliIo, text: string, out: string | undefined): Promise<void> {
  // output.ts imports the core: loaded only when a report is written.
  const { writeOutput } = await import('../output.ts');
  writeOutput(io, out ?? '-', text);
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A one-line progress display on stderr (TTY only): step count, what is measured, elapsed and estimated time.
 * @example
 * const progress = progressLine(process.stderr);
 */
export function progressLine(stream: NodeJS.WriteStream): { update(p: LabProgress): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let shown = false;
  return {
    update(p) {
      const width = stream.columns ?? 100;
      const text = `[${p.steps} steps | ${clock(p.elapsed_s)} / ~${clock(Math.max(p.estimate_s, p.elapsed_s))}] ${p.label}`;
      stream.write(`\r\x1b[K${text.slice(0, width - 1)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

/**
 * Open the store to read it (lazily: better-sqlite3 loads only for lab commands; a missing file or one that is not a
 * gorust store is exit 2, never created or given tables), reconcile runs whose lab died, use it, close it.
 */
async function withStore<T>(path: string | undefined, use: (db: Store) => T): Promise<T> {
  const [{ openStoreToRead }, { reconcileRuns }] = await Promise.all([
    import('../../store/db.ts'),
    import('../../lab/runner/run.ts'),
  ]);
  const db = openStoreToRead(path);
  try {
    reconcileRuns(db);
    return use(db);
  } finally {
    db.close();
  }
}

/**
 * Register `gorust lab` and its subcommands.
 * @example
 * registerLabCommand(program);
 */
export function registerLabCommand(program: Command, io: CliIo = processIo()): void {
  const lab = program
    .command('lab')
    .description('measure Go and Rust on this machine (the evidence lab)')
    .addHelpText(
      'after',
      '\nExamples:\n  gorust lab setup\n  gorust lab run http-json boundary --quick\n  gorust lab run --workload my-service.yaml\n  gorust lab show latest --format md\n  gorust decide profile.yaml --lab latest',
    );

  lab
    .command('doctor')
    .description('check the toolchains the lab needs (go, cargo, labload, ...)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: { format: string }) => {
      const { doctor } = await import('../../lab/runner/toolchain.ts');
      const checks = await doctor();
      if (opts.format === 'json') {
        io.stdout(`${JSON.stringify(checks, null, 2)}\n`);
      } else {
        const { terminalWidth, wrap } = await import('../table.ts');
        // Wrapped under the state column, to the terminal's width (unbounded in a pipe, for scripts).
        const width = terminalWidth(io.env, io.columns ?? Number.POSITIVE_INFINITY) - 8;
        // A version bound (">= 1.95") is never cut: its space is held (a tab) while wrapping.
        const under = (text: string) =>
          wrap(text.replace(/([<>]=?) /g, '$1\t'), width)
            .join('\n        ')
            .replace(/\t/g, ' ');
        for (const c of checks) {
          const state = c.ok ? 'ok     ' : c.version ? 'WRONG  ' : 'MISSING';
          const line = `${state} ${under(`${c.name}${c.version ? ` ${c.version}` : ''} (needs ${c.need})${c.problem ? `: ${c.problem}` : ''}`)}`;
          io.stdout(`${line}${c.ok ? '' : `\n        ${under(`install: ${c.install}`)}`}\n`);
        }
      }
      const missing = checks.filter((c) => !c.ok && !c.version).map((c) => c.name);
      const wrong = checks.filter((c) => !c.ok && c.version).map((c) => c.name);
      if (missing.length > 0 || wrong.length > 0) {
        const parts = [
          ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
          ...(wrong.length > 0 ? [`wrong version of ${wrong.join(', ')}`] : []),
        ];
        throw await userError(`the lab cannot run yet: ${parts.join('; ')} (install commands above)`);
      }
    });

  lab
    .command('setup')
    .description('install the lab tools (builds the labload load generator) into the tools folder')
    .action(async () => {
      const { setup } = await import('../../lab/runner/toolchain.ts');
      const steps = await setup();
      for (const step of steps) io.stdout(`${step.action.padEnd(9)} ${step.name}: ${step.detail}\n`);
      // Tools the registries cannot provide (Go, Rust, protoc) are listed as manual steps, not failures.
      const failed = steps.filter((s) => s.action === 'failed').map((s) => s.name);
      if (failed.length > 0) throw await userError(`setup could not install ${failed.join(', ')}`);
    });

  lab
    .command('run')
    .description(
      'run workloads (http-json, gc-cache, cpu, build, boundary), or your own Go/Rust pair (--workload), and store every step',
    )
    .argument('[workload...]', 'built-in workloads to run')
    .option(
      '--workload <file>',
      'measure your own pair: a YAML or JSON workload file (schema: lab/workload-file.schema.json)',
    )
    .option(
      '--quick',
      'short steps, 2 repeats (CI, about two to four minutes with builds cached): indicative only, cannot show significance',
      false,
    )
    .option(
      '--full',
      'bench-anchors §7: 10 repeats of 60 s steps (hours); default: standard, 6 repeats of 10 s',
      false,
    )
    .option(
      '--loadgen <ssh-url>',
      'run the load generator on another host, ssh://[user@]HOST[:PORT] (repeat for several: the rate is split between them); the host needs ssh key login (BatchMode) and this CPU architecture',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--server <ssh-url>',
      'run the servers under test (http-json, gc-cache) on another host, ssh://[user@]HOST[:PORT]: same CPU architecture, ssh key login (BatchMode)',
    )
    .option(
      '--ssh-config <file>',
      'ssh client configuration for the --loadgen and --server hosts (ssh -F FILE)',
    )
    .addOption(formatOption())
    .option('--out <file>', 'write the report to a file')
    .addOption(dbOption())
    .addHelpText(
      'after',
      `
Load generators on other hosts (--loadgen ssh://HOST, repeatable):
  The lab reaches each host with the system's ssh client (key login,
  BatchMode=yes: no prompt), copies its own labload binary there
  (~/.cache/gorust; same CPU architecture as this machine), splits every
  step's rate between the hosts (one shared schedule: their clocks must agree)
  and merges their records into one histogram. The servers then bind this
  machine's address that reaches the hosts (never 0.0.0.0; a --workload
  program gets it as {host}). Validity: the generator's CPU is measured on
  each generator host; "other processes" is judged on this machine and on each
  generator host (hosts on this kernel, such as network namespaces, are judged
  with this machine). Nothing is left running on either side, also on Ctrl-C
  or failure.

Servers on another host (--server ssh://HOST):
  The lab copies its locally built http-json and gc-cache servers there (same
  CPU architecture; ~/.cache/gorust/servers), starts each through ssh in a
  process group of its own bound to HOST's address as given (the generators
  must reach it; never 0.0.0.0), and stops the group when its ssh session ends
  (a normal stop, Ctrl-C, a failure). The server's CPU and RSS are sampled
  there every 200 ms; "other processes" is judged on the server host too. Not
  for --workload files yet; boundary, cpu and build stay on this machine.`,
    )
    .action(
      async (
        workloads: string[],
        opts: OutputOptions & {
          quick: boolean;
          full: boolean;
          workload?: string;
          loadgen?: string[];
          server?: string;
          sshConfig?: string;
        },
      ) => {
        if (opts.quick && opts.full)
          throw await userError('choose one of --quick and --full (default: standard)');
        let loadgenHosts: import('../../lab/runner/loadgen.ts').LoadgenHost[] | undefined;
        let serverHost: import('../../lab/runner/loadgen.ts').LoadgenHost | undefined;
        if (opts.sshConfig !== undefined) {
          if (opts.loadgen === undefined && opts.server === undefined)
            throw await userError(
              '--ssh-config is for --loadgen and --server hosts: give at least one of them',
            );
          const { existsSync, statSync } = await import('node:fs');
          if (!existsSync(opts.sshConfig) || !statSync(opts.sshConfig).isFile())
            throw await userError(`--ssh-config ${opts.sshConfig}: no such file`);
        }
        if (opts.loadgen !== undefined || opts.server !== undefined) {
          const { parseLoadgenHosts, parseServerHost } = await import('../../lab/runner/remote-hosts.ts');
          if (opts.loadgen !== undefined) loadgenHosts = parseLoadgenHosts(opts.loadgen, opts.sshConfig);
          if (opts.server !== undefined) serverHost = parseServerHost(opts.server, opts.sshConfig);
        }
        const controller = new AbortController();
        const progress = progressLine(process.stderr);
        let interrupts = 0;
        const onInterrupt = () => {
          interrupts += 1;
          if (interrupts > 1) process.exit(130);
          io.stderr('\ninterrupted: stopping the servers and keeping the steps measured so far\n');
          controller.abort();
        };
        process.on('SIGINT', onInterrupt);
        process.on('SIGTERM', onInterrupt);
        try {
          const { runLab } = await import('../../lab/runner/run.ts');
          const { renderRun } = await report();
          const { run, failures } = await runLab(workloads, {
            mode: opts.quick ? 'quick' : opts.full ? 'full' : 'standard',
            workloadFile: opts.workload,
            loadgenHosts,
            serverHost,
            dbPath: opts.db,
            signal: controller.signal,
            onProgress: (p) => progress.update(p),
          });
          progress.done();
          await emit(io, renderRun(run, formatOf(opts)), opts.out);
          if (failures.length > 0) {
            throw await userError(
              `some workloads failed (run ${run.id} keeps what was measured):\n  ${failures.join('\n  ')}`,
            );
          }
        } catch (error) {
          progress.done();
          const { LabAbortedError } = await import('../../lab/runner/workloads/types.ts');
          if (error instanceof LabAbortedError) {
            throw new CancelledError(
              error.runId
                ? `lab run ${error.runId} interrupted; the steps it measured are stored (\`gorust lab show ${error.runId}\`)`
                : 'lab run interrupted before its first step',
            );
          }
          throw error;
        } finally {
          process.off('SIGINT', onInterrupt);
          process.off('SIGTERM', onInterrupt);
        }
      },
    );

  lab
    .command('runs')
    .description('list stored lab runs, newest first')
    .addOption(formatOption())
    .addOption(dbOption())
    .option('--limit <n>', 'how many', '20')
    .action(async (opts: OutputOptions & { limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw await userError(`--limit must be a positive integer, not "${opts.limit}"`);
      }
      const [{ listRuns }, { renderRunList }, { storeFlag }] = await Promise.all([
        store(),
        report(),
        import('../../store/db.ts'),
      ]);
      const { rows, flag } = await withStore(opts.db, (db) => ({
        rows: listRuns(db, { limit }),
        flag: storeFlag(db, io.env),
      }));
      io.stdout(renderRunList(rows, formatOf(opts), flag));
    });

  lab
    .command('show')
    .description('show a stored run (id, unique id prefix, or "latest")')
    .argument('<run>', 'run id, prefix or latest')
    .addOption(formatOption())
    .option('--out <file>', 'write the report to a file')
    .addOption(dbOption())
    .action(async (ref: string, opts: OutputOptions) => {
      const [{ requireRun }, { renderRun }] = await Promise.all([store(), report()]);
      const run = await withStore(opts.db, (db) => requireRun(db, ref));
      await emit(io, renderRun(run, formatOf(opts)), opts.out);
    });

  lab
    .command('compare')
    .description('compare two stored runs figure by figure')
    .argument('<a>', 'first run (id, prefix or latest)')
    .argument('<b>', 'second run')
    .addOption(formatOption())
    .option('--out <file>', 'write the report to a file')
    .addOption(dbOption())
    .action(async (a: string, b: string, opts: OutputOptions) => {
      const [{ compareRuns }, { renderComparison }] = await Promise.all([store(), report()]);
      const [ra, rb] = await withStore(opts.db, (db) => compareRuns(db, a, b));
      await emit(io, renderComparison(ra, rb, formatOf(opts)), opts.out);
    });

  lab
    .command('selftest')
    .description(
      'prove the harness on this machine (open vs closed loop on a stalling server, no process left)',
    )
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: { format: string }) => {
      const { runSelftest } = await import('../../lab/runner/selftest.ts');
      const result = await runSelftest();
      if (opts.format === 'json') {
        io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        for (const c of result.checks) {
          io.stdout(`${c.ok ? 'ok  ' : c.required ? 'FAIL' : 'warn'} ${c.name}: ${c.detail}\n`);
        }
        io.stdout(
          `open loop p99.9 ${result.open_loop.p999_ms.toFixed(1)} ms vs closed loop p99.9 ${result.closed_loop.p999_ms.toFixed(1)} ms on a server that stalls ${result.stall.for_s} s every ${result.stall.every_s} s\n`,
        );
      }
      if (!result.ok)
        throw await userError(
          'the lab selftest failed: the harness cannot be trusted on this machine yet (see above)',
        );
    });
}
