/** @module From a stored lab run to the LabEvidence that `decide()` uses in place of the knowledge base's priors: only figures of valid steps that pass their anchor check and whose Go/Rust difference is significant (never from a quick run); the rest are listed as excluded, with the measured figures and why, and the prior stays. */

import type { CriterionId, LabEvidence, MeasuredBuild, MeasuredLatency } from '../../core/index.ts';
import { formatFigure } from '../../core/report/format.ts';
import { openStoreToRead } from '../../store/db.ts';
import { requireRun, type StoredRun } from '../../store/lab-runs.ts';
import { checkAnchors } from './anchors.ts';
import { describeComparison } from './comparison.ts';
import { environmentLine } from './report.ts';
import { type Figures, summarizeRun } from './summary.ts';
import type { WorkloadSummary } from './summary-types.ts';

export type EvidenceOptions = {
  /** The profile's p99 SLO: the headline "max rate within SLO" is judged against it instead of the lab's default. */
  sloP99Ms?: number | undefined;
};

type Excluded = { figure: string; reason: string }[];
type NotSignificant = NonNullable<LabEvidence['not_significant']>;

/**
 * The criteria a workload's figures feed in the engine (`measureCriteria` in src/core/engine/ratings.ts): what a
 * comparison that is not significant would have replaced, so the decision can show it beside the prior it kept.
 */
function criteriaOf(workload: WorkloadSummary): CriterionId[] {
  if (workload.kind === 'latency')
    return ['latency_predictability', 'runtime_performance', 'memory_efficiency'];
  if (workload.kind === 'gc-cache') return ['latency_predictability', 'memory_efficiency'];
  if (workload.kind === 'cpu') return ['runtime_performance'];
  if (workload.kind === 'build') return ['build_speed', 'deployment'];
  return [];
}

/**
 * The anchor note when a figure is far outside its published band (a probable harness problem), else undefined.
 * Same check as the run report's, so what the report flags is what the decision leaves out.
 */
function suspect(metric: string, value: number | null | undefined, lang: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const check = checkAnchors(metric, value, lang);
  return check && !check.ok ? check.note : undefined;
}

