/** @module The boundary workload: what it costs Go to call Rust. In-process through cgo into a Rust static library (ns per call), and across processes over gRPC and HTTP/JSON on loopback (µs per call), each client program run against its server. */
import type { ResolvedProgram } from '../manifest.ts';
import type { RunningServer } from '../process.ts';
import { batchStep, runBatch } from './batch.ts';
import { startLabServer } from './servers.ts';
import { type LabPlan, throwIfAborted, type WorkloadContext, type WorkloadRunner } from './types.ts';

/** Placeholder values a boundary program may use for its size of run. */
export function boundarySizes(plan: LabPlan): Record<string, number> {
  return plan.quick
    ? { calls: 2_000_000, requests: 5_000, seconds: 2, warmup: 500 }
    : { calls: 20_000_000, requests: 100_000, seconds: 20, warmup: 5_000 };
}

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
  const text = `${program.name} ${program.exec}`;
  if (/\bgo\b|-go\b|go-|cgo/.test(text)) return 'go';
  if (/rust/.test(text)) return 'rust';
  return 'go';
}

export const boundaryRunner: WorkloadRunner = {
  name: 'boundary',
  estimateSeconds: (plan) => plan.repeats * 3 * (boundarySizes(plan).seconds ?? 2) + 5,
  async run(ctx: WorkloadContext) {
    const sizes = boundarySizes(ctx.plan);
    const jobs = planBoundary(
      Object.fromEntries(
        Object.entries(ctx.workload.programs).map(([name, p]) => [
          name,
          { kind: ctx.programs[name]?.kind ?? p.kind, args: p.args },
        ]),
      ),
    );
    if (jobs.length === 0) throw new Error('manifest: boundary lists no client or benchmark program');
    for (const job of jobs) {
      let server: RunningServer | null = null;
      try {
        if (job.server) {
          const serverProgram = ctx.programs[job.server];
          if (!serverProgram) throw new Error(`manifest: boundary has no ${job.server}`);
          ctx.progress(`boundary: starting ${job.server}`);
          server = await startLabServer(serverProgram, langOf(serverProgram), {
            threads: ctx.plan.threads,
          });
        }
        for (let repeat = 0; repeat < ctx.plan.repeats; repeat++) {
          throwIfAborted(ctx.signal);
          ctx.progress(`boundary ${job.name} (repeat ${repeat + 1}/${ctx.plan.repeats})`, sizes.seconds);
          const program = ctx.resolve(job.name, { ...sizes, addr: server?.addr ?? '' });
          const outcome = await runBatch(program, ctx.plan.quick ? 120_000 : 900_000);
          const step = batchStep(ctx, outcome, {
            lang: job.server ? `go->${langOf(ctx.programs[job.server] as ResolvedProgram)}` : langOf(program),
            variant: job.name,
            repeat,
          });
          if (server && !server.stats()) {
            step.valid = false;
            step.reasons.push(`${job.server} exited during the step`);
          }
          ctx.record(step);
        }
      } finally {
        await server?.stop();
      }
    }
  },
};
