/** @module `gorust lab selftest`: proves the harness sees what coordinated omission hides. A server that stalls every request for 1 s every 10 s must show the stall in the open-loop p99 and p99.9, a closed-loop run must hide it, and afterwards no lab process may be left running. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../../core/index.ts';
import type { LatencyPercentiles } from '../analysis/histogram.ts';
import { judgeStep } from '../analysis/validity.ts';
import { attack, closedLoop } from './loadgen.ts';
import {
  liveProcessGroups,
  makeTempDir,
  type RunningServer,
  removeTempDir,
  runCommand,
  startServer,
} from './process.ts';
import { findTool, LOADGEN_BIN, packageRoot } from './toolchain.ts';

/** Where the stall server's source lives (lab/selftest/stall-server.go, standard library only). */
export function stallServerSource(): string {
  return join(packageRoot(), 'lab', 'selftest', 'stall-server.go');
}

/** Path of Go or of labload, or a UserError naming the command that installs it. */
export function requireTool(name: 'go' | 'labload'): string {
  const path = findTool(name === 'labload' ? LOADGEN_BIN : name);
  if (!path) {
    throw new UserError(
      name === 'labload'
        ? 'the load generator (labload) is not installed: run `gorust lab setup` (or `gorust lab doctor` for details)'
        : 'Go not found: run `gorust lab doctor` for the install command',
    );
  }
  return path;
}

/**
 * Builds the stall server into `dir` (go build, 2-minute timeout) and returns the binary's path.
 * @example
 * const bin = await buildStallServer(makeTempDir('selftest'));
 */
export async function buildStallServer(dir: string): Promise<string> {
  const go = requireTool('go');
  const bin = join(dir, 'stall-server');
  const source = stallServerSource();
  const result = await runCommand(go, ['build', '-trimpath', '-o', bin, source], {
    cwd: dir,
    env: { GOTOOLCHAIN: 'local', GO111MODULE: 'on', GOFLAGS: '' },
    timeoutMs: 120_000,
  });
  if (result.exitCode !== 0) {
    throw new UserError(
      `building the stall server failed${result.timedOut ? ' (timed out)' : ''}: ${result.stderr.trim()}`,
    );
  }
  return bin;
}

/**
 * Starts the stall server with a parent-pid watchdog (it also exits on stdin EOF); `delayMs` makes every answer take
 * that long, `cpus` pins it with taskset.
 * @example
 * const server = await startStallServer(bin, { everyS: 10, forS: 1 });
 */
export function startStallServer(
  bin: string,
  stall: { everyS: number; forS: number },
  options: { delayMs?: number; cpus?: string | null; namespaceHost?: string } = {},
): Promise<RunningServer> {
  const args = [
    ...(options.namespaceHost ? [`--addr=${options.namespaceHost}:0`, '--namespace-addr'] : []),
    `--stall-every=${stall.everyS}s`,
    `--stall-for=${stall.forS}s`,
    `--parent-pid=${process.pid}`,
    '--watch-stdin',
    ...(options.delayMs ? [`--delay=${options.delayMs * 1000}us`] : []),
  ];
  return startServer({
    exec: options.cpus ? 'taskset' : bin,
    args: options.cpus ? ['-c', options.cpus, bin, ...args] : args,
    env: { GOMAXPROCS: '1' },
    ...(options.namespaceHost ? { allowHost: options.namespaceHost } : {}),
  });
}

/** Processes (not zombies) whose command line mentions `needle`: what a crashed or leaky lab would leave behind. */
export function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg.includes(needle))) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * What `find` still reports after waiting up to `ms`. A process the lab has just SIGKILLed (a watchdog, say) stays in
 * /proc, not yet a zombie, until the kernel has run it to its exit, which takes a moment on a busy machine; one still
 * there after the wait was left running.
 */
async function stillRunningAfter(find: () => number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let pids = find();
  while (pids.length > 0 && Date.now() < deadline) {
    await sleep(50);
    pids = find();
  }
  return pids;
}

/** Reapers this lab process started that are still alive (they carry our pid as an argument). */
function ourReapers(): number[] {
  return processesMentioning('gorust-reaper').filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(String(process.pid));
    } catch {
      return false;
    }
  });
}

export type SelftestCheck = { name: string; ok: boolean; required: boolean; detail: string };

export type SelftestResult = {
  ok: boolean;
  checks: SelftestCheck[];
  stall: { every_s: number; for_s: number };
  open_loop: LatencyPercentiles & {
    rate_rps: number;
    duration_s: number;
    achieved_rps: number;
    valid: boolean;
    reasons: string[];
    send_lag_p99_ms: number;
    max_in_flight: number;
  };
  /** The same open-loop requests timed from their actual send (what a closed-loop tool would report). */
  open_loop_uncorrected: LatencyPercentiles;
  closed_loop: LatencyPercentiles & { workers: number; duration_s: number; rps: number };
  leftover_pids: number[];
};

