/** @module Tests of run summaries, reports and decision evidence on a synthetic stored run (no process is started). */
import { describe, expect, it } from 'vitest';
import type { NewStep, StoredRun, StoredStep } from '../../store/lab-runs.ts';
import { labEvidenceFromRun } from './evidence.ts';
import { renderComparison, renderRun, reportJson, runToJson } from './report.ts';
import { boundaryFigures, summarizeRun } from './summary.ts';
import { runSummarySchema } from './summary-types.ts';

let seq = 0;
function step(partial: Partial<NewStep> & Pick<NewStep, 'workload' | 'lang'>): StoredStep {
  seq += 1;
  return {
    variant: '',
    kind: 'rate',
    repeat: 0,
    valid: true,
    reasons: [],
    metrics: {},
    started_at: '2026-01-01T00:00:00.000Z',
    duration_ms: 3000,
    ...partial,
    id: seq,
    run_id: 'r',
    seq,
    rate_rps: partial.rate_rps ?? null,
    histogram: null,
  };
}

/** A latency step whose p99 grows with the rate; Go's is twice Rust's, and Go cannot sustain the top rate. */
function latencyStep(lang: 'go' | 'rust', rate: number, repeat: number): StoredStep {
  const p99 = (lang === 'go' ? 2 : 1) * (rate / 100) * (1 + repeat * 0.01);
  const overloaded = lang === 'go' && rate >= 900;
  return step({
    workload: 'http-json',
    lang,
    rate_rps: rate,
    repeat,
    valid: !overloaded,
    reasons: overloaded ? ['achieved 800 req/s is 88.9% of the 900 req/s target (needs >= 99.0%)'] : [],
    metrics: {
      target_rps: rate,
      achieved_rps: overloaded ? 800 : rate,
      requests: rate * 3,
      errors: 0,
      p50_ms: p99 / 4,
      p90_ms: p99 / 2,
      p99_ms: p99,
      p999_ms: p99 * 2,
      max_ms: p99 * 3,
      rss_peak_mib: lang === 'go' ? 12 : 4,
      cpu_s_per_1k: lang === 'go' ? 0.08 : 0.05,
      ...(lang === 'go' ? { gc_pause_total_ms: 0.5, gc_pause_max_ms: 0.2, gc_cycles: 3 } : {}),
    },
  });
}

function fixtureRun(): StoredRun {
  const steps: StoredStep[] = [];
  for (const lang of ['go', 'rust'] as const) {
    steps.push(
      step({
        workload: 'http-json',
        lang,
        kind: 'capacity',
        metrics: { capacity_rps: lang === 'go' ? 850 : 1000 },
      }),
    );
  }
  for (let repeat = 0; repeat < 5; repeat++) {
    for (const rate of [100, 500, 900])
      for (const lang of ['go', 'rust'] as const) steps.push(latencyStep(lang, rate, repeat));
  }
  for (let repeat = 0; repeat < 3; repeat++) {
    steps.push(
      step({
        workload: 'boundary',
        lang: 'go',
        kind: 'batch',
        variant: 'ffi',
        repeat,
        metrics: { go_empty_ns: 1, ffi_empty_ns: 30 + repeat, ffi_1k_ns: 90 },
      }),
      step({
        workload: 'boundary',
        lang: 'go->rust',
        kind: 'batch',
        variant: 'grpc-client',
        repeat,
        metrics: { p50_us: 80, p99_us: 150 },
      }),
    );
  }
  steps.push(
    step({
      workload: 'boundary',
      lang: 'go',
      kind: 'batch',
      variant: 'ffi',
      valid: false,
      reasons: ['exit code 1'],
    }),
  );
  for (const lang of ['go', 'rust'] as const) {
    steps.push(
      step({
        workload: 'build',
        lang,
        kind: 'build',
        variant: 'incremental',
        metrics: { seconds: lang === 'go' ? 0.4 : 3 },
      }),
      step({ workload: 'build', lang, kind: 'build', variant: 'noop', metrics: { seconds: 0.1 } }),
      step({
        workload: 'build',
        lang,
        kind: 'size',
        variant: 'size',
        metrics: { binary_mib: lang === 'go' ? 8 : 3, stripped_mib: 5 },
      }),
      step({
        workload: 'build',
        lang,
        kind: 'cross',
        variant: 'linux/arm64',
        valid: lang === 'go',
        reasons: lang === 'go' ? [] : ["error[E0463]: can't find crate for `core`"],
        metrics: { seconds: 4 },
      }),
    );
  }
  return {
    id: 'r',
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: '2026-01-01T00:03:00.000Z',
    status: 'completed',
    mode: 'standard',
    workloads: ['http-json', 'boundary', 'build'],
    environment: { cpu_model: 'Test CPU', cores: 2, go_version: 'go1.26', plan: { sloP99Ms: 12, seed: 1 } },
    pid: null,
    note: null,
    steps,
  };
}

