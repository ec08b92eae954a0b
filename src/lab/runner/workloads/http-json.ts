/** @module The http-json workload: closed-loop capacity probe, then an open-loop rate ladder with Go and Rust interleaved, fresh servers every repeat. */
import { rateLadder } from '../../analysis/ladder.ts';
import { judgeStep } from '../../analysis/validity.ts';
import { attack, type ClosedLoopResult, closedLoop } from '../loadgen.ts';
import { LoadgenOutputError } from '../loadgen-results.ts';
import { selfCpuSeconds } from '../machine-cpu.ts';
import type { RunningServer } from '../process.ts';
import { measureLatencyStep, otherCpuSeconds, remoteMachineReasons, writeTargets } from './latency.ts';
import { loadgenCpuList, startLabServer } from './servers.ts';
import { type LabPlan, throwIfAborted, type WorkloadContext, type WorkloadRunner } from './types.ts';

export const LANGS = ['go', 'rust'] as const;

/**
 * The rate ladder under a capacity; quick mode keeps three rungs (low, middle, high) so CI stays within its
 * budget. Rungs above the load generator's measured ceiling (the rate where it would use half its CPU) are left out:
 * the generator, not the server, would be measured there.
 * @example
 * ladderFor(20_000, plan, 12_000); // every rung <= 12 000
 */
export function ladderFor(
  capacityRps: number,
  plan: LabPlan,
  loadgenCeilingRps: number | null = null,
): number[] {
  const rates = rateLadder(capacityRps, { quick: plan.quick }).map((r) => Math.max(1, Math.round(r)));
  if (loadgenCeilingRps === null) return rates;
  const kept = rates.filter((r) => r <= loadgenCeilingRps);
  return kept.length > 0 ? kept : [Math.max(1, Math.floor(loadgenCeilingRps))];
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
        ...(ctx.serverRemote ? { remote: ctx.serverRemote } : ctx.serverHost ? { host: ctx.serverHost } : {}),
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
    loadgen: ctx.loadgen,
    targetsFile,
    rate: Math.max(1, Math.round(rate)),
    durationS: ctx.plan.warmupSeconds,
    timeoutS: ctx.plan.timeoutS,
    maxWorkers: ctx.plan.maxWorkers,
    cwd: ctx.tempDir,
    cpus: loadgenCpuList(ctx.plan.threads),
    ...(ctx.remotes ? { remotes: ctx.remotes } : {}),
  });
}

/**
 * One closed-loop capacity probe of a running server, stored as a `capacity` step. The probe obeys the step rules
 * on the generator: when it used more than half its CPU (or other processes competed), the step is invalid and its
 * figure is only a lower bound ("at least X", `capacity_at_least`). Returns the capacity and the generator's
 * ceiling (the rate at which it would reach half its CPU).
 * @example
 * const { rps, loadgenCeilingRps } = await measureCapacity(ctx, { lang: 'go', variant: '', targetsFile });
 */
