/** @module The only place that opens SQLite: one file (lab runs and decisions), WAL mode, versioned migrations applied in order. */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Store = Database.Database;

/** The default store file: `$XDG_DATA_HOME/gorust/gorust.db`, or `~/.local/share/gorust/gorust.db`. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share');
  return join(base, 'gorust', 'gorust.db');
}

/**
 * Open (creating if needed) the store and bring its schema up to date.
 * @example
 * const db = openStore(':memory:');
 */
export function openStore(path: string = defaultStorePath()): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Apply every migration newer than the file's `user_version`. The check and the migrations run in one IMMEDIATE
 * transaction, so two processes opening a new file at once (a lab run and `gorust lab runs`) migrate it once.
 */
export function migrate(db: Store): number {
  return db
    .transaction(() => {
      let version = db.pragma('user_version', { simple: true }) as number;
      for (const migration of MIGRATIONS) {
        if (migration.version <= version) continue;
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
        version = migration.version;
      }
      return version;
    })
    .immediate();
}
