/** @module Fault test: `gorust serve` killed with SIGKILL in the middle of concurrent saves loses no acknowledged save, and the store passes PRAGMA integrity_check after the restart. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const SAVE = JSON.stringify({
  profile: {
    version: 1,
    project: { name: 'crash test' },
    workload: { kind: 'io-bound' },
    team: { size: 3, go: 'some', rust: 'none' },
  },
  samples: 100,
});
const dir = mkdtempSync(join(tmpdir(), 'gorust-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Start `gorust serve` on a free loopback port over `db`; resolves with its URL once it prints it. */
function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', TSX, join(ROOT, 'src', 'cli', 'main.ts'), 'serve', '--port', '0', '--db', db],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (url) {
        clearTimeout(timer);
        done({ child, url });
      }
    });
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('a server killed mid-save', () => {
  it('keeps every acknowledged save, and the store is intact', async () => {
    const db = join(dir, 'gorust.db');
    const first = await serve(db);
    const acknowledged: string[] = [];
    let stop = false;
    const deadline = Date.now() + 20_000;
    // Eight clients saving as fast as they can (bounded in count and time), until the kill ends them.
    const client = async () => {
      for (let i = 0; i < 2_000 && !stop && Date.now() < deadline; i++) {
        try {
          const res = await fetch(`${first.url}/api/decisions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: SAVE,
          });
          if (res.status !== 201) throw new Error(`save answered ${res.status}: ${await res.text()}`);
          acknowledged.push(((await res.json()) as { id: string }).id);
        } catch (error) {
          if (stop) return;
          throw error;
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    // Kill once saves are flowing, in the middle of them.
    while (acknowledged.length < 100 && Date.now() < deadline) await new Promise((w) => setTimeout(w, 20));
    const exited = new Promise((done) => first.child.once('exit', done));
    stop = true;
    first.child.kill('SIGKILL');
    await exited;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);

    const second = await serve(db);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await fetch(`${second.url}/api/decisions/${id}`);
      if (res.status !== 200) missing.push(id);
      await res.arrayBuffer();
    }
    expect(missing).toEqual([]);
    second.child.kill('SIGTERM');
    await new Promise((done) => second.child.once('exit', done));

    const check = new Database(db, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = check.prepare('SELECT count(*) AS n FROM decisions').get() as { n: number };
      expect(rows.n).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      check.close();
    }
  }, 180_000);
});
