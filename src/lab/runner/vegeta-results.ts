/** @module Reads vegeta's CSV results and turns them into corrected latencies (from the intended send time), worker-cap and send-lag evidence, and a per-second timeline. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { LatencyHistogram } from '../analysis/histogram.ts';

/** One vegeta result; times in ms relative to the first result's whole millisecond (keeps ns precision in a double). */
export type VegetaRow = {
  seq: number;
  /** Send time (vegeta Result.Timestamp), ms relative to `baseEpochMs`. */
  sentMs: number;
  latencyMs: number;
  code: number;
  error: string;
};

export type VegetaRows = { baseEpochMs: number; rows: VegetaRow[] };

/** Splits one CSV record (RFC 4180 quoting, as Go's encoding/csv writes it). */
export function splitCsvRecord(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          value += line[i];
          i++;
        }
      }
      fields.push(value);
      i++; // the comma
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

function hasOpenQuote(text: string): boolean {
  let quotes = 0;
  for (const ch of text) if (ch === '"') quotes++;
  return quotes % 2 === 1;
}

/** Incremental CSV reader: lines go in one at a time, so a large results file is never held as text. */
class VegetaCsvReader {
  readonly rows: VegetaRow[] = [];
  baseEpochMs = Number.NaN;
  #pending = '';

  push(raw: string): void {
    const line = this.#pending ? `${this.#pending}\n${raw}` : raw;
    if (hasOpenQuote(line)) {
      this.#pending = line;
      return;
    }
    this.#pending = '';
    if (line.trim() === '') return;
    const f = splitCsvRecord(line);
    const ts = f[0] ?? '';
    // Unix ns exceed 2^53: split into whole ms and the ns remainder before converting.
    const wholeMs = Number(ts.slice(0, -6));
    const fracMs = Number(ts.slice(-6)) / 1e6;
    if (Number.isNaN(this.baseEpochMs)) this.baseEpochMs = wholeMs;
    this.rows.push({
      sentMs: wholeMs - this.baseEpochMs + fracMs,
      code: Number(f[1] ?? 0),
      latencyMs: Number(f[2] ?? 0) / 1e6,
      error: f[5] ?? '',
      seq: Number(f[8] ?? 0),
    });
  }

  result(): VegetaRows {
    return { baseEpochMs: Number.isNaN(this.baseEpochMs) ? 0 : this.baseEpochMs, rows: this.rows };
  }
}

/**
 * Parses vegeta CSV lines (timestamp ns, code, latency ns, bytes out, bytes in, error, body, attack, seq, ...).
 * @example
 * const { rows } = parseVegetaCsvLines(['1700000000000000000,200,1500000,0,0,,,,0,GET,http://x/,']);
 */
export function parseVegetaCsvLines(lines: Iterable<string>): VegetaRows {
  const reader = new VegetaCsvReader();
  for (const line of lines) reader.push(line);
  return reader.result();
}

/** Streams a vegeta CSV file (it can hold hundreds of thousands of results). */
export async function readVegetaCsv(file: string): Promise<VegetaRows> {
  const reader = new VegetaCsvReader();
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) reader.push(line);
  return reader.result();
}

/** A failed request: transport error, or an HTTP status outside 200..399 (vegeta sets `error` for those too). */
export function isError(row: VegetaRow): boolean {
  return row.code === 0 || row.code < 200 || row.code >= 400 || row.error !== '';
}

/** Go's http.Client reports its timeout as "Client.Timeout exceeded" / "context deadline exceeded". */
export function isTimeout(row: VegetaRow): boolean {
  return /timeout|deadline exceeded/i.test(row.error);
}

