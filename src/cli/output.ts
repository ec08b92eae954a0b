/** @module Side effects of the CLI in one place: where text goes (stdout, files written atomically), whether to colour, today's date, and ADR numbering. */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../core/index.ts';
import type { CliIo } from './io.ts';

// The stream seam lives in io.ts (no core import); re-exported so command files keep one import.
export { type CliIo, processIo } from './io.ts';

/**
 * Colour only on a terminal, never with NO_COLOR set (https://no-color.org); FORCE_COLOR=1 forces it, FORCE_COLOR=0 turns it off.
 * @example
 * renderText(decision, { color: shouldColor(io) });
 */
export function shouldColor(io: Pick<CliIo, 'isTTY' | 'env'>): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0' || io.env.FORCE_COLOR === 'false') return false;
  if (io.env.FORCE_COLOR !== undefined) return true;
  return io.isTTY;
}

/**
 * Today's date as YYYY-MM-DD in UTC (for ADRs); GORUST_DATE overrides it so outputs can be reproduced.
 * @example
 * todayIso(process.env); // '2026-11-27'
 */
export function todayIso(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const fixed = env.GORUST_DATE;
  if (fixed !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return now.toISOString().slice(0, 10);
}

/**
 * Fail with a clear message unless `dir` is an existing folder. Output paths never create folders on
 * their own: a typo such as `--out /nonexistent/dir/x.md` must not scatter folders from the root down.
 * @example
 * assertFolderExists(dirname('/tmp/reports/x.md'));
 */
export function assertFolderExists(dir: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat === undefined) throw new UserError(`folder ${dir} does not exist; create it first.`);
  if (!stat.isDirectory()) throw new UserError(`${dir} is not a folder.`);
}

/**
 * Create the one folder `dir` when it is missing and its parent exists (for `--out DIR/` with an ADR:
 * `docs/decisions/` may be new, `docs/` must not be). Never creates more than one level.
 * @example
 * ensureFolder('docs/decisions'); // docs/ must exist
 */
export function ensureFolder(dir: string): void {
  if (statSync(dir, { throwIfNoEntry: false }) === undefined) {
    assertFolderExists(dirname(dir));
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UserError(`cannot create the folder ${dir} (${code ?? 'error'}).`);
    }
  }
  assertFolderExists(dir);
}

/**
 * Write a file without ever leaving a half-written one: write a temporary file beside it, then rename.
 * A crash mid-write leaves the old file intact. The parent folder must exist (see assertFolderExists).
 * @example
 * writeFileAtomic('docs/decisions/0003-use-go.md', adr);
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UserError(
      `${path} is a folder; give a file name, or use --format adr to write a numbered ADR into it.`,
    );
  }
  assertFolderExists(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UserError(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/**
 * The next ADR number in a folder: one more than the highest `NNNN-*.md` there (1 for an empty or new folder).
 * @example
 * nextAdrNumber('docs/decisions'); // 4 when 0001..0003 exist
 */
export function nextAdrNumber(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 1;
  }
  const numbers = names.map((name) => /^(\d{4})-.*\.md$/.exec(name)?.[1]).filter((n) => n !== undefined);
  return numbers.length === 0 ? 1 : Math.max(...numbers.map(Number)) + 1;
}
