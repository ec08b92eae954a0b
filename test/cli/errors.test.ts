/** @module End-to-end: every kind of bad input gives exit code 2, a message naming the problem, and no stack trace; the process never hangs. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runGorust, SPAWN_TIMEOUT_MS, STACK_LINE, tempDir } from './helpers.ts';

const dir = tempDir();

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Run and assert the bad-input contract; return stderr for the specific checks. */
function expectBadInput(args: string[], cwd = dir): string {
  const result = runGorust(args, { cwd });
  expect(result.timedOut).toBe(false);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr.trim().length).toBeGreaterThan(0);
  expect(result.stdout).toBe('');
  return result.stderr;
}

describe('gorust decide with bad input', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('a profile with mistakes: every problem, with paths and did-you-mean', () => {
    const path = file(
      'bad.yaml',
      'version: 1\nproject: {name: X}\nworkload: {kind: io-bond}\nteam: {size: 3, go: strnog, rust: none}\nteem: {}\n',
    );
    const stderr = expectBadInput(['decide', path]);
    expect(stderr).toContain('is not a valid gorust profile (3 problems):');
    expect(stderr).toContain(
      'workload.kind: expected one of io-bound | cpu-bound | mixed, found "io-bond" (a string) (did you mean "io-bound"?)',
    );
    expect(stderr).toContain(
      'team.go: expected one of none | some | strong, found "strnog" (a string) (did you mean "strong"?)',
    );
    expect(stderr).toContain('teem: expected one of the keys');
    expect(stderr).toContain('(did you mean "team"?)');
  });

  it('a missing file, named as the user typed it', () => {
    expect(expectBadInput(['decide', 'no-such-profile.yaml'])).toContain(
      'no-such-profile.yaml: no such file',
    );
  });

  it('no profile argument and no ./gorust.yaml', () => {
    const stderr = expectBadInput(['decide']);
    expect(stderr).toContain('no gorust.yaml in');
    expect(stderr).toContain('gorust init');
  });

  it('a directory', () => {
    const sub = join(dir, 'a-folder');
    mkdirSync(sub, { recursive: true });
    expect(expectBadInput(['decide', sub])).toContain('expected a profile file, found a directory');
  });

  it('a FIFO, without blocking on it', () => {
    const fifo = join(dir, 'fifo.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(expectBadInput(['decide', fifo])).toContain('expected a regular file');
  });

  it('binary junk', () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(expectBadInput(['decide', file('junk.bin', junk)])).toMatch(/binary|not UTF-8/);
    expect(expectBadInput(['decide', file('nul.yaml', 'version: 1\n\0\0\0')])).toContain(
      'binary data (character U+0000)',
    );
  });

  it('a YAML alias bomb', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
    ].join('\n');
    expect(expectBadInput(['decide', file('bomb.yaml', bomb)])).toContain('billion laughs');
  });

  it('deep nesting', () => {
    expect(expectBadInput(['decide', file('deep.yaml', '['.repeat(200_000))])).toContain('levels of nesting');
    expect(
      expectBadInput(['decide', file('deep.json', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)]),
    ).toContain('levels of nesting');
  });

  it('a huge file', () => {
    expect(
      expectBadInput(['decide', file('huge.yaml', `summary: ${'x'.repeat(2 * 1024 * 1024)}\n`)]),
    ).toContain('expected a profile of at most 1024 KiB, found 2049 KiB');
  });

  it('YAML and JSON syntax errors, with line and column', () => {
    expect(
      expectBadInput(['decide', file('syntax.yaml', 'version: 1\nproject: [a, b\nteam: "x\n')]),
    ).toContain('line 3, column 1: expected valid YAML');
    expect(expectBadInput(['decide', file('syntax.json', '{"version": 1,\n  "project": }')])).toContain(
      'expected valid JSON, found Unexpected token',
    );
  });

  it('an empty file and a non-mapping document', () => {
    expect(expectBadInput(['decide', file('empty.yaml', '')])).toContain('found an empty file');
    expect(expectBadInput(['decide', file('list.yaml', '- a\n- b\n')])).toContain(
      'expected a mapping of profile fields',
    );
  });

  it('an unknown format, a bad seed, an unknown option or command', () => {
    const ok = file(
      'ok.yaml',
      'version: 1\nproject: {name: X}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n',
    );
    expect(expectBadInput(['decide', ok, '--format', 'pdf'])).toContain(
      "argument 'pdf' is invalid. Allowed choices are text, md, adr, json",
    );
    expect(expectBadInput(['decide', ok, '--seed', '-3'])).toContain('the seed must be a whole number');
    expect(expectBadInput(['decide', ok, '--seed', '1.5'])).toContain('the seed must be a whole number');
    expect(expectBadInput(['decide', ok, '--seed', '99999999999'])).toContain(
      'the seed must be a whole number',
    );
    expect(expectBadInput(['decide', ok, '--frobnicate'])).toContain("unknown option '--frobnicate'");
    expect(expectBadInput(['decied'])).toContain("unknown command 'decied'");
    expect(expectBadInput(['kb', 'claimz'])).toContain(
      'Allowed choices are criteria, claims, evidence, projects',
    );
  });

  it('--out into a folder for a format that is not adr', () => {
    const ok = file(
      'ok2.yaml',
      'version: 1\nproject: {name: X}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n',
    );
    expect(expectBadInput(['decide', ok, '--format', 'md', '--out', `${dir}/reports/`])).toContain(
      'only --format adr numbers files in a folder',
    );
  });

  it('stdin (-) with the same guards as a file: empty, too large, not UTF-8', () => {
    const run = (input: string | Buffer) => {
      const result = runGorust(['decide', '-'], { input });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).not.toMatch(STACK_LINE);
      return result.stderr;
    };
    expect(run('')).toContain('stdin is not a valid gorust profile');
    expect(run(Buffer.alloc(1024 * 1024 + 10, 0x61))).toContain('expected a profile of at most 1024 KiB');
    expect(run(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toContain('not UTF-8');
  });

  it('--out into a missing folder: names it, creates nothing', () => {
    const ok = file(
      'ok3.yaml',
      'version: 1\nproject: {name: X}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n',
    );
    const missing = join(dir, 'no-such', 'dir');
    expect(expectBadInput(['decide', ok, '--format', 'md', '--out', join(missing, 'x.md')])).toContain(
      `folder ${missing} does not exist`,
    );
    expect(existsSync(join(dir, 'no-such'))).toBe(false);
    // An ADR folder is created only when its parent exists.
    expect(expectBadInput(['decide', ok, '--format', 'adr', '--out', `${missing}/`])).toContain(
      `folder ${join(dir, 'no-such')} does not exist`,
    );
    expect(existsSync(join(dir, 'no-such'))).toBe(false);
  });
});

describe('gorust init without a terminal', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('explains how to write the file instead of hanging, and writes nothing', () => {
    const stderr = expectBadInput(['init']);
    expect(stderr).toContain('not one, so nothing was asked');
    expect(stderr).toContain('gorust schema');
    expect(stderr).toContain('examples/');
  });
});

describe('fuzzing the CLI process', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('exits 2 with a message for random bytes, never crashing or hanging', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        const path = file(`fuzz-${n++}.yaml`, bytes);
        const result = runGorust(['decide', path, '--format', 'json'], { cwd: dir });
        expect(result.timedOut).toBe(false);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^gorust: /);
        expect(result.stderr).not.toMatch(STACK_LINE);
      }),
      // Each run spawns a process (~0.5 s); the in-process fuzz tests cover thousands of inputs.
      { numRuns: 5, seed: 42 },
    );
  });
});
