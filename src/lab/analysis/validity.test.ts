/** @module Tests of the step validity rules. */
import { describe, expect, it } from 'vitest';
import { judgeStep, otherProcessesReason } from './validity.ts';

const good = {
  target_rps: 1000,
  achieved_rps: 1000,
  worker_cap_hit: false,
  loadgen_cpu_saturated: false,
  errors: 0,
  requests: 30_000,
};

describe('judgeStep', () => {
  it('accepts a clean step', () => {
    expect(judgeStep(good)).toEqual({ valid: true, reasons: [], warnings: [] });
  });

  it('rejects an achieved rate under 99% of the target, accepts exactly 99%', () => {
    const low = judgeStep({ ...good, achieved_rps: 989.9 });
    expect(low.valid).toBe(false);
    expect(low.reasons[0]).toMatch(/99\.0% of the 1000 req\/s target/);
    expect(judgeStep({ ...good, achieved_rps: 990 }).valid).toBe(true);
  });

  it('rejects the connection cap, a busy load generator and a generator behind schedule, listing each', () => {
    const verdict = judgeStep({
      ...good,
      worker_cap_hit: true,
      loadgen_cpu_saturated: true,
      loadgen_cpu_s: 28.5,
      loadgen_procs: 1,
      duration_s: 30,
      send_lag_p99_ms: 25,
      p99_ms: 40,
    });
    expect(verdict.valid).toBe(false);
    expect(verdict.reasons).toHaveLength(3);
    expect(verdict.reasons.join('\n')).toMatch(/every connection busy up to its cap/);
    expect(verdict.reasons.join('\n')).toMatch(/more than 50\.0% of its CPU \(0\.95 cores used of 1\)/);
    expect(verdict.reasons.join('\n')).toMatch(
      /p99 send lag 25 ms > 8 ms, 20\.0% of the step's p99 of 40 ms/,
    );
  });

  it('rejects a generator that used more than half of its CPU, from its CPU seconds alone', () => {
    const base = { ...good, loadgen_procs: 1, duration_s: 10 };
    expect(judgeStep({ ...base, loadgen_cpu_s: 5 }).valid).toBe(true);
    const busy = judgeStep({ ...base, loadgen_cpu_s: 5.1 });
    expect(busy.valid).toBe(false);
    expect(busy.reasons[0]).toMatch(/more than 50\.0% of its CPU \(0\.51 cores used of 1\)/);
    expect(judgeStep({ ...good, loadgen_cpu_share: 0.51 }).valid).toBe(false);
    expect(judgeStep({ ...good, loadgen_cpu_share: 0.49 }).valid).toBe(true);
  });

  it('allows a send lag up to 20% of the step p99 and no more, with no absolute floor', () => {
    expect(judgeStep({ ...good, send_lag_p99_ms: 0.2, p99_ms: 1 }).valid).toBe(true);
    expect(judgeStep({ ...good, send_lag_p99_ms: 0.21, p99_ms: 1 }).reasons[0]).toMatch(
      /p99 send lag 0\.21 ms > 0\.2 ms, 20\.0% of the step's p99 of 1 ms/,
    );
    // A 26 ms lag while a server stalls for a second is a small share of that p99.
    expect(judgeStep({ ...good, send_lag_p99_ms: 26, p99_ms: 900 }).valid).toBe(true);
    const histogram = { percentiles: () => ({ p99_ms: 50 }) };
    expect(judgeStep({ ...good, send_lag_p99_ms: 11, histogram }).reasons[0]).toMatch(
      /11 ms > 10 ms, 20\.0% of the step.s p99 of 50 ms/,
    );
  });

  it("rejects a step where other processes used a measurable share of the machine's CPU", () => {
    const base = { ...good, duration_s: 10, machine_cores: 2 };
    expect(judgeStep({ ...base, other_cpu_s: 0.9 }).valid).toBe(true);
    const noisy = judgeStep({ ...base, other_cpu_s: 1.1 });
    expect(noisy.valid).toBe(false);
    expect(noisy.reasons[0]).toMatch(
      /other processes used 5\.5% of the machine's CPU during the step \(1\.10 CPU s; limit 5\.0%\)/,
    );
    // A step that ran on for 22 s waiting for timeouts: its busy time covers 22 s, not the nominal 10 (it read 101%).
    const overrun = judgeStep({ ...base, other_cpu_s: 20.22, elapsed_s: 22.2 });
    expect(overrun.reasons[0]).toMatch(/other processes used 45\.5% of the machine's CPU/);
    expect(judgeStep({ ...base, other_cpu_s: 0.9, elapsed_s: 5 }).valid).toBe(true);
    const unknown = judgeStep({ ...base, other_cpu_s: null });
    expect(unknown.valid).toBe(true);
    expect(unknown.warnings[0]).toMatch(/could not be read/);
  });

  it('keeps a step with errors valid (they are in the latency) but warns', () => {
    const verdict = judgeStep({ ...good, errors: 300 });
    expect(verdict.valid).toBe(true);
    expect(verdict.warnings[0]).toMatch(/300 errors \(1\.0% of requests\)/);
  });

  it('rejects a step where nothing completed and warns about thin p99.9 evidence', () => {
    expect(judgeStep({ ...good, requests: 0, achieved_rps: 0 }).reasons).toContain('no request completed');
    expect(judgeStep({ ...good, samples: 3000 }).warnings[0]).toMatch(
      /p99\.9 from 3,000 samples \(needs >= 10,000 to be meaningful\)/,
    );
  });

  it('words the other-processes rule once, for the latency steps and the boundary round trips alike', () => {
    expect(otherProcessesReason(1.2, 10, 2)).toBe(
      "other processes used 6.0% of the machine's CPU during the step (1.20 CPU s; limit 5.0%)",
    );
    expect(otherProcessesReason(1, 10, 2)).toBeUndefined();
    expect(otherProcessesReason(null, 10, 2)).toBeUndefined();
  });
});
