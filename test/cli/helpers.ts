/** @module Helpers for the CLI end-to-end tests: run `gorust` as a real child process (through tsx) and look at its exit code and output. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
/** tsx's loader by absolute URL: `--import tsx` would resolve from the child's cwd, a temp folder. */
/** One knowledge-base cache for all spawned runs, never the user's own. */
const CACHE_DIR = mkdtempSync(join(tmpdir(), 'gorust-cli-cache-'));
afterAll(() => rmSync(CACHE_DIR, { recursive: true, force: true }));
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Tests that spawn several processes: each takes 0.5 to 3 s on a busy 2-core machine. */
export const SPAWN_TIMEOUT_MS = 90_000;

export type CliResult = { code: number | null; stdout: string; stderr: string; timedOut: boolean };

/**
 * Run `gorust ARGS` in `cwd` with stdin from `input` (empty by default; never a TTY), NO_COLOR unset, and a time limit.
 * @example
 * const { code, stderr } = runGorust(['decide', 'missing.yaml']);
 */
export function runGorust(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string | Buffer } = {},
): CliResult {
  const result = spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: {
      ...process.env,
      NO_COLOR: undefined,
      FORCE_COLOR: undefined,
      GORUST_DEBUG: undefined,
      ...options.env,
    },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return {
    code: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    timedOut: result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT',
  };
}

/** A stack trace line as Node prints them ("    at fn (file.ts:12:3)"). Users must never see one. */
export const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/**
 * A temporary folder for one test file, removed after its tests.
 * @example
 * const dir = tempDir();
 */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gorust-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
