/** @module Tests of the lab-run store: migrations, one transaction per step, queries and orphan marking. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './db.ts';
import {
  compareRuns,
  createRun,
  finishRun,
  getRun,
  latestRun,
  listRuns,
  markOrphanedRuns,
  type NewStep,
  newRunId,
  recordStep,
  requireRun,
} from './lab-runs.ts';

function step(overrides: Partial<NewStep> = {}): NewStep {
  return {
    workload: 'http-json',
    lang: 'go',
    variant: '',
    kind: 'rate',
    rate_rps: 100,
    repeat: 0,
    valid: true,
    reasons: [],
    metrics: { p99_ms: 1.5, achieved_rps: 99.9 },
    started_at: '2026-01-01T00:00:00.000Z',
    duration_ms: 3000,
    ...overrides,
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lab run store', () => {
  it('creates the schema at version 1 or later', () => {
    const db = openStore(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['runs', 'steps', 'histograms', 'environments']),
    );
  });

  it('leaves NaN and Infinity figures out of stored metrics and detail (JSON would turn them into null)', () => {
    const db = openStore(':memory:');
    const run = createRun(db, { mode: 'quick', workloads: ['build'] });
    recordStep(
      db,
      run.id,
      step({
        metrics: { seconds: Number.NaN, binary_mib: 1.2, rate: Number.POSITIVE_INFINITY },
        detail: { clean_s: Number.NaN, ok: true },
      }),
    );
    const stored = getRun(db, run.id)?.steps[0];
    expect(stored?.metrics).toEqual({ binary_mib: 1.2 });
    expect(stored?.detail).toEqual({ ok: true });
  });

  it('stores a run with its environment, steps in order, and histograms', () => {
    const db = openStore(':memory:');
    const run = createRun(db, {
      mode: 'quick',
      workloads: ['http-json'],
      environment: { cpu: 'Test CPU', cores: 2 },
      id: 'r1',
    });
    expect(run.status).toBe('running');
    recordStep(db, run.id, step({ histogram: 'HISTFAKE' }));
    recordStep(
      db,
      run.id,
      step({ lang: 'rust', valid: false, reasons: ['achieved rate 90% of target'], detail: { t: [1] } }),
    );
    finishRun(db, run.id, 'completed');

    const stored = getRun(db, 'r1');
    expect(stored?.status).toBe('completed');
    expect(stored?.environment).toEqual({ cpu: 'Test CPU', cores: 2 });
    expect(stored?.steps.map((s) => [s.seq, s.lang, s.valid, s.histogram])).toEqual([
      [0, 'go', true, 'HISTFAKE'],
      [1, 'rust', false, null],
    ]);
    expect(stored?.steps[1]?.reasons).toEqual(['achieved rate 90% of target']);
    expect(stored?.steps[1]?.detail).toEqual({ t: [1] });
    expect(stored?.steps[0]?.metrics).toEqual({ p99_ms: 1.5, achieved_rps: 99.9 });
  });

  it('keeps steps written before the process died (each step is committed on its own)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-store-'));
    dirs.push(dir);
    const path = join(dir, 'lab.db');
    const writer = openStore(path);
    const run = createRun(writer, {
      mode: 'quick',
      workloads: ['http-json'],
      id: 'r-kill',
      pid: 999_999_999,
    });
    recordStep(writer, run.id, step());
    // A second connection sees the committed step while the "lab" is still running, as a killed lab would leave it.
    const reader = openStore(path);
    expect(getRun(reader, 'r-kill')?.steps).toHaveLength(1);
    expect(markOrphanedRuns(reader, () => false)).toBe(1);
    expect(getRun(reader, 'r-kill')?.status).toBe('interrupted');
    writer.close();
    reader.close();
  });

  it('does not mark a run whose lab process is alive', () => {
    const db = openStore(':memory:');
    createRun(db, { mode: 'quick', workloads: ['cpu'], id: 'alive', pid: process.pid });
    expect(markOrphanedRuns(db, (pid) => pid === process.pid)).toBe(0);
    expect(getRun(db, 'alive')?.status).toBe('running');
  });

  it('lists newest first with counts, finds the latest, and resolves unique prefixes', () => {
    const db = openStore(':memory:');
    createRun(db, {
      mode: 'quick',
      workloads: ['a'],
      id: '20260101-000000-aaaa',
      startedAt: new Date('2026-01-01'),
    });
    const b = createRun(db, {
      mode: 'full',
      workloads: ['b'],
      id: '20260102-000000-bbbb',
      startedAt: new Date('2026-01-02'),
    });
    recordStep(db, b.id, step({ valid: false }));
    recordStep(db, b.id, step());
    // A target that does not cross-compile here is a finding, not an invalid step (the run's report says so too).
    recordStep(db, b.id, step({ kind: 'cross', valid: false }));
    const rows = listRuns(db);
    expect(rows.map((r) => [r.id, r.steps, r.invalid_steps])).toEqual([
      ['20260102-000000-bbbb', 3, 1],
      ['20260101-000000-aaaa', 0, 0],
    ]);
    expect(latestRun(db)?.id).toBe('20260102-000000-bbbb');
    expect(latestRun(db, { completedOnly: true })).toBeNull();
    expect(getRun(db, '20260101')?.id).toBe('20260101-000000-aaaa');
    expect(() => getRun(db, '2026010')).toThrow(/matches several runs/);
    expect(getRun(db, 'nope')).toBeNull();
    expect(requireRun(db, 'latest').id).toBe('20260102-000000-bbbb');
    expect(() => requireRun(db, 'nope')).toThrow(/no lab run "nope"/);
    expect(compareRuns(db, '20260101', '20260102').map((r) => r.id)).toEqual([
      '20260101-000000-aaaa',
      '20260102-000000-bbbb',
    ]);
  });

  it('makes sortable ids', () => {
    expect(newRunId(new Date('2026-01-02T03:04:05Z'))).toMatch(/^20260102-030405-[0-9a-f]{4}$/);
  });
});

describe('migrations', () => {
  it('migrate once when two connections open a new file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-store-'));
    dirs.push(dir);
    const path = join(dir, 'race.db');
    const a = openStore(path);
    const b = openStore(path);
    expect(b.pragma('user_version', { simple: true })).toBe(a.pragma('user_version', { simple: true }));
    a.close();
    b.close();
  });
});
