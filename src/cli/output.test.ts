/** @module Tests of the CLI's side-effect helpers: colour decision, today's date, atomic writes, ADR numbering. */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/index.ts';
import {
  assertFolderExists,
  type CliIo,
  ensureFolder,
  nextAdrNumber,
  shouldColor,
  todayIso,
  writeFileAtomic,
  writeOutput,
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
    expect(todayIso({ GORUST_DATE: '' }, new Date('2026-11-27T00:00:00Z'))).toBe('2026-11-27');
    // Not a date: refused, neither written into a record (2026-13-45) nor silently replaced by today (yesterday).
    for (const bad of ['yesterday', '2026-13-45', '2026-02-30', '2026-1-2'])
      expect(() => todayIso({ GORUST_DATE: bad })).toThrow(`GORUST_DATE=${bad} is not a date`);
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
      `folder ${missing} does not exist; create it first (mkdir -p ${missing}).`,
    );
    // A path with a space is quoted so the command works as printed.
    expect(() => writeFileAtomic(join(dir, 'my docs', 'x.md'), 'x')).toThrow(
      `(mkdir -p '${join(dir, 'my docs')}').`,
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

describe('writeFileAtomic: what is at the path', () => {
  it('writes through a symbolic link to its target, atomically there, and the link stays a link', () => {
    mkdirSync(join(dir, 'reports'));
    const target = join(dir, 'reports', 'real.md');
    writeFileSync(target, 'old');
    symlinkSync('reports/real.md', join(dir, 'link.md'));
    writeFileAtomic(join(dir, 'link.md'), 'new');
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'reports'))).toEqual(['real.md']);
    expect(readdirSync(dir).sort()).toEqual(['link.md', 'reports']);
  });

  it('creates the target of a dangling link, and follows a chain of links', () => {
    symlinkSync('missing.md', join(dir, 'dangling.md'));
    symlinkSync('dangling.md', join(dir, 'chain.md'));
    writeFileAtomic(join(dir, 'chain.md'), 'made');
    expect(readFileSync(join(dir, 'missing.md'), 'utf8')).toBe('made');
    expect(lstatSync(join(dir, 'chain.md')).isSymbolicLink()).toBe(true);
  });

  it('refuses a loop of links with a UserError', () => {
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    expect(() => writeFileAtomic(join(dir, 'a'), 'x')).toThrow(/symbolic links in a row/);
  });

  it('keeps the mode of the file it replaces (0600 stays 0600, also through a link)', () => {
    const path = join(dir, 'secret.md');
    writeFileSync(path, 'old', { mode: 0o600 });
    chmodSync(path, 0o600);
    writeFileAtomic(path, 'new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    chmodSync(path, 0o640);
    symlinkSync('secret.md', join(dir, 'via-link.md'));
    writeFileAtomic(join(dir, 'via-link.md'), 'newer');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readFileSync(path, 'utf8')).toBe('newer');
  });

  it('refuses a FIFO without opening it (no hang), and leaves it a FIFO', () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(() => writeFileAtomic(fifo, 'x')).toThrow(/is a named pipe \(FIFO\), not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('refuses a character device made in the temporary folder (never /dev), also through a link', (ctx) => {
    const device = join(dir, 'null-device');
    try {
      // 1,3 is the null device; creating a node needs CAP_MKNOD (root in CI).
      execFileSync('mknod', [device, 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      ctx.skip('mknod needs root (CAP_MKNOD); CI runs as root');
    }
    expect(() => writeFileAtomic(device, 'x')).toThrow(/is a character device, not a regular file/);
    symlinkSync('null-device', join(dir, 'out.md'));
    expect(() => writeFileAtomic(join(dir, 'out.md'), 'x')).toThrow(
      /a link to .*null-device.*character device/,
    );
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['null-device', 'out.md']);
  });

  it('refuses a socket', async () => {
    const path = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((listening) => server.listen(path, listening));
    try {
      expect(() => writeFileAtomic(path, 'x')).toThrow(/is a socket/);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });

  it('with overwrite: false, refuses an existing file and writes a new one', () => {
    const path = join(dir, '0001-x.md');
    writeFileAtomic(path, 'first', { overwrite: false });
    expect(() => writeFileAtomic(path, 'second', { overwrite: false })).toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('first');
  });
});

describe('writeOutput', () => {
  it('sends - to standard output and a path to a file, noting it on stderr', () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } as unknown as CliIo;
    writeOutput(io, '-', 'to stdout');
    writeOutput(io, join(dir, 'r.md'), 'to file');
    expect(out).toEqual(['to stdout']);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toBe('to file');
    expect(err).toEqual([`wrote ${join(dir, 'r.md')}\n`]);
  });
});