describe('summarizeRun', () => {
  it('gives summaries its schema describes whole, one per kind of workload', () => {
    const summary = summarizeRun(fixtureRun());
    const parsed = runSummarySchema.safeParse(summary);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // zod drops keys a schema does not name: equality means no field is left undescribed.
    expect(parsed.data).toEqual(summary);
    expect(summary.workloads.map((w) => w.kind)).toEqual(['latency', 'boundary', 'build']);
  });

  it('compares http-json at the highest rate both languages sustained, with medians of valid steps only', () => {
    const http = summarizeRun(fixtureRun()).workloads[0];
    expect(http?.valid).toBe(true);
    expect(http?.kind).toBe('latency');
    if (http?.kind !== 'latency') return;
    expect(http.detail.compare_rate_rps).toBe(500);
    expect(http?.go.p99_ms).toBeCloseTo(10.2, 5);
    expect(http?.rust.p99_ms).toBeCloseTo(5.1, 5);
    expect(http?.go.p99_ci_low_ms).toBeLessThanOrEqual(http?.go.p99_ms ?? 0);
    // SLO 12 ms: Go meets it up to 500 req/s; Rust's 900 req/s steps (p99 ~9 ms) meet it too.
    expect(http?.go.max_rps_within_slo).toBe(500);
    expect(http?.rust.max_rps_within_slo).toBe(900);
    expect(http?.invalid_steps).toBe(5);
    expect(http?.problems[0]).toMatch(/88.9%/);
    // Five repeats each: Mann-Whitney can reach p < 0.05 (three cannot: its smallest two-sided p is 0.1).
    const p99 = http?.comparisons.find((c) => c.metric === 'p99_ms');
    expect(p99?.better).toBe('rust');
  });

  it('compares at the highest rate where most repeats of both languages were valid', () => {
    const run = fixtureRun();
    // At 500 req/s only one of Rust's five repeats stays valid: too few to compare on, so 100 req/s is the valid rate.
    for (const s of run.steps)
      if (s.workload === 'http-json' && s.lang === 'rust' && s.rate_rps === 500 && s.repeat > 0)
        s.valid = false;
    const http = summarizeRun(run).workloads[0];
    expect(http?.kind === 'latency' && http.detail.compare_rate_rps).toBe(100);
    expect(http?.comparison).toMatchObject({ rate_rps: 100, n_go: 5, n_rust: 5, winner: 'rust' });
  });

  it('judges the headline against a profile SLO when given one', () => {
    const http = summarizeRun(fixtureRun(), { sloP99Ms: 3 }).workloads[0];
    expect(http?.go.max_rps_within_slo).toBe(100);
    expect(http?.rust.max_rps_within_slo).toBe(100);
  });

  it('finds the boundary figures by name and ignores invalid steps', () => {
    const boundary = summarizeRun(fixtureRun()).workloads[1];
    expect(boundary?.valid).toBe(true);
    expect(boundary?.kind === 'boundary' && boundary.detail.mechanisms).toEqual({
      ffi_empty_ns: 31,
      ffi_1k_ns: 90,
      grpc_p50_us: 80,
      grpc_p99_us: 150,
      http_p50_us: undefined,
      http_p99_us: undefined,
    });
    expect(boundaryFigures({ 'http-client.p99_ms': 0.2 }).http_p99_us).toBeCloseTo(200);
  });

  it('keeps cross-compilation failures as findings with their reason', () => {
    const build = summarizeRun(fixtureRun()).workloads[2];
    expect(build?.valid).toBe(true);
    expect(build?.invalid_steps).toBe(0);
    expect(build?.kind === 'build' && build.detail.cross).toEqual([
      {
        target: 'linux/arm64',
        go: { ok: true, seconds: 4 },
        rust: { ok: false, reason: "error[E0463]: can't find crate for `core`" },
      },
    ]);
  });
});

