/** @module CLI start-up benchmark: a whole `gorust decide PROFILE --format json` process (the built bin) against a bare `node -e 0`, wall-clock and CPU time. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** The brief's aim: a decide process at most this many times a bare Node start. */
const TARGET_RATIO = 2;

export type Timing = { wall_ms: number; cpu_ms: number };
export type CliBenchResult = {
  runs: number;
  node: Timing;
  decide: Timing;
  version: Timing;
  load_average: number;
} | null;

/** Wall and CPU time (user + system, from /usr/bin/time's rusage of the child) of one process run. */
function timeProcess(args: string[], cwd: string): Timing {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const [user, sys] = (result.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number);
  return { wall_ms: wall, cpu_ms: ((user ?? 0) + (sys ?? 0)) * 1000 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/**
 * Time `node -e 0`, `gorust --version` and `gorust decide PROFILE --format json` alternately, `runs` times each.
 * Returns null when the CLI is not built (run `npm run build:cli`) or /usr/bin/time is missing.
 * @example
 * const result = benchCli({ root: '.', profile: 'examples/service-mesh.yaml', runs: 15 });
 */
export function benchCli(options: { root: string; profile: string; runs: number }): CliBenchResult {
  const bin = join(options.root, 'bin', 'gorust.js');
  if (!existsSync(join(options.root, 'dist', 'cli', 'main.js')) || !existsSync('/usr/bin/time')) return null;
  // One warm-up each: fills the OS page cache and gorust's knowledge-base cache, as on any run after the first.
  timeProcess(['-e', '0'], options.root);
  timeProcess([bin, 'decide', options.profile, '--format', 'json'], options.root);
  const node: Timing[] = [];
  const decide: Timing[] = [];
  const version: Timing[] = [];
  for (let i = 0; i < options.runs; i++) {
    node.push(timeProcess(['-e', '0'], options.root));
    decide.push(timeProcess([bin, 'decide', options.profile, '--format', 'json'], options.root));
    version.push(timeProcess([bin, '--version'], options.root));
  }
  const summarise = (ts: Timing[]): Timing => ({
    wall_ms: median(ts.map((t) => t.wall_ms)),
    cpu_ms: median(ts.map((t) => t.cpu_ms)),
  });
  return {
    runs: options.runs,
    node: summarise(node),
    decide: summarise(decide),
    version: summarise(version),
    load_average: loadavg()[0] ?? 0,
  };
}

/**
 * The result as report lines.
 * @example
 * formatCliBench(result).forEach((line) => console.log(line));
 */
export function formatCliBench(result: CliBenchResult): string[] {
  if (result === null) return ['skipped: build the CLI first (npm run build:cli); needs /usr/bin/time'];
  const line = (name: string, t: Timing) =>
    `${name.padEnd(34)} wall ${t.wall_ms.toFixed(0).padStart(5)} ms   cpu ${t.cpu_ms.toFixed(0).padStart(5)} ms`;
  const wallRatio = result.decide.wall_ms / result.node.wall_ms;
  const cpuRatio = result.decide.cpu_ms / result.node.cpu_ms;
  return [
    `median of ${result.runs} runs each, 1-minute load average ${result.load_average.toFixed(1)} (a busy machine inflates wall time)`,
    line('node -e 0', result.node),
    line('gorust --version', result.version),
    line('gorust decide PROFILE --format json', result.decide),
    `decide / node: ${wallRatio.toFixed(1)}x wall, ${cpuRatio.toFixed(1)}x cpu (aim: at most ${TARGET_RATIO}x)`,
  ];
}
