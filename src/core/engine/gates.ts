/** @module Hard gates, checked before any averaging: constraints a language cannot meet are not traded off against its other strengths. Each gate has a rule id and a reason with its figures. */
import type { Gate } from '../decision/schema.ts';
import type { Profile } from '../profile/schema.ts';
import type { UnitFacts } from './conditions.ts';
import { formatAmount, formatMib, roundTo } from './numbers.ts';
import type { Parameters } from './parameters.ts';

/** The gates' rule ids, as they appear in decisions. */
export const GATE_IDS = {
  hardRealtime: 'gate-hard-realtime',
  wasmOnly: 'gate-wasm-only-target',
  gcTail: 'gate-gc-tail-latency',
  memoryBudget: 'gate-memory-budget',
} as const;

/**
 * The expected worst-case GC-induced delay of a Go request for a live heap: one stop-the-world pause plus a
 * mark-phase tail that grows with the pointer-rich live heap (the model in kb/parameters.yaml).
 * @example
 * expectedGoGcTailMs(8, params); // 0.5 + 8 x per-GiB cost
 */
export function expectedGoGcTailMs(liveHeapGib: number | undefined, params: Parameters): number {
  return params.gc_stw_pause_ms + (liveHeapGib ?? 0) * params.gc_tail_ms_per_live_gib;
}

/** The standard normal CDF (Abramowitz-Stegun 7.1.26 via erf; error below 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * A gate that rests on an uncertain model (the GC tail, the Go memory need): it holds in an SMAA draw when
 * `lnMargin < sd x z`, z being that draw's standard-normal deviate of the model (`model`), so near its edge it
 * holds in only part of the draws. `lnMargin` is ln(stated limit / modelled Go figure): below 0, it fires nominally.
 */
export type SoftGate = {
  model: 'gc' | 'memory';
  lnMargin: number;
  sd: number;
  /** The gate as reported when it fires. */
  gate: Gate;
};

/**
 * The probability a soft gate holds over its model's uncertainty.
 * @example
 * softGateProbability({ lnMargin: 0, sd: 0.7, ... }); // 0.5
 */
export function softGateProbability(soft: SoftGate): number {
  return soft.sd <= 0 ? (soft.lnMargin < 0 ? 1 : 0) : normalCdf(-soft.lnMargin / soft.sd);
}

/**
 * Gates that concern the whole project (targets, hard real-time): when one fires, every component follows it.
 * @example
 * projectGates(profile, params); // [{ id: 'gate-wasm-only-target', favors: 'rust', reason: '...' }]
 */
export function projectGates(profile: Profile, params: Parameters): Gate[] {
  const gates: Gate[] = [];
  if (profile.workload.hard_realtime && (profile.components ?? []).every((c) => c.latency_critical)) {
    gates.push({
      id: GATE_IDS.hardRealtime,
      favors: 'rust',
      reason:
        'Hard real-time: a missed deadline is a failure, and a garbage-collected runtime cannot bound its pauses ' +
        "(Go's stop-the-world pauses are typically under 0.1 ms, with " +
        `~${params.gc_stw_pause_ms} ms as the Go team's upper figure, but the runtime promises no bound, and mark ` +
        'assists come on top); Rust has no GC.',
    });
  }
  // A bare-metal target is weighed (the bare-metal-target rule in kb/weights.yaml), not gated: Go runs on bare
  // metal through TinyGo and TamaGo, so it is not ruled out (caveat bare-metal-go).
  const wasm = profile.targets.filter((t) => t === 'wasm-browser' || t === 'wasm-edge');
  if (wasm.length > 0 && wasm.length === profile.targets.length) {
    gates.push({
      id: GATE_IDS.wasmOnly,
      favors: 'rust',
      reason:
        `The deliverable is a WebAssembly module (${wasm.join(', ')}): standard Go's smallest module is about ` +
        `${params.go_wasm_min_module_mib} MB because it ships its runtime and GC; TinyGo is smaller but drops parts ` +
        'of the language and library, while Rust builds small modules without a runtime.',
    });
  }
  return gates;
}

