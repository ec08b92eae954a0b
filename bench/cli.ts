/** @module CLI start-up benchmark: whole `gorust` processes (the built bin) against a bare `node -e 0`, run in turn so each pair sees the same load: CPU time (user + system, from the kernel's accounting of the finished child) and wall time, medians and the median of the per-pair ratios. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** The aims: CPU of a gorust process over CPU of `node -e 0`. */
export const CPU_AIMS = { decide: 1.5, help: 1.2, version: 1.2 } as const;

export type Timing = { wall_ms: number; cpu_ms: number };
type Command = keyof typeof CPU_AIMS;
export type CliBenchResult = {
  runs: number;
  node: Timing;
  commands: Record<Command, Timing & { cpu_ratio: number }>;
  load_average: number;
} | null;

/**
 * Runs a command and prints its CPU seconds (user + system) with microsecond resolution, from getrusage of the
 * reaped child; /usr/bin/time rounds to 10 ms, too coarse for a 50 ms process. The children's usage is taken
 * before and after the run: `python3` may be a version manager's shim (pyenv's is a shell script that runs helper
 * processes, then execs Python in the same process), whose reaped helpers are already counted when Python starts,
 * about 60 ms here, which the earlier version added to both sides of every ratio.
 */
const MEASURE = `
import resource, subprocess, sys, time
before = resource.getrusage(resource.RUSAGE_CHILDREN)
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, (usage.ru_utime - before.ru_utime) + (usage.ru_stime - before.ru_stime), wall)
`;

function timeProcess(args: string[], cwd: string): Timing {
  const result = spawnSync('python3', ['-c', MEASURE, process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const [code, cpu, wall] = result.stdout.trim().split(' ').map(Number);
  if (result.status !== 0 || code !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { wall_ms: (wall ?? 0) * 1000, cpu_ms: (cpu ?? 0) * 1000 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/**
 * Time `node -e 0` and each gorust command in turn, `runs` rounds. Returns null when the CLI is not built
 * (run `npm run build:cli`) or python3 is missing.
 * @example
 * const result = benchCli({ root: '.', profile: 'examples/service-mesh.yaml', runs: 21 });
 */
export function benchCli(options: { root: string; profile: string; runs: number }): CliBenchResult {
  const bin = join(options.root, 'bin', 'gorust.js');
  if (!existsSync(join(options.root, 'dist', 'cli', 'main.cjs'))) return null;
  if (spawnSync('python3', ['-c', 'pass']).status !== 0) return null;
  const commands: Record<Command, string[]> = {
    decide: [bin, 'decide', options.profile, '--format', 'json'],
    help: [bin, '--help'],
    version: [bin, '--version'],
  };
  // One warm-up each: fills the OS page cache, as on any run after the first.
  timeProcess(['-e', '0'], options.root);
  for (const args of Object.values(commands)) timeProcess(args, options.root);
  const node: Timing[] = [];
  const runs: Record<Command, Timing[]> = { decide: [], help: [], version: [] };
  const ratios: Record<Command, number[]> = { decide: [], help: [], version: [] };
  for (let i = 0; i < options.runs; i++) {
    for (const [name, args] of Object.entries(commands) as [Command, string[]][]) {
      // A fresh baseline right before each command: the pair shares the machine's load at that moment.
      const base = timeProcess(['-e', '0'], options.root);
      const run = timeProcess(args, options.root);
      node.push(base);
      runs[name].push(run);
      ratios[name].push(run.cpu_ms / base.cpu_ms);
    }
  }
  const summarise = (ts: Timing[]): Timing => ({
    wall_ms: median(ts.map((t) => t.wall_ms)),
    cpu_ms: median(ts.map((t) => t.cpu_ms)),
  });
  const result = (name: Command) => ({ ...summarise(runs[name]), cpu_ratio: median(ratios[name]) });
  return {
    runs: options.runs,
    node: summarise(node),
    commands: { decide: result('decide'), help: result('help'), version: result('version') },
    load_average: loadavg()[0] ?? 0,
  };
}

/**
 * The result as report lines.
 * @example
 * formatCliBench(result).forEach((line) => console.log(line));
 */
export function formatCliBench(result: CliBenchResult): string[] {
  if (result === null) return ['skipped: build the CLI first (npm run build:cli); needs python3'];
  const line = (name: string, t: Timing) =>
    `${name.padEnd(38)} cpu ${t.cpu_ms.toFixed(1).padStart(6)} ms   wall ${t.wall_ms.toFixed(1).padStart(6)} ms`;
  const labels: Record<Command, string> = {
    decide: 'gorust decide PROFILE --format json',
    help: 'gorust --help',
    version: 'gorust --version',
  };
  return [
    `median of ${result.runs} paired runs, 1-minute load average ${result.load_average.toFixed(1)} (a busy machine inflates both sides)`,
    line('node -e 0', result.node),
    ...(Object.keys(labels) as Command[]).map((name) => line(labels[name], result.commands[name])),
    ...(Object.keys(labels) as Command[]).map((name) => {
      const ratio = result.commands[name].cpu_ratio;
      const aim = CPU_AIMS[name];
      return `${labels[name]} / node -e 0: ${ratio.toFixed(2)}x cpu (median of paired ratios; aim at most ${aim}x: ${ratio <= aim ? 'met' : 'not met'})`;
    }),
  ];
}
