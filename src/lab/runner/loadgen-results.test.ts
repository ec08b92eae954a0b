/** @module Tests of reading labload's output: strict parsing (a malformed line is an error, never a zero), latency charged for backpressure only, errors at the timeout, merged shards, vegeta-format targets. */
import { describe, expect, it } from 'vitest';
import {
  analyzeClosedLoop,
  analyzeLoadgen,
  LoadgenOutputError,
  type LoadgenRecord,
  type LoadgenSummary,
  parseLoadgenRecords,
  parseLoadgenSummary,
  vegetaTargetsToLoadgen,
} from './loadgen-results.ts';

const summary: LoadgenSummary = {
  tool: 'labload',
  mode: 'open',
  rate: 100,
  workers: 0,
  shard: 0,
  shards: 1,
  duration_s: 1,
  timeout_s: 2,
  start_epoch_ms: 1_700_000_000_000,
  requests: 0,
  errors: 0,
  timeouts: 0,
  unsent: 0,
  max_in_flight: 1,
  max_connections: 10,
  connections_opened: 1,
  cap_hit: false,
  threads: 1,
  cpu_user_s: 0.1,
  cpu_system_s: 0.05,
  wall_s: 1.1,
};
const MS = 1e6;

/** Records of a 100 req/s second: every latency 1 ms, lag 0.05 ms. */
function second(offsetSeq = 0, step = 1): LoadgenRecord[] {
  const out: LoadgenRecord[] = [];
  for (let i = offsetSeq; i < 100; i += step)
    out.push([i, (i + 1) * 10 * MS, 1 * MS, 1 * MS, 0.05 * MS, 200, 0]);
  return out;
}

describe('parseLoadgenSummary', () => {
  it('reads a summary and rejects anything else with the reason', () => {
    expect(parseLoadgenSummary(`${JSON.stringify(summary)}\n`).cpu_user_s).toBe(0.1);
    expect(() => parseLoadgenSummary('')).toThrow(LoadgenOutputError);
    expect(() => parseLoadgenSummary('thread main panicked')).toThrow(/summary is not JSON/);
    expect(() => parseLoadgenSummary('{"tool":"vegeta"}')).toThrow(/not a labload summary/);
    expect(() => parseLoadgenSummary(JSON.stringify({ ...summary, cpu_user_s: 'x' }))).toThrow(
      /no numeric cpu_user_s/,
    );
    expect(() => parseLoadgenSummary(JSON.stringify({ ...summary, cap_hit: 1 }))).toThrow(/cap_hit/);
  });
});

describe('parseLoadgenRecords', () => {
  it('reads one array of 7 numbers per line and names the first bad line', () => {
    expect(parseLoadgenRecords('[0,10,1,1,0,200,0]\n[1,20,1,1,0,200,0]\n')).toHaveLength(2);
    expect(() => parseLoadgenRecords('[0,10,1,1,0,200,0]\n[1,20,1\n')).toThrow(/record 2 is not JSON/);
    expect(() => parseLoadgenRecords('[0,10,1,1,0,200]\n')).toThrow(/record 1 is not 7 numbers/);
    expect(() => parseLoadgenRecords('[0,10,1,1,0,200,null]\n')).toThrow(/record 1 is not 7 numbers/);
  });
});

