/** @module Tests of openStore: bad store paths are the user's mistake (UserError naming the file and the problem), never a stack trace. */
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/index.ts';
import { openStore } from './db.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gorust-db-'));
  dirs.push(dir);
  return dir;
}

function openError(path: string): UserError {
  try {
    openStore(path).close();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error(`openStore(${path}) did not fail`);
}

describe('openStore', () => {
  it('rejects a file that is not a SQLite database, naming it', () => {
    const file = join(scratch(), 'junk.yaml');
    writeFileSync(file, 'workloads: [http-json]\n'.repeat(50));
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('not a SQLite database');
  });

  it('refuses a store damaged in the middle of the file, whose header and schema still read', () => {
    const file = join(scratch(), 'mid.db');
    const db = openStore(file);
    db.exec('CREATE TABLE filler (x BLOB)');
    const insert = db.prepare('INSERT INTO filler VALUES (randomblob(3000))');
    for (let i = 0; i < 60; i++) insert.run();
    db.close();
    // Page 20 of 4 KiB pages is filler data, far past the schema in page 1.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 20);
    closeSync(fd);
    const error = openError(file);
    expect(error.message).toBe(`cannot use ${file} as the store: the database is damaged`);
  });

  it('rejects a directory', () => {
    const dir = scratch();
    const error = openError(dir);
    expect(error.message).toContain(dir);
    expect(error.message).toContain('is a directory');
  });

  it('creates a missing folder when its parent exists, and opens a fresh store there', () => {
    const file = join(scratch(), 'lab', 'gorust.db');
    const db = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    db.close();
    expect(existsSync(file)).toBe(true);
  });

  it('does not build a folder tree from a path whose parents do not exist', () => {
    const root = scratch();
    const file = join(root, 'nonexistent', 'x', 'y.db');
    const error = openError(file);
    expect(error.message).toContain(join(root, 'nonexistent'));
    expect(error.message).toContain('does not exist');
    expect(existsSync(join(root, 'nonexistent'))).toBe(false);
  });

  it('rejects a store path under a file', () => {
    const file = join(scratch(), 'plain.txt');
    writeFileSync(file, 'x');
    expect(openError(join(file, 'gorust.db')).message).toContain('is not a folder');
  });

  it('reopens an existing store', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'a'));
    const file = join(dir, 'a', 'gorust.db');
    openStore(file).close();
    const db = openStore(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});

describe('migration 3 (the standard lab mode)', () => {
  it('rebuilds the runs table of an existing store without losing a run or its steps', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { MIGRATIONS } = await import('./migrations.ts');
    const file = join(scratch(), 'old.db');
    // A store as version 2 left it, with foreign keys on as openStore used them then.
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) old.exec(m.sql);
    old.pragma('user_version = 2');
    old.exec(`INSERT INTO runs (id, started_at, status, mode, workloads) VALUES ('r1', 'now', 'completed', 'full', '[]');
      INSERT INTO steps (run_id, seq, workload, lang, kind, valid, started_at, duration_ms)
        VALUES ('r1', 1, 'http-json', 'go', 'rate', 1, 'now', 1);`);
    expect(() =>
      old.exec(
        `INSERT INTO runs (id, started_at, status, mode, workloads) VALUES ('r2', 'now', 'running', 'standard', '[]')`,
      ),
    ).toThrow(/CHECK constraint/);
    old.close();

    const db = openStore(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.prepare('SELECT count(*) AS n FROM steps WHERE run_id = ?').get('r1')).toEqual({ n: 1 });
      db.exec(
        `INSERT INTO runs (id, started_at, status, mode, workloads) VALUES ('r2', 'now', 'running', 'standard', '[]')`,
      );
      // The steps still reference runs: deleting a run cascades.
      db.exec(`DELETE FROM runs WHERE id = 'r1'`);
      expect(db.prepare('SELECT count(*) AS n FROM steps').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
