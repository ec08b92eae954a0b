/** @module decide() benchmark: wall time per public example at the default 10,000 Monte-Carlo samples (aim: median < 10 ms). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { decide, type KnowledgeBase, profileSchema } from '../src/core/index.ts';

export type DecideBenchRow = {
  example: string;
  runs: number;
  median_ms: number;
  p90_ms: number;
  max_ms: number;
};

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * Time decide() on every `examples/*.yaml` profile, after a warm-up of 20 runs, with 10,000 samples (the default).
 * @example
 * benchDecide(kb, { runs: 50, examplesDir: 'examples' });
 */
export function benchDecide(
  kb: KnowledgeBase,
  options: { runs: number; examplesDir: string },
): DecideBenchRow[] {
  const files = readdirSync(options.examplesDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.map((file) => {
    const profile = profileSchema.parse(parse(readFileSync(join(options.examplesDir, file), 'utf8')));
    for (let i = 0; i < 20; i++) decide(profile, kb, { seed: i });
    const times: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const start = performance.now();
      decide(profile, kb, { seed: i });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      example: file.replace(/\.yaml$/, ''),
      runs: options.runs,
      median_ms: round(quantile(times, 0.5)),
      p90_ms: round(quantile(times, 0.9)),
      max_ms: round(times[times.length - 1] ?? 0),
    };
  });
}

/**
 * Lines for the bench report.
 * @example
 * formatDecideBench(rows); // ['service-mesh  median 2.1 ms  p90 2.4 ms  max 3.0 ms  (50 runs)', ...]
 */
export function formatDecideBench(rows: readonly DecideBenchRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.example.length));
  return rows.map(
    (r) =>
      `${r.example.padEnd(width)}  median ${r.median_ms} ms  p90 ${r.p90_ms} ms  max ${r.max_ms} ms  (${r.runs} runs, 10,000 samples)`,
  );
}
