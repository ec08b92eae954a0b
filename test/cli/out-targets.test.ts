/** @module End-to-end: `gorust decide --out` refuses what is not a regular file (exit 2, a message, nothing written) and takes - for standard output. */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGorust, SPAWN_TIMEOUT_MS } from './helpers.ts';

const EXAMPLE = join('examples', 'service-mesh.yaml');
const dir = mkdtempSync(join(tmpdir(), 'gorust-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gorust decide --out', () => {
  it(
    'refuses a FIFO with exit 2 and a message, without blocking on it',
    () => {
      const fifo = join(dir, 'decision.json');
      execFileSync('mkfifo', [fifo]);
      const { code, stdout, stderr, timedOut } = runGorust(['decide', EXAMPLE, '--out', fifo], {
        timeoutMs: 60_000,
      });
      expect(timedOut).toBe(false);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('is a named pipe (FIFO), not a regular file');
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(readdirSync(dir)).toEqual(['decision.json']);
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'writes - to standard output',
    () => {
      const { code, stdout } = runGorust(['decide', EXAMPLE, '--format', 'json', '--out', '-'], {
        timeoutMs: 60_000,
      });
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toHaveProperty('verdict');
    },
    SPAWN_TIMEOUT_MS,
  );
});
