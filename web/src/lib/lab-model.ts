/** @module From a stored lab run's steps to what the Lab view draws: percentile series per language and rate step, GC timelines. (Build times, sizes and cross-compilation come summarised by the server: lab-summary.ts.) Pure, so it is tested without a browser. */
import type { GcMark, PercentileSeries, TimelinePoint } from '../../../src/core/browser.ts';
import type { LabStep } from './api.ts';

/** A run and its steps exactly as the API returns them (types inferred from the server's routes). */
export type { LabRun, LabRunSummaryRow, LabStep } from './api.ts';

const PERCENTILES = [
  { p: 0.5, metric: 'p50_ms' },
  { p: 0.9, metric: 'p90_ms' },
  { p: 0.99, metric: 'p99_ms' },
  { p: 0.999, metric: 'p999_ms' },
] as const;

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * The median of the finite numbers in a list, or null.
 * @example
 * medianOf([3, 1, 2]); // 2
 */
export function medianOf(values: (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? (xs[mid] ?? null) : ((xs[mid - 1] ?? 0) + (xs[mid] ?? 0)) / 2;
}

/** A load step (one language or GC variant at one offered rate), its repeats merged. */
export type RateStep = {
  workload: string;
  lang: string;
  variant: string;
  rate_rps: number;
  /** Label of the line: the variant when there is one (GC settings), else the language. */
  label: string;
  valid: boolean;
  reasons: string[];
  repeats: number;
  /** Medians over the valid repeats (over all repeats when none is valid). */
  figures: Record<string, number | null>;
  steps: LabStep[];
};

/**
 * Group latency steps (kind `rate`) by workload, language/variant and offered rate. A step group is valid when
 * at least one repeat is; its figures are medians of the valid repeats.
 * @example
 * rateSteps(run.steps).filter((s) => s.workload === 'http-json');
 */
export function rateSteps(steps: LabStep[]): RateStep[] {
  const groups = new Map<string, LabStep[]>();
  for (const step of steps) {
    if (step.kind !== 'rate' || step.rate_rps === null) continue;
    const key = `${step.workload}\u0000${step.lang}\u0000${step.variant}\u0000${step.rate_rps}`;
    groups.set(key, [...(groups.get(key) ?? []), step]);
  }
  return [...groups.values()]
    .map((group): RateStep => {
      const first = group[0] as LabStep;
      const valid = group.filter((s) => s.valid);
      const basis = valid.length > 0 ? valid : group;
      const metrics = new Set(basis.flatMap((s) => Object.keys(s.metrics)));
      const figures: Record<string, number | null> = {};
      for (const metric of metrics) figures[metric] = medianOf(basis.map((s) => num(s.metrics[metric])));
      return {
        workload: first.workload,
        lang: first.lang,
        variant: first.variant,
        rate_rps: first.rate_rps ?? 0,
        label:
          first.variant === '' || first.variant === first.lang ? languageName(first.lang) : first.variant,
        valid: valid.length > 0,
        reasons: [...new Set(group.flatMap((s) => s.reasons))],
        repeats: group.length,
        figures,
        steps: group,
      };
    })
    .sort(
      (a, b) =>
        a.workload.localeCompare(b.workload) ||
        a.rate_rps - b.rate_rps ||
        a.lang.localeCompare(b.lang) ||
        a.variant.localeCompare(b.variant),
    );
}

/**
 * Percentile lines for one workload at one rate: one line per language/variant. Invalid steps keep their
 * line, named "(invalid)", so the chart never passes them off as measurements.
 * @example
 * percentileSeriesAt(rateSteps(run.steps), 'http-json', 2000);
 */
export function percentileSeriesAt(steps: RateStep[], workload: string, rate: number): PercentileSeries[] {
  return steps
    .filter((s) => s.workload === workload && s.rate_rps === rate)
    .map((s) => {
      const language = s.lang === 'go' || s.lang === 'rust' ? s.lang : undefined;
      const points = PERCENTILES.flatMap(({ p, metric }) => {
        const ms = s.figures[metric];
        return ms === null || ms === undefined ? [] : [{ p, ms }];
      });
      return {
        name: s.valid ? s.label : `${s.label} (invalid)`,
        ...(language ? { language } : {}),
        points,
        ...(s.valid ? {} : { invalid: true }),
      };
    });
}

/**
 * Percentile lines for every rate step of a workload at once, named "Go @ 1000/s"; left uncoloured by language so
 * the chart's palette tells the steps apart.
 * @example
 * percentileSeriesAll(rateSteps(run.steps), 'http-json').length; // languages x rates
 */
export function percentileSeriesAll(steps: RateStep[], workload: string): PercentileSeries[] {
  const rates = [...new Set(steps.filter((s) => s.workload === workload).map((s) => s.rate_rps))];
  return rates.flatMap((rate) =>
    percentileSeriesAt(steps, workload, rate).map(({ name, points, invalid }) => ({
      name: `${name} @ ${rate}/s`,
      points,
      ...(invalid ? { invalid } : {}),
    })),
  );
}

/** One Go step's latency timeline and GC cycles, ready for gcTimelineOption. */
export type GcTimeline = {
  step: LabStep;
  label: string;
  latency: TimelinePoint[];
  cycles: GcMark[];
  /** False when the step kept no per-cycle GC data (only counts): the chart then shows latency alone. */
  hasCycles: boolean;
};

/**
 * The latency timelines of Go latency steps, with their GC cycles when the step kept per-cycle data.
 * @example
 * gcTimelines(run.steps).map((t) => t.label);
 */
export function gcTimelines(steps: LabStep[]): GcTimeline[] {
  const out: GcTimeline[] = [];
  for (const step of steps) {
    if (step.kind !== 'rate' || step.lang !== 'go') continue;
    const detail = (step.detail ?? {}) as Record<string, unknown>;
    const latency = Array.isArray(detail.timeline) ? (detail.timeline as TimelinePoint[]) : [];
    const rawCycles = [detail.gc_cycles, detail.gc, detail.cycles].find(Array.isArray) as
      | unknown[]
      | undefined;
    if (latency.length === 0) continue;
    const cycles = (rawCycles ?? [])
      .map((c) => c as Record<string, unknown>)
      .filter((c) => num(c.at_s) !== null)
      .map((c) => ({
        at_s: num(c.at_s) ?? 0,
        stw_sweep_ms: num(c.stw_sweep_ms) ?? undefined,
        stw_mark_ms: num(c.stw_mark_ms) ?? undefined,
      }));
    const variant = step.variant === '' ? 'Go' : step.variant;
    out.push({
      step,
      label: `${step.workload} · ${variant} · ${step.rate_rps ?? '?'} req/s · repeat ${step.repeat + 1}${step.valid ? '' : ' (invalid)'}`,
      latency,
      cycles,
      hasCycles: rawCycles !== undefined,
    });
  }
  return out;
}

function languageName(lang: string): string {
  if (lang === 'go') return 'Go';
  if (lang === 'rust') return 'Rust';
  return lang;
}
