/** @module Published plausibility bands from bench-anchors.md as data with sources; a lab figure far outside its band is flagged as a probable harness problem, not reported as a finding. */
import { formatAmount, formatFigure } from '../../core/report/format.ts';

export type AnchorLang = 'go' | 'rust' | 'any';

export type Anchor = {
  /** Metric name as the lab stores it (e.g. 'gc_pause_max_ms', 'build_binary_mib', 'grpc_p50_us'). */
  metric: string;
  lang: AnchorLang;
  /** The published band, in the metric's unit. */
  low: number;
  high: number;
  unit: string;
  /** What the band describes. */
  what: string;
  /** Where it comes from (bench-anchors.md section and its primary source). */
  source: string;
  /**
   * How far outside the band still counts as plausible: a value below low/factor or above high×factor is flagged.
   * Published numbers are dated single-machine figures (bench-anchors: "plausibility band, not a target"), so the
   * default tolerance is an order of magnitude.
   */
  factor: number;
  /** Some bands only bound one side: e.g. peak RSS under load has a floor (idle RSS) but no published ceiling. */
  check?: 'both' | 'low' | 'high';
};

/** The bands of bench-anchors.md §7.I and the sections it summarises. */
export const ANCHORS: readonly Anchor[] = [
  {
    metric: 'gc_pause_max_ms',
    lang: 'go',
    low: 0.01,
    high: 0.5,
    unit: 'ms',
    what: 'Go stop-the-world GC pause (sub-millisecond class, 100-500 µs)',
    source: 'bench-anchors §4.4: Hudson, "Getting to Go" (ISMM 2018), go.dev blog; §7.I',
    factor: 20,
    check: 'high',
  },
  {
    metric: 'rss_peak_mib',
    lang: 'go',
    low: 3,
    high: 4,
    unit: 'MiB',
    what: 'Go idle RSS (a server under load uses more, never less)',
    source: 'bench-anchors §3.4 kostya/benchmarks (Go ~3.6-4.3 MiB base) and §3.3 hanabi1224 PLB; §7.I',
    factor: 3,
    check: 'low',
  },
  {
    metric: 'rss_peak_mib',
    lang: 'rust',
    low: 1,
    high: 2,
    unit: 'MiB',
    what: 'Rust idle RSS (a server under load uses more, never less)',
    source: 'bench-anchors §3.4 kostya/benchmarks (Rust ~1.9-2.3 MiB base); §7.I',
    factor: 3,
    check: 'low',
  },
  {
    metric: 'p50_ms',
    lang: 'any',
    low: 0.05,
    high: 0.2,
    unit: 'ms',
    what: 'one loopback request/response round trip (gRPC unary ~50-200 µs; HTTP/JSON in the same order)',
    source:
      'bench-anchors §5.2: grpc/grpc PR #8503, grpc/grpc-go#1762 and PR #1952, grpc/grpc-rust#2833; §7.I',
    factor: 10,
    check: 'low',
  },
  {
    metric: 'p99_ms',
    lang: 'any',
    low: 0.1,
    high: 0.2,
    unit: 'ms',
    what: 'loopback round-trip p99 (gRPC unary p99 105-188 µs): a p99 below a tenth of it is not a real request',
    source: 'bench-anchors §5.2: grpc/grpc-go#1762 and PR #1952, grpc/grpc-rust#2833',
    factor: 10,
    check: 'low',
  },
  {
    metric: 'cpu_ratio',
    lang: 'any',
    low: 1.0,
    high: 2.5,
    unit: 'x (Go time / Rust time)',
    what: 'CPU-bound kernels: Go/Rust time ~1.0-2.5x typical, up to 10x on allocation-heavy trees, Go sometimes faster',
    source: 'bench-anchors §3.2-3.4 (CLBG, hanabi1224 PLB, kostya); §7.I',
    factor: 5,
  },
  {
    metric: 'build_binary_mib',
    lang: 'go',
    low: 1.1,
    high: 1.7,
    unit: 'MiB',
    what: 'Go hello-world binary (real services are larger)',
    source: 'bench-anchors §6.1: pablotron/tiny-binaries out/sizes.csv; §7.I',
    factor: 30,
  },
  {
    metric: 'build_binary_mib',
    lang: 'rust',
    low: 0.3,
    high: 1.0,
    unit: 'MiB',
    what: 'Rust hello-world binary (>= 1.77 dynamic ~0.3-0.5 MB, static ~1 MB; async services are larger)',
    source: 'bench-anchors §6.1: rust-lang/cargo PR #13257, pablotron/tiny-binaries; §7.I',
    factor: 30,
  },
  {
    metric: 'build_clean_s',
    lang: 'go',
    low: 1.0,
    high: 1.3,
    unit: 's',
    what: 'Go clean build of a benchmark program (2-core runner)',
    source: 'bench-anchors §6.2: hanabi1224 PLB buildLog.durationMs (2021)',
    factor: 30,
  },
  {
    metric: 'build_clean_s',
    lang: 'rust',
    low: 5,
    high: 55,
    unit: 's',
    what: 'Rust clean build incl. dependencies (5-11 s plain, 55 s hyper/tokio http-server, 2-core runner)',
    source: 'bench-anchors §6.2: hanabi1224 PLB buildLog.durationMs (2021); Kobzol 2025',
    factor: 10,
  },
  {
    metric: 'ffi_empty_ns',
    lang: 'any',
    low: 15,
    high: 60,
    unit: 'ns',
    what: 'one cgo call to an empty C function (~20-40 ns; Go 1.26 ~30% lower)',
    source: 'bench-anchors §5.1: golang/go#9704, #42469, Go 1.26 release notes (CL 646198); §7.H',
    factor: 5,
  },
  {
    metric: 'grpc_p50_us',
    lang: 'any',
    low: 50,
    high: 200,
    unit: 'µs',
    what: 'gRPC unary loopback round trip, p50, one in flight',
    source: 'bench-anchors §5.2: grpc/grpc PR #8503, grpc/grpc-go#1762, PR #1952, grpc/grpc-rust#2833; §7.H',
    factor: 10,
  },
  {
    metric: 'grpc_p99_us',
    lang: 'any',
    low: 105,
    high: 188,
    unit: 'µs',
    what: 'gRPC unary loopback round trip, p99, one in flight',
    source: 'bench-anchors §5.2: grpc/grpc-go#1762 (188 µs), PR #1952 (168 µs), grpc/grpc-rust#2833 (122 µs)',
    factor: 10,
  },
  {
    metric: 'http_p50_us',
    lang: 'any',
    low: 50,
    high: 200,
    unit: 'µs',
    what: 'HTTP/JSON loopback round trip, p50 ("in the same order as gRPC")',
    source: 'bench-anchors §5.2; §7.I',
    factor: 10,
  },
  {
    // gRPC's band: the anchors put the HTTP/JSON round trip "in the same order as gRPC". Until 2026-12-07 the
    // HTTP/JSON p99 had no band, so no figure of it, however far off, was held back from decide.
    metric: 'http_p99_us',
    lang: 'any',
    low: 105,
    high: 188,
    unit: 'µs',
    what: 'HTTP/JSON loopback round trip, p99, one in flight ("in the same order as gRPC")',
    source: 'bench-anchors §5.2 (the gRPC p99 figures); §7.I',
    factor: 10,
  },
];

