/** @module Side effects of the CLI in one place: where text goes (stdout, files written atomically through symlinks, never over a device or a FIFO), whether to colour, today's date, and ADR numbering. */
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../core/decide-entry.ts';
import type { CliIo } from './io.ts';

// The stream seam lives in io.ts (no core import); re-exported so command files keep one import.
export { type CliIo, processIo } from './io.ts';

/**
 * Colour only on a terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb; FORCE_COLOR=1 forces it, FORCE_COLOR=0 turns it off.
 * @example
 * renderText(decision, { color: shouldColor(io) });
 */
export function shouldColor(io: Pick<CliIo, 'isTTY' | 'env'>): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0' || io.env.FORCE_COLOR === 'false') return false;
  if (io.env.FORCE_COLOR !== undefined) return true;
  // A terminal that says it cannot show colour (Emacs shells, some CI logs).
  if (io.env.TERM === 'dumb') return false;
  return io.isTTY;
}

/**
 * Today's date as YYYY-MM-DD in UTC (for ADRs); GORUST_DATE overrides it so outputs can be reproduced. A GORUST_DATE
 * that is not a calendar date in that form is refused (exit 2), never written into a record nor silently ignored.
 * @example
 * todayIso(process.env); // '2026-11-27'
 */
export function todayIso(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const fixed = env.GORUST_DATE;
  if (fixed === undefined || fixed === '') return now.toISOString().slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fixed);
  const date = m === null ? undefined : new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date === undefined || date.toISOString().slice(0, 10) !== fixed)
    throw new UserError(
      `GORUST_DATE=${fixed} is not a date: give one as YYYY-MM-DD, such as 2026-12-07, or unset it.`,
    );
  return fixed;
}

/** A path as a shell argument: as it is when it has only safe characters, else in single quotes. */
function quoteArg(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/**
 * Fail with a clear message unless `dir` is an existing folder. Output paths never create folders on
 * their own: a typo such as `--out /nonexistent/dir/x.md` must not scatter folders from the root down.
 * @example
 * assertFolderExists(dirname('/tmp/reports/x.md'));
 */
export function assertFolderExists(dir: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat === undefined)
    throw new UserError(`folder ${dir} does not exist; create it first (mkdir -p ${quoteArg(dir)}).`);
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

/** Symbolic links followed before giving up (the kernel's own limit is 40). */
const MAX_SYMLINK_HOPS = 40;

/** What a path is, in words, for a refusal message. */
function describeKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Where a write to `path` must land: the path itself, or, through any chain of symbolic links (even one that points
 * to a file not yet created), the final target. Relative link targets are taken from the link's own folder.
 * @example
 * resolveWriteTarget('report.md'); // '/work/reports/2026.md' when report.md -> reports/2026.md
 */
export function resolveWriteTarget(path: string): string {
  let current = resolve(path);
  for (let hop = 0; hop <= MAX_SYMLINK_HOPS; hop++) {
    const stat = lstatSync(current, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isSymbolicLink()) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new UserError(
    `cannot write ${path}: more than ${MAX_SYMLINK_HOPS} symbolic links in a row (a loop?).`,
  );
}

export type WriteFileOptions = {
  /** Replace an existing regular file (default true); false refuses with a UserError when the target exists. */
  overwrite?: boolean;
};

/**
 * Write a file without ever leaving a half-written one, and without replacing what is not a plain file:
 * - a symbolic link is followed: its target gets the new content (atomically there) and the link stays a link;
 * - an existing file keeps its mode (a 0600 file stays 0600) and, when the process may, its owner;
 * - a folder, a FIFO, a device or a socket is refused with a UserError naming it (exit 2): nothing is written;
 * - the text goes to a temporary file beside the target, then is renamed over it, so a crash leaves the old file.
 * The parent folder must exist (see assertFolderExists). `-` is not a path here: see writeOutput.
 * @example
 * writeFileAtomic('docs/decisions/0003-use-go.md', adr);
 * writeFileAtomic('docs/decisions/0003-use-go.md', adr, { overwrite: false }); // refuses to replace it
 */
export function writeFileAtomic(path: string, text: string, options: WriteFileOptions = {}): void {
  const target = resolveWriteTarget(path);
  const shown = target === resolve(path) ? path : `${path} (a link to ${target})`;
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing?.isDirectory()) {
    throw new UserError(
      `${shown} is a folder; give a file name, or use --format adr to write a numbered ADR into it.`,
    );
  }
  if (existing !== undefined && !existing.isFile()) {
    throw new UserError(
      `${shown} is ${describeKind(existing)}, not a regular file: gorust writes only regular files. Give a file name, or - for standard output.`,
    );
  }
  if (existing !== undefined && options.overwrite === false) {
    throw new UserError(`${shown} already exists; nothing was written.`);
  }
  const dir = dirname(target);
  assertFolderExists(dir);
  const temp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx', mode: existing === undefined ? 0o666 : existing.mode & 0o7777 });
    if (existing !== undefined) {
      // The umask narrowed the mode given to open(); set it exactly, then the owner where allowed (root).
      chmodSync(temp, existing.mode & 0o7777);
      try {
        chownSync(temp, existing.uid, existing.gid);
      } catch {
        // Not permitted for an ordinary user on another user's file: the new file is theirs, as with any editor.
      }
    }
    // Between the check and here the target may have changed kind; rename never writes into a FIFO or a device,
    // it replaces the name, so re-check and refuse rather than replace a special file that appeared meanwhile.
    const now = lstatSync(target, { throwIfNoEntry: false });
    if (now !== undefined && !now.isFile()) {
      throw new UserError(`${shown} became ${describeKind(now)} while writing; nothing was written.`);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot write ${shown} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/**
 * Write `text` to `out`: standard output for `-`, otherwise the file, written safely (writeFileAtomic), with a
 * `wrote PATH` note on stderr.
 * @example
 * writeOutput(io, opts.out ?? '-', report);
 */
export function writeOutput(io: CliIo, out: string, text: string, options: WriteFileOptions = {}): void {
  if (out === '-') {
    io.stdout(text);
    return;
  }
  writeFileAtomic(out, text, options);
  io.stderr(`wrote ${out}\n`);
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
