/** @module Tests of vegeta result analysis: CSV parsing, latency from the intended send time, worker cap, errors at the timeout, unsent requests, timeline. */
import { describe, expect, it } from 'vitest';
import { parseTimes } from './vegeta.ts';
import {
  analyzeClosedLoop,
  analyzeOpenLoop,
  maxOverlap,
  parseVegetaCsvLines,
  splitCsvRecord,
  type VegetaRow,
  type VegetaRows,
} from './vegeta-results.ts';

function rows(list: Partial<VegetaRow>[]): VegetaRows {
  return {
    baseEpochMs: 1_700_000_000_000,
    rows: list.map((r, i) => ({ seq: i, sentMs: 0, latencyMs: 1, code: 200, error: '', ...r })),
  };
}

/** A constant-rate schedule at `rate` where request k is sent on time (+ `lag(k)`) and takes `latency(k)` ms. */
function schedule(
  rate: number,
  count: number,
  latency: (k: number) => number,
  lag: (k: number) => number = () => 0,
): VegetaRows {
  const interval = 1000 / rate;
  return rows(
    Array.from({ length: count }, (_, k) => ({
      seq: k,
      sentMs: (k + 1) * interval + lag(k),
      latencyMs: latency(k),
    })),
  );
}

describe('CSV parsing', () => {
  it('splits quoted fields with commas, doubled quotes and empty fields', () => {
    expect(splitCsvRecord('1,"a, ""b""",,x')).toEqual(['1', 'a, "b"', '', 'x']);
    expect(splitCsvRecord('a,')).toEqual(['a', '']);
  });

  it('keeps nanosecond precision of unix-ns timestamps and reads error, code and seq', () => {
    const { baseEpochMs, rows: parsed } = parseVegetaCsvLines([
      '1795737391797511500,200,1500000,0,0,,,,0,GET,http://127.0.0.1:1/,',
      '1795737391798511999,0,2000000000,0,0,"Get ""http://127.0.0.1:1/"": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",,,1,GET,http://127.0.0.1:1/,',
    ]);
    expect(baseEpochMs).toBe(1795737391797);
    expect(parsed[0]?.sentMs).toBeCloseTo(0.5115, 6);
    expect(parsed[1]?.sentMs).toBeCloseTo(1.511999, 6);
    expect(parsed[0]).toMatchObject({ seq: 0, code: 200, latencyMs: 1.5, error: '' });
    expect(parsed[1]).toMatchObject({ seq: 1, code: 0, latencyMs: 2000 });
    expect(parsed[1]?.error).toContain('Client.Timeout exceeded');
  });

  it('joins a quoted field that spans lines', () => {
    const { rows: parsed } = parseVegetaCsvLines([
      '1795737391797000000,500,1000000,0,0,"line one',
      'line two",,,3,GET,http://x/,',
    ]);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ seq: 3, code: 500, error: 'line one\nline two' });
  });

  it('reads the children line of the shell `times` builtin', () => {
    expect(parseTimes('0m0.000000s 0m0.000000s\n0m1.500000s 0m0.250000s\n')).toBeCloseTo(1.75, 9);
    expect(parseTimes('0m0.00s 0m0.00s\n1m2.00s 0m1.00s')).toBeCloseTo(63, 9);
  });
});

