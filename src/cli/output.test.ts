/** @module Tests of the CLI's side-effect helpers: colour decision, today's date, atomic writes, ADR numbering. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/index.ts';
import {
  assertFolderExists,
  ensureFolder,
  nextAdrNumber,
  shouldColor,
  todayIso,
  writeFileAtomic,
} from './output.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gorust-output-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('shouldColor', () => {
  it('colours a terminal unless NO_COLOR is set; FORCE_COLOR forces it', () => {
    expect(shouldColor({ isTTY: true, env: {} })).toBe(true);
    expect(shouldColor({ isTTY: false, env: {} })).toBe(false);
    expect(shouldColor({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(shouldColor({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(shouldColor({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
  });
});

describe('todayIso', () => {
  it('gives the UTC date, or GORUST_DATE when it is a valid date', () => {
    expect(todayIso({}, new Date('2026-11-27T23:59:00Z'))).toBe('2026-11-27');
    expect(todayIso({ GORUST_DATE: '2020-01-02' })).toBe('2020-01-02');
    expect(todayIso({ GORUST_DATE: 'yesterday' }, new Date('2026-11-27T00:00:00Z'))).toBe('2026-11-27');
  });
});

describe('writeFileAtomic', () => {
  it('writes through a temporary file and leaves none behind', () => {
    const path = join(dir, 'report.md');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('never creates folders: a missing parent is a UserError naming it', () => {
    const missing = join(dir, 'a', 'b');
    expect(() => writeFileAtomic(join(missing, 'report.md'), 'x')).toThrow(
      `folder ${missing} does not exist`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to replace a folder', () => {
    mkdirSync(join(dir, 'taken'));
    expect(() => writeFileAtomic(join(dir, 'taken'), 'x')).toThrow(UserError);
  });
});

describe('ensureFolder', () => {
  it('creates one missing folder when its parent exists, and accepts an existing one', () => {
    ensureFolder(join(dir, 'decisions'));
    ensureFolder(join(dir, 'decisions'));
    expect(readdirSync(dir)).toEqual(['decisions']);
  });

  it('never creates more than one level', () => {
    expect(() => ensureFolder(join(dir, 'docs', 'decisions'))).toThrow(
      `folder ${join(dir, 'docs')} does not exist`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file where the folder should be', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => assertFolderExists(join(dir, 'file'))).toThrow(UserError);
  });
});

describe('nextAdrNumber', () => {
  it('numbers after the highest NNNN-*.md, ignoring other files', () => {
    expect(nextAdrNumber(join(dir, 'missing'))).toBe(1);
    writeFileSync(join(dir, '0002-a.md'), '');
    writeFileSync(join(dir, '0010-b.md'), '');
    writeFileSync(join(dir, '9999.txt'), '');
    writeFileSync(join(dir, 'README.md'), '');
    expect(nextAdrNumber(dir)).toBe(11);
  });
});
