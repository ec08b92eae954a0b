/** @module Drives vegeta: an open-loop constant-rate attack whose latencies are recomputed from each request's INTENDED send time (no coordinated omission), plus a closed-loop capacity probe. */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { LatencyHistogram } from '../analysis/histogram.ts';
import { LabProcessError, makeTempDir, removeTempDir, runCommand } from './process.ts';
import {
  analyzeClosedLoop,
  analyzeOpenLoop,
  type OpenLoopAnalysis,
  readVegetaCsv,
  type VegetaRows,
} from './vegeta-results.ts';

export type AttackOptions = {
  /** Path of the vegeta binary. */
  vegeta: string;
  /** vegeta targets file (http format). */
  targetsFile: string;
  /** Offered requests per second (integer, constant). */
  rate: number;
  durationS: number;
  /** Per-request timeout; errors and timeouts are recorded at (at least) this value. */
  timeoutS: number;
  /** vegeta -max-workers: the safety cap on concurrent requests (tsenart/vegeta#344). */
  maxWorkers: number;
  /** vegeta -workers (initial workers, default 10). */
  workers?: number;
  cwd?: string;
  /** GOMAXPROCS for vegeta: the CPU budget it may use (default half the cores, at least 1). */
  loadgenProcs?: number;
  /**
   * CPUs to pin vegeta to with `taskset -c` (a list such as "0" or "0-2": the cores the servers are not pinned to);
   * unpinned when null or absent. GOMAXPROCS is capped at the number of CPUs in the list.
   */
  cpus?: string | null | undefined;
};

export type AttackResult = OpenLoopAnalysis & {
  /** CPU seconds (user + system) of the vegeta process over the whole attack. */
  loadgen_cpu_s: number;
  /** The CPU budget (cores) vegeta ran with, and whether it used more than 90% of it on average. */
  loadgen_procs: number;
  /** The CPUs vegeta was pinned to (taskset list), null when it ran unpinned. */
  loadgen_cpus: string | null;
  loadgen_cpu_saturated: boolean;
};

/**
 * Loadgen CPU saturation: vegeta runs with GOMAXPROCS = its core budget; averaging more than 90% of that budget
 * over the attack means it was itself a bottleneck (bench-anchors §7.B asks to watch the generator's CPU).
 */
export const LOADGEN_SATURATION = 0.9;

