/** @module The gc-cache workload (Discord-shaped: a large live cache under steady load): Go at GOGC=100, GOGC=400 and GOGC=off with GOMEMLIMIT, against Rust, at the same offered rate, with Go's GC cycles lined up on the latency timeline. */
import { modeParams } from '../manifest.ts';
import type { RunningServer } from '../process.ts';
import { measureCapacity, warmUp } from './http-json.ts';
import { measureLatencyStep, writeTargets } from './latency.ts';
import { startLabServer } from './servers.ts';
import { type LabPlan, throwIfAborted, type WorkloadContext, type WorkloadRunner } from './types.ts';

export type GcVariant = { name: string; lang: 'go' | 'rust'; env: Record<string, string> };

/**
 * The variants of a run; GOMEMLIMIT comes from the manifest's `{memlimit}` parameter of the mode (default 1GiB), a
 * soft limit well above the cache's live heap so GOGC=off collects only when the heap approaches it. The names are
 * the keys of LabEvidence.gc_cache.
 * @example
 * gcVariants('1GiB').map((v) => v.name); // ['gogc-100', 'gogc-400', 'gogc-off-memlimit', 'rust']
 */
export function gcVariants(memLimit: string): GcVariant[] {
  return [
    { name: 'gogc-100', lang: 'go', env: { GOGC: '100' } },
    { name: 'gogc-400', lang: 'go', env: { GOGC: '400' } },
    { name: 'gogc-off-memlimit', lang: 'go', env: { GOGC: 'off', GOMEMLIMIT: memLimit } },
    { name: 'rust', lang: 'rust', env: {} },
  ];
}

/**
 * Offered rates as fractions of the slower side's closed-loop capacity: moderate load, because the question is
 * what GC does to latency at a rate both sides sustain, not throughput. One rate in quick mode, two in full mode.
 */
function fractions(plan: LabPlan): number[] {
  return plan.quick ? [0.25] : [0.25, 0.5];
}

function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function startVariant(ctx: WorkloadContext, variant: GcVariant, targets: string) {
  const program = ctx.programs[variant.lang];
  if (!program) throw new Error(`manifest: gc-cache has no ${variant.lang} program`);
  const server: RunningServer = await startLabServer(program, variant.lang, {
    threads: ctx.plan.threads,
    extraEnv: variant.env,
    startTimeoutMs: ctx.workload.start_timeout_ms,
    ...(ctx.serverRemote ? { remote: ctx.serverRemote } : ctx.serverHost ? { host: ctx.serverHost } : {}),
  });
  return { server, targetsFile: writeTargets(ctx, targets, server.addr, variant.name) };
}

export const gcCacheRunner: WorkloadRunner = {
  name: 'gc-cache',
  estimateSeconds: (plan) =>
    2 * plan.probeSeconds +
    plan.repeats * 4 * (plan.warmupSeconds + 1 + fractions(plan).length * (plan.stepSeconds + 0.5)),
  async run(ctx) {
    const targets = ctx.workload.targets;
    if (!targets) throw new Error('manifest: gc-cache has no targets file');
    const memLimit = modeParams(ctx.workload, ctx.plan.quick).memlimit ?? '1GiB';
    const variants = gcVariants(memLimit);
    const { plan } = ctx;

    // One rate for every variant, from the slower of Go (GOGC=100) and Rust, so all variants face the same load.
    let slowest = Number.POSITIVE_INFINITY;
    let ceiling = Number.POSITIVE_INFINITY;
    for (const variant of [variants[0], variants[3]]) {
      if (!variant) continue;
      throwIfAborted(ctx.signal);
      ctx.progress(`gc-cache ${variant.name}: capacity probe (cache filling)`, plan.probeSeconds);
      const { server, targetsFile } = await startVariant(ctx, variant, targets);
      try {
        const measured = await measureCapacity(ctx, {
          lang: variant.lang,
          variant: variant.name,
          targetsFile,
          server,
        });
        slowest = Math.min(slowest, measured.rps);
        if (measured.loadgenCeilingRps !== null) ceiling = Math.min(ceiling, measured.loadgenCeilingRps);
      } finally {
        await server.stop();
      }
    }
    if (!(slowest > 0 && Number.isFinite(slowest)))
      throw new Error('gc-cache: a server completed no request');
    // Never above the load generator's measured ceiling (where it would use half its CPU).
    const rates = [
      ...new Set(fractions(plan).map((f) => Math.max(1, Math.round(Math.min(slowest * f, ceiling))))),
    ];

    for (let repeat = 0; repeat < plan.repeats; repeat++) {
      for (const variant of rotate(variants, repeat)) {
        throwIfAborted(ctx.signal);
        const { server, targetsFile } = await startVariant(ctx, variant, targets);
        try {
          ctx.progress(
            `gc-cache ${variant.name}: warm-up (repeat ${repeat + 1}/${plan.repeats})`,
            plan.warmupSeconds,
          );
          await warmUp(ctx, targetsFile, rates[0] ?? 1);
          for (const rate of rates) {
            throwIfAborted(ctx.signal);
            ctx.progress(
              `gc-cache ${variant.name} @ ${rate} req/s (repeat ${repeat + 1}/${plan.repeats})`,
              plan.stepSeconds,
            );
            ctx.record(
              await measureLatencyStep(ctx, {
                server,
                lang: variant.lang,
                variant: variant.name,
                targetsFile,
                rate,
                repeat,
                durationS: plan.stepSeconds,
              }),
            );
          }
        } finally {
          await server.stop();
        }
      }
    }
  },
};