export async function measureCapacity(
  ctx: WorkloadContext,
  step: { lang: 'go' | 'rust'; variant: string; targetsFile: string; server?: RunningServer },
): Promise<{ rps: number; loadgenCeilingRps: number | null; atLeast: boolean; problem?: string }> {
  const started = new Date();
  const before = step.server?.stats() ?? null;
  const labBefore = selfCpuSeconds();
  let r: ClosedLoopResult;
  try {
    r = await closedLoop({
      loadgen: ctx.loadgen,
      targetsFile: step.targetsFile,
      durationS: ctx.plan.probeSeconds,
      workers: Math.max(4, ctx.plan.threads * 8),
      cpus: loadgenCpuList(ctx.plan.threads),
      ...(ctx.remotes ? { remotes: ctx.remotes } : {}),
    });
  } catch (error) {
    if (!(error instanceof LoadgenOutputError)) throw error;
    ctx.record({
      workload: ctx.workload.name,
      lang: step.lang,
      variant: step.variant,
      kind: 'capacity',
      repeat: 0,
      valid: false,
      reasons: [`the load generator's output could not be read: ${error.message}`],
      metrics: {},
      started_at: started.toISOString(),
      duration_ms: Date.now() - started.getTime(),
    });
    return { rps: 0, loadgenCeilingRps: null, atLeast: false };
  }
  const after = step.server?.stats() ?? null;
  const serverCpu = before && after ? after.cpu_s - before.cpu_s : null;
  // A server on another machine (--server ssh://) used none of this machine's CPU.
  const elsewhere = step.server?.remote !== undefined && !step.server.remote.sameMachine;
  const otherCpu = otherCpuSeconds({
    machineBusyS: r.machine_busy_s,
    serverCpuS: elsewhere ? (serverCpu === null ? null : 0) : serverCpu,
    loadgenCpuS: r.loadgen_local_cpu_s,
    labCpuS: selfCpuSeconds() - labBefore,
  });
  const verdict = judgeStep({
    target_rps: r.rps,
    achieved_rps: r.rps,
    worker_cap_hit: false,
    loadgen_cpu_saturated: r.loadgen_cpu_saturated,
    loadgen_cpu_s: r.loadgen_cpu_s,
    loadgen_procs: r.loadgen_procs,
    loadgen_cpu_share: r.loadgen_cpu_share,
    duration_s: ctx.plan.probeSeconds,
    elapsed_s: (Date.now() - started.getTime()) / 1000,
    errors: r.errors,
    requests: r.requests,
    ...(step.server ? { other_cpu_s: otherCpu, machine_cores: r.machine_cores } : {}),
  });
  // A server that dies under load is a finding about the program, named with its exit and its last words.
  const died = step.server?.exited?.() ?? null;
  const reasons = [
    ...(died === null ? [] : [`the server exited during the probe: ${died}`]),
    ...(r.rps > 0
      ? []
      : r.requests > 0
        ? [`every one of its ${r.requests} requests failed (error statuses, dropped connections or timeouts)`]
        : ['capacity probe completed no request']),
    ...verdict.reasons,
    ...remoteMachineReasons(r, ctx.plan.probeSeconds),
  ];
  const atLeast = r.loadgen_cpu_saturated;
  ctx.record({
    workload: ctx.workload.name,
    lang: step.lang,
    variant: step.variant,
    kind: 'capacity',
    repeat: 0,
    valid: reasons.length === 0,
    reasons,
    metrics: {
      capacity_rps: r.rps,
      loadgen_cpu_s: r.loadgen_cpu_s,
      loadgen_cpu_share: r.loadgen_cpu_share,
      loadgen_ceiling_rps: r.loadgen_ceiling_rps,
      other_cpu_s: otherCpu,
    },
    detail: {
      capacity_at_least: atLeast,
      ...(atLeast
        ? {
            note: `at least ${Math.round(r.rps)} req/s: the load generator, not the server, was the limit`,
          }
        : {}),
      loadgen_cpus: r.loadgen_cpus,
      loadgen_procs: r.loadgen_procs,
      ...(r.shards ? { loadgen_shards: r.shards, loadgen_machines: r.remote_machines } : {}),
    },
    started_at: started.toISOString(),
    duration_ms: Date.now() - started.getTime(),
  });
  if (died !== null)
    throw new Error(
      `the ${step.lang} server exited under load, during the capacity probe: ${died}\nnothing it would serve can be measured: fix the program and run again`,
    );
  return {
    rps: r.rps,
    loadgenCeilingRps: r.loadgen_ceiling_rps,
    atLeast,
    ...(reasons[0] ? { problem: reasons[0] } : {}),
  };
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
    let ceiling: number | null = null;
    const probe = await startPair(ctx, targets);
    try {
      for (const lang of LANGS) {
        throwIfAborted(ctx.signal);
        ctx.progress(`http-json ${lang}: capacity probe`, plan.probeSeconds);
        const measured = await measureCapacity(ctx, {
          lang,
          variant: '',
          targetsFile: probe[lang].targetsFile,
          server: probe[lang].server,
        });
        capacity[lang] = measured.rps;
        if (measured.loadgenCeilingRps !== null)
          ceiling = Math.min(ceiling ?? Number.POSITIVE_INFINITY, measured.loadgenCeilingRps);
      }
    } finally {
      await Promise.all(LANGS.map((lang) => probe[lang].server.stop()));
    }
    const top = Math.max(capacity.go ?? 0, capacity.rust ?? 0);
    if (top <= 0) throw new Error('neither server answered a request in the capacity probe');
    const rates = ladderFor(top, plan, ceiling);

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