describe('reports', () => {
  it("renders run JSON without figures that were not measured (no null, no NaN for a quick run's clean build)", () => {
    const text = renderRun(fixtureRun(), 'json');
    const build = (
      JSON.parse(text) as { workloads: { name: string; go: Record<string, unknown> }[] }
    ).workloads.find((w) => w.name === 'build');
    expect(build?.go).toEqual(expect.objectContaining({ incremental_s: 0.4, binary_mib: 8 }));
    expect(build?.go).not.toHaveProperty('clean_s');
    expect(text).not.toContain('NaN');
  });

  it('renders JSON with id, environment and per-language figures under the agreed names', () => {
    const json = runToJson(fixtureRun()) as {
      id: string;
      environment: unknown;
      workloads: { name: string; valid: boolean; go: Record<string, number>; rust: Record<string, number> }[];
    };
    expect(json.id).toBe('r');
    expect(json.environment).toMatchObject({ cpu_model: 'Test CPU' });
    const http = json.workloads.find((w) => w.name === 'http-json');
    for (const key of [
      'p50_ms',
      'p99_ms',
      'p999_ms',
      'max_ms',
      'achieved_rps',
      'rss_peak_mib',
      'cpu_s_per_1k',
    ]) {
      expect(http?.go[key]).toBeTypeOf('number');
      expect(http?.rust[key]).toBeTypeOf('number');
    }
    expect(JSON.parse(renderRun(fixtureRun(), 'json'))).toEqual(JSON.parse(JSON.stringify(json, reportJson)));
  });

  it('renders text and Markdown naming validity, the compared rate and invalid steps', () => {
    const text = renderRun(fixtureRun(), 'text');
    expect(text).toContain('http-json: valid');
    expect(text).toContain('compared at 500 req/s');
    expect(text).toContain('invalid: go: achieved 800 req/s');
    expect(text).toContain('Test CPU, 2 cores, go1.26');
    expect(renderRun(fixtureRun(), 'md')).toContain('| figure | go | rust | go/rust | Mann-Whitney |');
  });

  it('shows the requests that failed, valid steps included, and a program that mostly fails as broken', () => {
    const run = fixtureRun();
    const failing = run.steps.map((s) =>
      s.workload === 'http-json' && s.kind === 'rate'
        ? { ...s, metrics: { ...s.metrics, errors: s.lang === 'go' ? Number(s.metrics.requests) : 3 } }
        : s,
    );
    const summary = summarizeRun({ ...run, steps: failing });
    const notes = summary.workloads.find((w) => w.name === 'http-json')?.notes ?? [];
    expect(notes[0]).toMatch(
      /^go: [\d,]+ of [\d,]+ requests failed \(100%; error statuses, dropped connections or timeouts\): the program failed, it was not slow/,
    );
    expect(notes[1]).toMatch(
      /^rust: \d+ of [\d,]+ requests failed \(0\.\d+%; .*\), counted at the timeout value/,
    );
    expect(renderRun({ ...run, steps: failing }, 'text')).toContain('note: go: ');
    // A step where the server died leads the list of problems.
    const last = failing.findLastIndex((s) => s.workload === 'http-json' && s.kind === 'rate');
    const died = failing.map((s, i) =>
      i === last ? { ...s, valid: false, reasons: ['the server exited during the step'] } : s,
    );
    expect(
      summarizeRun({ ...run, steps: died }).workloads.find((w) => w.name === 'http-json')?.problems[0],
    ).toMatch(/the server exited/);
  });

  it('gives no go/rust ratio for a workload without a valid comparison (QA: a capacity ratio of two invalid probes)', () => {
    const run = fixtureRun();
    // Every rate step invalid: no comparison, and the capacity probes alone remain.
    run.steps = run.steps.map((s) =>
      s.workload === 'http-json' && s.kind === 'rate'
        ? { ...s, valid: false, reasons: ['the generator lagged'] }
        : s,
    );
    const text = renderRun(run, 'text');
    expect(text).toContain('http-json: NOT VALID');
    expect(text).toMatch(/^ {2}capacity_rps +850 +1,000 *$/m);
    expect(renderRun(fixtureRun(), 'text')).toMatch(/^ {2}capacity_rps +850 +1,000 +0\.85x/m);
    // In Markdown every invalid step's reason is a list item of its own, none cut (one paragraph until 2026-12-07).
    const md = renderRun(run, 'md');
    expect(md).toMatch(/^- invalid: .*the generator lagged/m);
    expect(md).not.toMatch(/^ {2}invalid: /m);
    expect(text).toMatch(/^ {2}invalid: .*the generator lagged/m);
  });

  it("shows no capacity from an invalid probe, and says why, with 'at least' where the generator was the limit", () => {
    const run = fixtureRun();
    run.steps = run.steps.map((s) =>
      s.workload === 'http-json' && s.kind === 'capacity' && s.lang === 'rust'
        ? {
            ...s,
            valid: false,
            reasons: ['the load generator used more than 50.0% of its CPU (0.95 cores used of 1)'],
            detail: { capacity_at_least: true },
          }
        : s,
    );
    const summary = summarizeRun(run).workloads.find((w) => w.name === 'http-json');
    // Until 2026-12-07 the probe's 1,000 req/s was shown, and compared between runs, as a plain figure.
    expect(summary?.rust.capacity_rps).toBeUndefined();
    expect(summary?.go.capacity_rps).toBe(850);
    expect(summary?.notes).toContain(
      'Rust capacity not shown: its probe was invalid (at least 1,000 req/s, the load generator was the limit; the load generator used more than 50.0% of its CPU (0.95 cores used of 1))',
    );
    expect(renderRun(run, 'text')).toContain('Rust capacity not shown');
  });

  it('names the generator hosts and the address the servers bound when the load came from other hosts', () => {
    const run = fixtureRun();
    run.environment = {
      ...run.environment,
      server_cpus: '1',
      loadgen_cpus: '0',
      loadgen_hosts: [{ url: 'ssh://gen1', hostname: 'gen1', same_machine: false }],
      server_addr: '10.0.0.1',
    };
    expect(renderRun(run, 'text')).toContain(
      'load generators on other hosts: ssh://gen1 (gen1); servers bound to 10.0.0.1',
    );
    run.environment = { ...run.environment, server_host: { url: 'ssh://srv1', hostname: 'srv1' } };
    expect(renderRun(run, 'text')).toContain(
      'servers under test on another host: ssh://srv1 (srv1), bound to 10.0.0.1',
    );
    expect(renderRun(fixtureRun(), 'text')).not.toContain('other hosts');
  });

  it('compares two runs figure by figure', () => {
    const a = fixtureRun();
    const b = { ...fixtureRun(), id: 'b' };
    const text = renderComparison(a, b, 'text');
    expect(text).toContain('lab runs r -> b');
    expect(text).toMatch(/http-json\s+go\s+p99_ms\s+10\.2\s+10\.2\s+\+0\.0%/);
    // The boundary's mechanism costs, which until 2026-12-07 left two boundary runs with "no figure in common".
    expect(text).toMatch(/boundary\s+go\+rust\s+ffi_empty_ns\s+31\.0\s+31\.0\s+\+0\.0%/);
    expect(text).toMatch(/boundary\s+go\+rust\s+grpc_p99_us\s+150\s+150/);
    // A run whose workload has no valid comparison is named beside its figures (QA: "-66.4%" from invalid runs).
    const invalid = {
      ...fixtureRun(),
      id: 'c',
      steps: fixtureRun().steps.map((s) =>
        s.workload === 'http-json' && s.kind === 'rate' ? { ...s, valid: false, reasons: ['lag'] } : s,
      ),
    };
    expect(renderComparison(a, invalid, 'text')).toMatch(/http-json \(not valid in B\)\s+go\s+capacity_rps/);
    expect(text).not.toContain('not valid');
  });
});

