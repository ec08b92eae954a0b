/** @module The store's schema history: numbered migrations, never edited once released, only appended. */

export type Migration = { version: number; name: string; sql: string };

/**
 * Version 1 belongs to the lab (runs, steps, histograms, environments); version 2 to saved decisions.
 * Append new versions at the end; never renumber.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'lab runs, steps, histograms, environments',
    // Steps keep their figures as JSON so a new workload needs no migration; the columns are what lists and joins need.
    sql: `
      CREATE TABLE environments (
        id INTEGER PRIMARY KEY,
        captured_at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
        mode TEXT NOT NULL CHECK (mode IN ('quick', 'full')),
        workloads TEXT NOT NULL,
        environment_id INTEGER REFERENCES environments(id),
        pid INTEGER,
        note TEXT
      );
      CREATE INDEX runs_started ON runs(started_at);
      CREATE TABLE steps (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        workload TEXT NOT NULL,
        lang TEXT NOT NULL,
        variant TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        rate_rps REAL,
        repeat INTEGER NOT NULL DEFAULT 0,
        valid INTEGER NOT NULL,
        reasons TEXT NOT NULL DEFAULT '[]',
        metrics TEXT NOT NULL DEFAULT '{}',
        detail TEXT,
        started_at TEXT NOT NULL,
        duration_ms REAL NOT NULL,
        UNIQUE (run_id, seq)
      );
      CREATE INDEX steps_run ON steps(run_id, workload, lang);
      CREATE TABLE histograms (
        step_id INTEGER PRIMARY KEY REFERENCES steps(id) ON DELETE CASCADE,
        encoding TEXT NOT NULL,
        data TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'saved decisions',
    // The profile and the decision are kept whole as JSON (both are public, versioned formats); the columns are what
    // the history list shows and sorts by. id is an integer so it can number ADRs.
    sql: `
      CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        project_name TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('go', 'rust', 'hybrid')),
        confidence REAL NOT NULL,
        seed INTEGER,
        lab_run TEXT,
        profile_json TEXT NOT NULL,
        decision_json TEXT NOT NULL
      );
      CREATE INDEX decisions_created ON decisions(created_at);
    `,
  },
  {
    version: 3,
    name: 'lab runs gain the standard mode',
    // SQLite cannot alter a CHECK constraint: rebuild the table. Migrations run before foreign keys are enabled
    // (db.ts), so dropping the old table does not cascade to the steps that reference it by name.
    sql: `
      CREATE TABLE runs_v3 (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
        mode TEXT NOT NULL CHECK (mode IN ('quick', 'standard', 'full')),
        workloads TEXT NOT NULL,
        environment_id INTEGER REFERENCES environments(id),
        pid INTEGER,
        note TEXT
      );
      INSERT INTO runs_v3 (id, started_at, finished_at, status, mode, workloads, environment_id, pid, note)
        SELECT id, started_at, finished_at, status, mode, workloads, environment_id, pid, note FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_v3 RENAME TO runs;
      CREATE INDEX runs_started ON runs(started_at);
    `,
  },
];
