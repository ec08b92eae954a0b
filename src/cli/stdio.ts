/**
 * @module The CLI's standard output and error without building their Node streams until something needs them:
 * process.stdout (a file or /dev/null: a SyncWriteStream; a pipe: a net.Socket) loads node:stream, and a pipe node:net
 * too, about 7 ms of a short command's CPU. Text goes to file descriptor 1 with a plain write; the quiet end on a
 * closed pipe (`gorust ... | head`) is attached to each stream when it is first built.
 */
import { writeSync } from 'node:fs';

/** Stop quietly when the reader of a stream is gone, as other Unix tools do. */
function quietOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

/**
 * Attach the quiet end on a closed pipe to process.stdout and process.stderr when each is first used (at once where
 * Node does not define them as getters).
 * @example
 * quietOnBrokenPipes();
 */
export function quietOnBrokenPipes(): void {
  // Once per process: the built CLI's entry (start.ts) and its bundle (main.ts) both ask.
  const done = Symbol.for('gorust.quietOnBrokenPipes');
  if (Object.hasOwn(process, done)) return;
  Object.defineProperty(process, done, { value: true });
  for (const name of ['stdout', 'stderr'] as const) {
    const own = Object.getOwnPropertyDescriptor(process, name);
    const get = own?.get;
    if (get === undefined || own?.configurable !== true) {
      quietOnBrokenPipe(process[name]);
      continue;
    }
    let stream: NodeJS.WriteStream | undefined;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: own?.enumerable === true,
      get() {
        if (stream === undefined) {
          stream = get.call(process) as NodeJS.WriteStream;
          quietOnBrokenPipe(stream);
        }
        return stream;
      },
    });
  }
}

/** Set once a plain write failed: from then on, everything goes through process.stdout, in order. */
let throughStream = false;

/**
 * Write to standard output. A plain blocking write to descriptor 1 (what process.stdout does on Linux for a file, a
 * pipe or a terminal); on any failure (a non-blocking pipe that is full, a closed reader, no descriptor 1) the rest,
 * and every later write, goes through process.stdout, which handles each case as it always has.
 * @example
 * writeStdout('{"verdict":"go"}\n');
 */
export function writeStdout(text: string): void {
  if (throughStream) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written, bytes.length - written);
  } catch {
    throughStream = true;
    process.stdout.write(bytes.subarray(written));
  }
}