/**
 * Gates that concern one decision unit (the project, or one component): hard real-time for a component (hard), and
 * the soft checks: the tail-latency SLO against the expected Go GC behaviour for its live heap, and the memory
 * budget against what a Go runtime needs. Soft checks are returned whether or not they fire nominally.
 * @example
 * unitGates(componentFacts(profile, proxy), params); // { hard: [], soft: [{ model: 'gc', lnMargin: -0.2, ... }] }
 */
export function unitGates(facts: UnitFacts, params: Parameters): { hard: Gate[]; soft: SoftGate[] } {
  const hard: Gate[] = [];
  const soft: SoftGate[] = [];
  const where = facts.component === undefined ? '' : ` for component "${facts.component}"`;
  const componentField = facts.component === undefined ? {} : { component: facts.component };
  if (facts.component !== undefined && facts.hardRealtime) {
    hard.push({
      id: GATE_IDS.hardRealtime,
      favors: 'rust',
      reason:
        `Hard real-time${where}: a missed deadline is a failure, and a garbage-collected runtime cannot bound ` +
        'its pauses; Rust has no GC.',
      component: facts.component,
    });
  }
  const slo = facts.slo;
  if (slo !== undefined) {
    const tail = expectedGoGcTailMs(facts.liveHeapGib, params);
    // The pause is sourced (the upper end of the Go team's figures); the marking share is the model's assumption,
    // and the reason says which is which (kb/parameters.yaml).
    const heap =
      facts.liveHeapGib === undefined
        ? 'even with a small heap'
        : `with a ${formatAmount(facts.liveHeapGib, 3)} GiB live heap`;
    const marking =
      facts.liveHeapGib === undefined
        ? ''
        : `, and an assumed ${params.gc_tail_ms_per_live_gib} ms of marking per GiB of live heap`;
    soft.push({
      model: 'gc',
      lnMargin: Math.log(slo.p99_ms / tail),
      sd: params.gc_tail_model_sd,
      gate: {
        id: GATE_IDS.gcTail,
        favors: 'rust',
        reason:
          `The p99 SLO of ${formatAmount(slo.p99_ms, 3)} ms${where} is below the GC delay the model allows a Go request at p99 ${heap}: ` +
          `about ${roundTo(tail, 2)} ms (a stop-the-world pause at the Go team's upper figure of ~${params.gc_stw_pause_ms} ms, where typical pauses are under 0.1 ms${marking}), a cautious bound. ` +
          'Measure it with `gorust lab` before relying on Go.',
        ...componentField,
      },
    });
  }
  const budget = facts.memoryBudgetMib;
  if (budget !== undefined) {
    const liveMib = (facts.liveHeapGib ?? 0) * 1024;
    const need = params.go_runtime_floor_mib + params.go_heap_overhead_factor * liveMib;
    const heapPart =
      liveMib > 0
        ? ` plus ${params.go_heap_overhead_factor}x the ${formatAmount(roundTo(liveMib, 0))} MiB live heap at GOGC=100`
        : ', with no live heap stated';
    soft.push({
      model: 'memory',
      lnMargin: Math.log(budget / need),
      sd: params.memory_floor_model_sd,
      gate: {
        id: GATE_IDS.memoryBudget,
        favors: 'rust',
        reason:
          `The memory budget of ${formatMib(budget)}${where} is below what a standard Go process needs: about ` +
          `${formatAmount(roundTo(need, 0))} MiB (the Go runtime's floor of ~${params.go_runtime_floor_mib} MiB${heapPart}). ` +
          (liveMib > budget
            ? `The live heap alone (${formatAmount(roundTo(liveMib, 0))} MiB) is above the budget too, so no program in either language fits it: check both figures.`
            : budget < params.go_runtime_floor_mib
              ? 'TinyGo, a subset of Go with a smaller runtime and GC, is made for devices this small, but this gate is about standard Go.'
              : 'GOMEMLIMIT can hold Go closer to the limit, at the price of GC thrashing near it.'),
        ...componentField,
      },
    });
  }
  return { hard, soft };
}