describe('analyzeOpenLoop', () => {
  const params = { rate: 100, durationS: 10, timeoutS: 2, maxWorkers: 50 };

  it('equals the raw latency when every send is on schedule', () => {
    const a = analyzeOpenLoop(
      schedule(100, 1000, () => 1),
      params,
    );
    expect(a.requests).toBe(1000);
    expect(a.achieved_rps).toBe(100);
    expect(a.histogram.percentiles().p99_ms).toBe(1);
    expect(a.uncorrected_histogram.percentiles().p99_ms).toBe(1);
    expect(a.send_lag_max_ms).toBe(0);
    expect(a.worker_cap_hit).toBe(false);
    expect(a.unsent).toBe(0);
    expect(a.started_at_ms).toBe(1_700_000_000_000);
  });

  it('charges late sends to latency: a 1 s hold-up of the generator shows in p99 of corrected, not raw, latency', () => {
    // Requests 500..599 were due during one second but all went out at the end of it (as a blocked closed loop would).
    const heldUntil = 600 * 10;
    const data = schedule(
      100,
      1000,
      () => 1,
      (k) => (k >= 500 && k < 600 ? heldUntil - (k + 1) * 10 : 0),
    );
    const a = analyzeOpenLoop(data, params);
    expect(a.uncorrected_histogram.percentiles().p99_ms).toBe(1);
    const corrected = a.histogram.percentiles();
    expect(corrected.p99_ms).toBeGreaterThan(850);
    expect(corrected.max_ms).toBeGreaterThan(990);
    expect(a.send_lag_max_ms).toBeCloseTo(990, 0);
    // The hold-up sits in schedule second 5 of the timeline.
    const second5 = a.timeline.find((p) => p.t_s === 5);
    expect(second5?.max_ms).toBeGreaterThan(990);
    expect(a.timeline.find((p) => p.t_s === 2)?.max_ms).toBe(1);
  });

  it('estimates the schedule origin from the least-late request', () => {
    // The whole run is shifted by 7 ms: the origin moves, latencies do not.
    const a = analyzeOpenLoop(
      schedule(
        100,
        1000,
        () => 2,
        () => 7,
      ),
      params,
    );
    expect(a.histogram.percentiles().max_ms).toBe(2);
    expect(a.started_at_ms).toBe(1_700_000_000_007);
  });

  it('records errors and timeouts at no less than the timeout', () => {
    const data = schedule(100, 1000, (k) => (k < 20 ? 2000 : 1));
    data.rows.forEach((row, k) => {
      if (k < 10)
        Object.assign(row, {
          code: 0,
          error: 'Get "x": context deadline exceeded (Client.Timeout exceeded)',
        });
      else if (k < 20) Object.assign(row, { code: 0, latencyMs: 0.2, error: 'connection refused' });
    });
    const a = analyzeOpenLoop(data, params);
    expect(a.errors).toBe(20);
    expect(a.timeouts).toBe(10);
    expect(a.histogram.percentiles().p99_ms).toBeGreaterThanOrEqual(1999);
    // The fast "connection refused" errors did not lower the tail.
    expect(a.histogram.valueAtPercentileMs(98.1)).toBeGreaterThanOrEqual(1999);
  });

  it('flags the worker cap when every worker was busy at once', () => {
    const capped = analyzeOpenLoop(
      schedule(100, 1000, () => 600),
      { ...params, maxWorkers: 60 },
    );
    expect(capped.max_in_flight).toBe(60);
    expect(capped.worker_cap_hit).toBe(true);
    const roomy = analyzeOpenLoop(
      schedule(100, 1000, () => 600),
      { ...params, maxWorkers: 1000 },
    );
    expect(roomy.worker_cap_hit).toBe(false);
  });

  it('counts requests vegeta never sent; with workers free they are not server latency (the rate rule judges the step)', () => {
    const a = analyzeOpenLoop(
      schedule(100, 900, () => 1),
      params,
    );
    expect(a.achieved_rps).toBe(90);
    expect(a.unsent).toBe(99);
    expect(a.worker_cap_hit).toBe(false);
    expect(a.histogram.count).toBe(900);
    expect(a.histogram.percentiles().max_ms).toBeLessThan(2);
  });

  it('records unsent requests at the timeout when every worker was busy (the server held them back)', () => {
    const a = analyzeOpenLoop(
      schedule(100, 900, () => 600),
      { ...params, maxWorkers: 50 },
    );
    expect(a.worker_cap_hit).toBe(true);
    expect(a.unsent).toBe(99);
    expect(a.histogram.count).toBe(999);
    expect(a.histogram.percentiles().p99_ms).toBeGreaterThanOrEqual(1999);
  });

  it('handles an empty result set', () => {
    const a = analyzeOpenLoop({ baseEpochMs: 0, rows: [] }, { ...params, durationS: 0 });
    expect(a.requests).toBe(0);
    expect(a.timeline).toEqual([]);
  });
});

describe('maxOverlap', () => {
  it('counts touching intervals as sequential, overlapping ones as concurrent', () => {
    expect(maxOverlap(Float64Array.of(0, 1, 2), Float64Array.of(1, 2, 3))).toBe(1);
    expect(maxOverlap(Float64Array.of(0, 0.5, 0.7), Float64Array.of(1, 2, 3))).toBe(3);
  });
});

describe('analyzeClosedLoop', () => {
  it('reports successful responses per second and raw latency', () => {
    const data = rows([
      { latencyMs: 1 },
      { latencyMs: 3 },
      { latencyMs: 1, code: 503, error: '503 Service Unavailable' },
    ]);
    const c = analyzeClosedLoop(data, { durationS: 2, timeoutS: 1 });
    expect(c).toMatchObject({ rps: 1, requests: 3, errors: 1 });
    expect(c.histogram.percentiles().max_ms).toBeGreaterThanOrEqual(1000);
  });
});