export type SelftestOptions = {
  /** Offered rate of the open-loop run (default 500 req/s: 15 000 samples in 30 s, enough for p99.9). */
  rate?: number;
  durationS?: number;
  closedDurationS?: number;
  closedWorkers?: number;
  onProgress?: (message: string) => void;
};

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Runs the coordinated-omission self-test (about a minute).
 * @example
 * const result = await runSelftest();
 * if (!result.ok) process.exitCode = 1;
 */
export async function runSelftest(options: SelftestOptions = {}): Promise<SelftestResult> {
  const loadgen = requireTool('labload');
  const rate = options.rate ?? 500;
  const durationS = options.durationS ?? 30;
  const closedDurationS = options.closedDurationS ?? 20;
  const workers = options.closedWorkers ?? 4;
  const stall = { everyS: 10, forS: 1 };
  const progress = options.onProgress ?? (() => undefined);
  const dir = makeTempDir('selftest');
  let server: RunningServer | null = null;
  try {
    progress('building the stall server (go build)');
    const bin = await buildStallServer(dir);
    server = await startStallServer(bin, stall);
    const targets = join(dir, 'targets.txt');
    writeFileSync(targets, `GET http://${server.addr}/\n`);

    progress(
      `open loop: ${rate} req/s for ${durationS} s against a server that stalls ${stall.forS} s every ${stall.everyS} s`,
    );
    const open = await attack({
      loadgen,
      targetsFile: targets,
      rate,
      durationS,
      timeoutS: 10,
      maxWorkers: 2_000,
      cwd: dir,
    });
    progress(`closed loop: ${workers} workers for ${closedDurationS} s (what a wrk-style tool reports)`);
    const closed = await closedLoop({
      loadgen,
      targetsFile: targets,
      durationS: closedDurationS,
      workers,
      cwd: dir,
    });

    await server.stop();
    server = null;
    const leftovers = await stillRunningAfter(() => [...processesMentioning(dir), ...ourReapers()], 3_000);
    removeTempDir(dir);

    const openP = open.histogram.percentiles();
    const closedP = closed.histogram.percentiles();
    const verdict = judgeStep({ ...open, samples: openP.count });
    const stallMs = stall.forS * 1000;
    const checks: SelftestCheck[] = [
      {
        name: 'open-loop p99 shows the stall',
        ok: openP.p99_ms >= stallMs / 2,
        required: true,
        detail: `p99 ${openP.p99_ms} ms (needs >= ${stallMs / 2} ms)`,
      },
      {
        name: 'open-loop p99.9 shows the stall',
        ok: openP.p999_ms >= stallMs * 0.8,
        required: true,
        detail: `p99.9 ${openP.p999_ms} ms (needs >= ${stallMs * 0.8} ms)`,
      },
      {
        name: 'closed-loop p99 hides the stall',
        ok: closedP.p99_ms < stallMs / 10,
        required: true,
        detail: `closed-loop p99 ${closedP.p99_ms} ms (< ${stallMs / 10} ms means the stall vanished from the percentiles)`,
      },
      {
        name: 'the closed-loop run did meet a stall',
        ok: closedP.max_ms >= stallMs / 2,
        required: true,
        detail: `closed-loop max ${closedP.max_ms} ms`,
      },
      {
        name: 'open-loop step valid',
        ok: verdict.valid,
        required: false,
        detail: verdict.valid
          ? 'achieved rate, worker cap and load-generator CPU all fine'
          : verdict.reasons.join('; '),
      },
      {
        name: 'no lab process left running',
        ok: leftovers.length === 0 && liveProcessGroups().length === 0,
        required: true,
        detail: leftovers.length === 0 ? 'none' : `left running: ${leftovers.join(', ')}`,
      },
      { name: 'temporary folder removed', ok: !existsSync(dir), required: true, detail: dir },
    ];
    return {
      ok: checks.every((c) => c.ok || !c.required),
      checks,
      stall: { every_s: stall.everyS, for_s: stall.forS },
      open_loop: {
        ...openP,
        rate_rps: rate,
        duration_s: durationS,
        achieved_rps: open.achieved_rps,
        valid: verdict.valid,
        reasons: verdict.reasons,
        send_lag_p99_ms: open.send_lag_p99_ms,
        max_in_flight: open.max_in_flight,
      },
      open_loop_uncorrected: open.uncorrected_histogram.percentiles(),
      closed_loop: { ...closedP, workers, duration_s: closedDurationS, rps: round(closed.rps) },
      leftover_pids: leftovers,
    };
  } finally {
    if (server) await server.stop();
    removeTempDir(dir);
  }
}
