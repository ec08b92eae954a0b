/** @module The validity rules of one load step (bench-anchors §7.C.6): a step that fails any is marked invalid with its reasons, never silently used. */

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
  duration_s?: number;
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
 * A p99 send lag above this means vegeta itself fell behind its schedule (CPU starved or blocked), so part of the
 * latency it charges is its own delay. 10 ms is ~20x the send jitter measured on a 2-core box (about 0.5 ms). The
 * lag only invalidates a step when it is also a real share (> 10%) of the step's p99: a 26 ms lag while a server
 * stalls for a second (the selftest) does not change what the step says.
 */
export const MAX_SEND_LAG_P99_MS = 10;
export const MAX_SEND_LAG_SHARE = 0.1;
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
      'the load generator reached its worker cap (-max-workers), so sends could wait for a free worker',
    );
  }
  if (step.loadgen_cpu_saturated) {
    const detail =
      step.loadgen_cpu_s !== undefined && step.duration_s
        ? ` (${(step.loadgen_cpu_s / step.duration_s).toFixed(2)} cores used of ${step.loadgen_procs ?? '?'})`
        : '';
    reasons.push(`the load generator saturated its CPU${detail}`);
  }
  const p99 = step.p99_ms ?? step.histogram?.percentiles().p99_ms;
  const lagLimit = Math.max(MAX_SEND_LAG_P99_MS, p99 === undefined ? 0 : MAX_SEND_LAG_SHARE * p99);
  if (step.send_lag_p99_ms !== undefined && step.send_lag_p99_ms > lagLimit) {
    reasons.push(
      `the load generator fell behind its schedule (p99 send lag ${step.send_lag_p99_ms} ms > ${Math.round(lagLimit * 1000) / 1000} ms)`,
    );
  }
  if (step.errors > 0 && step.requests > 0) {
    warnings.push(
      `${step.errors} errors (${pct(step.errors / step.requests)} of requests), counted at the timeout value`,
    );
  }
  if (step.samples !== undefined && step.samples < MIN_SAMPLES_P999) {
    warnings.push(`p99.9 from ${step.samples} samples (needs >= ${MIN_SAMPLES_P999} to be meaningful)`);
  }
  return { valid: reasons.length === 0, reasons, warnings };
}
