/** @module The boundary workload: what it costs Go to call Rust. In-process through cgo into a Rust static library (ns per call), and across processes over gRPC and HTTP/JSON on loopback (µs per call), each client program run against its server. */
import { basename } from 'node:path';
import { otherProcessesReason } from '../../analysis/validity.ts';
import { cpuCount } from '../loadgen.ts';
import { readMachineCpu, selfCpuSeconds } from '../machine-cpu.ts';
import type { ResolvedProgram } from '../manifest.ts';
import { modeParams } from '../manifest.ts';
import type { RunningServer } from '../process.ts';
import { batchStep, runBatch } from './batch.ts';
import { otherCpuSeconds } from './latency.ts';
import { loadgenCpuList, startLabServer } from './servers.ts';
import { throwIfAborted, type WorkloadContext, type WorkloadRunner } from './types.ts';

/**
 * Pair each client program with its server: a batch program whose arguments use `{addr}` runs against the server
 * named like it (`grpc-client` with `grpc-server`), else against the workload's only server. Batch programs
 * without `{addr}` (the cgo benchmark) run alone.
 * @example
 * planBoundary({ cgo: { kind: 'batch', args: [] }, grpc: { kind: 'batch', args: ['--addr', '{addr}'] }, server: { kind: 'server', args: [] } });
 * // [{ name: 'cgo' }, { name: 'grpc', server: 'server' }]
 */
export function planBoundary(
  programs: Record<string, { kind?: string | undefined; args: string[] }>,
): { name: string; server?: string | undefined }[] {
  const names = Object.keys(programs).sort();
  const servers = names.filter((name) => programs[name]?.kind === 'server');
  return names
    .filter((name) => programs[name]?.kind !== 'server')
    .map((name) => {
      const needsServer = programs[name]?.args.some((a) => a.includes('{addr}')) === true;
      if (!needsServer) return { name };
      const named = name.endsWith('-client') ? `${name.slice(0, -'-client'.length)}-server` : undefined;
      const server = named && servers.includes(named) ? named : servers.length === 1 ? servers[0] : undefined;
      if (!server) throw new Error(`manifest: boundary program ${name} needs a server and none matches`);
      return { name, server };
    });
}

/** `go`/`rust` from a program's name or executable, for the step's language column. */
function langOf(program: ResolvedProgram): string {
  // The manifest key says it (go-cgo, rust-server); paths are no guide (cargo-target, gorust).
  const name = `${program.name} ${basename(program.exec)}`.toLowerCase();
  if (name.includes('rust')) return 'rust';
  return 'go';
}

/** One measured job: a program (with a case's values) and the server it talks to, if any. */
type BoundaryJob = {
  label: string;
  program: string;
  values: Record<string, string>;
  server?: string | undefined;
};

/**
 * The jobs of a run: the manifest's `cases` (a client in one mode against its `server`), plus every batch program no
 * case uses (the cgo benchmark); without cases, programs are paired by {@link planBoundary}.
 */
function jobsOf(ctx: WorkloadContext): BoundaryJob[] {
  const programs = ctx.workload.programs;
  const cases = ctx.workload.cases ?? [];
  const used = new Set(cases.map((c) => c.program));
  const plain = planBoundary(
    Object.fromEntries(
      Object.entries(programs)
        .filter(([name]) => !used.has(name) && ctx.programs[name]?.kind !== 'library')
        .map(([name, p]) => [name, { kind: ctx.programs[name]?.kind ?? p.kind, args: p.args }]),
    ),
  ).map((j) => ({
    label: j.name,
    program: j.name,
    values: {},
    server: programs[j.name]?.server ?? j.server,
  }));
  const fromCases = cases.flatMap((c) => {
    const program = c.program;
    if (!program || !programs[program]) return [];
    return [
      { label: c.name, program, values: modeParams(c, ctx.plan.quick), server: programs[program]?.server },
    ];
  });
  return [...plain, ...fromCases];
}

export const boundaryRunner: WorkloadRunner = {
  name: 'boundary',
  estimateSeconds: (plan) => plan.repeats * (plan.quick ? 12 : 60) + 5,
  async run(ctx: WorkloadContext) {
    const jobs = jobsOf(ctx);
    if (jobs.length === 0) throw new Error('manifest: boundary lists no client or benchmark program');
    const servers = new Map<string, RunningServer>();
    try {
      for (let repeat = 0; repeat < ctx.plan.repeats; repeat++) {
        for (const job of jobs) {
          throwIfAborted(ctx.signal);
          let server: RunningServer | undefined;
          if (job.server) {
            server = servers.get(job.server);
            if (!server) {
              const serverProgram = ctx.programs[job.server];
              if (!serverProgram) throw new Error(`manifest: boundary has no server program ${job.server}`);
              ctx.progress(`boundary: starting ${job.server}`);
              server = await startLabServer(serverProgram, langOf(serverProgram), {
                threads: ctx.plan.threads,
              });
              servers.set(job.server, server);
            }
          }
          ctx.progress(`boundary ${job.label} (repeat ${repeat + 1}/${ctx.plan.repeats})`);
          const program = ctx.resolve(job.program, { ...job.values, addr: server?.addr ?? '' });
          // A client runs on the cores its (pinned) server does not use, like the load generator, so they do not preempt each other.
          const cpus = server ? loadgenCpuList(ctx.plan.threads) : null;
          const machineBefore = readMachineCpu();
          const selfBefore = selfCpuSeconds();
          const serverBefore = server?.stats()?.cpu_s ?? null;
          const outcome = await runBatch(program, ctx.plan.quick ? 120_000 : 900_000, [], {}, cpus);
          const machineAfter = readMachineCpu();
          const serverAfter = server?.stats()?.cpu_s ?? null;
          const serverProgram = job.server ? ctx.programs[job.server] : undefined;
          const step = batchStep(ctx, outcome, {
            lang: serverProgram ? `go->${langOf(serverProgram)}` : langOf(program),
            variant: job.label,
            repeat,
          });
          if (server && !server.stats()) {
            step.valid = false;
            step.reasons.push(`${job.server} exited during the step`);
          }
          // Other processes' CPU, as the latency steps judge it: until 2026-12-07 a round-trip step on a busy machine
          // was valid whatever ran beside it. The client's own CPU is not read, so it is taken at its whole core
          // budget: what is left is a floor of what others used.
          if (server && cpus !== null && machineBefore && machineAfter && outcome.wall_s > 0) {
            const wall = outcome.wall_s;
            const others = otherCpuSeconds({
              machineBusyS: machineAfter.busy_s - machineBefore.busy_s,
              serverCpuS: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
              loadgenCpuS: cpuCount(cpus) * wall,
              labCpuS: selfCpuSeconds() - selfBefore,
            });
            const reason = otherProcessesReason(
              others,
              wall,
              (machineAfter.total_s - machineBefore.total_s) / wall,
            );
            if (reason !== undefined) {
              step.valid = false;
              step.reasons.push(reason);
            }
          }
          ctx.record(step);
        }
      }
    } finally {
      await Promise.all([...servers.values()].map((s) => s.stop()));
    }
  },
};
