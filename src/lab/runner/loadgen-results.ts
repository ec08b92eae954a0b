/** @module Reads labload's output (a JSON summary and one JSON array per request) and turns it into a step's evidence: latency charged only for the server's backpressure, the generator's own lag, the worker cap, a per-second timeline. A malformed line is an error, never a zero. */
import { LatencyHistogram } from '../analysis/histogram.ts';

/** labload's summary line (stdout), the fields the lab reads. */
export type LoadgenSummary = {
  tool: 'labload';
  mode: 'open' | 'closed';
  rate: number;
  workers: number;
  shard: number;
  shards: number;
  duration_s: number;
  timeout_s: number;
  /** Wall-clock ms of the schedule's origin (request i was due at origin + (i+1)/rate). */
  start_epoch_ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  unsent: number;
  max_in_flight: number;
  max_connections: number;
  connections_opened: number;
  cap_hit: boolean;
  threads: number;
  cpu_user_s: number;
  cpu_system_s: number;
  wall_s: number;
};

/** One request: [seq, intended_ns, latency_ns, raw_ns, lag_ns, status, err] (times from the schedule's origin). */
export type LoadgenRecord = [number, number, number, number, number, number, number];

/** labload's output could not be read: the step that needed it is invalid for this reason (never counted as 0). */
export class LoadgenOutputError extends Error {
  override readonly name = 'LoadgenOutputError';
}

const SUMMARY_NUMBERS = [
  'rate',
  'duration_s',
  'timeout_s',
  'start_epoch_ms',
  'requests',
  'errors',
  'timeouts',
  'unsent',
  'max_in_flight',
  'max_connections',
  'cpu_user_s',
  'cpu_system_s',
  'wall_s',
] as const;

/**
 * Parses labload's stdout: exactly one JSON object with every field the lab uses, each a finite number.
 * @example
 * parseLoadgenSummary('{"tool":"labload","mode":"open",...}').cpu_user_s;
 */
export function parseLoadgenSummary(stdout: string): LoadgenSummary {
  const text = stdout.trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LoadgenOutputError(
      `the load generator's summary is not JSON: ${JSON.stringify(text.slice(0, 120))}`,
    );
  }
  const o = value as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || o.tool !== 'labload') {
    throw new LoadgenOutputError("the load generator's summary is not a labload summary");
  }
  for (const key of SUMMARY_NUMBERS) {
    if (typeof o[key] !== 'number' || !Number.isFinite(o[key])) {
      throw new LoadgenOutputError(`the load generator's summary has no numeric ${key}`);
    }
  }
  if (typeof o.cap_hit !== 'boolean')
    throw new LoadgenOutputError("the load generator's summary has no cap_hit");
  return o as unknown as LoadgenSummary;
}

/**
 * Parses labload's records (one `[seq, intended_ns, latency_ns, raw_ns, lag_ns, status, err]` per line).
 * @example
 * parseLoadgenRecords('[0,1000000,250000,250000,20000,200,0]\n'); // [[0, 1000000, 250000, 250000, 20000, 200, 0]]
 */
export function parseLoadgenRecords(text: string): LoadgenRecord[] {
  const records: LoadgenRecord[] = [];
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new LoadgenOutputError(
        `load generator record ${lineNo} is not JSON: ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    if (
      !Array.isArray(value) ||
      value.length !== 7 ||
      !value.every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      throw new LoadgenOutputError(
        `load generator record ${lineNo} is not 7 numbers: ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    records.push(value as LoadgenRecord);
  }
  return records;
}

export type TimelinePoint = { t_s: number; p99_ms: number; max_ms: number };

