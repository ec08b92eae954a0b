/** @module Reading a profile file from disk: the file-level guards (missing, a directory, too large, not UTF-8) before the core parser sees the text. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import {
  type InputProblem,
  PROFILE_LIMITS,
  type Profile,
  parseProfileTextQuickly,
  UserError,
} from '../core/decide-entry.ts';

/**
 * Read and validate a profile file (YAML or JSON). Every problem is a UserError (exit code 2).
 * `label` is how messages name the file (the path as the user typed it). A valid profile is accepted without
 * loading zod; an invalid one loads the schema for its messages (parseProfileTextQuickly).
 * @example
 * const profile = await readProfileFile('gorust.yaml');
 */
export async function readProfileFile(path: string, label: string = path): Promise<Profile> {
  return parseProfileTextQuickly(readProfileText(path, label), label);
}

/**
 * Read a profile file's text with the file-level guards only (used by `init` to check an existing file).
 * @example
 * const text = readProfileText('gorust.yaml');
 */
export function readProfileText(path: string, label: string = path): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw fileError(label, 'a profile file', 'a directory');
    // A FIFO or device would block or never end: only regular files are read.
    if (!stat.isFile()) throw fileError(label, 'a regular file', 'a pipe, socket or device');
    size = stat.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError(
        `${label}: no such file. Create one with \`gorust init\`, or see \`gorust schema\` and the examples/ folder.`,
      );
    }
    throw new UserError(`${label}: cannot read the file (${code ?? 'unknown error'}).`);
  }
  if (size > PROFILE_LIMITS.maxBytes) {
    throw fileError(
      label,
      `a profile of at most ${PROFILE_LIMITS.maxBytes / 1024} KiB`,
      `${Math.ceil(size / 1024)} KiB`,
    );
  }
  // Read at most one byte past the limit: a file that grows (or a FIFO) cannot make us read without bound.
  const buffer = Buffer.alloc(Math.min(size, PROFILE_LIMITS.maxBytes) + 1);
  let length = 0;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length >= buffer.length) break;
    }
  } catch (error) {
    throw new UserError(
      `${label}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return decodeProfileBytes(buffer.subarray(0, length), label);
}

/** The stream `gorust decide -` reads: stdin, which may be a terminal. */
export type ProfileStream = AsyncIterable<Uint8Array | string> & { isTTY?: boolean; destroy?: () => void };

/**
 * Read a profile's text from a stream (stdin for `gorust decide -`) with the same guards as a file:
 * at most PROFILE_LIMITS.maxBytes (it stops reading past the limit, so an endless pipe cannot exhaust
 * memory), UTF-8 only. A terminal is refused instead of waiting for typing that never ends.
 * @example
 * const text = await readProfileStream(process.stdin, 'stdin');
 */
export async function readProfileStream(stream: ProfileStream, label = 'stdin'): Promise<string> {
  if (stream.isTTY === true) {
    throw new UserError(
      `${label} is a terminal: pipe the profile in (gorust decide - < gorust.yaml), or pass a file name.`,
    );
  }
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      chunks.push(bytes);
      length += bytes.length;
      if (length > PROFILE_LIMITS.maxBytes) {
        stream.destroy?.();
        break;
      }
    }
  } catch (error) {
    throw new UserError(
      `${label}: cannot read the profile (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
    );
  }
  return decodeProfileBytes(Buffer.concat(chunks, length), label);
}

/** The size and UTF-8 guards shared by files and streams. */
function decodeProfileBytes(bytes: Uint8Array, label: string): string {
  if (bytes.length > PROFILE_LIMITS.maxBytes) {
    throw fileError(label, `a profile of at most ${PROFILE_LIMITS.maxBytes / 1024} KiB`, 'a larger input');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError(
      label,
      'a UTF-8 text file (YAML or JSON)',
      'bytes that are not UTF-8 text (a binary file?)',
    );
  }
}

function fileError(path: string, expected: string, found: string): UserError {
  const problem: InputProblem = {
    path: '(file)',
    expected,
    found,
    message: `expected ${expected}, found ${found}`,
  };
  return new UserError(`${path} is not a valid gorust profile (1 problem):`, [problem]);
}
