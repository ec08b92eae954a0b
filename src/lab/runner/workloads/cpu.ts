/** @module The cpu workload: Benchmarks-Game kernels run as whole programs, Go and Rust interleaved, with checksums compared. */

import { modeParams } from '../manifest.ts';
import { batchStep, runBatch } from './batch.ts';
import { langOrder } from './http-json.ts';
import { type LabPlan, throwIfAborted, type WorkloadContext, type WorkloadRunner } from './types.ts';

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

/** A kernel of the manifest's `cases`: its placeholder values for this mode and the checksum it must print. */
type CpuCase = { name: string; values: Record<string, string | number>; checksum: string | null };

function casesOf(ctx: WorkloadContext): CpuCase[] {
  const cases = ctx.workload.cases ?? [];
  if (cases.length === 0) {
    return DEFAULT_KERNELS.map((k) => ({
      name: k.name,
      values: { kernel: k.name, n: ctx.plan.quick ? k.quick : k.full },
      checksum: null,
    }));
  }
  return cases.map((c) => {
    const values = modeParams(c, ctx.plan.quick);
    const sums = (c as { checksum?: Record<string, string> }).checksum ?? {};
    const n = values.n;
    return { name: c.name, values, checksum: n !== undefined ? (sums[n] ?? null) : null };
  });
}

/** Three repeats in quick mode keep CI short (Mann-Whitney then reports "~": it needs five to reach p < 0.05). */
function repeatsFor(plan: LabPlan): number {
  return plan.quick ? 3 : plan.repeats;
}

export const cpuRunner: WorkloadRunner = {
  name: 'cpu',
  estimateSeconds: (plan) => DEFAULT_KERNELS.length * 2 * repeatsFor(plan) * (plan.quick ? 1.5 : 10),
  async run(ctx) {
    const cases = casesOf(ctx);
    const repeats = repeatsFor(ctx.plan);
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const kernel of cases) {
        for (const lang of langOrder(repeat)) {
          throwIfAborted(ctx.signal);
          ctx.progress(`cpu ${lang} ${kernel.name} (repeat ${repeat + 1}/${repeats})`);
          const program = ctx.resolve(lang, { ...kernel.values, threads: ctx.plan.threads });
          const extra = program.args.includes('--kernel')
            ? []
            : [
                '--kernel',
                String(kernel.values.kernel ?? kernel.name),
                '--n',
                String(kernel.values.n),
                '--threads',
                String(ctx.plan.threads),
              ];
          const outcome = await runBatch(program, ctx.plan.quick ? 120_000 : 900_000, extra);
          const step = batchStep(ctx, outcome, { lang, variant: kernel.name, repeat });
          // A wrong checksum means the two programs did not do the same work: the timing compares nothing.
          if (outcome.ok && kernel.checksum !== null && String(outcome.output.checksum) !== kernel.checksum) {
            step.valid = false;
            step.reasons.push(
              `checksum ${String(outcome.output.checksum)} differs from the expected ${kernel.checksum}`,
            );
          }
          ctx.record(step);
        }
      }
    }
  },
};
