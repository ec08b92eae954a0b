/** @module From a lab run's summary (the server's, as `gorust lab show` prints it) to what the Lab view draws: the rate-steps rows and percentile series per language and rate step, GC timelines. Nothing is recomputed here: the medians, p90/max/GC figures and timelines are the server's (src/lab/analysis/summary.ts); this only names and picks them. Pure, so it is tested without a browser. */
import type { PercentileSeries } from '../../../src/core/browser.ts';
import type { GcTimeline, RateStepRow, WorkloadSummary } from '../../../src/lab/analysis/summary-types.ts';

/** A run and its steps exactly as the API returns them (types inferred from the server's routes). */
export type { LabRun, LabRunSummaryRow, LabStep } from './api.ts';

const PERCENTILES = [
  { p: 0.5, metric: 'p50_ms' },
  { p: 0.9, metric: 'p90_ms' },
  { p: 0.99, metric: 'p99_ms' },
  { p: 0.999, metric: 'p999_ms' },
] as const;

/** A rate step as the server summarised it, with its workload and the name of its line. */
export type RateStep = RateStepRow & {
  workload: string;
  /** Label of the line: the variant when there is one (GC settings), else the language. */
  label: string;
};

/**
 * Every summarised rate step of a run's latency workloads (http-json, a team's service, gc-cache), in the server's
 * order within each workload.
 * @example
 * rateSteps(run.summary).filter((s) => s.workload === 'http-json');
 */
export function rateSteps(summary: readonly WorkloadSummary[]): RateStep[] {
  return summary.flatMap((workload) =>
    workload.kind === 'latency' || workload.kind === 'gc-cache'
      ? workload.detail.rate_steps.map((row) => ({
          ...row,
          workload: workload.name,
          label: row.variant === '' || row.variant === row.lang ? languageName(row.lang) : row.variant,
        }))
      : [],
  );
}

/**
 * Percentile lines for one workload at one rate: one line per language/variant, in its language's colour except
 * for GC settings, which the chart tells apart by hue. Invalid steps keep their line, named "(invalid)", so the
 * chart never passes them off as measurements.
 * @example
 * percentileSeriesAt(rateSteps(run.summary), 'http-json', 2000);
 */
export function percentileSeriesAt(steps: RateStep[], workload: string, rate: number): PercentileSeries[] {
  return steps
    .filter((s) => s.workload === workload && s.rate_rps === rate)
    .map((s) => {
      // A language's colour for a language's line; GC settings (several Go lines at once) take distinct hues.
      const setting = s.variant !== '' && s.variant !== s.lang;
      const language = !setting && (s.lang === 'go' || s.lang === 'rust') ? s.lang : undefined;
      const points = PERCENTILES.flatMap(({ p, metric }) => {
        const ms = s[metric];
        return ms === null ? [] : [{ p, ms }];
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
 * percentileSeriesAll(rateSteps(run.summary), 'http-json').length; // languages x rates
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

/** One Go step's latency timeline and GC cycles as the server summarised them, named for the step picker. */
export type LabGcTimeline = GcTimeline & {
  workload: string;
  label: string;
  /** False when the step kept no per-cycle GC data (only counts): the chart then shows latency alone. */
  hasCycles: boolean;
};

/**
 * The latency timelines of a run's Go load steps, with their GC cycles when the step kept per-cycle data.
 * @example
 * gcTimelines(run.summary).map((t) => t.label);
 */
export function gcTimelines(summary: readonly WorkloadSummary[]): LabGcTimeline[] {
  return summary.flatMap((workload) =>
    workload.kind === 'latency' || workload.kind === 'gc-cache'
      ? workload.detail.gc_timelines.map((t) => ({
          ...t,
          workload: workload.name,
          label: `${workload.name} · ${t.variant === '' ? 'Go' : t.variant} · ${t.rate_rps} req/s · repeat ${t.repeat + 1}${t.valid ? '' : ' (invalid)'}`,
          hasCycles: t.cycles !== null,
        }))
      : [],
  );
}

function languageName(lang: string): string {
  if (lang === 'go') return 'Go';
  if (lang === 'rust') return 'Rust';
  return lang;
}
