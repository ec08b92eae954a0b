/** @module The validity rules of one load step (bench-anchors §7.C.6): a step that fails any is marked invalid with its reasons, never silently used. */
import { formatCount } from '../../core/report/format.ts';

export type StepEvidence = {
  target_rps: number;
  achieved_rps: number;
  worker_cap_hit: boolean;
  loadgen_cpu_saturated: boolean;
  errors: number;
  requests: number;
  /** Optional extra evidence from the attack (see AttackResult). */
  send_lag_p99_ms?: number;
  loadgen_cpu_s?: number;
  loadgen_procs?: number;
  /** loadgen_cpu_s / (duration × budget); above {@link MAX_LOADGEN_CPU_SHARE} the step is invalid. */
  loadgen_cpu_share?: number;
  duration_s?: number;
  /**
   * CPU seconds other processes used during the step (machine busy time minus the lab's server, generator and the
   * lab itself), and the machine's cores; null when /proc/stat could not be read.
   */
  other_cpu_s?: number | null;
  machine_cores?: number;
  /**
   * The wall-clock seconds over which other_cpu_s was measured, when longer than duration_s: an overloaded step runs
   * on until its last requests time out, so the machine's busy time covers more than the nominal step.
   */
  elapsed_s?: number;
  /** Recorded samples; p99.9 needs at least 10 000 to mean anything (bench-anchors §2.4). */
  samples?: number;
  /** The step's corrected p99 (or its histogram, as AttackResult carries it), to size the send-lag rule. */
  p99_ms?: number;
  histogram?: { percentiles(): { p99_ms: number } };
};

export type StepVerdict = {
  valid: boolean;
  /** Why the step is invalid (empty when valid). */
  reasons: string[];
  /** Facts worth showing next to a valid step that do not invalidate it. */
  warnings: string[];
};

/** Achieved rate must reach 99% of the target (wrk2/vegeta practice; bench-anchors §0.2). */
export const MIN_ACHIEVED_RATIO = 0.99;
/**
 * The generator's own lag (how late it sent for reasons other than every connection being busy) may be at most this
 * share of the step's p99, with no absolute floor: a lag is not charged to the server, but a generator that far
 * behind its schedule did not offer the load the step claims (issue 9 part 3).
 */
export const MAX_SEND_LAG_SHARE = 0.2;
/** More than half of its CPU budget means the generator may be the bottleneck (issue 9 part 3). */
export const MAX_LOADGEN_CPU_SHARE = 0.5;
/**
 * Processes other than the lab's (server, generator, the lab itself) may use at most this share of the machine's
 * CPU during a step: 5% of all cores, a few 10 ms ticks above /proc/stat's accounting noise on a 2-core box over a
 * step of several seconds. More means a neighbour competed with what was measured.
 */
export const MAX_OTHER_CPU_SHARE = 0.05;
export const MIN_SAMPLES_P999 = 10_000;

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * Judges one step. Errors are not a validity problem (they are counted in the latency at the timeout value, so they
 * push p99 over the SLO); they are reported as a warning.
 * @example
 * judgeStep({ target_rps: 1000, achieved_rps: 940, worker_cap_hit: false, loadgen_cpu_saturated: false, errors: 0, requests: 28200 });
 * // { valid: false, reasons: ['achieved 940 req/s is 94.0% of the 1000 req/s target (needs >= 99%)'], warnings: [...] }
 */
export function judgeStep(step: StepEvidence): StepVerdict {
  const reasons: string[] = [];
  const warnings: string[] = [];
  if (step.requests === 0) reasons.push('no request completed');
  const ratio = step.target_rps > 0 ? step.achieved_rps / step.target_rps : 0;
  if (ratio < MIN_ACHIEVED_RATIO) {
    reasons.push(
      `achieved ${step.achieved_rps} req/s is ${pct(ratio)} of the ${step.target_rps} req/s target (needs >= ${pct(MIN_ACHIEVED_RATIO)})`,
    );
  }
  if (step.worker_cap_hit) {
    reasons.push(
      'the load generator had every connection busy up to its cap, so sends could wait for a free connection',
    );
  }
  const share =
    step.loadgen_cpu_share ??
    (step.loadgen_cpu_s !== undefined && step.duration_s && step.loadgen_procs
      ? step.loadgen_cpu_s / (step.duration_s * step.loadgen_procs)
      : undefined);
  if (step.loadgen_cpu_saturated || (share !== undefined && share > MAX_LOADGEN_CPU_SHARE)) {
    const detail =
      step.loadgen_cpu_s !== undefined && step.duration_s
        ? ` (${(step.loadgen_cpu_s / step.duration_s).toFixed(2)} cores used of ${step.loadgen_procs ?? '?'})`
        : '';
    reasons.push(`the load generator used more than ${pct(MAX_LOADGEN_CPU_SHARE)} of its CPU${detail}`);
  }
  const p99 = step.p99_ms ?? step.histogram?.percentiles().p99_ms;
  if (step.send_lag_p99_ms !== undefined && p99 !== undefined) {
    const lagLimit = MAX_SEND_LAG_SHARE * p99;
    if (step.send_lag_p99_ms > lagLimit) {
      reasons.push(
        `the load generator fell behind its schedule (p99 send lag ${step.send_lag_p99_ms} ms > ${Math.round(lagLimit * 1000) / 1000} ms, ${pct(MAX_SEND_LAG_SHARE)} of the step's p99 of ${Math.round(p99 * 1000) / 1000} ms)`,
      );
    }
  }
  if (step.other_cpu_s !== undefined && step.duration_s && step.machine_cores) {
    if (step.other_cpu_s === null) {
      warnings.push("other processes' CPU could not be read (/proc/stat)");
    } else {
      // Over the time the busy figure covers: a step that ran on past its nominal length (waiting for timeouts) once
      // read as "other processes used 103% of the machine".
      const window = Math.max(step.duration_s, step.elapsed_s ?? 0);
      const reason = otherProcessesReason(step.other_cpu_s, window, step.machine_cores);
      if (reason !== undefined) reasons.push(reason);
    }
  }
  if (step.errors > 0 && step.requests > 0) {
    warnings.push(
      `${step.errors} errors (${pct(step.errors / step.requests)} of requests), counted at the timeout value`,
    );
  }
  if (step.samples !== undefined && step.samples < MIN_SAMPLES_P999) {
    warnings.push(
      `p99.9 from ${formatCount(step.samples)} samples (needs >= ${formatCount(MIN_SAMPLES_P999)} to be meaningful)`,
    );
  }
  return { valid: reasons.length === 0, reasons, warnings };
}

/**
 * The other-processes rule: more than {@link MAX_OTHER_CPU_SHARE} of the machine's CPU used by other processes over a
 * step's window makes it invalid; the reason, or undefined when the step passes (or the figure could not be read).
 * @example
 * otherProcessesReason(1.2, 10, 2); // "other processes used 6.0% of the machine's CPU during the step (1.20 CPU s; limit 5.0%)"
 */
export function otherProcessesReason(
  otherCpuS: number | null,
  windowS: number,
  cores: number,
): string | undefined {
  if (otherCpuS === null || windowS <= 0 || cores <= 0) return undefined;
  const share = otherCpuS / (windowS * cores);
  return share > MAX_OTHER_CPU_SHARE
    ? `other processes used ${pct(share)} of the machine's CPU during the step (${otherCpuS.toFixed(2)} CPU s; limit ${pct(MAX_OTHER_CPU_SHARE)})`
    : undefined;
}
