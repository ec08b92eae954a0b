/** @module Drives labload, the lab's own open-loop load generator (lab/workloads/loadgen): a constant-rate step whose latency counts the server's backpressure but not the generator's own lateness, and a closed-loop capacity probe; both report the generator's CPU so a step it limited is never taken as the server's figure. */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LatencyHistogram } from '../analysis/histogram.ts';
import {
  analyzeClosedLoop,
  analyzeLoadgen,
  LoadgenOutputError,
  type LoadgenRecord,
  type LoadgenSummary,
  type OpenLoopAnalysis,
  parseLoadgenRecords,
  parseLoadgenSummary,
  vegetaTargetsToLoadgen,
} from './loadgen-results.ts';
import { type MachineCpu, readMachineCpu } from './machine-cpu.ts';
import { LabProcessError, makeTempDir, removeTempDir, runCommand } from './process.ts';

export { LoadgenOutputError } from './loadgen-results.ts';

/**
 * The share of its CPU budget above which the generator is itself a bottleneck: a step (or capacity probe) where it
 * used more than half of the cores it may use is invalid (issue 9: "uses more than half of its CPU").
 */
export const LOADGEN_MAX_CPU_SHARE = 0.5;

export type AttackOptions = {
  /** Path of the labload binary. */
  loadgen: string;
  /** Targets file in vegeta's http format (`METHOD URL`, headers, `@body`); one server address. */
  targetsFile: string;
  /** Offered requests per second (constant). */
  rate: number;
  durationS: number;
  /** Per-request timeout; errors and timeouts are recorded at (at least) this value. */
  timeoutS: number;
  /** Most connections the generator may open; every one busy while a request is due invalidates the step. */
  maxWorkers: number;
  /** Connections opened before the first send (default 8). */
  workers?: number;
  cwd?: string;
  /** The generator's CPU budget (its runtime threads); default half the cores, at least 1. */
  loadgenProcs?: number;
  /** CPUs to pin the generator to with `taskset -c` ("0", "0-2"); unpinned when null or absent. */
  cpus?: string | null | undefined;
};

export type LoadgenCpu = {
  /** CPU seconds (user + system) the generator used, as it measured itself (getrusage). */
  loadgen_cpu_s: number;
  /** The generator's CPU budget in cores (its threads, capped at the CPUs it was pinned to). */
  loadgen_procs: number;
  /** The CPUs it was pinned to (taskset list), null when it ran unpinned. */
  loadgen_cpus: string | null;
  /** loadgen_cpu_s / (duration × budget). */
  loadgen_cpu_share: number;
  /** True when it used more than {@link LOADGEN_MAX_CPU_SHARE} of its budget. */
  loadgen_cpu_saturated: boolean;
  /** The whole machine's busy CPU seconds during the run (all processes, /proc/stat), null off Linux. */
  machine_busy_s: number | null;
  machine_cores: number;
};

export type AttackResult = OpenLoopAnalysis & LoadgenCpu;

/** The default CPU budget of the generator: half the machine (one core on a 2-core box), so the server gets the rest. */
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

function loadgenBudget(procs: number | undefined, cpus: string | null | undefined): number {
  const budget = procs ?? defaultLoadgenProcs();
  return cpus ? Math.max(1, Math.min(budget, cpuCount(cpus))) : budget;
}

/**
 * Writes labload's JSON targets next to a vegeta-format targets file (bodies read relative to it).
 * @example
 * const json = writeLoadgenTargets('/tmp/run/targets-http-json-go.txt', '/tmp/run');
 */
export function writeLoadgenTargets(targetsFile: string, dir: string): string {
  const base = dirname(resolve(targetsFile));
  const targets = vegetaTargetsToLoadgen(readFileSync(targetsFile, 'utf8'), (path) =>
    readFileSync(resolve(base, path), 'utf8'),
  );
  const out = join(dir, 'targets.json');
  writeFileSync(out, JSON.stringify(targets));
  return out;
}

type RunOutput = { summary: LoadgenSummary; records: LoadgenRecord[]; machine: number | null };

function busyDelta(before: MachineCpu | null, after: MachineCpu | null): number | null {
  return before && after ? Math.max(0, after.busy_s - before.busy_s) : null;
}

/** Runs labload once (pinned with taskset when `cpus` is given) and reads its summary and records. */
async function runLoadgen(
  loadgen: string,
  flags: string[],
  options: { cpus?: string | null | undefined; cwd?: string | undefined; timeoutMs: number; dir: string },
): Promise<RunOutput> {
  const recordsFile = join(options.dir, 'records.jsonl');
  const args = [...flags, '--records', recordsFile];
  const [cmd, cmdArgs] = options.cpus ? ['taskset', ['-c', options.cpus, loadgen, ...args]] : [loadgen, args];
  const before = readMachineCpu();
  const result = await runCommand(cmd, cmdArgs, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    timeoutMs: options.timeoutMs,
  });
  const machine = busyDelta(before, readMachineCpu());
  if (result.timedOut)
    throw new LabProcessError(`the load generator did not finish within ${options.timeoutMs} ms`);
  if (result.exitCode !== 0) {
    throw new LabProcessError(
      `the load generator failed (exit ${result.exitCode}): ${result.stderr.trim().slice(0, 500)}`,
    );
  }
  const summary = parseLoadgenSummary(result.stdout);
  let text: string;
  try {
    text = readFileSync(recordsFile, 'utf8');
  } catch {
    throw new LoadgenOutputError("the load generator's records file is missing");
  }
  const records = parseLoadgenRecords(text);
  if (records.length !== summary.requests) {
    throw new LoadgenOutputError(
      `the load generator reported ${summary.requests} requests but wrote ${records.length} records`,
    );
  }
  return { summary, records, machine };
}

