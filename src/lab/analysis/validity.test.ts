/** @module Tests of the step validity rules. */
import { describe, expect, it } from 'vitest';
import { judgeStep } from './validity.ts';

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

  it('rejects the worker cap, a saturated load generator and a generator behind schedule, listing each', () => {
    const verdict = judgeStep({
      ...good,
      worker_cap_hit: true,
      loadgen_cpu_saturated: true,
      loadgen_cpu_s: 28.5,
      loadgen_procs: 1,
      duration_s: 30,
      send_lag_p99_ms: 25,
    });
    expect(verdict.valid).toBe(false);
    expect(verdict.reasons).toHaveLength(3);
    expect(verdict.reasons.join('\n')).toMatch(/worker cap/);
    expect(verdict.reasons.join('\n')).toMatch(/saturated its CPU \(0\.95 cores used of 1\)/);
    expect(verdict.reasons.join('\n')).toMatch(/p99 send lag 25 ms/);
  });

  it('tolerates a send lag that is a small share of a large p99', () => {
    expect(judgeStep({ ...good, send_lag_p99_ms: 26, p99_ms: 900 }).valid).toBe(true);
    expect(judgeStep({ ...good, send_lag_p99_ms: 26, p99_ms: 40 }).reasons[0]).toMatch(/26 ms > 10 ms/);
    const histogram = { percentiles: () => ({ p99_ms: 150 }) };
    expect(judgeStep({ ...good, send_lag_p99_ms: 20, histogram }).reasons[0]).toMatch(/20 ms > 15 ms/);
  });

  it('keeps a step with errors valid (they are in the latency) but warns', () => {
    const verdict = judgeStep({ ...good, errors: 300 });
    expect(verdict.valid).toBe(true);
    expect(verdict.warnings[0]).toMatch(/300 errors \(1\.0% of requests\)/);
  });

  it('rejects a step where nothing completed and warns about thin p99.9 evidence', () => {
    expect(judgeStep({ ...good, requests: 0, achieved_rps: 0 }).reasons).toContain('no request completed');
    expect(judgeStep({ ...good, samples: 3000 }).warnings[0]).toMatch(/p99\.9 from 3000 samples/);
  });
});