/** The default CPU budget of the load generator: half the machine (one core on a 2-core box), so the server gets the rest. */
export function defaultLoadgenProcs(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/**
 * How many CPUs a taskset list names ("0" 1, "0-2" 3, "0,2-3" 3).
 * @example
 * cpuCount('0-2'); // 3
 */
export function cpuCount(list: string): number {
  return list.split(',').reduce((n, part) => {
    const [a, b] = part.split('-').map(Number);
    return n + (b === undefined ? 1 : (b ?? 0) - (a ?? 0) + 1);
  }, 0);
}

/** The vegeta budget: its GOMAXPROCS, capped at the CPUs it is pinned to (more would only contend for them). */
function loadgenBudget(procs: number | undefined, cpus: string | null | undefined): number {
  const budget = procs ?? defaultLoadgenProcs();
  return cpus ? Math.max(1, Math.min(budget, cpuCount(cpus))) : budget;
}

/**
 * Runs vegeta under sh so that `times` reports the exact CPU time of the (reaped) vegeta child afterwards; pinned with
 * taskset (which execs vegeta, so `times` still measures vegeta) when `cpus` is given.
 */
async function runTimed(
  vegeta: string,
  args: string[],
  procs: number,
  cwd: string | undefined,
  timeoutMs: number,
  cpus?: string | null,
): Promise<{ cpuS: number; wallMs: number }> {
  const script = '"$@"; rc=$?; times; exit $rc';
  const command = cpus ? ['taskset', '-c', cpus, vegeta] : [vegeta];
  const result = await runCommand('/bin/sh', ['-c', script, 'vegeta', ...command, ...args], {
    ...(cwd ? { cwd } : {}),
    env: { GOMAXPROCS: String(procs) },
    timeoutMs,
  });
  if (result.timedOut) throw new LabProcessError(`vegeta ${args[0]} did not finish within ${timeoutMs} ms`);
  if (result.exitCode !== 0) {
    throw new LabProcessError(
      `vegeta ${args.join(' ')} failed (exit ${result.exitCode}): ${result.stderr.trim()}`,
    );
  }
  return { cpuS: parseTimes(result.stdout), wallMs: result.durationMs };
}

/**
 * Children's user + system seconds from the second line of the shell builtin `times` ("0m1.23s 0m0.45s").
 * @example
 * parseTimes('0m0.00s 0m0.00s\n0m1.50s 0m0.25s\n'); // 1.75
 */
export function parseTimes(text: string): number {
  const line = text.trim().split('\n').at(-1) ?? '';
  let total = 0;
  for (const match of line.matchAll(/(\d+)m([\d.]+)s/g)) total += Number(match[1]) * 60 + Number(match[2]);
  return total;
}

async function encodeToCsv(vegeta: string, binFile: string, csvFile: string): Promise<void> {
  const result = await runCommand(vegeta, ['encode', '--to=csv', `--output=${csvFile}`, binFile], {
    timeoutMs: 300_000,
  });
  if (result.exitCode !== 0) throw new LabProcessError(`vegeta encode failed: ${result.stderr.trim()}`);
}

/**
 * Runs one `vegeta attack` with `flags` (everything but the output file) in a temp dir, encodes its results to CSV
 * and reads them back: the part the open-loop step and the closed-loop probe share.
 */
async function attackRows(
  options: { vegeta: string; cwd?: string; cpus?: string | null | undefined },
  tempPrefix: string,
  flags: string[],
  procs: number,
  timeoutMs: number,
): Promise<{ cpuS: number; rows: VegetaRows }> {
  const dir = makeTempDir(tempPrefix);
  try {
    const bin = join(dir, 'results.bin');
    const csv = join(dir, 'results.csv');
    const args = ['attack', ...flags, `-output=${bin}`];
    const { cpuS } = await runTimed(options.vegeta, args, procs, options.cwd, timeoutMs, options.cpus);
    await encodeToCsv(options.vegeta, bin, csv);
    return { cpuS, rows: await readVegetaCsv(csv) };
  } finally {
    removeTempDir(dir);
  }
}

/**
 * One open-loop step: `vegeta attack -rate=R/1s` for `durationS`, then every request's latency is recomputed from
 * its intended send time: request with sequence number k was due at origin + (k+1)/rate (vegeta's ConstantPacer),
 * so corrected latency = (send timestamp + latency) − intended time.
 * @example
 * const r = await attack({ vegeta, targetsFile, rate: 500, durationS: 30, timeoutS: 5, maxWorkers: 2000 });
 * r.histogram.percentiles().p99_ms;
 */
export async function attack(options: AttackOptions): Promise<AttackResult> {
  if (!Number.isInteger(options.rate) || options.rate < 1) {
    throw new RangeError(`rate must be a positive integer, got ${options.rate}`);
  }
  const procs = loadgenBudget(options.loadgenProcs, options.cpus);
  const flags = [
    `-targets=${options.targetsFile}`,
    `-rate=${options.rate}/1s`,
    `-duration=${options.durationS}s`,
    `-timeout=${options.timeoutS}s`,
    `-max-workers=${options.maxWorkers}`,
    `-workers=${Math.min(options.workers ?? 10, options.maxWorkers)}`,
    // Response bodies are not needed and would bloat the results file.
    '-max-body=0',
  ];
  const timeoutMs = (options.durationS + options.timeoutS) * 1000 + 60_000;
  const { cpuS, rows } = await attackRows(options, 'attack', flags, procs, timeoutMs);
  const analysis: OpenLoopAnalysis = analyzeOpenLoop(rows, {
    rate: options.rate,
    durationS: options.durationS,
    timeoutS: options.timeoutS,
    maxWorkers: options.maxWorkers,
  });
  return {
    ...analysis,
    loadgen_cpu_s: cpuS,
    loadgen_procs: procs,
    loadgen_cpus: options.cpus ?? null,
    loadgen_cpu_saturated: cpuS / options.durationS > LOADGEN_SATURATION * procs,
  };
}

export type ProbeOptions = {
  vegeta: string;
  targetsFile: string;
  durationS: number;
  /** Fixed number of concurrent workers (each waits for its response before sending again). */
  workers: number;
  timeoutS?: number;
  cwd?: string;
  loadgenProcs?: number;
  /** CPUs to pin vegeta to (see {@link AttackOptions.cpus}). */
  cpus?: string | null | undefined;
};

export type ClosedLoopResult = {
  /** Successful responses per second. */
  rps: number;
  requests: number;
  errors: number;
  /** Latency as a closed-loop tool measures it: from the actual send, which waits for the previous response. */
  histogram: LatencyHistogram;
  loadgen_cpu_s: number;
};

/**
 * Closed-loop run (`-rate=0 -workers=W -max-workers=W`, tsenart/vegeta PR #423): W workers send back to back.
 * Only for finding capacity and for showing what coordinated omission hides; never for latency results.
 * @example
 * const r = await closedLoop({ vegeta, targetsFile, durationS: 5, workers: 32 });
 */
export async function closedLoop(options: ProbeOptions): Promise<ClosedLoopResult> {
  const procs = loadgenBudget(options.loadgenProcs, options.cpus);
  const timeoutS = options.timeoutS ?? 10;
  const flags = [
    `-targets=${options.targetsFile}`,
    '-rate=0',
    `-duration=${options.durationS}s`,
    `-timeout=${timeoutS}s`,
    `-workers=${options.workers}`,
    `-max-workers=${options.workers}`,
    '-max-body=0',
  ];
  const timeoutMs = (options.durationS + timeoutS) * 1000 + 60_000;
  const { cpuS, rows } = await attackRows(options, 'probe', flags, procs, timeoutMs);
  const analysis = analyzeClosedLoop(rows, { durationS: options.durationS, timeoutS });
  return { ...analysis, loadgen_cpu_s: cpuS };
}

/**
 * Closed-loop capacity in successful requests per second: the top of the rate ladder is a fraction of this.
 * @example
 * const capacity = await probeCapacity({ vegeta, targetsFile, durationS: 5, workers: 64 });
 */
export async function probeCapacity(options: ProbeOptions): Promise<number> {
  return (await closedLoop(options)).rps;
}