describe('labEvidenceFromRun', () => {
  it('hands the engine the measured figures of valid workloads', () => {
    const evidence = labEvidenceFromRun(fixtureRun());
    expect(evidence.run_id).toBe('r');
    expect(evidence.environment).toBe('Test CPU, 2 cores, go1.26');
    // A run still going, or one that stopped early, says so beside its figures in every report.
    expect(labEvidenceFromRun({ ...fixtureRun(), status: 'running' }).environment).toBe(
      'Test CPU, 2 cores, go1.26; the run was still in progress: its figures so far',
    );
    expect(labEvidenceFromRun({ ...fixtureRun(), status: 'interrupted' }).environment).toContain(
      'the run was interrupted before its end',
    );
    expect(evidence.http_json?.go.max_rps_within_slo).toBe(500);
    expect(evidence.http_json?.rust.rss_peak_mib).toBe(4);
    expect(evidence.boundary).toEqual({ ffi_empty_ns: 31, ffi_1k_ns: 90, grpc_p50_us: 80, grpc_p99_us: 150 });
    expect(evidence.build?.go.incremental_s).toBe(0.4);
    // Quick runs time no clean build: the figure is absent (never NaN, which JSON would turn into null).
    expect(evidence.build?.go).not.toHaveProperty('clean_s');
    expect(JSON.stringify(evidence)).not.toMatch(/null|NaN/);
    expect(evidence.build?.cross[0]?.rust.ok).toBe(false);
    expect(evidence.gc_cache).toBeUndefined();
    // The one invalid boundary step is left out, and the user is told.
    expect(evidence.excluded).toEqual([
      {
        figure: 'http-json: 5 of 32 steps',
        reason: expect.stringMatching(/^invalid steps, left out: go: achieved 800/),
      },
      { figure: 'boundary: 1 of 7 steps', reason: 'invalid steps, left out: go: exit code 1' },
    ]);
  });

  it('leaves out a figure its anchor check flags as a probable harness problem, keeping the prior in its place', () => {
    const run = fixtureRun();
    // The quick run that changed a decision: gRPC p99 3,710 µs, more than 10x above the published 105-188 µs.
    for (const s of run.steps) if (s.variant === 'grpc-client') s.metrics = { p50_us: 80, p99_us: 3710 };
    const evidence = labEvidenceFromRun(run);
    expect(evidence.boundary).toEqual({ ffi_empty_ns: 31, ffi_1k_ns: 90, grpc_p50_us: 80 });
    expect(evidence.excluded).toContainEqual({
      figure: 'boundary grpc_p99_us',
      reason: expect.stringMatching(/^3,710 µs vs published 105-188 µs .*probable harness problem/),
    });
    // The report flags the same figure.
    const anchors = summarizeRun(run).workloads.find((w) => w.name === 'boundary')?.anchors ?? [];
    expect(anchors.find((a) => a.metric === 'grpc_p99_us')?.ok).toBe(false);
  });

  it('leaves out flagged latency, build and cpu figures, and names workloads with no valid step', () => {
    const run = fixtureRun();
    for (const s of run.steps) {
      // A Rust p99 of 1 µs is not a real loopback request; a 900 MiB Go binary is not a release build.
      if (s.workload === 'http-json' && s.lang === 'rust' && s.kind === 'rate') s.metrics.p99_ms = 0.001;
      if (s.workload === 'build' && s.lang === 'go' && s.kind === 'size') s.metrics.binary_mib = 900;
    }
    run.workloads.push('cpu');
    run.steps.push(
      step({
        workload: 'cpu',
        lang: 'go',
        kind: 'batch',
        variant: 'nbody',
        valid: false,
        reasons: ['exit code 2'],
      }),
    );
    const evidence = labEvidenceFromRun(run);
    expect(evidence.http_json).toBeUndefined();
    expect(evidence.build).toBeUndefined();
    expect(evidence.cpu).toBeUndefined();
    const figures = (evidence.excluded ?? []).map((e) => e.figure);
    expect(figures).toEqual(expect.arrayContaining(['http-json rust latency', 'build go binary_mib', 'cpu']));
    expect(evidence.excluded?.find((e) => e.figure === 'cpu')?.reason).toBe(
      'no valid figures: go: exit code 2',
    );
  });
});

