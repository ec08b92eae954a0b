/** @module Lab runs in SQLite: a run, its environment, and its steps (each with an optional encoded HdrHistogram), written one transaction per step so an interrupted run keeps what it measured. The records' types are inferred from their zod schemas (lab-run-schema.ts), with which the API's OpenAPI document describes runs. */
import { randomBytes } from 'node:crypto';
import { UserError } from '../core/index.ts';
import { type Store, storeFlag } from './db.ts';
import type {
  MetricValue,
  RunListRow,
  RunMode,
  RunRecord,
  RunStatus,
  StoredRun,
  StoredStep,
} from './lab-run-schema.ts';

// The records' types, for the callers of this module (their schemas stay in lab-run-schema.ts, out of the CLI's way).
export type * from './lab-run-schema.ts';

/** One measured step as the lab hands it to the store (the store adds its id, run and sequence number). */
export type NewStep = Omit<StoredStep, 'id' | 'run_id' | 'seq' | 'rate_rps' | 'histogram'> & {
  rate_rps?: number | null | undefined;
  /** An encoded HdrHistogram (see src/lab/analysis/histogram.ts) of the step's request latencies. */
  histogram?: string | undefined;
};

export type CreateRunOptions = {
  mode: RunMode;
  workloads: string[];
  environment?: Record<string, unknown> | null | undefined;
  id?: string | undefined;
  startedAt?: Date | undefined;
  pid?: number | undefined;
};

/**
 * A JSON.stringify replacer that leaves out NaN and ±Infinity (which JSON would silently turn into null): a figure that
 * was not measured is absent, never a fake null or zero.
 * @example
 * JSON.stringify({ clean_s: Number.NaN, noop_s: 0.1 }, finiteJson); // '{"noop_s":0.1}'
 */
export function finiteJson(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
}

/**
 * A sortable, short run id: `YYYYMMDD-HHMMSS-xxxx` (UTC, 4 random hex digits).
 * @example
 * newRunId(new Date('2026-01-02T03:04:05Z')); // '20260102-030405-1a2b'
 */
export function newRunId(at: Date = new Date()): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/**
 * Start a run (and store its environment) in one transaction.
 * @example
 * const run = createRun(db, { mode: 'quick', workloads: ['http-json'], environment: env });
 */
export function createRun(db: Store, options: CreateRunOptions): RunRecord {
  const startedAt = (options.startedAt ?? new Date()).toISOString();
  const id = options.id ?? newRunId(options.startedAt);
  db.transaction(() => {
    let environmentId: number | null = null;
    if (options.environment) {
      const info = db
        .prepare('INSERT INTO environments (captured_at, json) VALUES (?, ?)')
        .run(startedAt, JSON.stringify(options.environment));
      environmentId = Number(info.lastInsertRowid);
    }
    db.prepare(
      `INSERT INTO runs (id, started_at, status, mode, workloads, environment_id, pid)
       VALUES (?, ?, 'running', ?, ?, ?, ?)`,
    ).run(id, startedAt, options.mode, JSON.stringify(options.workloads), environmentId, options.pid ?? null);
  })();
  const run = getRunRecord(db, id);
  if (!run) throw new Error(`run ${id} vanished right after it was created`);
  return run;
}

/**
 * Store one measured step and its histogram in a single transaction; returns the stored step.
 * @example
 * recordStep(db, run.id, { workload: 'http-json', lang: 'go', variant: '', kind: 'rate', rate_rps: 500, repeat: 0, valid: true, reasons: [], metrics: { p99_ms: 1.2 }, started_at, duration_ms: 5000 });
 */