export type AnchorCheck = { ok: boolean; note: string; anchor: Anchor };

/**
 * Checks a measured value against its published band. `ok: false` means far outside (beyond the anchor's factor):
 * more likely a harness problem (coordinated omission, a debug build, the wrong thread count, a saturated load
 * generator) than a discovery. Null when no published band exists for that metric and language.
 * @example
 * checkAnchors('gc_pause_max_ms', 45, 'go'); // { ok: false, note: '45 ms is far outside ... probable harness problem', ... }
 */
export function checkAnchors(metric: string, value: number, lang: string = 'any'): AnchorCheck | null {
  const anchor =
    ANCHORS.find((a) => a.metric === metric && a.lang === lang) ??
    ANCHORS.find((a) => a.metric === metric && a.lang === 'any');
  if (!anchor || !Number.isFinite(value)) return null;
  const side = anchor.check ?? 'both';
  // A published band as its sources state it; the measured value at the precision a measurement holds.
  const band = `${formatAmount(anchor.low)}-${formatAmount(anchor.high)} ${anchor.unit}`;
  const tooLow = side !== 'high' && value < anchor.low / anchor.factor;
  const tooHigh = side !== 'low' && value > anchor.high * anchor.factor;
  const head = `${formatFigure(value)} ${anchor.unit} vs published ${band} (${anchor.what}; ${anchor.source})`;
  if (tooLow || tooHigh) {
    return {
      ok: false,
      note: `${head}: more than ${anchor.factor}x ${tooLow ? 'below' : 'above'} the band, a probable harness problem rather than a finding`,
      anchor,
    };
  }
  const inside =
    side === 'low'
      ? value >= anchor.low
      : side === 'high'
        ? value <= anchor.high
        : value >= anchor.low && value <= anchor.high;
  const where =
    side === 'low'
      ? 'at or above the published floor'
      : side === 'high'
        ? 'at or below the published ceiling'
        : 'within the band';
  return {
    ok: true,
    note: inside ? `${head}: ${where}` : `${head}: outside the band but within ${anchor.factor}x, plausible`,
    anchor,
  };
}
