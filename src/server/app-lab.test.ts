/** @module API tests of lab runs through app.request(): read-only listing and showing, and decisions made with a stored run (evidence in, charts in the HTML export). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeRealGcCacheRun } from '../lab/analysis/real-run.test-helpers.ts';
import { openStore } from '../store/db.ts';
import { createRun, finishRun, recordStep } from '../store/lab-runs.ts';
import { LabRun, LabRunRow } from './api-schema.ts';
import { makeApp, NOW, PROFILE, postJson, problemOf, storeFlaggedBoundaryRun } from './app.test-helpers.ts';

describe('lab runs (read-only)', () => {
  it('lists and shows stored runs, 404 for unknown ones, and accepts no writes (405)', async () => {
    const { app, db } = makeApp();
    expect(await (await app.request('/api/lab/runs')).json()).toEqual([]);
    const run = createRun(db, { mode: 'quick', workloads: ['http-json'], id: 'run-1' });
    finishRun(db, run.id, 'completed');
    const list = (await (await app.request('/api/lab/runs')).json()) as { id: string; status: string }[];
    expect(list.map((r) => [r.id, r.status])).toEqual([['run-1', 'completed']]);
    recordStep(db, run.id, {
      workload: 'http-json',
      lang: 'go',
      variant: '',
      kind: 'rate',
      rate_rps: 100,
      repeat: 0,
      valid: true,
      reasons: [],
      metrics: { p99_ms: 2 },
      started_at: NOW.toISOString(),
      duration_ms: 1000,
      histogram: 'HISTFAAAA',
    });
    const one = (await (await app.request('/api/lab/runs/run-1')).json()) as {
      id: string;
      steps: Record<string, unknown>[];
    };
    expect(one.id).toBe('run-1');
    expect(one.steps[0]).toMatchObject({
      workload: 'http-json',
      metrics: { p99_ms: 2 },
      has_histogram: true,
    });
    expect(one.steps[0]).not.toHaveProperty('histogram');
    expect((await app.request('/api/lab/runs/nope')).status).toBe(404);
    const write = await app.request('/api/lab/runs', postJson({}));
    expect(write.status).toBe(405);
    expect(write.headers.get('allow')).toBe('GET, HEAD');
  });

  it('summarizes a run as `gorust lab show` does: boundary costs and the anchor flags', async () => {
    const { app, db } = makeApp();
    storeFlaggedBoundaryRun(db, 'run-b');
    const one = (await (await app.request('/api/lab/runs/run-b')).json()) as {
      summary: {
        name: string;
        detail: { mechanisms: Record<string, number> };
        anchors: { metric: string; ok: boolean; note: string }[];
      }[];
    };
    const boundary = one.summary.find((w) => w.name === 'boundary');
    expect(boundary?.detail.mechanisms).toMatchObject({ ffi_empty_ns: 40, ffi_1k_ns: 80, grpc_p99_us: 4000 });
    const flagged = boundary?.anchors.filter((a) => !a.ok) ?? [];
    expect(flagged.map((a) => a.metric)).toContain('grpc_p99_us');
    expect(flagged[0]?.note).toContain('probable harness problem');
  });
});

describe('decisions with a lab run', () => {
  function storeRun(db: ReturnType<typeof openStore>): string {
    const run = createRun(db, {
      mode: 'standard',
      workloads: ['http-json'],
      id: 'lab-1',
      environment: { cpu_model: 'Test CPU', cores: 2 },
    });
    for (const lang of ['go', 'rust'] as const) {
      recordStep(db, run.id, {
        workload: 'http-json',
        lang,
        variant: '',
        kind: 'capacity',
        repeat: 0,
        valid: true,
        reasons: [],
        metrics: { capacity_rps: 1000 },
        started_at: NOW.toISOString(),
        duration_ms: 1000,
      });
    }
    // A standard run with six repeats: enough for a significant Go/Rust difference, so its figures replace a prior
    // (a quick run, or one that replaces none, is not named as the decision's lab_run).
    for (let repeat = 0; repeat < 6; repeat++) {
      for (const rate of [100, 500]) {
        for (const lang of ['go', 'rust'] as const) {
          const p99 = (lang === 'go' ? 2 : 1) * (rate / 100);
          recordStep(db, run.id, {
            workload: 'http-json',
            lang,
            variant: '',
            kind: 'rate',
            rate_rps: rate,
            repeat,
            valid: true,
            reasons: [],
            metrics: {
              target_rps: rate,
              achieved_rps: rate,
              requests: rate * 3,
              errors: 0,
              p50_ms: p99 / 4,
              p90_ms: p99 / 2,
              p99_ms: p99,
              p999_ms: p99 * 2,
              max_ms: p99 * 3,
            },
            started_at: NOW.toISOString(),
            duration_ms: 3000,
          });
        }
      }
    }
    finishRun(db, run.id, 'completed');
    return run.id;
  }

  it('decides with a stored run, saves it, and exports its charts in the HTML report', async () => {
    const { app, db } = makeApp();
    const id = storeRun(db);
    const decided = await app.request('/api/decide?lab=latest', postJson(PROFILE));
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as { lab_run?: string }).lab_run).toBe(id);
    const saved = await app.request('/api/decisions', postJson({ profile: PROFILE, lab: id }));
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { lab_run: string }).lab_run).toBe(id);
    const html = await (await app.request('/api/decisions/1/export?format=html')).text();
    expect(html).toContain('Measured on this machine');
    expect(html).toContain('http-json at');
  });

  it('answers an unknown run with a problem', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/decide?lab=nope', postJson(PROFILE));
    expect(res.status).toBe(404);
    expect((await problemOf(res)).detail).toContain('no lab run "nope"');
  });

  it('served from a --db store with no runs, names that store in the command that makes one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-app-lab-'));
    const path = join(dir, 'e.db');
    const db = openStore(path);
    try {
      const { app } = makeApp({ db });
      const res = await app.request('/api/decide?lab=latest', postJson(PROFILE));
      expect(res.status).toBe(404);
      expect((await problemOf(res)).detail).toBe(
        `no lab runs stored yet: run \`gorust lab run http-json --quick --db ${path}\` first`,
      );
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the lab run response and its schema', () => {
  it('answers a real stored run with JSON its schema describes whole: every field, every workload by kind', async () => {
    const { app, db } = makeApp();
    const id = storeRealGcCacheRun(db);
    const body = await (await app.request(`/api/lab/runs/${id}`)).json();
    const parsed = LabRun.safeParse(body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // zod drops keys a schema does not name: equality means no field of the response is left undescribed.
    expect(parsed.data).toEqual(body);
    const gc = parsed.data?.summary[0];
    expect(gc?.kind).toBe('gc-cache');
    if (gc?.kind !== 'gc-cache') return;
    // Most of this run's steps were invalid (the generator fell behind on 2 cores): the rows say so, as measured.
    expect(new Set(gc.detail.rate_steps.map((row) => row.variant))).toEqual(
      new Set(['gogc-100', 'gogc-400', 'gogc-off-memlimit', 'rust']),
    );
    expect(gc.valid).toBe(false);
    expect(gc.detail.rate_steps.length).toBeGreaterThan(0);
    expect(gc.detail.gc_timelines.length).toBeGreaterThan(0);

    const list = await (await app.request('/api/lab/runs')).json();
    const rows = LabRunRow.array().safeParse(list);
    expect(rows.error?.issues ?? []).toEqual([]);
    expect(rows.data).toEqual(list);
    expect(rows.data?.[0]).toMatchObject({ id, mode: 'standard', steps: 50 });
  });

  it('refuses malformed runs, naming where', async () => {
    const { app, db } = makeApp();
    const id = storeRealGcCacheRun(db);
    const good = (await (await app.request(`/api/lab/runs/${id}`)).json()) as {
      summary: { kind: string; detail: Record<string, unknown>; go: Record<string, unknown> }[];
      steps: Record<string, unknown>[];
    };
    const broken = (change: (run: typeof good) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return LabRun.safeParse(copy).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    };
    // A gc-cache summary carrying a latency workload's detail (no variants, no rate).
    expect(
      broken((run) => {
        const first = run.summary[0];
        if (first)
          first.detail = {
            slo_p99_ms: 50,
            compare_rate_rps: null,
            ladder: [],
            rate_steps: [],
            gc_timelines: [],
          };
      }),
    ).toEqual(expect.arrayContaining(['summary.0.detail.rate_rps', 'summary.0.detail.variants']));
    expect(broken((run) => Object.assign(run.summary[0]?.go ?? {}, { p99_ms: '3 ms' }))).toEqual([
      'summary.0.go.p99_ms',
    ]);
    expect(broken((run) => Object.assign(run.summary[0] ?? {}, { kind: 'latencies' }))).toEqual([
      'summary.0.kind',
    ]);
    expect(broken((run) => delete run.steps[3]?.has_histogram)).toEqual(['steps.3.has_histogram']);
  });

  it("sends each Go step's latency timeline and GC cycles once: in the summary's gc_timelines, not again in the step", async () => {
    const { app, db } = makeApp();
    const id = storeRealGcCacheRun(db);
    const run = LabRun.parse(await (await app.request(`/api/lab/runs/${id}`)).json());
    const gc = run.summary[0];
    if (gc?.kind !== 'gc-cache') throw new Error('expected the gc-cache summary');
    const timelined = new Set(gc.detail.gc_timelines.map((t) => t.step_id));
    expect(timelined.size).toBeGreaterThan(10);
    const detail = (step: (typeof run.steps)[number]) => step.detail as Record<string, unknown>;
    for (const step of run.steps.filter((s) => timelined.has(s.id))) {
      expect(detail(step)).not.toHaveProperty('timeline');
      expect(detail(step)).not.toHaveProperty('gc_cycles');
      // The rest of what the runner kept is still there.
      expect(detail(step)).toHaveProperty('send_lag_p99_ms');
    }
    // A Rust step's timeline is in no summary: the step keeps it.
    const rust = run.steps.find((s) => s.lang === 'rust' && s.kind === 'rate');
    expect(rust && detail(rust).timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ t_s: 0 })]),
    );
  });
});
