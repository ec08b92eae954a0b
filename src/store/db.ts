/** @module The only place that opens SQLite: one file (lab runs and decisions), WAL mode, versioned migrations applied in order. */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../core/index.ts';
import { dataDir } from '../io/paths.ts';
import { MIGRATIONS } from './migrations.ts';

export type Store = Database.Database;

/** The default store file: `$XDG_DATA_HOME/gorust/gorust.db`, or `~/.local/share/gorust/gorust.db`. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'gorust.db');
}

/** A path as one shell word: as is when it is plain, else single-quoted. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/**
 * The ` --db FILE` a command must carry to reach this store again (for the hints that name a command to run), or ''
 * for the default store and an in-memory one. FILE is the path the store was opened with, as given.
 * @example
 * `gorust lab run http-json --quick${storeFlag(db)}`; // 'gorust lab run http-json --quick --db /tmp/e.db'
 */
export function storeFlag(db: Store, env: NodeJS.ProcessEnv = process.env): string {
  if (db.memory || db.name === ':memory:' || resolve(db.name) === resolve(defaultStorePath(env))) return '';
  return ` --db ${shellWord(db.name)}`;
}

/** `stat` that says "absent" instead of throwing. */
function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Make sure the store file can be created: an existing path must be a file; a new file's folder is created only when
 * that folder's own parent exists (so a typo such as `/nonexistent/x/y.db` does not build a tree from /). The default
 * store is ours, under the user's data folder, and is created with its parents.
 */
function prepareStorePath(path: string, isDefault: boolean): void {
  const file = resolve(path);
  const existing = statOrNull(file);
  if (existing?.isDirectory()) {
    throw new UserError(
      `cannot use ${path} as the store: it is a directory; give a file such as ${join(path, 'gorust.db')}`,
    );
  }
  if (existing) return;
  const folder = dirname(file);
  const folderStat = statOrNull(folder);
  if (folderStat) {
    if (!folderStat.isDirectory())
      throw new UserError(`cannot create the store ${path}: ${folder} is not a folder`);
    return;
  }
  if (!isDefault && !statOrNull(dirname(folder))?.isDirectory()) {
    throw new UserError(
      `cannot create the store ${path}: the folder ${dirname(folder)} does not exist (create it, or pick another --db)`,
    );
  }
  try {
    mkdirSync(folder, { recursive: isDefault });
  } catch (error) {
    throw new UserError(`cannot create the folder ${folder} for the store: ${(error as Error).message}`);
  }
}

/** A SQLite failure on opening a user's file, said in words (the file is not a database, cannot be opened, ...). */
function storeOpenError(path: string, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  const problems: Record<string, string> = {
    SQLITE_NOTADB: 'it is not a SQLite database (is it the right file?)',
    SQLITE_CORRUPT: 'the database is damaged',
    SQLITE_CANTOPEN: 'it cannot be opened (check that it is a file you can read and write)',
    SQLITE_READONLY: 'it is read-only (gorust needs to write to its store)',
    SQLITE_PERM: 'permission denied',
    SQLITE_IOERR: 'it cannot be read or written (an I/O error)',
  };
  const problem =
    typeof code === 'string'
      ? (problems[code] ?? problems[code.split('_').slice(0, 2).join('_')])
      : undefined;
  return problem ? new UserError(`cannot use ${path} as the store: ${problem}`) : error;
}

/**
 * Open (creating if needed) the store and bring its schema up to date. A path that is a directory, a file that is not
 * a SQLite database or a folder that does not exist is a UserError naming the file and the problem.
 * @example
 * const db = openStore(':memory:');
 */
export function openStore(path?: string, use: 'write' | 'read' = 'write'): Store {
  const file = path ?? defaultStorePath();
  if (file !== ':memory:') prepareStorePath(file, path === undefined);
  let db: Store | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // Migrations run with foreign keys off, as SQLite's table-rebuild procedure requires (better-sqlite3 turns them
    // on by default; the pragma is a no-op inside a transaction, so it is set before migrate's).
    db.pragma('foreign_keys = OFF');
    migrate(db);
    db.pragma('foreign_keys = ON');
    if (file !== ':memory:') checkStoreFile(db, use);
    return db;
  } catch (error) {
    db?.close();
    throw storeOpenError(file, error);
  }
}

/**
 * A store that opens can still fail every later request: a page damaged in the middle of the file (its header and
 * schema read fine), or a file the process may only read (SQLite then opens it read-only). Both are found here, once,
 * so the server refuses to start with the reason rather than answering 500 to every save. Throws SQLite's own errors
 * (SQLITE_CORRUPT, SQLITE_READONLY), which storeOpenError words.
 */
function checkStoreFile(db: Store, use: 'write' | 'read'): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') throw Object.assign(new Error(String(result)), { code: 'SQLITE_CORRUPT' });
  // A command that only reads may use a store it cannot write (a shared, read-only copy of lab runs).
  if (use === 'read') return;
  // Writing the schema version it already has is a write transaction that changes nothing.
  const version = db.pragma('user_version', { simple: true }) as number;
  db.pragma(`user_version = ${version}`);
}

/**
 * Open the store for a command that only reads it (`lab runs|show|compare`, `decide --lab`): nothing is created. A
 * `path` that does not exist, or an SQLite file that is not a gorust store (no schema version, none of its tables),
 * is a UserError naming it; tables are added to a gorust store only to bring an older one up to date. Without a
 * path, a default store that does not exist yet reads as an empty one, and stays absent.
 * @example
 * const db = openStoreToRead(flags.db);
 */
export function openStoreToRead(path?: string): Store {
  const file = path ?? defaultStorePath();
  if (file === ':memory:') return openStore(file);
  const existing = statOrNull(resolve(file));
  if (!existing) {
    if (path === undefined) return openStore(':memory:');
    throw new UserError(
      `no gorust store at ${path}: the file does not exist (a command that only reads creates none; \`gorust lab run http-json --quick --db ${path}\` makes one)`,
    );
  }
  if (existing.isDirectory()) prepareStorePath(file, path === undefined);
  let probe: Store | undefined;
  let version: number;
  let tables: string[];
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    version = probe.pragma('user_version', { simple: true }) as number;
    tables = (
      probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((row) => row.name);
  } catch (error) {
    throw storeOpenError(file, error);
  } finally {
    probe?.close();
  }
  if (version === 0 || !tables.includes('runs')) {
    throw new UserError(
      `cannot use ${file} as the store: it is an SQLite database but not a gorust store (${
        tables.length === 0
          ? 'it is empty'
          : `its tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}`
      }); give the store's file, or leave out --db for the default one`,
    );
  }
  return openStore(file, 'read');
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
