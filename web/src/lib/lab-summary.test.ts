/** @module Tests of the Lab view's summary model: boundary costs, CPU kernels, anchor flags and run health. */
import { describe, expect, it } from 'vitest';
import { formatFigure } from '../../../src/core/browser.ts';
import type { LabStep } from './lab-model.ts';
import {
  anchorFlags,
  type BoundarySummary,
  type BuildSummary,
  boundaryRows,
  buildTable,
  type CpuSummary,
  kernelRows,
  openingRate,
  runHealth,
  type WorkloadSummary,
  workloadHeadline,
} from './lab-summary.ts';

const step = (valid: boolean): LabStep => ({
  id: 1,
  seq: 0,
  workload: 'boundary',
  lang: 'go',
  variant: 'go-cgo',
  kind: 'batch',
  rate_rps: null,
  repeat: 0,
  valid,
  reasons: valid ? [] : ['exit code 1'],
  metrics: {},
  run_id: 'r',
  started_at: '2026-01-01T00:00:00.000Z',
  duration_ms: 1000,
  has_histogram: false,
});

const FLAG = {
  metric: 'grpc_p99_us',
  lang: 'go',
  value: 3710,
  ok: false,
  note: '3710 µs vs published 105-188 µs: more than 10x above the band, a probable harness problem rather than a finding',
};

/** The boundary summary of a real quick run on this machine (gorust lab show: grpc p99 flagged). */
const boundary: BoundarySummary = {
  kind: 'boundary',
  name: 'boundary',
  valid: true,
  steps: 6,
  invalid_steps: 0,
  problems: [],
  notes: [],
  go: {},
  rust: {},
  comparisons: [],
  comparison: null,
  anchors: [{ metric: 'ffi_empty_ns', lang: 'go', value: 67, ok: true, note: 'within' }, FLAG],
  detail: {
    figures: {},
    mechanisms: {
      ffi_empty_ns: 67,
      ffi_1k_ns: 78.7,
      grpc_p50_us: 136,
      grpc_p99_us: 3710,
      http_p50_us: 93.1,
      http_p99_us: 5166,
    },
  },
};

describe('boundaryRows', () => {
  it('lists the six boundary costs with units, and marks the flagged one', () => {
    const rows = boundaryRows(boundary);
    expect(rows.map((r) => [r.metric, r.value, r.unit])).toEqual([
      ['ffi_empty_ns', 67, 'ns'],
      ['ffi_1k_ns', 78.7, 'ns'],
      ['grpc_p50_us', 136, 'µs'],
      ['grpc_p99_us', 3710, 'µs'],
      ['http_p50_us', 93.1, 'µs'],
      ['http_p99_us', 5166, 'µs'],
    ]);
    expect(rows.filter((r) => r.flag !== null).map((r) => r.metric)).toEqual(['grpc_p99_us']);
  });

  it('shows a cost the run did not measure as missing, not as zero', () => {
    const rows = boundaryRows({ ...boundary, detail: { figures: {}, mechanisms: { ffi_empty_ns: 40 } } });
    expect(rows.find((r) => r.metric === 'http_p99_us')?.value).toBeNull();
  });
});

describe('kernelRows', () => {
  it('reads the kernels the summary compared, with checksum and anchor state', () => {
    const cpu: CpuSummary = {
      ...boundary,
      kind: 'cpu',
      name: 'cpu',
      anchors: [{ ...FLAG, metric: 'n-body Go/Rust time', value: 9 }],
      detail: {
        kernels: [
          {
            kernel: 'n-body',
            go_s: 1.8,
            rust_s: 0.2,
            ratio: 9,
            p: 0.1,
            better: '~',
            checksums_match: true,
          },
          { kernel: 'json', go_s: 1, rust_s: 1.1, ratio: 0.91, p: null, better: '~', checksums_match: false },
        ],
      },
    };
    const rows = kernelRows(cpu);
    expect(rows.map((r) => [r.kernel, r.go, r.rust, r.checksumsMatch, r.flag !== null])).toEqual([
      ['n-body', 1.8, 0.2, true, true],
      ['json', 1, 1.1, false, false],
    ]);
  });
});

describe('runHealth and anchorFlags', () => {
  it('does not call a run all valid when an anchor flagged a figure', () => {
    const run = { steps: [step(true)], summary: [boundary] };
    expect(anchorFlags(run)).toEqual([{ ...FLAG, workload: 'boundary' }]);
    expect(runHealth(run)).toEqual({ status: 'flagged', invalidSteps: 0, invalidWorkloads: [], flags: 1 });
  });

  it('is valid only with valid steps, valid workloads and no flag; invalid wins over flagged', () => {
    const clean = { ...boundary, anchors: [] };
    expect(runHealth({ steps: [step(true)], summary: [clean] }).status).toBe('valid');
    expect(runHealth({ steps: [step(false)], summary: [boundary] }).status).toBe('invalid');
    // A failed cross-compilation is the build's finding, not an invalid step (the header said "4 invalid" beside a
    // build workload that counted none).
    expect(
      runHealth({ steps: [step(true), { ...step(false), kind: 'cross' }], summary: [clean] }),
    ).toMatchObject({
      status: 'valid',
      invalidSteps: 0,
    });
    expect(runHealth({ steps: [step(true)], summary: [{ ...clean, valid: false }] })).toMatchObject({
      status: 'invalid',
      invalidWorkloads: ['boundary'],
    });
  });
});