describe('analyzeLoadgen', () => {
  const params = { rate: 100, durationS: 1, timeoutS: 2 };

  it('reports latency, raw latency, lag, rate and a per-second timeline', () => {
    const a = analyzeLoadgen([{ summary, records: second() }], params);
    expect(a.requests).toBe(100);
    expect(a.achieved_rps).toBe(100);
    expect(a.histogram.percentiles().p99_ms).toBe(1);
    expect(a.send_lag_p99_ms).toBe(0.05);
    expect(a.timeline).toEqual([
      { t_s: 0, p99_ms: 1, max_ms: 1 },
      { t_s: 1, p99_ms: 1, max_ms: 1 },
    ]);
    expect(a.started_at_ms).toBe(summary.start_epoch_ms);
  });

  it('charges the server its backpressure but not the generator its lateness', () => {
    // Request 0 waited 500 ms for a busy connection (backpressure: in latency); request 1 was sent 30 ms late by
    // the generator itself (lag: not in latency), its raw time 1 ms.
    const records: LoadgenRecord[] = [
      [0, 10 * MS, 501 * MS, 1 * MS, 0, 200, 0],
      [1, 20 * MS, 1 * MS, 1 * MS, 30 * MS, 200, 0],
    ];
    const a = analyzeLoadgen([{ summary, records }], { ...params, rate: 2 });
    expect(a.histogram.percentiles().max_ms).toBeCloseTo(501, 0);
    expect(a.uncorrected_histogram.percentiles().max_ms).toBe(1);
    expect(a.send_lag_max_ms).toBe(30);
  });

  it('records errors and timeouts at no less than the timeout', () => {
    const records: LoadgenRecord[] = [
      [0, 10 * MS, 3 * MS, 3 * MS, 0, 503, 0],
      [1, 20 * MS, 2000 * MS, 2000 * MS, 0, 0, 1],
      [2, 30 * MS, 1 * MS, 1 * MS, 0, 200, 0],
    ];
    const a = analyzeLoadgen([{ summary, records }], { ...params, rate: 3 });
    expect([a.errors, a.timeouts]).toEqual([2, 1]);
    expect(a.histogram.percentiles().p90_ms).toBeCloseTo(2000, -1);
  });

  it('merges the shards of a rate split between generators into one step', () => {
    const a = analyzeLoadgen(
      [
        { summary: { ...summary, shard: 0, shards: 2, max_in_flight: 2 }, records: second(0, 2) },
        {
          summary: { ...summary, shard: 1, shards: 2, max_in_flight: 3, cap_hit: true },
          records: second(1, 2),
        },
      ],
      params,
    );
    expect(a.requests).toBe(100);
    expect(a.achieved_rps).toBe(100);
    expect(a.max_in_flight).toBe(5);
    expect(a.worker_cap_hit).toBe(true);
  });

  it('handles an empty result set', () => {
    const a = analyzeLoadgen([{ summary, records: [] }], params);
    expect([a.requests, a.achieved_rps, a.send_lag_p99_ms, a.timeline.length]).toEqual([0, 0, 0, 0]);
  });
});

describe('analyzeClosedLoop', () => {
  it('reports successful responses per second and raw latency', () => {
    const records: LoadgenRecord[] = [
      [0, 0, 2 * MS, 2 * MS, 0, 200, 0],
      [1, 2 * MS, 2 * MS, 2 * MS, 0, 200, 0],
      [2, 4 * MS, 1 * MS, 1 * MS, 0, 0, 3],
    ];
    const r = analyzeClosedLoop(records, { durationS: 1, timeoutS: 1 });
    expect([r.rps, r.requests, r.errors]).toEqual([2, 3, 1]);
    expect(r.histogram.percentiles().max_ms).toBeCloseTo(1000, -1);
  });
});

describe('vegetaTargetsToLoadgen', () => {
  it('reads methods, paths, headers and bodies, and insists on one address', () => {
    const text =
      'POST http://127.0.0.1:8080/v1/quote\nContent-Type: application/json\n@request.json\n\nGET http://127.0.0.1:8080/read?x=1\n';
    expect(vegetaTargetsToLoadgen(text, (p) => `<${p}>`)).toEqual({
      addr: '127.0.0.1:8080',
      requests: [
        {
          method: 'POST',
          path: '/v1/quote',
          headers: [['Content-Type', 'application/json']],
          body: '<request.json>',
        },
        { method: 'GET', path: '/read?x=1', headers: [], body: '' },
      ],
    });
    expect(() => vegetaTargetsToLoadgen('GET http://a:1/\nGET http://b:1/\n', () => '')).toThrow(
      /every request/,
    );
    expect(() => vegetaTargetsToLoadgen('Header: x\n', () => '')).toThrow(/before the first request/);
    expect(() => vegetaTargetsToLoadgen('', () => '')).toThrow(/no request/);
  });
});
