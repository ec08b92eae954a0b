/** @module The whole machine's CPU time from /proc/stat, so a step can tell how much CPU processes other than the lab's used while it measured. */
import { readFileSync } from 'node:fs';

/** Linux reports /proc/stat in USER_HZ ticks, fixed at 100 per second. */
const TICKS_PER_S = 100;

/** Busy and total CPU seconds of the whole machine since boot, summed over all cores. */
export type MachineCpu = { busy_s: number; total_s: number };

/**
 * Parses the aggregate `cpu` line of /proc/stat: busy = user + nice + system + steal (guest time is already inside
 * user), total = busy + idle + iowait + irq + softirq. Interrupt and softirq time is left out of busy: it is mostly
 * the network stack carrying the step's own traffic, and no process is charged for it, so counting it would make a
 * fast step look like a neighbour's load. Null when the line is missing or malformed.
 * @example
 * parseProcStat('cpu  100 0 50 800 10 0 5 0 0 0\n'); // { busy_s: 1.5, total_s: 9.65 }
 */
export function parseProcStat(text: string): MachineCpu | null {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return null;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  if (f.length < 8 || f.slice(0, 8).some((x) => !Number.isFinite(x))) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const busy = user + nice + system + steal;
  return { busy_s: busy / TICKS_PER_S, total_s: (busy + idle + iowait + irq + softirq) / TICKS_PER_S };
}

/** The machine's CPU counters now; null where /proc/stat cannot be read (not Linux). */
export function readMachineCpu(): MachineCpu | null {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** This Node process's own CPU seconds (the lab orchestrating the step). */
export function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