/** An http-json summary as the server sends it, with its headline comparison. */
function latency(comparison: WorkloadSummary['comparison'], compareRate: number | null): WorkloadSummary {
  return {
    ...boundary,
    kind: 'latency',
    name: 'http-json',
    anchors: [],
    comparison,
    detail: { slo_p99_ms: 50, compare_rate_rps: compareRate, ladder: [], rate_steps: [], gc_timelines: [] },
  };
}

const COMPARISON = {
  metric: 'p99_ms',
  rate_rps: 5900,
  go: 2.04,
  rust: 1.36,
  ratio: 1.5,
  ratio_ci: { low: 1.31, high: 1.72 },
  p_value: 0.0022,
  significant: true,
  winner: 'rust' as const,
  n_go: 6,
  n_rust: 6,
  reason: null,
};

describe('workloadHeadline', () => {
  it('names the significant winner with its interval and p-value, as the server compared them', () => {
    const headline = workloadHeadline(latency(COMPARISON, 5900));
    expect(headline).toEqual({
      winner: 'rust',
      title: 'Rust wins: lower latency at 5,900 req/s',
      detail:
        'p99: Go 2.04 ms, Rust 1.36 ms, Go/Rust 1.50x (95% interval 1.31-1.72), p = 0.0022, at 5,900 req/s',
      why: null,
    });
  });

  it('writes each figure as the tables below it do (one formatter): 5.10 ms, never 5.1 ms beside a 5.10 ms', () => {
    const headline = workloadHeadline(latency({ ...COMPARISON, go: 5.1, rust: 2.55, ratio: 2 }, 5900));
    expect(headline?.detail).toMatch(/^p99: Go 5\.10 ms, Rust 2\.55 ms, Go\/Rust 2\.00x /);
    // The rate-steps table and `gorust lab show` print measured figures with formatFigure.
    expect(`${formatFigure(5.1)} ms`).toBe('5.10 ms');
  });

  it('says "no significant difference" and why, for a quick run', () => {
    const reason =
      'quick run: indicative only, 2 and 2 repeats cannot show significance (the smallest possible p is 0.33)';
    const headline = workloadHeadline(
      latency({ ...COMPARISON, significant: false, winner: null, p_value: 1 / 3, reason }, 5900),
    );
    expect(headline?.winner).toBeNull();
    expect(headline?.title).toBe('No significant difference');
    const none = workloadHeadline(latency({ ...COMPARISON, go: null, ratio: null, ratio_ci: null }, 5900));
    expect(none?.detail).toMatch(/^p99: Go –, Rust 1\.36 ms,/);
    expect(headline?.why).toBe(reason);
    expect(workloadHeadline(boundary)).toBeNull();
  });
});

describe('openingRate', () => {
  it('opens on the rate the server compared at, else on the highest rate with a valid step', () => {
    expect(openingRate(latency(COMPARISON, 500), [100, 500, 900], () => false)).toBe(500);
    expect(openingRate(latency(COMPARISON, null), [100, 500, 900], (r) => r < 900)).toBe(500);
    expect(openingRate(undefined, [100, 500, 900], () => false)).toBe(500);
    expect(openingRate(undefined, [100, 500, 900, 1200], (r) => r === 100)).toBe(100);
  });
});

describe('buildTable', () => {
  it('shows the medians the server summarised, in a fixed order, and leaves out figures neither language has', () => {
    const build: BuildSummary = {
      kind: 'build',
      name: 'build',
      valid: true,
      steps: 9,
      invalid_steps: 1,
      problems: ['go: exit 1'],
      notes: [],
      // A quick run times no clean build: clean_s is absent, not null.
      go: { noop_s: 0.09, incremental_s: 0.46, binary_mib: 8.6, stripped_mib: 5.9 },
      rust: { noop_s: 0.07, incremental_s: 4.34, binary_mib: 2.9, stripped_mib: null },
      comparisons: [],
      comparison: null,
      anchors: [],
      detail: { cross: [] },
    };
    expect(buildTable(build)).toEqual([
      { action: 'incremental build', go: 0.46, rust: 4.34, unit: 's' },
      { action: 'noop build', go: 0.09, rust: 0.07, unit: 's' },
      { action: 'binary size', go: 8.6, rust: 2.9, unit: 'MiB' },
      { action: 'binary size, stripped', go: 5.9, rust: null, unit: 'MiB' },
    ]);
  });
});