describe('the significance gate in the evidence', () => {
  it('gives the engine nothing from a quick run: every figure stays beside its prior, with the measured comparison', () => {
    const run = { ...fixtureRun(), mode: 'quick' as const };
    const evidence = labEvidenceFromRun(run);
    expect(evidence.http_json).toBeUndefined();
    expect(evidence.boundary).toBeUndefined();
    expect(evidence.build).toBeUndefined();
    expect(evidence.excluded?.map((e) => e.figure)).toEqual(['http-json', 'boundary', 'build']);
    expect(evidence.excluded?.[0]?.reason).toMatch(
      /^Go p99 10\.2 ms vs Rust 5\.10 ms at 500 req\/s, ratio 2\.00 \(95% CI .*\), p = .*: quick run: indicative only, it cannot show significance; the prior is kept$/,
    );
    // The decision shows the comparison beside each prior it would have fed.
    expect(evidence.not_significant?.[0]).toEqual({
      criteria: ['latency_predictability', 'runtime_performance', 'memory_efficiency'],
      text: `http-json ${evidence.excluded?.[0]?.reason}`,
    });
    const summary = summarizeRun(run);
    expect(summary.indicative).toBe(true);
    expect(summary.workloads[0]?.comparison?.winner).toBeNull();
    expect(renderRun(run, 'text')).toContain('mode: quick (indicative only');
  });

  it('keeps the prior when the headline p99 difference is not significant, and says so beside it', () => {
    const run = fixtureRun();
    // Rust's p99 at 500 req/s overlaps Go's: repeats alternate far above and below.
    for (const s of run.steps)
      if (s.workload === 'http-json' && s.lang === 'rust' && s.rate_rps === 500)
        s.metrics.p99_ms = s.repeat % 2 === 0 ? 20 : 1;
    const summary = summarizeRun(run).workloads[0];
    expect(summary?.comparison).toMatchObject({
      metric: 'p99_ms',
      rate_rps: 500,
      significant: false,
      winner: null,
    });
    const evidence = labEvidenceFromRun(run);
    expect(evidence.http_json).toBeUndefined();
    expect(evidence.excluded).toContainEqual({
      figure: 'http-json',
      reason: expect.stringMatching(
        /^Go p99 10\.2 ms vs Rust 20\.0 ms at 500 req\/s.*no significant difference \(p = .*the prior is kept$/,
      ),
    });
    expect(renderRun(run, 'text')).toContain('no significant difference: Go p99 10.2 ms vs Rust 20.0 ms');
    expect(evidence.not_significant).toContainEqual({
      criteria: ['latency_predictability', 'runtime_performance', 'memory_efficiency'],
      text: expect.stringMatching(/^http-json Go p99 10\.2 ms vs Rust 20\.0 ms.*the prior is kept$/),
    });
  });

  it('carries the comparison object in the JSON and names the significant winner in the text', () => {
    const json = runToJson(fixtureRun()) as { workloads: { name: string; comparison: unknown }[] };
    expect(json.workloads[0]?.comparison).toMatchObject({
      metric: 'p99_ms',
      rate_rps: 500,
      go: expect.closeTo(10.2, 5),
      rust: expect.closeTo(5.1, 5),
      ratio: expect.closeTo(2, 5),
      ratio_ci: { low: expect.any(Number), high: expect.any(Number) },
      p_value: expect.closeTo(2 / 252, 5),
      significant: true,
      winner: 'rust',
    });
    expect(renderRun(fixtureRun(), 'text')).toMatch(
      /Rust wins: Go p99 10\.2 ms vs Rust 5\.10 ms at 500 req\/s, ratio 2\.00 \(95% CI/,
    );
  });
});

describe("a team's own pair (lab run --workload)", () => {
  /** The fixture's http-json steps as a team service's, with the workload file recorded in the environment. */
  function serviceRun(): StoredRun {
    const run = fixtureRun();
    const steps = run.steps
      .filter((s) => s.workload === 'http-json')
      .map((s) => ({ ...s, workload: 'sum-service' }));
    return {
      ...run,
      workloads: ['sum-service'],
      steps,
      environment: {
        ...run.environment,
        service: { name: 'sum-service', file: '/srv/pair.yaml', sha256: 'ab'.repeat(32) },
      },
    };
  }

  it('summarises it as a latency workload naming the file and its hash', () => {
    const summary = summarizeRun(serviceRun()).workloads[0];
    expect(summary?.kind).toBe('latency');
    expect(summary?.kind === 'latency' && summary.detail.service).toEqual({
      file: '/srv/pair.yaml',
      sha256: 'ab'.repeat(32),
    });
    expect(summary?.comparison).toMatchObject({ significant: true, winner: 'rust' });
    expect(renderRun(serviceRun(), 'text')).toContain(
      `workload file /srv/pair.yaml (sha256 ${'ab'.repeat(8)})`,
    );
  });

  it("feeds decide --lab where http-json's figures go, under the service's name", async () => {
    const evidence = labEvidenceFromRun(serviceRun());
    expect(evidence.http_json?.go.p99_ms).toBeCloseTo(10.2, 5);
    expect(evidence.service).toEqual({ name: 'sum-service', sha256: 'ab'.repeat(32) });
    const { decide } = await import('../../core/index.ts');
    const { readKnowledgeBase } = await import('../../io/kb-files.ts');
    const { readProfileFile } = await import('../../io/profile-file.ts');
    const profile = await readProfileFile(
      new URL('../../../examples/service-mesh.yaml', import.meta.url).pathname,
    );
    const decision = decide(profile, readKnowledgeBase(), { seed: 1, samples: 200, lab: evidence });
    const measured = decision.criteria.flatMap((c) => (c.measured ? [c.measured] : []));
    expect(measured.some((m) => m.includes('sum-service p99.9 Go 20.4 ms vs Rust 10.2 ms'))).toBe(true);
  });

  it('judges a pair with one program against the SLO alone, and keeps the priors', () => {
    const run = serviceRun();
    run.steps = run.steps.filter((s) => s.lang === 'rust');
    const summary = summarizeRun(run).workloads[0];
    expect(summary?.valid).toBe(true);
    expect(summary?.rust.max_rps_within_slo).toBe(900);
    expect(summary?.go).toEqual({});
    expect(summary?.comparison).toMatchObject({ winner: null, reason: 'no valid p99_ms for Go' });
    expect(labEvidenceFromRun(run).http_json).toBeUndefined();
  });
});

describe('labRunView', () => {
  it('gives the HTML report the compared percentiles and the notes', async () => {
    const { labRunView } = await import('./report.ts');
    const view = labRunView(fixtureRun());
    expect(view.id).toBe('r');
    expect(view.percentiles?.[0]?.series.map((s) => s.name)).toEqual(['go', 'rust']);
    expect(view.percentiles?.[0]?.series[0]?.points.find((p) => p.p === 0.99)?.ms).toBeCloseTo(10.2, 5);
    expect(view.notes?.some((n) => n.includes('88.9%'))).toBe(true);
  });
});

describe('the rate steps and GC timelines the Lab view draws', () => {
  /** gc-cache steps at one rate: GOGC=100 with per-cycle GC data, GOGC=off with counts only, Rust invalid. */
  function gcRun(): StoredRun {
    const gc = (variant: string, lang: 'go' | 'rust', repeat: number, extra: Partial<NewStep> = {}) =>
      step({
        workload: 'gc-cache',
        lang,
        variant,
        rate_rps: 2000,
        repeat,
        metrics: {
          achieved_rps: 2000,
          p50_ms: 1 + repeat,
          p90_ms: 2 + repeat,
          p99_ms: 4 + repeat,
          p999_ms: 8 + repeat,
          max_ms: 16 + repeat,
          ...(lang === 'go' ? { gc_pause_max_ms: 0.1 * (repeat + 1) } : {}),
        },
        ...extra,
      });
    const timeline = [
      { t_s: 0, p99_ms: 3, max_ms: 5 },
      { t_s: 1, p99_ms: 'damaged', max_ms: 5 },
      { t_s: 2, p99_ms: 4, max_ms: 9 },
    ];
    const steps = [
      gc('gogc-100', 'go', 0, {
        detail: {
          timeline,
          gc_cycles: [{ n: 1, at_s: 0.5, stw_sweep_ms: 0.02, stw_mark_ms: 0.05, pause_ms: 0.07 }, { n: 2 }],
        },
      }),
      gc('gogc-100', 'go', 1),
      gc('gogc-100', 'go', 2, { valid: false, reasons: ['other processes used 40% of a core'] }),
      gc('gogc-off', 'go', 0, { detail: { timeline, gc_cycles: 0 } }),
      gc('rust', 'rust', 0, { valid: false, reasons: ['load generator saturated'] }),
    ];
    return { ...fixtureRun(), workloads: ['gc-cache'], steps };
  }

  it('merges repeats into one row per variant and rate: medians of the valid repeats, p90, max and GC pause included', () => {
    const summary = summarizeRun(gcRun()).workloads[0];
    expect(summary?.kind).toBe('gc-cache');
    if (summary?.kind !== 'gc-cache') return;
    const rows = summary.detail.rate_steps;
    expect(rows.map((r) => r.variant)).toEqual(['gogc-100', 'gogc-off', 'rust']);
    const gogc = rows[0];
    // Repeats 0 and 1 are valid: medians over them (repeat 2, invalid, is left out of the figures).
    expect(gogc).toMatchObject({ valid: true, repeats: 3, valid_repeats: 2, p90_ms: 2.5, max_ms: 16.5 });
    expect(gogc?.gc_pause_max_ms).toBeCloseTo(0.15, 10);
    expect(gogc?.reasons).toEqual(['other processes used 40% of a core']);
    // No valid repeat: the row says so, keeps its reason, and has the invalid repeat's figures; Rust has no GC.
    expect(rows[2]).toMatchObject({ valid: false, valid_repeats: 0, p99_ms: 4, gc_pause_max_ms: null });
    expect(rows[2]?.reasons).toEqual(['load generator saturated']);
  });

  it("keeps Go steps' timelines and GC cycles, dropping damaged points, and says when only a count was kept", async () => {
    const summary = summarizeRun(gcRun()).workloads[0];
    if (summary?.kind !== 'gc-cache') throw new Error('not a gc-cache summary');
    const [withCycles, countOnly, ...rest] = summary.detail.gc_timelines;
    expect(rest).toEqual([]);
    expect(withCycles?.variant).toBe('gogc-100');
    expect(withCycles?.latency).toEqual([
      { t_s: 0, p99_ms: 3, max_ms: 5 },
      { t_s: 2, p99_ms: 4, max_ms: 9 },
    ]);
    expect(withCycles?.cycles).toEqual([{ at_s: 0.5, stw_sweep_ms: 0.02, stw_mark_ms: 0.05 }]);
    expect(countOnly).toMatchObject({ variant: 'gogc-off', cycles: null, repeat: 0, rate_rps: 2000 });
    // The HTML report draws the same timelines: one per Go setting, latency alone where only a count was kept.
    const { labRunView } = await import('./report.ts');
    expect(labRunView(gcRun()).gc_timelines?.map((t) => [t.title, t.cycles.length])).toEqual([
      ['gc-cache gogc-100 at 2,000 req/s', 1],
      ['gc-cache gogc-off at 2,000 req/s', 0],
    ]);
  });

  it('gives http-json a row per language and rate in rate order, the same medians as the ladder', () => {
    const summary = summarizeRun(fixtureRun()).workloads.find((w) => w.name === 'http-json');
    if (summary?.kind !== 'latency') throw new Error('not a latency summary');
    const rows = summary.detail.rate_steps;
    expect(rows.map((r) => `${r.lang}@${r.rate_rps}`)).toEqual([
      'go@100',
      'rust@100',
      'go@500',
      'rust@500',
      'go@900',
      'rust@900',
    ]);
    for (const ladder of summary.detail.ladder) {
      const go = rows.find((r) => r.lang === 'go' && r.rate_rps === ladder.rate_rps);
      if (ladder.go.valid_steps > 0) expect(go?.p99_ms).toBe(ladder.go.p99_ms);
    }
    expect(rows.find((r) => r.lang === 'go' && r.rate_rps === 900)).toMatchObject({
      valid: false,
      achieved_rps: 800,
    });
    expect(summary.detail.gc_timelines).toEqual([]);
  });
});

describe('reportJson', () => {
  it('drops non-finite numbers and floating-point noise, keeping every measured digit', () => {
    expect(
      JSON.stringify(
        { a: 7.824999999999999, b: 1.8300999412110526, c: Number.NaN, d: 3, e: 0.000012345 },
        reportJson,
      ),
    ).toBe('{"a":7.825,"b":1.83009994121,"d":3,"e":0.000012345}');
  });
});
