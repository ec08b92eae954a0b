/** @module A reader that closes the pipe early (`gorust ... | head`) ends gorust quietly: no stack trace, no error exit. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SPAWN_TIMEOUT_MS } from './helpers.ts';

const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const DIR = mkdtempSync(join(tmpdir(), 'gorust-epipe-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** Runs `gorust ARGS | true` in bash (the reader is gone before gorust writes) and returns gorust's own exit status and stderr. */
function pipeIntoHead(args: string[]): { status: number; stderr: string } {
  const command = `"${process.execPath}" --import "${TSX}" "${MAIN}" ${args.join(' ')} 2>"$ERR" | true; echo "\${PIPESTATUS[0]}"; cat "$ERR" >&2`;
  const result = spawnSync('bash', ['-c', command], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ERR: join(DIR, 'stderr') },
    timeout: SPAWN_TIMEOUT_MS,
  });
  return { status: Number(result.stdout.trim()), stderr: result.stderr };
}

describe('output into a closed pipe', () => {
  it.each([[['--help']], [['lab', '--help']], [['kb', 'evidence']]])(
    'gorust %j | true exits 0 without a stack trace',
    (args) => {
      const { status, stderr } = pipeIntoHead(args);
      expect(stderr).not.toMatch(/EPIPE|at .+:\d+:\d+/);
      expect(status).toBe(0);
    },
    SPAWN_TIMEOUT_MS,
  );
});
