/** @module Build the lab's programs as the manifest says, with timeouts, skipping a build when nothing under lab/workloads changed since the last successful one. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { UserError } from '../../core/index.ts';
import type { ResolvedProgram } from './manifest.ts';
import { LabProcessError, runCommand } from './process.ts';

export type BuildOutcome = {
  program: string;
  /** True when the stamp matched and the executable exists: nothing ran. */
  skipped: boolean;
  duration_ms: number;
};

export type BuildOptions = {
  /** lab/workloads: its files (minus build outputs) make the fingerprint. */
  workloadsDir: string;
  /** Folder for the stamps (the lab cache). */
  stampDir: string;
  /** Per command; the first cargo build of an async stack takes minutes on two cores. */
  timeoutMs?: number | undefined;
  /** Rebuild even when the stamp matches. */
  force?: boolean | undefined;
  signal?: AbortSignal | undefined;
};

const SKIP_DIRS = new Set(['target', 'bin', 'node_modules', '.git']);

/**
 * A hash of every source file under `dir` (path, size, mtime), ignoring build outputs.
 * @example
 * const before = fingerprintTree('lab/workloads');
 */
export function fingerprintTree(dir: string, ignore: ReadonlySet<string> = new Set()): string {
  const hash = createHash('sha256');
  const walk = (current: string) => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && !ignore.has(full)) {
        const stat = statSync(full);
        hash.update(`${relative(dir, full)}\0${stat.size}\0${Math.round(stat.mtimeMs)}\n`);
      }
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/**
 * Build one resolved program (its commands in order, in its folder), unless its stamp says it is up to date.
 * A failing command is a UserError carrying the command and the end of its output.
 * @example
 * await buildProgram(program, { workloadsDir, stampDir });
 */
export async function buildProgram(
  workload: string,
  program: ResolvedProgram,
  options: BuildOptions,
): Promise<BuildOutcome> {
  const started = Date.now();
  const stampPath = join(options.stampDir, `${workload}--${program.name}.json`);
  // A program whose folder is outside lab/workloads (a team's own pair, `cwd: ../go`) is fingerprinted too, less the
  // executable its build writes there: until 2026-12-07 its edited sources were not rebuilt, and the old binary was
  // measured.
  const output = program.exec === '' || !program.exec.includes('/') ? null : program.exec;
  const own = isInside(program.cwd, options.workloadsDir)
    ? ''
    : fingerprintTree(program.cwd, new Set(output === null ? [] : [output]));
  const fingerprint = createHash('sha256')
    .update(fingerprintTree(options.workloadsDir))
    .update(own)
    .update(JSON.stringify(program.build))
    .digest('hex');
  if (!options.force && (output === null || existsSync(output)) && readStamp(stampPath) === fingerprint) {
    return { program: program.name, skipped: true, duration_ms: 0 };
  }
  for (const [cmd, ...args] of program.build) {
    if (options.signal?.aborted) throw new UserError('lab interrupted during a build');
    if (cmd === undefined) continue;
    const result = await runCommand(cmd, args, {
      cwd: program.cwd,
      env: { ...program.env, ...program.buildEnv },
      timeoutMs: options.timeoutMs ?? 30 * 60_000,
    }).catch((error: unknown) => {
      // A build command that is not installed is the workload's mistake, not gorust's.
      if (error instanceof LabProcessError && /ENOENT/.test(error.message))
        throw new UserError(
          `building ${workload}/${program.name}: the build command "${cmd}" was not found (in ${program.cwd} or on PATH); install it, or name it by its path`,
        );
      throw error;
    });
    if (result.timedOut || result.exitCode !== 0) {
      const why = result.timedOut
        ? `timed out after ${Math.round(result.durationMs / 1000)} s`
        : `exit code ${result.exitCode}`;
      const tail = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-15).join('\n');
      throw new UserError(
        `building ${workload}/${program.name} failed (${why}): ${[cmd, ...args].join(' ')}\n${tail}\n` +
          // The compiler ran and rejected the code (rustc's `error[E...]`, Go's `file.go:12:3:`): the code is at fault,
          // not the toolchain.
          (/error\[E\d+\]|\.go:\d+:\d+: /.test(tail)
            ? 'the compiler rejected the code above: fix it and run again'
            : 'check the toolchains with `gorust lab doctor`'),
      );
    }
  }
  if (output !== null && !existsSync(output)) {
    throw new UserError(`building ${workload}/${program.name} produced no ${program.exec}`);
  }
  mkdirSync(options.stampDir, { recursive: true });
  writeFileSync(stampPath, JSON.stringify({ fingerprint, exec: program.exec }));
  return { program: program.name, skipped: false, duration_ms: Date.now() - started };
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function readStamp(path: string): string | null {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { fingerprint?: string }).fingerprint ?? null;
  } catch {
    return null;
  }
}
