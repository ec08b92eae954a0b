/** @module The measured evidence a lab run hands to `decide()`: the contract between `src/lab` (which produces it from a stored run) and the engine (which turns it into ratings and boundary costs). */

import type { CriterionId } from '../profile/vocabulary.ts';

/** Latency and resource figures of one language at its headline rate step. */
export type MeasuredLatency = {
  p50_ms: number;
  p99_ms: number;
  p999_ms: number;
  max_ms: number;
  achieved_rps: number;
  /** The highest offered rate whose valid step met the profile's (or the lab's default) p99 SLO; null when none did. */
  max_rps_within_slo?: number | null | undefined;
  rss_peak_mib?: number | undefined;
  cpu_s_per_1k?: number | undefined;
  /** Go only: total stop-the-world GC pause time seen during the step and the worst single pause. */
  gc_pause_total_ms?: number | undefined;
  gc_pause_max_ms?: number | undefined;
};

export type MeasuredBuild = {
  /** Absent when the run did not time clean builds (quick runs) or its figure was left out. */
  clean_s?: number | undefined;
  incremental_s: number;
  noop_s?: number | undefined;
  check_s?: number | undefined;
  binary_mib: number;
  stripped_mib?: number | undefined;
};

export type MeasuredCrossCell = {
  target: string;
  go: { ok: boolean; seconds?: number | undefined; reason?: string | undefined };
  rust: { ok: boolean; seconds?: number | undefined; reason?: string | undefined };
};

/** Everything a lab run measured that the engine can use; every part is optional because a run may cover some workloads only. */
export type LabEvidence = {
  run_id: string;
  /** One line naming the machine and toolchains, shown next to measured figures. */
  environment: string;
  /** The p99 SLO (ms) the lab judged latency against. */
  slo_p99_ms?: number | undefined;
  http_json?: { go: MeasuredLatency; rust: MeasuredLatency } | undefined;
  /** Set when `http_json` holds a team's own pair (`lab run --workload FILE`): its name and the file's SHA-256. */
  service?: { name: string; sha256: string } | undefined;
  /** Keyed by Go's GC setting ("gogc-100", "gogc-400", "gogc-off-memlimit") plus "rust". */
  gc_cache?: Record<string, MeasuredLatency> | undefined;
  cpu?: { kernel: string; go_s: number; rust_s: number }[] | undefined;
  build?: { go: MeasuredBuild; rust: MeasuredBuild; cross: MeasuredCrossCell[] } | undefined;
  boundary?:
    | {
        ffi_empty_ns?: number | undefined;
        ffi_1k_ns?: number | undefined;
        grpc_p50_us?: number | undefined;
        grpc_p99_us?: number | undefined;
        http_p50_us?: number | undefined;
        http_p99_us?: number | undefined;
      }
    | undefined;
  /**
   * Figures the run measured but the engine must not use, with why (the anchor check flagged them as a probable
   * harness problem, or the workload had no valid step): the knowledge base's prior stays in their place.
   */
  excluded?: { figure: string; reason: string }[] | undefined;
  /**
   * Go/Rust comparisons the run measured that are not significant (or come from a quick run, which cannot be), with
   * the criteria they would have fed: the engine keeps the prior for them and shows each beside it (never combined).
   */
  not_significant?: { criteria: CriterionId[]; text: string }[] | undefined;
};