export function recordStep(db: Store, runId: string, step: NewStep): StoredStep {
  return db.transaction((): StoredStep => {
    const next = db
      .prepare('SELECT COALESCE(MAX(seq), -1) + 1 AS seq FROM steps WHERE run_id = ?')
      .get(runId) as { seq: number };
    const info = db
      .prepare(
        `INSERT INTO steps (run_id, seq, workload, lang, variant, kind, rate_rps, repeat, valid, reasons, metrics, detail, started_at, duration_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        runId,
        next.seq,
        step.workload,
        step.lang,
        step.variant,
        step.kind,
        step.rate_rps ?? null,
        step.repeat,
        step.valid ? 1 : 0,
        JSON.stringify(step.reasons),
        JSON.stringify(step.metrics, finiteJson),
        step.detail === undefined ? null : JSON.stringify(step.detail, finiteJson),
        step.started_at,
        step.duration_ms,
      );
    const id = Number(info.lastInsertRowid);
    if (step.histogram !== undefined) {
      db.prepare('INSERT INTO histograms (step_id, encoding, data) VALUES (?, ?, ?)').run(
        id,
        'hdr-base64',
        step.histogram,
      );
    }
    return {
      ...step,
      id,
      run_id: runId,
      seq: next.seq,
      rate_rps: step.rate_rps ?? null,
      histogram: step.histogram ?? null,
    };
  })();
}

/**
 * Close a run with its final status.
 * @example
 * finishRun(db, run.id, 'completed');
 */
export function finishRun(
  db: Store,
  runId: string,
  status: Exclude<RunStatus, 'running'>,
  note?: string,
): void {
  db.prepare('UPDATE runs SET status = ?, finished_at = ?, note = COALESCE(?, note) WHERE id = ?').run(
    status,
    new Date().toISOString(),
    note ?? null,
    runId,
  );
}

/**
 * Mark runs still flagged `running` whose lab process is gone (killed, power loss) as `interrupted`.
 * @example
 * markOrphanedRuns(db, (pid) => isAlive(pid));
 */
export function markOrphanedRuns(db: Store, isAlive: (pid: number) => boolean): number {
  const rows = db.prepare("SELECT id, pid FROM runs WHERE status = 'running'").all() as {
    id: string;
    pid: number | null;
  }[];
  let marked = 0;
  for (const row of rows) {
    if (row.pid !== null && isAlive(row.pid)) continue;
    db.prepare(
      "UPDATE runs SET status = 'interrupted', note = COALESCE(note, 'the lab process ended before the run finished') WHERE id = ?",
    ).run(row.id);
    marked += 1;
  }
  return marked;
}

/**
 * The runs, newest first, with step counts. A failed cross-compilation is a finding of the build workload (that target
 * does not build here), not an invalid measurement, so it is not counted invalid: as the run's own report counts it.
 * @example
 * listRuns(db, { limit: 20 });
 */
export function listRuns(db: Store, options: { limit?: number } = {}): RunListRow[] {
  const rows = db
    .prepare(
      `SELECT r.*, e.json AS environment_json,
              (SELECT COUNT(*) FROM steps s WHERE s.run_id = r.id) AS steps,
              (SELECT COUNT(*) FROM steps s
                WHERE s.run_id = r.id AND s.valid = 0 AND s.kind <> 'cross') AS invalid_steps
       FROM runs r LEFT JOIN environments e ON e.id = r.environment_id
       ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
    )
    .all(options.limit ?? 50) as (RunRow & { steps: number; invalid_steps: number })[];
  return rows.map((row) => ({ ...toRunRecord(row), steps: row.steps, invalid_steps: row.invalid_steps }));
}

/**
 * A run with all its steps (in measurement order), by full id or a unique prefix; null when none matches.
 * Throws UserError when a prefix is ambiguous.
 * @example
 * const run = getRun(db, '20260102-0304');
 */
export function getRun(db: Store, idOrPrefix: string): StoredRun | null {
  const record = getRunRecord(db, resolveRunId(db, idOrPrefix) ?? '');
  if (!record) return null;
  const steps = db
    .prepare(
      `SELECT s.*, h.data AS histogram FROM steps s LEFT JOIN histograms h ON h.step_id = s.id
       WHERE s.run_id = ? ORDER BY s.seq`,
    )
    .all(record.id) as StepRow[];
  return { ...record, steps: steps.map(toStoredStep) };
}

/**
 * The newest run; with `completedOnly`, the newest that finished.
 * @example
 * const run = latestRun(db, { completedOnly: true });
 */
export function latestRun(db: Store, options: { completedOnly?: boolean } = {}): StoredRun | null {
  const row = db
    .prepare(
      `SELECT id FROM runs ${options.completedOnly ? "WHERE status = 'completed'" : ''}
       ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get() as { id: string } | undefined;
  return row ? getRun(db, row.id) : null;
}

/**
 * Load two runs for comparison; a missing run is the user's mistake (exit 2).
 * @example
 * const [a, b] = compareRuns(db, 'old-id', 'new-id');
 */
export function compareRuns(db: Store, a: string, b: string): [StoredRun, StoredRun] {
  return [requireRun(db, a), requireRun(db, b)];
}

/**
 * A run that must exist: UserError naming the id (and how to list runs) when it does not.
 * @example
 * const run = requireRun(db, 'latest');
 */
export function requireRun(db: Store, ref: string): StoredRun {
  const run = ref === 'latest' ? latestRun(db) : getRun(db, ref);
  if (!run) throw new UserError(missingRunMessage(db, ref));
  return run;
}

/**
 * What to say when `ref` (`latest`, or a run id) finds no run in this store: the command to run, with the `--db` that
 * reaches this store when it is not the default one (the lab would otherwise fill the default store).
 * @example
 * missingRunMessage(db, 'latest'); // 'no lab runs stored yet: run `gorust lab run http-json --quick --db /tmp/e.db` first'
 */
export function missingRunMessage(db: Store, ref: string): string {
  const flag = storeFlag(db);
  return ref === 'latest'
    ? `no lab runs stored yet: run \`gorust lab run http-json --quick${flag}\` first`
    : `no lab run "${ref}" in the store: \`gorust lab runs${flag}\` lists them`;
}

type RunRow = {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  mode: RunMode;
  workloads: string;
  environment_json: string | null;
  pid: number | null;
  note: string | null;
};

type StepRow = Omit<StoredStep, 'valid' | 'reasons' | 'metrics' | 'detail'> & {
  valid: number;
  reasons: string;
  metrics: string;
  detail: string | null;
};

function resolveRunId(db: Store, idOrPrefix: string): string | null {
  if (idOrPrefix.length === 0) return null;
  const exact = db.prepare('SELECT id FROM runs WHERE id = ?').get(idOrPrefix) as { id: string } | undefined;
  if (exact) return exact.id;
  const escaped = idOrPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const matches = db
    .prepare("SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 3")
    .all(`${escaped}%`) as { id: string }[];
  if (matches.length > 1) {
    throw new UserError(
      `run id prefix "${idOrPrefix}" matches several runs (${matches.map((m) => m.id).join(', ')}...): give more characters`,
    );
  }
  return matches[0]?.id ?? null;
}

function getRunRecord(db: Store, id: string): RunRecord | null {
  const row = db
    .prepare(
      'SELECT r.*, e.json AS environment_json FROM runs r LEFT JOIN environments e ON e.id = r.environment_id WHERE r.id = ?',
    )
    .get(id) as RunRow | undefined;
  return row ? toRunRecord(row) : null;
}

function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    started_at: row.started_at,
    finished_at: row.finished_at,
    status: row.status,
    mode: row.mode,
    workloads: JSON.parse(row.workloads) as string[],
    environment: row.environment_json ? (JSON.parse(row.environment_json) as Record<string, unknown>) : null,
    pid: row.pid,
    note: row.note,
  };
}

function toStoredStep(row: StepRow): StoredStep {
  return {
    id: row.id,
    run_id: row.run_id,
    seq: row.seq,
    workload: row.workload,
    lang: row.lang,
    variant: row.variant,
    kind: row.kind,
    rate_rps: row.rate_rps,
    repeat: row.repeat,
    valid: row.valid === 1,
    reasons: JSON.parse(row.reasons) as string[],
    metrics: JSON.parse(row.metrics) as Record<string, MetricValue>,
    detail: row.detail === null ? undefined : (JSON.parse(row.detail) as unknown),
    started_at: row.started_at,
    duration_ms: row.duration_ms,
    histogram: row.histogram,
  };
}
