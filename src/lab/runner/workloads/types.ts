/** @module What the orchestrator hands each workload runner (settings, resolved programs, a step writer) and what a runner is. */
import type { NewStep, RunMode } from '../../../store/lab-runs.ts';
import type { LoadgenHost } from '../loadgen.ts';
import type { ManifestWorkload, ResolvedProgram } from '../manifest.ts';
import type { RemoteServers } from '../remote-server.ts';

/** How long and how often a run measures: quick is for CI (indicative), standard the default, full follows bench-anchors §7. */
export type LabPlan = {
  mode: RunMode;
  /** mode === 'quick': shorter ladders and the manifest's quick parameters. */
  quick: boolean;
  /** Repeats of every cell, Go and Rust interleaved. */
  repeats: number;
  /** Seconds of constant-rate load per step. */
  stepSeconds: number;
  /** Seconds of load before the measured steps of a freshly started server. */
  warmupSeconds: number;
  /** Seconds of the closed-loop capacity probe. */
  probeSeconds: number;
  /** Core budget of each server (GOMAXPROCS = tokio worker_threads). */
  threads: number;
  /** p99 SLO the ladder's headline is judged against. */
  sloP99Ms: number;
  /** Request timeout; timeouts are recorded at this value. */
  timeoutS: number;
  /** The load generator's connection cap; every connection busy while a request is due invalidates a step. */
  maxWorkers: number;
  /** Seed of the bootstrap CIs. */
  seed: number;
  /** Offered rates to use instead of the ladder derived from the capacity probe (tests use a short ladder). */
  ladderRates?: number[] | undefined;
};

export type WorkloadContext = {
  plan: LabPlan;
  workload: ManifestWorkload;
  /** The workload's programs by manifest key, placeholders filled. */
  programs: Record<string, ResolvedProgram>;
  /** Resolve a program again with extra placeholder values (for example `{entries}`). */
  resolve(name: string, extra?: Record<string, string | number>): ResolvedProgram;
  workloadsDir: string;
  /** Path of labload, the lab's load generator. */
  loadgen: string;
  /** `lab run --loadgen ssh://...`: labload runs on these hosts (the rate split between them), not here. */
  remotes?: LoadgenHost[] | undefined;
  /**
   * With remote generators: this machine's own address that they reach (never 0.0.0.0); the servers they load bind
   * to it (`--allow-addr`), not to loopback.
   */
  serverHost?: string | undefined;
  /** `lab run --server ssh://`: the servers under test run on that host (http-json, gc-cache). */
  serverRemote?: RemoteServers | undefined;
  /** A scratch folder removed when the run ends. */
  tempDir: string;
  signal: AbortSignal;
  /** Store a measured step now (its own transaction) and report progress. */
  record(step: NewStep): void;
  /** Tell the user what is being measured. */
  progress(label: string, plannedSeconds?: number): void;
};

export type WorkloadRunner = {
  name: string;
  /** Seconds this runner expects to take in a plan, for the progress estimate. */
  estimateSeconds(plan: LabPlan): number;
  run(context: WorkloadContext): Promise<void>;
};

/** Thrown when the run's AbortSignal fires between or during steps. */
export class LabAbortedError extends Error {
  override readonly name = 'LabAbortedError';
  /** The run whose steps were kept, when it had started. */
  readonly runId: string | undefined;
  constructor(message: string, runId?: string) {
    super(message);
    this.runId = runId;
  }
}

/**
 * Throw {@link LabAbortedError} when the run was interrupted; call between steps.
 * @example
 * throwIfAborted(ctx.signal);
 */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new LabAbortedError('lab run interrupted');
}
