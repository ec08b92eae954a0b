/** @module Tests of readKnowledgeBase(): reads a kb folder from disk, reports missing folders and files as UserErrors. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KB_FILES, UserError } from '../core/index.ts';
import { minimalKnowledgeBase, toTexts } from '../core/kb/kb-fixtures.test-helpers.ts';
import {
  defaultKnowledgeBaseDir,
  prebuiltKnowledgeBase,
  prebuiltKnowledgeBaseJson,
  readKnowledgeBase,
  readKnowledgeBaseTexts,
  readPrebuiltKnowledgeBase,
} from './kb-files.ts';

const dirs: string[] = [];
function tempKbDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gorust-kb-'));
  dirs.push(dir);
  for (const [key, text] of Object.entries(toTexts(minimalKnowledgeBase()))) {
    writeFileSync(join(dir, KB_FILES[key as keyof typeof KB_FILES]), text ?? '');
  }
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('readKnowledgeBase', () => {
  it('reads and validates every kb file in a folder', () => {
    const kb = readKnowledgeBase(tempKbDir());
    expect(kb.criteria).toHaveLength(12);
    expect(kb.parameters.gc_pause_us?.value).toBe(300);
  });

  it('points at the package kb/ folder by default', () => {
    expect(defaultKnowledgeBaseDir()).toBe(join(import.meta.dirname, '..', '..', 'kb'));
    expect(Object.keys(readKnowledgeBaseTexts(defaultKnowledgeBaseDir()))).toContain('criteria');
  });

  it('reports a missing folder as a UserError', () => {
    expect(() => readKnowledgeBase(join(tmpdir(), 'gorust-no-such-kb-folder'))).toThrow(UserError);
  });

  it('reports a missing file through the parser, naming it', () => {
    const dir = tempKbDir();
    rmSync(join(dir, 'evidence.yaml'));
    try {
      readKnowledgeBase(dir);
      expect.unreachable('a missing evidence.yaml must fail');
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems.map((p) => p.path)).toEqual(['evidence.yaml']);
    }
  });

  it('refuses a folder in place of a kb file', () => {
    const dir = tempKbDir();
    rmSync(join(dir, 'tips.yaml'));
    mkdirSync(join(dir, 'tips.yaml'));
    expect(() => readKnowledgeBase(dir)).toThrow(/not a readable knowledge base file/);
  });
});

describe('readPrebuiltKnowledgeBase', () => {
  it('returns the prebuilt parse only for the texts it was built from', () => {
    const texts = readKnowledgeBaseTexts(defaultKnowledgeBaseDir());
    const kb = readKnowledgeBase();
    const dir = mkdtempSync(join(tmpdir(), 'gorust-prebuilt-'));
    try {
      const file = join(dir, 'kb.json');
      const json = prebuiltKnowledgeBaseJson(texts, kb);
      // ASCII, so Node reads it into a one-byte string, and the same value as the plain JSON (texts beyond ASCII included).
      expect(/[\u007f-\uffff]/.test(json)).toBe(false);
      expect(Object.values(texts).some((t) => /[\u007f-\uffff]/.test(t ?? ''))).toBe(true);
      expect(JSON.parse(json)).toEqual(prebuiltKnowledgeBase(texts, kb));
      writeFileSync(file, json);
      expect(readPrebuiltKnowledgeBase(texts, file)).toEqual(kb);
      // An edited, added or removed kb file (without a rebuild) is never served from the stale prebuilt copy.
      expect(readPrebuiltKnowledgeBase({ ...texts, tips: `${texts.tips}\n# edited` }, file)).toBeUndefined();
      expect(readPrebuiltKnowledgeBase({ ...texts, extra: 'x: 1\n' }, file)).toBeUndefined();
      const { tips: _tips, ...withoutTips } = texts;
      expect(readPrebuiltKnowledgeBase(withoutTips, file)).toBeUndefined();
      // A prebuilt file of the earlier format (a digest of the texts) is not trusted: the kb is parsed instead.
      writeFileSync(file, JSON.stringify({ format: 1, hash: 'a digest of the texts', kb }));
      expect(readPrebuiltKnowledgeBase(texts, file)).toBeUndefined();
      expect(readPrebuiltKnowledgeBase(texts, join(dir, 'missing.json'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