/** A figure only when it is a finite number (never NaN, never null): unmeasured figures stay absent. */
const finite = (v: number | null | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** Copy only the defined fields, so absent figures are absent keys (not `undefined` values) in JSON. */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The latency figures of one language (or GC variant); a flagged p99 drops the whole set (the engine needs it),
 * a flagged RSS or GC pause drops that field only.
 */
function latency(f: Figures, lang: string, label: string, excluded: Excluded): MeasuredLatency | undefined {
  const p50_ms = finite(f.p50_ms);
  const p99_ms = finite(f.p99_ms);
  const p999_ms = finite(f.p999_ms);
  const max_ms = finite(f.max_ms);
  const achieved_rps = finite(f.achieved_rps);
  if (p50_ms == null || p99_ms == null || p999_ms == null || max_ms == null || achieved_rps == null)
    return undefined;
  const p99Note = suspect('p99_ms', p99_ms, lang);
  if (p99Note) {
    excluded.push({ figure: `${label} latency`, reason: `p99 ${p99Note}` });
    return undefined;
  }
  const optional = (metric: string, value: number | undefined): number | undefined => {
    const note = suspect(metric, value, lang);
    if (note) {
      excluded.push({ figure: `${label} ${metric}`, reason: note });
      return undefined;
    }
    return value;
  };
  return defined({
    p50_ms,
    p99_ms,
    p999_ms,
    max_ms,
    achieved_rps,
    max_rps_within_slo: f.max_rps_within_slo ?? null,
    rss_peak_mib: optional('rss_peak_mib', finite(f.rss_peak_mib)),
    cpu_s_per_1k: finite(f.cpu_s_per_1k),
    gc_pause_total_ms: finite(f.gc_pause_total_ms),
    gc_pause_max_ms: optional('gc_pause_max_ms', finite(f.gc_pause_max_ms)),
  });
}

function build(f: Figures, lang: 'go' | 'rust', excluded: Excluded): MeasuredBuild | undefined {
  const incremental_s = finite(f.incremental_s);
  const binary_mib = finite(f.binary_mib);
  if (incremental_s === undefined || binary_mib === undefined) return undefined;
  const binaryNote = suspect('build_binary_mib', binary_mib, lang);
  if (binaryNote) {
    excluded.push({ figure: `build ${lang} binary_mib`, reason: binaryNote });
    return undefined;
  }
  // Quick runs do not time clean builds (minutes on two cores): the figure is then absent, never NaN.
  let clean_s = finite(f.clean_s);
  const cleanNote = suspect('build_clean_s', clean_s, lang);
  if (cleanNote) {
    excluded.push({ figure: `build ${lang} clean_s`, reason: cleanNote });
    clean_s = undefined;
  }
  return defined({
    clean_s,
    incremental_s,
    noop_s: finite(f.noop_s),
    check_s: finite(f.check_s),
    binary_mib,
    stripped_mib: finite(f.stripped_mib),
  });
}

/** Say which workloads gave nothing and how many invalid steps were left out of those that did. */
function noteInvalid(workload: WorkloadSummary, excluded: Excluded): void {
  const why = workload.problems.slice(0, 3).join('; ');
  if (!workload.valid) {
    if (workload.steps > 0)
      excluded.push({ figure: workload.name, reason: `no valid figures${why ? `: ${why}` : ''}` });
  } else if (workload.invalid_steps > 0) {
    excluded.push({
      figure: `${workload.name}: ${workload.invalid_steps} of ${workload.steps} steps`,
      reason: `invalid steps, left out${why ? `: ${why}` : ''}`,
    });
  }
}

/** A workload whose headline is not significant: its figures stay beside the prior (listed as excluded), with why. */
function gate(summary: WorkloadSummary, excluded: Excluded, beside: NotSignificant): boolean {
  const c = summary.comparison;
  if (c?.significant) return true;
  const reason = `${c ? `${describeComparison(c)}: ` : ''}${c?.reason ?? 'no comparison'}; the prior is kept`;
  excluded.push({ figure: summary.name, reason });
  if (c && c.go !== null && c.rust !== null)
    beside.push({ criteria: criteriaOf(summary), text: `${summary.name} ${reason}` });
  return false;
}

/**
 * The evidence of one run: only valid steps of valid workloads contribute, only the figures they measured, no figure
 * the anchor check flags as a probable harness problem, and no Go/Rust difference that is not significant (latency
 * workloads by their headline p99, CPU kernels each by its own test). A quick run contributes nothing: it cannot
 * show significance. `excluded` lists what was left out and why (the knowledge base's prior stays in its place).
 * Build figures (single measurements, sizes exact) and boundary costs (absolute costs, not a Go/Rust difference) are
 * not gated by a test.
 * @example
 * const lab = labEvidenceFromRun(run, { sloP99Ms: 20 });
 * decide(profile, kb, { lab });
 */
export function labEvidenceFromRun(run: StoredRun, options: EvidenceOptions = {}): LabEvidence {
  const summary = summarizeRun(run, { sloP99Ms: options.sloP99Ms });
  // A run still going (or one that stopped early) gives the figures it has so far: every report that shows the
  // measured figures shows this line beside them, so nobody takes a partial run for a finished one.
  const partial =
    run.status === 'running'
      ? '; the run was still in progress: its figures so far'
      : run.status === 'completed'
        ? ''
        : `; the run ${run.status === 'failed' ? 'failed' : 'was interrupted'} before its end: the figures it had`;
  const evidence: LabEvidence = {
    run_id: run.id,
    environment: `${environmentLine(run.environment)}${partial}`,
    slo_p99_ms: summary.slo_p99_ms,
  };
  const excluded: Excluded = [];
  const beside: NotSignificant = [];
  if (summary.indicative) {
    for (const w of summary.workloads) {
      if (w.steps === 0) continue;
      const measured = w.comparison?.go != null && w.comparison.rust != null;
      const reason = `${measured && w.comparison ? `${describeComparison(w.comparison)}: ` : ''}quick run: indicative only, it cannot show significance; the prior is kept`;
      excluded.push({ figure: w.name, reason });
      if (measured && criteriaOf(w).length > 0)
        beside.push({ criteria: criteriaOf(w), text: `${w.name} ${reason}` });
    }
    evidence.excluded = excluded;
    if (beside.length > 0) evidence.not_significant = beside;
    return evidence;
  }
  for (const workload of summary.workloads) noteInvalid(workload, excluded);
  const valid = summary.workloads.filter((w) => w.valid);

  // A team's own service (lab run --workload FILE) feeds the same evidence as http-json, and wins over it.
  const latencyWorkloads = valid.flatMap((w) => (w.kind === 'latency' ? [w] : []));
  const http =
    latencyWorkloads.find((w) => w.detail.service !== undefined) ??
    latencyWorkloads.find((w) => w.name === 'http-json');
  if (http && gate(http, excluded, beside)) {
    const httpGo = latency(http.go, 'go', `${http.name} go`, excluded);
    const httpRust = latency(http.rust, 'rust', `${http.name} rust`, excluded);
    if (httpGo && httpRust) {
      evidence.http_json = { go: httpGo, rust: httpRust };
      if (http.detail.service) evidence.service = { name: http.name, sha256: http.detail.service.sha256 };
    }
  }

  for (const gc of valid) {
    if (gc.kind !== 'gc-cache' || !gate(gc, excluded, beside)) continue;
    const measured = Object.entries(gc.detail.variants).flatMap(([k, f]) => {
      const m = latency(f, k === 'rust' ? 'rust' : 'go', `gc-cache ${k}`, excluded);
      return m ? [[k, m] as const] : [];
    });
    if (measured.length > 0) evidence.gc_cache = Object.fromEntries(measured);
  }

  for (const cpu of valid) {
    if (cpu.kind !== 'cpu') continue;
    evidence.cpu = cpu.detail.kernels.flatMap((k) => {
      const go_s = finite(k.go_s);
      const rust_s = finite(k.rust_s);
      if (go_s === undefined || rust_s === undefined || !(rust_s > 0)) return [];
      const note = suspect('cpu_ratio', go_s / rust_s, 'go');
      if (note) {
        excluded.push({ figure: `cpu ${k.kernel} Go/Rust time`, reason: note });
        return [];
      }
      if (k.better === '~') {
        const reason = `Go ${formatFigure(go_s)} s vs Rust ${formatFigure(rust_s)} s${k.p === null ? ', too few repeats to test' : `, p = ${formatFigure(k.p)}`}: no significant difference; the prior is kept`;
        excluded.push({ figure: `cpu ${k.kernel}`, reason });
        beside.push({ criteria: ['runtime_performance'], text: `cpu ${k.kernel} ${reason}` });
        return [];
      }
      return [{ kernel: k.kernel, go_s, rust_s }];
    });
  }

  for (const b of valid) {
    if (b.kind !== 'build') continue;
    const bGo = build(b.go, 'go', excluded);
    const bRust = build(b.rust, 'rust', excluded);
    if (bGo && bRust) evidence.build = { go: bGo, rust: bRust, cross: b.detail.cross };
  }

  for (const boundary of valid) {
    if (boundary.kind !== 'boundary') continue;
    const present = Object.fromEntries(
      Object.entries(boundary.detail.mechanisms).flatMap(([metric, v]) => {
        const value = finite(v);
        if (value === undefined) return [];
        const note = suspect(metric, value, 'go');
        if (note) {
          excluded.push({ figure: `boundary ${metric}`, reason: note });
          return [];
        }
        return [[metric, value]];
      }),
    );
    if (Object.keys(present).length > 0) evidence.boundary = present;
  }
  if (excluded.length > 0) evidence.excluded = excluded;
  if (beside.length > 0) evidence.not_significant = beside;
  return evidence;
}

/**
 * Load the evidence of a stored run: `latest` or a run id (or unique prefix). A missing run is a UserError.
 * @example
 * const lab = loadLabEvidence('latest', { sloP99Ms: profile.workload.latency_slo?.p99_ms });
 */
export function loadLabEvidence(
  ref: 'latest' | string,
  options: EvidenceOptions & { dbPath?: string | undefined } = {},
): LabEvidence {
  const db = openStoreToRead(options.dbPath);
  try {
    return labEvidenceFromRun(requireRun(db, ref), options);
  } finally {
    db.close();
  }
}
