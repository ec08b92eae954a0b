/** @module Parses Go's GODEBUG=gctrace=1 lines (runtime/extern.go format, with or without the stacks/globals fields of Go >= 1.18) into GC cycles, and lines them up with a load step. */

/** One GC cycle as gctrace prints it. Pauses are wall-clock; `stw_*` are the two stop-the-world phases. */
export type GcCycle = {
  n: number;
  /** Seconds since the Go program started. */
  at_s: number;
  /** Percentage of time spent in GC since program start. */
  cpu_pct: number;
  /** STW sweep termination (wall ms). */
  stw_sweep_ms: number;
  /** Concurrent mark and scan (wall ms). */
  concurrent_ms: number;
  /** STW mark termination (wall ms). */
  stw_mark_ms: number;
  heap_start_mb: number;
  heap_end_mb: number;
  heap_live_mb: number;
  goal_mb: number;
  stacks_mb?: number;
  globals_mb?: number;
  procs: number;
  /** True when runtime.GC() (or debug.FreeOSMemory) forced the cycle. */
  forced: boolean;
};

// gc # @#s #%: #+#+# ms clock, #+#/#/#+# ms cpu, #->#-># MB, # MB goal, # MB stacks, #MB globals, # P
const GCTRACE =
  /^gc (\d+) @([\d.]+)s (\d+)%: ([\d.]+)\+([\d.]+)\+([\d.]+) ms clock, \S+ ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal(?:, (\d+) ?MB stacks)?(?:, (\d+) ?MB globals)?, (\d+) P( \(forced\))?\s*$/;

/**
 * Extracts every gctrace line from a program's stderr; other lines (the program's own output) are ignored.
 * @example
 * parseGctrace('gc 1 @0.012s 2%: 0.015+0.30+0.002 ms clock, 0.03+0.1/0.2/0+0.005 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P');
 * // [{ n: 1, at_s: 0.012, stw_sweep_ms: 0.015, concurrent_ms: 0.3, stw_mark_ms: 0.002, ... }]
 */
export function parseGctrace(text: string): GcCycle[] {
  const cycles: GcCycle[] = [];
  for (const line of text.split('\n')) {
    const m = GCTRACE.exec(line.trim());
    if (!m) continue;
    const num = (i: number): number => Number(m[i]);
    const cycle: GcCycle = {
      n: num(1),
      at_s: num(2),
      cpu_pct: num(3),
      stw_sweep_ms: num(4),
      concurrent_ms: num(5),
      stw_mark_ms: num(6),
      heap_start_mb: num(7),
      heap_end_mb: num(8),
      heap_live_mb: num(9),
      goal_mb: num(10),
      procs: num(13),
      forced: m[14] !== undefined,
    };
    if (m[11] !== undefined) cycle.stacks_mb = num(11);
    if (m[12] !== undefined) cycle.globals_mb = num(12);
    cycles.push(cycle);
  }
  return cycles;
}

/** Stop-the-world time of a cycle: sweep termination + mark termination (the 1st and 3rd clock values). */
export function stwPauseMs(cycle: GcCycle): number {
  return cycle.stw_sweep_ms + cycle.stw_mark_ms;
}

export type GcSummary = {
  cycles: number;
  forced: number;
  pause_total_ms: number;
  pause_max_ms: number;
  /** Sum of concurrent mark wall time: when GC took CPU from the application. */
  mark_total_ms: number;
};

/**
 * Totals over a set of cycles (typically those of one load step).
 * @example
 * summarizeGc(parseGctrace(server.stderrText())).pause_max_ms;
 */
export function summarizeGc(cycles: GcCycle[]): GcSummary {
  let pauseTotal = 0;
  let pauseMax = 0;
  let mark = 0;
  for (const c of cycles) {
    const pause = stwPauseMs(c);
    pauseTotal += pause;
    pauseMax = Math.max(pauseMax, pause);
    mark += c.concurrent_ms;
  }
  return {
    cycles: cycles.length,
    forced: cycles.filter((c) => c.forced).length,
    pause_total_ms: Math.round(pauseTotal * 1000) / 1000,
    pause_max_ms: Math.round(pauseMax * 1000) / 1000,
    mark_total_ms: Math.round(mark * 1000) / 1000,
  };
}

/**
 * The cycles that started during a load step, with `at_s` rebased onto the step's timeline (seconds since the
 * attack's schedule origin, `AttackResult.started_at_ms`), so they can be drawn over the per-second p99.
 * `serverStartedAtMs` is `RunningServer.startedAt` (taken just before spawn; the Go runtime starts a few ms later,
 * so cycles land at most that much early).
 * @example
 * alignGcCycles(cycles, server.startedAt, result.started_at_ms, result.duration_s);
 */
export function alignGcCycles(
  cycles: GcCycle[],
  serverStartedAtMs: number,
  stepStartedAtMs: number,
  stepDurationS: number,
): GcCycle[] {
  const offsetS = (stepStartedAtMs - serverStartedAtMs) / 1000;
  return cycles
    .map((c) => ({ ...c, at_s: Math.round((c.at_s - offsetS) * 1000) / 1000 }))
    .filter((c) => c.at_s >= 0 && c.at_s <= stepDurationS);
}
