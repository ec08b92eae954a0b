/** @module Tests of the knowledge-base parse cache: same result as a fresh parse, reused on a hit, re-parsed when a kb file changes, a damaged entry ignored, and off when disabled. */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kbCacheDir, readKnowledgeBaseCached } from './kb-cache.ts';
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

describe('kbCacheDir', () => {
  it('follows GORUST_NO_CACHE, GORUST_CACHE_DIR and XDG_CACHE_HOME', () => {
    expect(kbCacheDir({ GORUST_NO_CACHE: '1', GORUST_CACHE_DIR: '/x' })).toBeUndefined();
    expect(kbCacheDir({ GORUST_CACHE_DIR: '/x' })).toBe('/x');
    expect(kbCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/gorust');
  });
});
