/** @module UI benchmark: time to re-run decide() on a slider move for a ten-component profile, and the UI's JavaScript size gzipped: all chunks, and the initial ones (what index.html loads before the first paint; the YAML import/export chunk and the lazily loaded views come later). */
import { loadavg } from 'node:os';
import { decide, type KnowledgeBase, type ProfileInput, profileSchema } from '../src/core/index.ts';
import { type BundleSize, GZIP_BUDGET_KB, measureBundle } from '../web/build/bundle-size.ts';

/** The sample count the web app uses for live updates (web/src/lib/draft.ts INTERACTIVE_SAMPLES). */
export const UI_INTERACTIVE_SAMPLES = 1500;
const FRAME_BUDGET_MS = 16;

export type UiBenchResult = {
  slider: {
    runs: number;
    samples: number;
    median_ms: number;
    p90_ms: number;
    max_ms: number;
    components: number;
  };
  /** Measured as the size test measures it (web/build/bundle-size.ts). */
  bundle: BundleSize | null;
};

/**
 * A realistic ten-component profile: a data plane, hot paths, control plane, APIs, workers, a CLI and storage.
 * @example
 * tenComponentProfile().components?.length; // 10
 */
export function tenComponentProfile(): ProfileInput {
  return {
    version: 1,
    project: { name: 'Edge platform (bench)' },
    workload: { kind: 'mixed', peak_rps: 200_000, latency_slo: { p99_ms: 10 }, live_heap_gib: 4 },
    team: { size: 12, go: 'strong', rust: 'some', turnover: 'medium' },
    delivery: { deadline_weeks: 16, lifetime_years: 5 },
    targets: ['server', 'kubernetes'],
    domain: ['networking', 'proxy', 'cloud-native'],
    components: [
      {
        name: 'edge-proxy',
        role: 'data-plane',
        workload: 'cpu-bound',
        latency_critical: true,
        latency_slo: { p99_ms: 2 },
        calls: [
          { to: 'router', per_request: 1 },
          { to: 'authz', per_request: 1 },
        ],
      },
      {
        name: 'router',
        role: 'hot-path',
        workload: 'cpu-bound',
        latency_critical: true,
        calls: [{ to: 'cache', per_request: 0.5 }],
      },
      {
        name: 'authz',
        role: 'hot-path',
        latency_critical: true,
        calls: [{ to: 'policy-api', per_request: 0.01 }],
      },
      { name: 'cache', role: 'storage-engine', live_heap_gib: 8, latency_critical: true },
      { name: 'control', role: 'control-plane', calls: [{ to: 'config-store', per_request: 1 }] },
      { name: 'policy-api', role: 'api' },
      { name: 'admin-api', role: 'api', calls: [{ to: 'control', per_request: 1 }] },
      { name: 'log-shipper', role: 'worker', workload: 'io-bound' },
      { name: 'config-store', role: 'storage-engine' },
      { name: 'edgectl', role: 'cli', calls: [{ to: 'admin-api', per_request: 1 }] },
    ],
  };
}

/**
 * Run the UI benchmark: `runs` slider moves (each a different priority on one criterion) and the bundle size.
 * @example
 * const result = benchUi(kb, { runs: 200, webDir: 'dist/web' });
 */
export function benchUi(kb: KnowledgeBase, options: { runs?: number; webDir: string }): UiBenchResult {
  const runs = options.runs ?? 200;
  const base = profileSchema.parse(tenComponentProfile());
  // Warm up the JIT the way a user's first few slider moves would.
  // As the web app decides (web/src/lib/draft.ts evaluateProfile): no decisive facts, which it does not show.
  const live = { seed: 1, samples: UI_INTERACTIVE_SAMPLES, decisiveFacts: false };
  for (let i = 0; i < 10; i++) decide(base, kb, live);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A slider move: one criterion's priority changes, as WeightSliders sends it.
    const profile = { ...base, priorities: { ...base.priorities, latency_predictability: (i % 21) / 4 } };
    const started = performance.now();
    decide(profile, kb, live);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return {
    slider: {
      runs,
      samples: UI_INTERACTIVE_SAMPLES,
      median_ms: round(at(0.5)),
      p90_ms: round(at(0.9)),
      max_ms: round(times[times.length - 1] ?? Number.NaN),
      components: base.components?.length ?? 0,
    },
    bundle: measureBundle(options.webDir),
  };
}

/**
 * Lines for the bench report.
 * @example
 * console.log(formatUiBench(result).join('\n'));
 */
export function formatUiBench(result: UiBenchResult): string[] {
  const { slider, bundle } = result;
  const lines = [
    `1-minute load average ${loadavg()[0]?.toFixed(1)} (a busy machine inflates the tail, not much the median)`,
    `slider re-run (${slider.components} components, ${slider.samples} samples, ${slider.runs} runs): median ${slider.median_ms} ms, p90 ${slider.p90_ms} ms, max ${slider.max_ms} ms (aim < ${FRAME_BUDGET_MS} ms: ${slider.median_ms < FRAME_BUDGET_MS ? 'met' : 'NOT met'})`,
  ];
  if (!bundle) {
    lines.push('UI JavaScript: dist/web/assets not found (run `npx vite build` first)');
    return lines;
  }
  const met = (kb: number) => (kb <= GZIP_BUDGET_KB ? 'met' : 'NOT met');
  lines.push(
    `UI JavaScript, all chunks: ${bundle.files} file(s), ${bundle.raw_kb} KB minified, ${bundle.gzip_kb} KB gzipped (aim <= ${GZIP_BUDGET_KB} KB: ${met(bundle.gzip_kb)})`,
    `UI JavaScript, initial (loaded before the first paint: ${bundle.initial.files.join(', ')}): ${bundle.initial.raw_kb} KB minified, ${bundle.initial.gzip_kb} KB gzipped; the rest loads on demand (${bundle.chunks
      .filter((c) => !bundle.initial.files.includes(c.name))
      .map((c) => `${c.name} ${c.gzip_kb} KB`)
      .join(', ')})`,
  );
  return lines;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
