/** @module The http-json workload: closed-loop capacity probe, then an open-loop rate ladder with Go and Rust interleaved, fresh servers every repeat. */
import { rateLadder } from '../../analysis/ladder.ts';
import type { RunningServer } from '../process.ts';
import { attack, probeCapacity } from '../vegeta.ts';
import { measureLatencyStep, writeTargets } from './latency.ts';
import { loadgenCpuList, startLabServer } from './servers.ts';
import { type LabPlan, throwIfAborted, type WorkloadContext, type WorkloadRunner } from './types.ts';

export const LANGS = ['go', 'rust'] as const;

/** Quick mode keeps three rungs of the ladder (low, middle, high) so CI stays within its budget. */
export function ladderFor(capacityRps: number, plan: LabPlan): number[] {
  const rates = rateLadder(capacityRps, { quick: plan.quick });
  return rates.map((r) => Math.max(1, Math.round(r)));
}

/** Languages in the order of a repeat: Go first on even repeats, Rust first on odd ones, so neither always goes second. */
export function langOrder(repeat: number): ('go' | 'rust')[] {
  return repeat % 2 === 0 ? ['go', 'rust'] : ['rust', 'go'];
}

function estimate(plan: LabPlan): number {
  const rungs = plan.quick ? 3 : 6;
  return (
    2 * plan.probeSeconds + plan.repeats * (2 * plan.warmupSeconds + rungs * 2 * (plan.stepSeconds + 0.5) + 2)
  );
}

/**
 * Start one server per language, probe capacity on each, and return them with their targets files.
 * @example
 * const pair = await startPair(ctx, 'targets.txt');
 */
export async function startPair(
  ctx: WorkloadContext,
  targets: string,
  envFor: (lang: string) => Record<string, string> = () => ({}),
): Promise<Record<'go' | 'rust', { server: RunningServer; targetsFile: string }>> {
  const started: RunningServer[] = [];
  try {
    const entries = [];
    for (const lang of LANGS) {
      const program = ctx.programs[lang];
      if (!program) throw new Error(`manifest: ${ctx.workload.name} has no ${lang} program`);
      const server = await startLabServer(program, lang, {
        threads: ctx.plan.threads,
        extraEnv: envFor(lang),
      });
      started.push(server);
      entries.push([lang, { server, targetsFile: writeTargets(ctx, targets, server.addr, lang) }] as const);
    }
    return Object.fromEntries(entries) as Record<
      'go' | 'rust',
      { server: RunningServer; targetsFile: string }
    >;
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}

/**
 * Warm a fresh server up at a moderate rate; the step is not stored (the Benchmarks Game discards the first run too).
 * @example
 * await warmUp(ctx, targetsFile, 200);
 */
export async function warmUp(ctx: WorkloadContext, targetsFile: string, rate: number): Promise<void> {
  if (ctx.plan.warmupSeconds <= 0) return;
  await attack({
    vegeta: ctx.vegeta,
    targetsFile,
    rate: Math.max(1, Math.round(rate)),
    durationS: ctx.plan.warmupSeconds,
    timeoutS: ctx.plan.timeoutS,
    maxWorkers: ctx.plan.maxWorkers,
    cwd: ctx.tempDir,
    cpus: loadgenCpuList(ctx.plan.threads),
  });
}

/**
 * One closed-loop capacity probe of a running server, stored as a `capacity` step (invalid when no request completed).
 * @example
 * const rps = await measureCapacity(ctx, { lang: 'go', variant: '', targetsFile });
 */
export async function measureCapacity(
  ctx: WorkloadContext,
  step: { lang: 'go' | 'rust'; variant: string; targetsFile: string },
): Promise<number> {
  const started = new Date();
  const rps = await probeCapacity({
    vegeta: ctx.vegeta,
    targetsFile: step.targetsFile,
    durationS: ctx.plan.probeSeconds,
    workers: Math.max(4, ctx.plan.threads * 8),
    cpus: loadgenCpuList(ctx.plan.threads),
  });
  ctx.record({
    workload: ctx.workload.name,
    lang: step.lang,
    variant: step.variant,
    kind: 'capacity',
    repeat: 0,
    valid: rps > 0,
    reasons: rps > 0 ? [] : ['capacity probe completed no request'],
    metrics: { capacity_rps: rps },
    started_at: started.toISOString(),
    duration_ms: Date.now() - started.getTime(),
  });
  return rps;
}

export const httpJsonRunner: WorkloadRunner = {
  name: 'http-json',
  estimateSeconds: estimate,
  async run(ctx) {
    const targets = ctx.workload.targets;
    if (!targets) throw new Error('manifest: http-json has no targets file');
    const { plan } = ctx;

    // Capacity: one closed-loop probe per language; the ladder follows the faster one so the slower one's
    // limit shows up as steps it could not sustain (marked invalid), not as a ladder cut short.
    const capacity: Record<string, number> = {};
    const probe = await startPair(ctx, targets);
    try {
      for (const lang of LANGS) {
        throwIfAborted(ctx.signal);
        ctx.progress(`http-json ${lang}: capacity probe`, plan.probeSeconds);
        capacity[lang] = await measureCapacity(ctx, {
          lang,
          variant: '',
          targetsFile: probe[lang].targetsFile,
        });
      }
    } finally {
      await Promise.all(LANGS.map((lang) => probe[lang].server.stop()));
    }
    const top = Math.max(capacity.go ?? 0, capacity.rust ?? 0);
    if (top <= 0) throw new Error('http-json: neither server completed a request in the capacity probe');
    const rates = ladderFor(top, plan);

    for (let repeat = 0; repeat < plan.repeats; repeat++) {
      throwIfAborted(ctx.signal);
      const pair = await startPair(ctx, targets);
      try {
        for (const lang of langOrder(repeat)) {
          ctx.progress(
            `http-json ${lang}: warm-up (repeat ${repeat + 1}/${plan.repeats})`,
            plan.warmupSeconds,
          );
          await warmUp(ctx, pair[lang].targetsFile, Math.min(capacity[lang] ?? top, top) * 0.5);
        }
        for (const rate of rates) {
          for (const lang of langOrder(repeat)) {
            throwIfAborted(ctx.signal);
            ctx.progress(
              `http-json ${lang} @ ${rate} req/s (repeat ${repeat + 1}/${plan.repeats})`,
              plan.stepSeconds,
            );
            ctx.record(
              await measureLatencyStep(ctx, {
                server: pair[lang].server,
                lang,
                variant: '',
                targetsFile: pair[lang].targetsFile,
                rate,
                repeat,
                durationS: plan.stepSeconds,
              }),
            );
          }
        }
      } finally {
        await Promise.all(LANGS.map((lang) => pair[lang].server.stop()));
      }
    }
  },
};