function nearestRank(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? 0;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The most intervals [start, end) overlapping at one instant (sweep over sorted starts and ends). */
export function maxOverlap(starts: Float64Array, ends: Float64Array): number {
  const s = Float64Array.from(starts).sort();
  const e = Float64Array.from(ends).sort();
  let i = 0;
  let j = 0;
  let current = 0;
  let best = 0;
  while (i < s.length) {
    if ((s[i] ?? 0) < (e[j] ?? Number.POSITIVE_INFINITY)) {
      current++;
      i++;
      if (current > best) best = current;
    } else {
      current--;
      j++;
    }
  }
  return best;
}

export type OpenLoopParams = { rate: number; durationS: number; timeoutS: number; maxWorkers: number };

export type TimelinePoint = { t_s: number; p99_ms: number; max_ms: number };

export type OpenLoopAnalysis = {
  target_rps: number;
  achieved_rps: number;
  duration_s: number;
  /** Requests vegeta sent. */
  requests: number;
  /** Requests that failed (transport error or HTTP status outside 200..399), timeouts included. */
  errors: number;
  timeouts: number;
  /** Latency from the INTENDED send time; errors and timeouts at no less than the timeout value. */
  histogram: LatencyHistogram;
  /** The same requests timed from their ACTUAL send time, as vegeta itself reports them (for comparison only). */
  uncorrected_histogram: LatencyHistogram;
  /** True when every worker was busy at some instant, so a scheduled send could have waited for a free worker. */
  worker_cap_hit: boolean;
  /** The most requests in flight at once. */
  max_in_flight: number;
  /** How late vegeta sent requests relative to the constant-rate schedule (p99 and max, ms). */
  send_lag_p99_ms: number;
  send_lag_max_ms: number;
  /** Requests the schedule called for that were never sent (vegeta stops at the duration); recorded at the timeout when every worker was busy (the server held them back), otherwise only counted. */
  unsent: number;
  /** Epoch ms of the schedule's origin (request 0 was due at origin + 1/rate); aligns gctrace `@t` offsets. */
  started_at_ms: number;
  /** Per second of the schedule (by intended send time): p99 and max of corrected latency. */
  timeline: TimelinePoint[];
};

/**
 * Corrects every latency to the intended send time and derives the step's validity evidence.
 *
 * - Schedule: vegeta's ConstantPacer sends hit k at began + (k+1)/rate, and `seq` numbers hits in send order. `began`
 *   is not in the output, so the origin is estimated as min(sent_k − (k+1)/rate): the least-late request is taken as
 *   on time, which can only under-state corrected latency, never inflate it.
 * - Worker cap: all `maxWorkers` requests in flight at one instant means a due send could have found no free worker
 *   and waited (tsenart/vegeta#344); the wait is in the corrected latency, but the step is not a fair measurement.
 * - Errors and timeouts are recorded at max(corrected latency, timeout): a failure never looks fast.
 * - Requests the schedule called for but vegeta never sent (it stops at the duration) are recorded at the timeout when
 *   the worker cap was hit (the server held them back); otherwise vegeta fell behind on its own and they are only counted.
 */
export function analyzeOpenLoop(data: VegetaRows, params: OpenLoopParams): OpenLoopAnalysis {
  const rows = [...data.rows].sort((a, b) => a.seq - b.seq);
  const n = rows.length;
  const intervalMs = 1000 / params.rate;
  const timeoutMs = params.timeoutS * 1000;
  let origin = Number.POSITIVE_INFINITY;
  for (const row of rows) origin = Math.min(origin, row.sentMs - (row.seq + 1) * intervalMs);
  if (!Number.isFinite(origin)) origin = 0;

  const histogram = new LatencyHistogram();
  const uncorrected = new LatencyHistogram();
  const lags = new Float64Array(n);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const perSecond = new Map<number, number[]>();
  let errors = 0;
  let timeouts = 0;
  rows.forEach((row, i) => {
    const intended = origin + (row.seq + 1) * intervalMs;
    const done = row.sentMs + row.latencyMs;
    let corrected = done - intended;
    let raw = row.latencyMs;
    if (isError(row)) {
      errors++;
      if (isTimeout(row)) timeouts++;
      corrected = Math.max(corrected, timeoutMs);
      raw = Math.max(raw, timeoutMs);
    }
    histogram.recordMs(Math.max(0, corrected));
    uncorrected.recordMs(Math.max(0, raw));
    lags[i] = Math.max(0, row.sentMs - intended);
    starts[i] = row.sentMs;
    ends[i] = done;
    const second = Math.floor((intended - origin) / 1000);
    const bucket = perSecond.get(second);
    if (bucket) bucket.push(corrected);
    else perSecond.set(second, [corrected]);
  });

  const expected = Math.floor(params.rate * params.durationS);
  // vegeta's loop checks the duration before each send, so one request more or less is normal.
  const unsent = Math.max(0, expected - n - 1);
  const maxInFlight = maxOverlap(starts, ends);
  const workerCapHit = maxInFlight >= params.maxWorkers;
  // With every worker busy, the server's slowness held these requests back: they count at the timeout, as a
  // failure. Otherwise vegeta itself fell behind at the end of the window and the server never saw them: counting
  // them at the timeout reported a 5 s max for a server whose slowest answer took 6 ms. They stay in `unsent`, and
  // the achieved-rate rule judges the step.
  if (unsent > 0 && workerCapHit) histogram.recordMs(timeoutMs, unsent);

  lags.sort();
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

  return {
    target_rps: params.rate,
    achieved_rps: round3(n / params.durationS),
    duration_s: params.durationS,
    requests: n,
    errors,
    timeouts,
    histogram,
    uncorrected_histogram: uncorrected,
    worker_cap_hit: workerCapHit,
    max_in_flight: maxInFlight,
    send_lag_p99_ms: round3(nearestRank(lags, 0.99)),
    send_lag_max_ms: round3(lags[lags.length - 1] ?? 0),
    unsent,
    started_at_ms: data.baseEpochMs + origin,
    timeline,
  };
}

/** Closed-loop results: raw latency (what a closed-loop tool reports) and successful responses per second. */
export function analyzeClosedLoop(
  data: VegetaRows,
  params: { durationS: number; timeoutS: number },
): { rps: number; requests: number; errors: number; histogram: LatencyHistogram } {
  const histogram = new LatencyHistogram();
  let errors = 0;
  for (const row of data.rows) {
    if (isError(row)) {
      errors++;
      histogram.recordMs(Math.max(row.latencyMs, params.timeoutS * 1000));
    } else {
      histogram.recordMs(row.latencyMs);
    }
  }
  const ok = data.rows.length - errors;
  return { rps: round3(ok / params.durationS), requests: data.rows.length, errors, histogram };
}
