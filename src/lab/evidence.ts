/** @module From a stored lab run to the LabEvidence that `decide()` uses in place of the knowledge base's priors. */
import type { LabEvidence, MeasuredBuild, MeasuredCrossCell, MeasuredLatency } from '../core/index.ts';
import { openStore } from '../store/db.ts';
import { requireRun, type StoredRun } from '../store/lab-runs.ts';
import { environmentLine } from './report.ts';
import { boundaryFigures, type Figures, summarizeRun, type WorkloadSummary } from './summary.ts';

export type EvidenceOptions = {
  /** The profile's p99 SLO: the headline "max rate within SLO" is judged against it instead of the lab's default. */
  sloP99Ms?: number | undefined;
};

function latency(f: Figures): MeasuredLatency | undefined {
  const { p50_ms, p99_ms, p999_ms, max_ms, achieved_rps } = f;
  if (p50_ms == null || p99_ms == null || p999_ms == null || max_ms == null || achieved_rps == null)
    return undefined;
  return {
    p50_ms,
    p99_ms,
    p999_ms,
    max_ms,
    achieved_rps,
    max_rps_within_slo: f.max_rps_within_slo ?? null,
    rss_peak_mib: f.rss_peak_mib ?? undefined,
    cpu_s_per_1k: f.cpu_s_per_1k ?? undefined,
    gc_pause_total_ms: f.gc_pause_total_ms ?? undefined,
    gc_pause_max_ms: f.gc_pause_max_ms ?? undefined,
  };
}

function build(f: Figures): MeasuredBuild | undefined {
  if (f.incremental_s == null || f.binary_mib == null) return undefined;
  return {
    // Quick runs do not time clean builds (minutes on two cores): NaN tells the engine there is no figure.
    clean_s: f.clean_s ?? Number.NaN,
    incremental_s: f.incremental_s,
    noop_s: f.noop_s ?? undefined,
    check_s: f.check_s ?? undefined,
    binary_mib: f.binary_mib,
    stripped_mib: f.stripped_mib ?? undefined,
  };
}

/**
 * The evidence of one run: only valid workloads contribute, and only the figures they measured.
 * @example
 * const lab = labEvidenceFromRun(run, { sloP99Ms: 20 });
 * decide(profile, kb, { lab });
 */
export function labEvidenceFromRun(run: StoredRun, options: EvidenceOptions = {}): LabEvidence {
  const summary = summarizeRun(run, { sloP99Ms: options.sloP99Ms });
  const evidence: LabEvidence = {
    run_id: run.id,
    environment: environmentLine(run.environment),
    slo_p99_ms: summary.slo_p99_ms,
  };
  const valid = (name: string): WorkloadSummary | undefined =>
    summary.workloads.find((w) => w.name === name && w.valid);

  const http = valid('http-json');
  const httpGo = http && latency(http.go);
  const httpRust = http && latency(http.rust);
  if (httpGo && httpRust) evidence.http_json = { go: httpGo, rust: httpRust };

  const gc = valid('gc-cache');
  if (gc) {
    const variants = (gc.detail.variants ?? {}) as Record<string, Figures>;
    const measured = Object.entries(variants).flatMap(([k, f]) => {
      const m = latency(f);
      return m ? [[k, m] as const] : [];
    });
    if (measured.length > 0) evidence.gc_cache = Object.fromEntries(measured);
  }

  const cpu = valid('cpu');
  if (cpu) {
    const kernels = (cpu.detail.kernels ?? []) as {
      kernel: string;
      go_s: number | null;
      rust_s: number | null;
    }[];
    evidence.cpu = kernels.flatMap((k) =>
      k.go_s !== null && k.rust_s !== null ? [{ kernel: k.kernel, go_s: k.go_s, rust_s: k.rust_s }] : [],
    );
  }

  const b = valid('build');
  const bGo = b && build(b.go);
  const bRust = b && build(b.rust);
  if (b && bGo && bRust) {
    evidence.build = { go: bGo, rust: bRust, cross: (b.detail.cross ?? []) as MeasuredCrossCell[] };
  }

  const boundary = valid('boundary');
  if (boundary) {
    const figures = boundaryFigures((boundary.detail.figures ?? {}) as Figures);
    const present = Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined));
    if (Object.keys(present).length > 0) evidence.boundary = present;
  }
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
  const db = openStore(options.dbPath);
  try {
    return labEvidenceFromRun(requireRun(db, ref), options);
  } finally {
    db.close();
  }
}
