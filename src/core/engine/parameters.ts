/** @module The engine's numeric parameters (gate thresholds, the GC latency model, robustness settings), read from `kb/parameters.yaml`. */
import { InternalError } from '../errors.ts';
import type { KnowledgeBase } from '../kb/schema.ts';

/** Every parameter the engine reads; `kb/parameters.yaml` must define each, with its unit, why and evidence. */
export const PARAMETER_NAMES = [
  'gc_stw_pause_ms',
  'gc_tail_ms_per_live_gib',
  'go_runtime_floor_mib',
  'go_heap_overhead_factor',
  'go_wasm_min_module_mib',
  'boundary_budget_share',
  'chatty_calls_per_request',
  'lab_points_per_doubling',
  'lab_max_gap',
  'mc_weight_spread',
  'close_call_threshold',
  'similar_min',
  'similar_max_count',
  'latency_critical_p99_ms',
  'large_live_heap_gib',
  'team_small_max',
  'team_large_min',
  'rating_sd_high',
  'rating_sd_medium',
  'rating_sd_low',
  'rating_sd_measured_factor',
  'rating_spread_scale',
  'gc_tail_model_sd',
  'memory_floor_model_sd',
] as const;
export type ParameterName = (typeof PARAMETER_NAMES)[number];
export type Parameters = Record<ParameterName, number>;

/**
 * Read the engine's parameters from the knowledge base.
 * @example
 * readParameters(kb).close_call_threshold; // 0.7
 */
export function readParameters(kb: KnowledgeBase): Parameters {
  const missing = PARAMETER_NAMES.filter((name) => kb.parameters[name] === undefined);
  if (missing.length > 0) {
    throw new InternalError(`kb/parameters.yaml lacks engine parameters: ${missing.join(', ')}`);
  }
  return Object.fromEntries(
    PARAMETER_NAMES.map((name) => [name, kb.parameters[name]?.value ?? 0]),
  ) as Parameters;
}
