/** @module The team's own pair (`gorust lab run --workload FILE`): the same method as http-json (closed-loop capacity probe, then the open-loop rate ladder with the languages interleaved, fresh servers every repeat), with the programs and request mix of the workload file; either program may be absent. */
import { createServer } from 'node:net';
import type { RunningServer } from '../process.ts';
import { type LoadedWorkloadFile, writeTargetsTemplate } from '../workload-file.ts';
import { ladderFor, langOrder, measureCapacity, warmUp } from './http-json.ts';
import { measureLatencyStep, writeTargets } from './latency.ts';
import { startLabServer } from './servers.ts';
import { type LabPlan, throwIfAborted, type WorkloadContext, type WorkloadRunner } from './types.ts';

type Lang = 'go' | 'rust';

/**
 * A free TCP port on 127.0.0.1 (the kernel's pick, released at once for the program to bind).
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * The runner of one workload file.
 * @example
 * RUNNERS[file.spec.name] = serviceRunner(file);
 */
export function serviceRunner(file: LoadedWorkloadFile): WorkloadRunner {
  const langs = (['go', 'rust'] as const).filter((lang) => file.spec.programs[lang] !== undefined);
  const readyTimeoutMs = (file.spec.ready.timeout_s ?? 30) * 1000;
  let template: string | null = null;

  async function start(
    ctx: WorkloadContext,
    lang: Lang,
  ): Promise<{ server: RunningServer; targetsFile: string }> {
    template ??= writeTargetsTemplate(file, ctx.tempDir);
    const port = await freePort();
    // {host}: 127.0.0.1, or with generators on other hosts this machine's address they reach.
    const host = ctx.serverHost ?? '127.0.0.1';
    const server = await startLabServer(ctx.resolve(lang, { port, host }), lang, {
      threads: ctx.plan.threads,
      ready: { port, path: file.spec.ready.path, host },
      startTimeoutMs: readyTimeoutMs,
      ...(ctx.serverHost ? { host: ctx.serverHost } : {}),
    });
    return { server, targetsFile: writeTargets(ctx, template, server.addr, lang) };
  }

  async function startAll(ctx: WorkloadContext) {
    const started: Partial<Record<Lang, { server: RunningServer; targetsFile: string }>> = {};
    try {
      for (const lang of langs) started[lang] = await start(ctx, lang);
      return started;
    } catch (error) {
      await stopAll(started);
      throw error;
    }
  }

  const stopAll = (started: Partial<Record<Lang, { server: RunningServer }>>) =>
    Promise.all(Object.values(started).map((s) => s?.server.stop()));

  return {
    name: file.spec.name,
    estimateSeconds(plan: LabPlan) {
      const rungs = plan.ladderRates?.length ?? (plan.quick ? 3 : 6);
      const n = langs.length;
      return (
        n * plan.probeSeconds +
        plan.repeats * (n * plan.warmupSeconds + rungs * n * (plan.stepSeconds + 0.5) + 2)
      );
    },
    async run(ctx) {
      const { plan } = ctx;
      const name = file.spec.name;
      const capacity: Partial<Record<Lang, number>> = {};
      const problems: string[] = [];
      // The load generator's ceiling (where it would use half its CPU): no rung goes above it.
      let ceiling: number | null = null;
      const probe = await startAll(ctx);
      try {
        for (const lang of langs) {
          throwIfAborted(ctx.signal);
          ctx.progress(`${name} ${lang}: capacity probe`, plan.probeSeconds);
          const pair = probe[lang];
          if (!pair) continue;
          const measured = await measureCapacity(ctx, {
            lang,
            variant: '',
            targetsFile: pair.targetsFile,
            server: pair.server,
          });
          capacity[lang] = measured.rps;
          if (measured.problem !== undefined) problems.push(`${lang}: ${measured.problem}`);
          if (measured.loadgenCeilingRps !== null)
            ceiling = Math.min(ceiling ?? Number.POSITIVE_INFINITY, measured.loadgenCeilingRps);
        }
      } finally {
        await stopAll(probe);
      }
      const top = Math.max(0, ...Object.values(capacity));
      if (top <= 0 && !plan.ladderRates)
        // The run's failure list names the workload already.
        throw new Error(
          `no program answered a request in the capacity probe (${problems.join('; ') || 'no reason recorded'})`,
        );
      const rates = plan.ladderRates ?? ladderFor(top, plan, ceiling);

      for (let repeat = 0; repeat < plan.repeats; repeat++) {
        throwIfAborted(ctx.signal);
        const order = langOrder(repeat).filter((lang) => langs.includes(lang));
        const pair = await startAll(ctx);
        try {
          for (const lang of order) {
            ctx.progress(
              `${name} ${lang}: warm-up (repeat ${repeat + 1}/${plan.repeats})`,
              plan.warmupSeconds,
            );
            const running = pair[lang];
            if (running)
              await warmUp(
                ctx,
                running.targetsFile,
                Math.min(capacity[lang] ?? top, top) * 0.5 || rates[0] || 1,
              );
          }
          for (const rate of rates) {
            for (const lang of order) {
              throwIfAborted(ctx.signal);
              const running = pair[lang];
              if (!running) continue;
              ctx.progress(
                `${name} ${lang} @ ${rate} req/s (repeat ${repeat + 1}/${plan.repeats})`,
                plan.stepSeconds,
              );
              ctx.record(
                await measureLatencyStep(ctx, {
                  server: running.server,
                  lang,
                  variant: '',
                  targetsFile: running.targetsFile,
                  rate,
                  repeat,
                  durationS: plan.stepSeconds,
                }),
              );
            }
          }
        } finally {
          await stopAll(pair);
        }
      }
    },
  };
}
