/** @module Latency histogram of the lab: an HdrHistogram (hdr-histogram-js) in microseconds, 3 significant digits, mergeable and encodable in the standard compressed V2 format. */
import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from 'hdr-histogram-js';

/** The percentiles the lab reports, in milliseconds. */
export type LatencyPercentiles = {
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  p999_ms: number;
  max_ms: number;
  count: number;
};

/** 1 µs resolution floor; 1 hour ceiling (auto-resizes beyond), per bench-anchors §7.C.3 ("1 µs–60 s, 3 digits"). */
const LOWEST_US = 1;
const HIGHEST_US = 3_600_000_000;

function newHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: LOWEST_US,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32,
    autoResize: true,
    useWebAssembly: false,
  });
}

/** Values are held in whole microseconds; percentiles come back in ms with µs precision. */
function toMs(us: number): number {
  return Math.round(us) / 1000;
}

/**
 * Request latencies of one step (or several merged steps).
 * @example
 * const h = new LatencyHistogram();
 * h.recordMs(1.25);
 * h.percentiles().p99_ms; // 1.25
 */
export class LatencyHistogram {
  readonly #hdr: Histogram;

  constructor(hdr?: Histogram) {
    this.#hdr = hdr ?? newHistogram();
  }

  /** Records one latency; values under 1 µs are recorded as 1 µs (the histogram's floor). */
  recordMs(ms: number, count = 1): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`latency must be a finite non-negative number, got ${ms}`);
    this.#hdr.recordValueWithCount(Math.max(LOWEST_US, Math.round(ms * 1000)), count);
  }

  /** Adds every value of `other` into this histogram (histograms are additive, so per-run histograms merge exactly). */
  merge(other: LatencyHistogram): this {
    this.#hdr.add(other.#hdr);
    return this;
  }

  get count(): number {
    return this.#hdr.totalCount;
  }

  /** Latency at percentile `p` (0..100), in ms. */
  valueAtPercentileMs(p: number): number {
    return this.#hdr.totalCount === 0 ? 0 : toMs(this.#hdr.getValueAtPercentile(p));
  }

  /** p50, p90, p99, p99.9 and max in ms (all 0 when empty). */
  percentiles(): LatencyPercentiles {
    const count = this.#hdr.totalCount;
    if (count === 0) return { p50_ms: 0, p90_ms: 0, p99_ms: 0, p999_ms: 0, max_ms: 0, count: 0 };
    return {
      p50_ms: this.valueAtPercentileMs(50),
      p90_ms: this.valueAtPercentileMs(90),
      p99_ms: this.valueAtPercentileMs(99),
      p999_ms: this.valueAtPercentileMs(99.9),
      // The bucket's highest equivalent value, like the other percentiles, so a decoded copy reports the same max.
      max_ms: this.valueAtPercentileMs(100),
      count,
    };
  }

  /** Compressed base64 HdrHistogram V2 encoding, readable by any HdrHistogram implementation. */
  encode(): string {
    return encodeIntoCompressedBase64(this.#hdr);
  }

  /**
   * Reads a histogram written by {@link LatencyHistogram.encode}.
   * @example
   * const copy = LatencyHistogram.decode(h.encode());
   */
  static decode(encoded: string): LatencyHistogram {
    const decoded = decodeFromCompressedBase64(encoded, 32, false);
    // A decoded histogram keeps the encoded range; copy into a fresh one so merges and resizing behave the same.
    const fresh = newHistogram();
    fresh.add(decoded);
    return new LatencyHistogram(fresh);
  }

  /** Merges any number of histograms into a new one. */
  static mergeAll(histograms: Iterable<LatencyHistogram>): LatencyHistogram {
    const merged = new LatencyHistogram();
    for (const h of histograms) merged.merge(h);
    return merged;
  }
}