export type OpenLoopAnalysis = {
  target_rps: number;
  achieved_rps: number;
  duration_s: number;
  /** Requests the schedule called for and the generator recorded (sent, or held back to the end and timed out). */
  requests: number;
  /** Requests that failed (transport error, timeout, or HTTP status outside 200..399). */
  errors: number;
  timeouts: number;
  /** Latency from the intended send time minus the generator's own lag: the server's time plus its backpressure. */
  histogram: LatencyHistogram;
  /** The same requests timed from their actual send (what a closed-loop tool would report). */
  uncorrected_histogram: LatencyHistogram;
  /** The generator's own lag per request: how late it sent for reasons other than every connection being busy. */
  lag_histogram: LatencyHistogram;
  /** Every connection (up to the cap) was busy while a request was due. */
  worker_cap_hit: boolean;
  max_in_flight: number;
  send_lag_p99_ms: number;
  send_lag_max_ms: number;
  /** Requests still queued when the run ended (the server kept every connection busy); recorded at the timeout. */
  unsent: number;
  /** Epoch ms of the schedule's origin; aligns gctrace `@t` offsets. */
  started_at_ms: number;
  /** Per second of the schedule (by intended send time): p99 and max of latency. */
  timeline: TimelinePoint[];
};

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function nearestRank(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** A failed request: transport error or timeout (err != 0), or an HTTP status outside 200..399. */
export function isFailure(record: LoadgenRecord): boolean {
  const status = record[5];
  return record[6] !== 0 || status < 200 || status >= 400;
}

/**
 * One or more generators' records of one open-loop step (several when the rate was split between hosts: their
 * summaries are added, their records share one schedule) turned into the step's evidence.
 * Errors and timeouts count at no less than the timeout, so a failure never looks fast.
 * @example
 * const a = analyzeLoadgen([{ summary, records }], { rate: 500, durationS: 10, timeoutS: 5 });
 * a.histogram.percentiles().p99_ms;
 */
export function analyzeLoadgen(
  parts: { summary: LoadgenSummary; records: LoadgenRecord[] }[],
  params: { rate: number; durationS: number; timeoutS: number },
): OpenLoopAnalysis {
  const histogram = new LatencyHistogram();
  const uncorrected = new LatencyHistogram();
  const lagHistogram = new LatencyHistogram();
  const timeoutMs = params.timeoutS * 1000;
  const perSecond = new Map<number, number[]>();
  const lags: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let n = 0;
  for (const { records } of parts) {
    for (const r of records) {
      n++;
      let latency = r[2] / 1e6;
      let raw = r[3] / 1e6;
      if (isFailure(r)) {
        errors++;
        if (r[6] === 1) timeouts++;
        latency = Math.max(latency, timeoutMs);
        raw = Math.max(raw, timeoutMs);
      }
      const lag = r[4] / 1e6;
      histogram.recordMs(latency);
      uncorrected.recordMs(raw);
      lagHistogram.recordMs(lag);
      lags.push(lag);
      const second = Math.floor(r[1] / 1e9);
      const bucket = perSecond.get(second);
      if (bucket) bucket.push(latency);
      else perSecond.set(second, [latency]);
    }
  }
  const sortedLags = Float64Array.from(lags).sort();
  const timeline = [...perSecond.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([second, values]) => {
      const sorted = Float64Array.from(values).sort();
      return {
        t_s: second,
        p99_ms: round3(nearestRank(sorted, 0.99)),
        max_ms: round3(sorted[sorted.length - 1] ?? 0),
      };
    });
  const summaries = parts.map((p) => p.summary);
  return {
    target_rps: params.rate,
    achieved_rps: round3(n / params.durationS),
    duration_s: params.durationS,
    requests: n,
    errors,
    timeouts,
    histogram,
    uncorrected_histogram: uncorrected,
    lag_histogram: lagHistogram,
    worker_cap_hit: summaries.some((s) => s.cap_hit),
    max_in_flight: summaries.reduce((sum, s) => sum + s.max_in_flight, 0),
    send_lag_p99_ms: round3(nearestRank(sortedLags, 0.99)),
    send_lag_max_ms: round3(sortedLags[sortedLags.length - 1] ?? 0),
    unsent: summaries.reduce((sum, s) => sum + s.unsent, 0),
    started_at_ms: Math.min(...summaries.map((s) => s.start_epoch_ms)),
    timeline,
  };
}

/** Closed-loop results: raw latency and successful responses per second. */
export function analyzeClosedLoop(
  records: LoadgenRecord[],
  params: { durationS: number; timeoutS: number },
): { rps: number; requests: number; errors: number; histogram: LatencyHistogram } {
  const histogram = new LatencyHistogram();
  let errors = 0;
  for (const r of records) {
    if (isFailure(r)) {
      errors++;
      histogram.recordMs(Math.max(r[3] / 1e6, params.timeoutS * 1000));
    } else {
      histogram.recordMs(r[3] / 1e6);
    }
  }
  return {
    rps: round3((records.length - errors) / params.durationS),
    requests: records.length,
    errors,
    histogram,
  };
}

/**
 * Converts a vegeta-format targets file (`METHOD URL`, `Header: value` lines, `@body-file`, blank line between
 * targets) into labload's JSON: one address for every request (the lab drives one server at a time).
 * @example
 * vegetaTargetsToLoadgen('GET http://127.0.0.1:8080/read\n', (p) => '');
 * // { addr: '127.0.0.1:8080', requests: [{ method: 'GET', path: '/read', headers: [], body: '' }] }
 */
export function vegetaTargetsToLoadgen(
  text: string,
  readBody: (path: string) => string,
): {
  addr: string;
  requests: { method: string; path: string; headers: [string, string][]; body: string }[];
} {
  const requests: { method: string; path: string; headers: [string, string][]; body: string }[] = [];
  let addr: string | null = null;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const request = /^([A-Z]+)\s+(https?:\/\/\S+)$/.exec(trimmed);
    if (request) {
      const url = new URL(request[2] as string);
      if (url.protocol !== 'http:')
        throw new LoadgenOutputError(`targets: only http:// is supported: ${url}`);
      if (addr !== null && addr !== url.host)
        throw new LoadgenOutputError(`targets: every request must go to ${addr}, not ${url.host}`);
      addr = url.host;
      requests.push({
        method: request[1] as string,
        path: `${url.pathname}${url.search}`,
        headers: [],
        body: '',
      });
      continue;
    }
    const current = requests[requests.length - 1];
    if (!current) throw new LoadgenOutputError(`targets: a line before the first request: ${trimmed}`);
    if (trimmed.startsWith('@')) current.body = readBody(trimmed.slice(1).trim());
    else {
      const colon = trimmed.indexOf(':');
      if (colon <= 0) throw new LoadgenOutputError(`targets: not a header: ${trimmed}`);
      current.headers.push([trimmed.slice(0, colon).trim(), trimmed.slice(colon + 1).trim()]);
    }
  }
  if (addr === null || requests.length === 0) throw new LoadgenOutputError('targets: no request');
  return { addr, requests };
}
