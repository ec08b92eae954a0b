/** @module Captures the environment of a lab run (bench-anchors §7.A): CPU, cores, kernel, toolchain and load-generator versions, GC settings, build profile, and how busy the machine was. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { DEFAULT_BUILD_PROFILE, type Environment } from '../analysis/environment.ts';
import { runCommand } from './process.ts';
import { findTool, LOADGEN_BIN } from './toolchain.ts';

export type CaptureOptions = {
  /** Environment the Go servers run with (defaults to this process's). */
  env?: Record<string, string | undefined>;
  buildProfile?: { go: string; rust: string };
};

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

async function firstLine(tool: string, args: string[]): Promise<string | null> {
  const path = findTool(tool);
  if (!path) return null;
  try {
    const r = await runCommand(path, args, { timeoutMs: 20_000 });
    return r.exitCode === 0 ? ((r.stdout || r.stderr).trim().split('\n')[0] ?? null) : null;
  } catch {
    return null;
  }
}

/** labload's version: the hash of the sources it was built from (its install stamp), "unknown" without one. */
function loadgenVersion(): string | null {
  const bin = findTool(LOADGEN_BIN);
  if (!bin) return null;
  return readText(`${bin}.stamp`) ?? 'unknown';
}

function threadsPerCore(): number | null {
  const siblings = readText('/sys/devices/system/cpu/cpu0/topology/thread_siblings_list');
  if (!siblings) return null;
  return siblings.split(',').reduce((n, part) => {
    const [a, b] = part.split('-').map(Number);
    return n + (b !== undefined && a !== undefined ? b - a + 1 : 1);
  }, 0);
}

/**
 * Captures the environment to store with every run.
 * @example
 * const env = await captureEnvironment();
 * describeEnvironment(env); // 'AMD EPYC 7B13, 2 cores, Linux 6.1.0, go1.26.8, rustc 1.95.0, labload 3f2a9c1d0e4b5a67'
 */
export async function captureEnvironment(options: CaptureOptions = {}): Promise<Environment> {
  const env = options.env ?? process.env;
  const [go, rustc, cargo] = await Promise.all([
    firstLine('go', ['version']),
    firstLine('rustc', ['--version']),
    firstLine('cargo', ['--version']),
  ]);
  const cpuList = cpus();
  return {
    captured_at: new Date().toISOString(),
    cpu_model: cpuList[0]?.model.trim() || 'unknown',
    cores: availableParallelism(),
    logical_cpus: cpuList.length,
    threads_per_core: threadsPerCore(),
    cpu_governor: readText('/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor'),
    cgroup_cpu_max: readText('/sys/fs/cgroup/cpu.max'),
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: process.platform,
    arch: process.arch,
    kernel: release(),
    loadavg_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    node_version: process.version,
    go_version: go?.match(/go\d+\.\d+(\.\d+)?/)?.[0] ?? go,
    rustc_version: rustc,
    cargo_version: cargo,
    loadgen: LOADGEN_BIN,
    loadgen_version: loadgenVersion(),
    gogc: env.GOGC || 'default',
    gomemlimit: env.GOMEMLIMIT || 'default',
    gomaxprocs: env.GOMAXPROCS || 'default',
    build_profile: options.buildProfile ?? DEFAULT_BUILD_PROFILE,
  };
}
