/** @module Starting a workload's server the same way for both languages: same core budget, pinned to the same CPUs, Go with gctrace on. */
import { availableParallelism } from 'node:os';
import type { ResolvedProgram } from '../manifest.ts';
import { type RunningServer, startServer } from '../process.ts';
import { type RemoteServers, startRemoteServer } from '../remote-server.ts';

/**
 * CPUs the servers are pinned to (the last `threads` cores) so the load generator keeps the others; null when the
 * machine has too few cores to split or taskset is missing.
 * @example
 * serverCpuList(1, 2); // '1'
 */
export function serverCpuList(threads: number, cores: number = availableParallelism()): string | null {
  if (cores < threads + 1) return null;
  const first = cores - threads;
  return threads === 1 ? String(first) : `${first}-${cores - 1}`;
}

/**
 * CPUs the load generator is pinned to: the cores the servers are not pinned to (the first `cores - threads`), so
 * the load generator and the server under test do not preempt each other; null when the servers are not pinned (one core).
 * @example
 * loadgenCpuList(1, 2); // '0'
 * loadgenCpuList(1, 8); // '0-6'
 */
export function loadgenCpuList(threads: number, cores: number = availableParallelism()): string | null {
  if (serverCpuList(threads, cores) === null) return null;
  const last = cores - threads - 1;
  return last === 0 ? '0' : `0-${last}`;
}

/**
 * Start a lab server program; Go servers get `GODEBUG=gctrace=1` (the GC evidence) on top of `extraEnv`.
 * @example
 * const server = await startLabServer(ctx.programs.go, 'go', { threads: 1 });
 */
export async function startLabServer(
  program: ResolvedProgram,
  lang: string,
  options: {
    threads: number;
    extraEnv?: Record<string, string>;
    taskset?: string | null;
    /** A server that builds state before listening (the gc-cache fills its cache) needs longer than 30 s. */
    startTimeoutMs?: number | undefined;
    /** A team's program, told its port, is ready when GET `path` answers 200 (it prints no listening line). */
    ready?: { port: number; path: string; host?: string } | undefined;
    /**
     * Bind to this non-loopback address of this machine instead of 127.0.0.1 (`--addr HOST:0 --allow-addr HOST`):
     * only for load generators on other hosts (`lab run --loadgen ssh://`); never 0.0.0.0.
     */
    host?: string | undefined;
    /** `lab run --server ssh://`: start the copied binary on the server host instead (bound to its address). */
    remote?: RemoteServers | undefined;
  },
): Promise<RunningServer> {
  const env: Record<string, string> = { ...program.env, ...(options.extraEnv ?? {}) };
  if (lang === 'go') env.GODEBUG = env.GODEBUG ? `${env.GODEBUG},gctrace=1` : 'gctrace=1';
  if (options.remote) {
    const binary = options.remote.binaries[program.exec];
    if (!binary) throw new Error(`${program.exec} was not copied to ${options.remote.server.host.url}`);
    return startRemoteServer(options.remote.server, {
      binary,
      args: program.args,
      env,
      cpus:
        options.taskset === undefined
          ? serverCpuList(options.threads, options.remote.server.cores)
          : options.taskset,
      startTimeoutMs: options.startTimeoutMs ?? 30_000,
    });
  }
  const cpus = options.taskset === undefined ? serverCpuList(options.threads) : options.taskset;
  const host = options.host;
  if (host !== undefined && (host === '0.0.0.0' || host === '::' || host === ''))
    throw new Error(`refusing to bind a lab server to ${host || 'an empty address'}`);
  // A team's program gets its address through {host} (and {port}); the lab's own servers through --addr.
  const programArgs =
    host !== undefined && !options.ready
      ? [...program.args, '--addr', `${host}:0`, '--allow-addr', host]
      : program.args;
  const [exec, args] =
    cpus === null ? [program.exec, programArgs] : ['taskset', ['-c', cpus, program.exec, ...programArgs]];
  return startServer({
    exec,
    args,
    env,
    cwd: program.cwd,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    ...(options.ready ? { ready: options.ready } : {}),
    ...(host !== undefined ? { allowHost: host } : {}),
  });
}