function cpuOf(
  summaries: LoadgenSummary[],
  durationS: number,
  procs: number,
  cpus: string | null | undefined,
  machine: number | null,
): LoadgenCpu {
  const cpuS = summaries.reduce((sum, s) => sum + s.cpu_user_s + s.cpu_system_s, 0);
  const share = durationS > 0 ? cpuS / (durationS * procs * Math.max(1, summaries.length)) : 0;
  return {
    loadgen_cpu_s: Math.round(cpuS * 1000) / 1000,
    loadgen_procs: procs,
    loadgen_cpus: cpus ?? null,
    loadgen_cpu_share: Math.round(share * 1000) / 1000,
    loadgen_cpu_saturated: share > LOADGEN_MAX_CPU_SHARE,
    machine_busy_s: machine === null ? null : Math.round(machine * 100) / 100,
    machine_cores: availableParallelism(),
  };
}

/**
 * One open-loop step: labload sends at `rate` for `durationS`; each request's latency runs from its intended send
 * time, minus any lateness of the generator itself (recorded as lag, judged by the validity rules).
 * @example
 * const r = await attack({ loadgen, targetsFile, rate: 500, durationS: 30, timeoutS: 5, maxWorkers: 2000 });
 * r.histogram.percentiles().p99_ms;
 */
export async function attack(options: AttackOptions): Promise<AttackResult> {
  if (!Number.isFinite(options.rate) || options.rate <= 0) {
    throw new RangeError(`rate must be a positive number, got ${options.rate}`);
  }
  const procs = loadgenBudget(options.loadgenProcs, options.cpus);
  const dir = makeTempDir('attack');
  try {
    const targets = writeLoadgenTargets(options.targetsFile, dir);
    const flags = [
      '--targets',
      targets,
      '--rate',
      String(options.rate),
      '--duration',
      String(options.durationS),
      '--timeout',
      String(options.timeoutS),
      '--max-connections',
      String(options.maxWorkers),
      '--connections',
      String(Math.min(options.workers ?? 8, options.maxWorkers)),
      '--threads',
      String(procs),
    ];
    const timeoutMs = (options.durationS + options.timeoutS) * 1000 + 60_000;
    const out = await runLoadgen(options.loadgen, flags, {
      cpus: options.cpus,
      cwd: options.cwd,
      timeoutMs,
      dir,
    });
    const analysis = analyzeLoadgen([out], {
      rate: options.rate,
      durationS: options.durationS,
      timeoutS: options.timeoutS,
    });
    return { ...analysis, ...cpuOf([out.summary], options.durationS, procs, options.cpus, out.machine) };
  } finally {
    removeTempDir(dir);
  }
}

export type ProbeOptions = {
  loadgen: string;
  targetsFile: string;
  durationS: number;
  /** Connections, each sending its next request as soon as the previous answer is in. */
  workers: number;
  timeoutS?: number;
  cwd?: string;
  loadgenProcs?: number;
  cpus?: string | null | undefined;
};

export type ClosedLoopResult = LoadgenCpu & {
  /** Successful responses per second. */
  rps: number;
  requests: number;
  errors: number;
  /** Latency as a closed-loop tool measures it (from the actual send). */
  histogram: LatencyHistogram;
  /**
   * The rate at which the generator would reach {@link LOADGEN_MAX_CPU_SHARE} of its budget, from its measured CPU
   * per request: the ladder never goes above it.
   */
  loadgen_ceiling_rps: number | null;
};

/**
 * Closed-loop run: W connections send back to back. Only for finding capacity and for showing what coordinated
 * omission hides; never for latency results. When the generator used more than half its CPU, `rps` is a lower
 * bound of the server's capacity (the generator was the limit).
 * @example
 * const r = await closedLoop({ loadgen, targetsFile, durationS: 5, workers: 32 });
 */
export async function closedLoop(options: ProbeOptions): Promise<ClosedLoopResult> {
  const procs = loadgenBudget(options.loadgenProcs, options.cpus);
  const timeoutS = options.timeoutS ?? 10;
  const dir = makeTempDir('probe');
  try {
    const targets = writeLoadgenTargets(options.targetsFile, dir);
    const flags = [
      '--targets',
      targets,
      '--closed',
      String(options.workers),
      '--duration',
      String(options.durationS),
      '--timeout',
      String(timeoutS),
      '--threads',
      String(procs),
    ];
    const out = await runLoadgen(options.loadgen, flags, {
      cpus: options.cpus,
      cwd: options.cwd,
      timeoutMs: (options.durationS + timeoutS) * 1000 + 60_000,
      dir,
    });
    const analysis = analyzeClosedLoop(out.records, { durationS: options.durationS, timeoutS });
    const cpu = cpuOf([out.summary], options.durationS, procs, options.cpus, out.machine);
    const ceiling =
      cpu.loadgen_cpu_share > 0 && analysis.requests > 0
        ? Math.floor(
            (analysis.requests / options.durationS) * (LOADGEN_MAX_CPU_SHARE / cpu.loadgen_cpu_share),
          )
        : null;
    return { ...analysis, ...cpu, loadgen_ceiling_rps: ceiling };
  } finally {
    removeTempDir(dir);
  }
}
