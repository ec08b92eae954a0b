/** @module Stale temporary folders: each lab temp folder names its owner (pid and start time); a later lab removes the folders whose owner is gone, e.g. after the lab was killed with SIGKILL. */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file inside a lab temp folder that names the process owning it. */
export const OWNER_FILE = '.gorust-owner';

/** A process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or null when it is gone. */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields after it follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Marks `dir` as owned by this process. */
export function writeOwner(dir: string): void {
  writeFileSync(join(dir, OWNER_FILE), `${process.pid} ${processStartTicks(process.pid) ?? '?'}\n`);
}

/** True when the owner recorded in `dir` is still running (the same pid with the same start time). */
function ownerAlive(dir: string): boolean | null {
  let text: string;
  try {
    text = readFileSync(join(dir, OWNER_FILE), 'utf8');
  } catch {
    return null; // no owner file: not ours to judge (an older lab, or a folder being created)
  }
  const [pid, ticks] = text.trim().split(' ');
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return null;
  const now = processStartTicks(n);
  return now !== null && (ticks === '?' || now === ticks);
}

/**
 * Removes the `gorust-*` folders under `root` whose recorded owner process is gone; folders without an owner
 * file, or whose owner still runs, are left alone. Returns the folders removed.
 * @example
 * sweepStaleTempDirs(tmpdir()); // ['/tmp/gorust-selftest-Ab12Cd']
 */
export function sweepStaleTempDirs(root: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith('gorust-')) continue;
    const dir = join(root, name);
    try {
      if (!statSync(dir).isDirectory()) continue;
    } catch {
      continue;
    }
    if (ownerAlive(dir) === false) {
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}
