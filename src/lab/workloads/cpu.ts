/** @module The cpu workload: Benchmarks-Game kernels run as whole programs, Go and Rust interleaved, with checksums compared. */
import { batchStep, runBatch } from './batch.ts';
import { langOrder } from './http-json.ts';
import { type LabPlan, throwIfAborted, type WorkloadRunner } from './types.ts';

export type Kernel = { name: string; quick: number; full: number };

/**
 * Problem sizes: quick ones take a few tenths of a second each on a 2-core box (long enough that process start-up
 * is noise), full ones seconds (Benchmarks Game sizes scaled down).
 */
export const DEFAULT_KERNELS: Kernel[] = [
  { name: 'binary-trees', quick: 15, full: 19 },
  { name: 'n-body', quick: 2_000_000, full: 20_000_000 },
  { name: 'mandelbrot', quick: 1600, full: 6000 },
];

function kernelsOf(workload: Record<string, unknown>): Kernel[] {
  const listed = workload.kernels;
  if (!Array.isArray(listed)) return DEFAULT_KERNELS;
  const parsed = listed.flatMap((k) => {
    const entry = k as Record<string, unknown>;
    const name = entry.name;
    const quick = Number(entry.quick ?? entry.n_quick);
    const full = Number(entry.full ?? entry.n_full);
    return typeof name === 'string' && quick > 0 && full > 0 ? [{ name, quick, full }] : [];
  });
  return parsed.length > 0 ? parsed : DEFAULT_KERNELS;
}

/** Five repeats even in quick mode: fewer can never reach p < 0.05 in a Mann-Whitney test. */
function repeatsFor(plan: LabPlan): number {
  return plan.quick ? 5 : plan.repeats;
}

export const cpuRunner: WorkloadRunner = {
  name: 'cpu',
  estimateSeconds: (plan) => DEFAULT_KERNELS.length * 2 * repeatsFor(plan) * (plan.quick ? 0.4 : 4),
  async run(ctx) {
    const kernels = kernelsOf(ctx.workload as Record<string, unknown>);
    const repeats = repeatsFor(ctx.plan);
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const kernel of kernels) {
        const n = ctx.plan.quick ? kernel.quick : kernel.full;
        for (const lang of langOrder(repeat)) {
          throwIfAborted(ctx.signal);
          ctx.progress(`cpu ${lang} ${kernel.name} n=${n} (repeat ${repeat + 1}/${repeats})`);
          const program = ctx.resolve(lang, { kernel: kernel.name, n, threads: ctx.plan.threads });
          const extra = program.args.includes('--kernel')
            ? []
            : ['--kernel', kernel.name, '--n', String(n), '--threads', String(ctx.plan.threads)];
          const outcome = await runBatch(program, ctx.plan.quick ? 60_000 : 600_000, extra);
          ctx.record(batchStep(ctx, outcome, { lang, variant: kernel.name, repeat }));
        }
      }
    }
  },
};
