/** @module Tests of the knowledge-base parse cache: same result as a fresh parse, reused on a hit, re-parsed when a kb file changes, a damaged entry ignored, bounded to the most recently used few entries, and off when disabled. */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KB_CACHE_KEEP, kbCacheDir, pruneKnowledgeBaseCache, readKnowledgeBaseCached } from './kb-cache.ts';
import { defaultKnowledgeBaseDir, readKnowledgeBase } from './kb-files.ts';

let root: string;
let kbDir: string;
let cacheDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gorust-kb-cache-'));
  kbDir = join(root, 'kb');
  cacheDir = join(root, 'cache');
  cpSync(defaultKnowledgeBaseDir(), kbDir, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('readKnowledgeBaseCached', () => {
  it('returns what a fresh parse returns, from the parse and then from the cache', () => {
    const fresh = readKnowledgeBase(kbDir);
    expect(readKnowledgeBaseCached(kbDir, cacheDir)).toEqual(fresh);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(readKnowledgeBaseCached(kbDir, cacheDir)).toEqual(fresh);
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('re-parses when a kb file changes', () => {
    readKnowledgeBaseCached(kbDir, cacheDir);
    writeFileSync(join(kbDir, 'tips.yaml'), '[]\n');
    expect(readKnowledgeBaseCached(kbDir, cacheDir).tips).toEqual([]);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('ignores a damaged cache entry', () => {
    readKnowledgeBaseCached(kbDir, cacheDir);
    const [entry] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, entry ?? 'x'), '{"crite');
    expect(readKnowledgeBaseCached(kbDir, cacheDir)).toEqual(readKnowledgeBase(kbDir));
  });

  it('still reports kb problems (they are never cached)', () => {
    writeFileSync(join(kbDir, 'tips.yaml'), '- {id: x}\n');
    expect(() => readKnowledgeBaseCached(kbDir, cacheDir)).toThrow();
  });

  it('works without a writable cache folder', () => {
    const blocked = join(root, 'file-not-folder');
    writeFileSync(blocked, '');
    expect(readKnowledgeBaseCached(kbDir, join(blocked, 'cache')).criteria.length).toBeGreaterThan(0);
  });
});

describe('the cache stays bounded', () => {
  const HOUR = 60 * 60 * 1000;
  /** A cache entry (or temporary file) of another kb version, last used `ageMs` ago. */
  const old = (name: string, ageMs: number) => {
    mkdirSync(cacheDir, { recursive: true });
    const path = join(cacheDir, name);
    writeFileSync(path, '{}');
    const at = new Date(Date.now() - ageMs);
    utimesSync(path, at, at);
    return name;
  };
  const hex = (n: number) => n.toString(16).padStart(32, '0');

  it('keeps the most recently used entries when it writes a new one, and nothing else of the folder', () => {
    const stale = [1, 2, 3, 4, 5, 6].map((n) => old(`kb-${hex(n)}.json`, n * HOUR));
    mkdirSync(join(cacheDir, 'draws'));
    writeFileSync(join(cacheDir, 'draws', 'draws-10000x12.f64'), '');
    writeFileSync(join(cacheDir, 'kb-notes.txt'), 'not an entry');
    readKnowledgeBaseCached(kbDir, cacheDir);
    const entries = readdirSync(cacheDir).filter((n) => /^kb-[0-9a-f]{32}\.json$/.test(n));
    expect(entries).toHaveLength(KB_CACHE_KEEP);
    // The new entry and the three used most recently before it.
    expect(entries.sort()).toEqual(
      [...stale.slice(0, KB_CACHE_KEEP - 1), entries.find((n) => !stale.includes(n)) ?? ''].sort(),
    );
    expect(readdirSync(cacheDir)).toEqual(expect.arrayContaining(['draws', 'kb-notes.txt']));
  });

  it('counts a hit as a use, so the entry in use survives the next prune', () => {
    readKnowledgeBaseCached(kbDir, cacheDir);
    const [mine] = readdirSync(cacheDir);
    const long = new Date(Date.now() - 100 * HOUR);
    utimesSync(join(cacheDir, mine ?? ''), long, long);
    readKnowledgeBaseCached(kbDir, cacheDir);
    expect(Date.now() - statSync(join(cacheDir, mine ?? '')).mtimeMs).toBeLessThan(HOUR);
    for (const n of [1, 2, 3, 4]) old(`kb-${hex(n)}.json`, n * HOUR);
    pruneKnowledgeBaseCache(cacheDir, KB_CACHE_KEEP);
    expect(readdirSync(cacheDir)).toContain(mine);
    expect(readdirSync(cacheDir)).not.toContain(`kb-${hex(4)}.json`);
  });

  it("removes a dead writer's temporary file, never one a live writer may still be renaming", () => {
    const dead = old(`kb-${hex(7)}.json.4242.tmp`, 2 * HOUR);
    const live = old(`kb-${hex(8)}.json.4243.tmp`, 1000);
    const removed = pruneKnowledgeBaseCache(cacheDir, KB_CACHE_KEEP);
    expect(removed).toEqual([join(cacheDir, dead)]);
    expect(readdirSync(cacheDir)).toEqual([live]);
  });

  it('does nothing when the folder does not exist', () => {
    expect(pruneKnowledgeBaseCache(join(root, 'missing'), KB_CACHE_KEEP)).toEqual([]);
  });
});

describe('kbCacheDir', () => {
  it('follows GORUST_NO_CACHE, GORUST_CACHE_DIR and XDG_CACHE_HOME', () => {
    expect(kbCacheDir({ GORUST_NO_CACHE: '1', GORUST_CACHE_DIR: '/x' })).toBeUndefined();
    expect(kbCacheDir({ GORUST_CACHE_DIR: '/x' })).toBe('/x');
    expect(kbCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/gorust');
  });
});
