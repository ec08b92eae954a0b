/**
 * @module The hybrid planner's boundaries: for every call between a Go and a Rust component, choose in-process
 * FFI (cgo), gRPC or a service boundary from calls per request x per-call cost against the caller's latency
 * budget. Off the p99 path (no SLO, or under 1 call in 100 requests) a service boundary; on it, gRPC while its
 * p99 cost fits the budget share, else FFI. FFI is offered only for Go calling Rust: Rust calling Go goes through
 * cgo's callback path, which has no sourced per-call cost. Chatty means many calls per request, nothing else.
 */
import type { LabEvidence } from '../decision/lab-evidence.ts';
import type { BoundaryRow } from '../decision/schema.ts';
import type { KnowledgeBase } from '../kb/schema.ts';
import type { LatencySlo, Profile } from '../profile/schema.ts';
import { type Language, MECHANISM_NAMES, type Mechanism } from '../profile/vocabulary.ts';
import { componentFacts, entryComponents, type UnitFacts } from './conditions.ts';
import { formatAmount, formatRate, roundTo } from './numbers.ts';
import type { Parameters } from './parameters.ts';

/** The cost of one call across a boundary, in microseconds. */
export type BoundaryCostView = {
  mechanism: Mechanism;
  perCallUs: number;
  /** The tail cost (p99) when known; the planner judges the p99 budget with it. */
  p99Us: number;
  what: string;
  measured: boolean;
};

/** A p99 budget is about the slowest 1% of requests: once 1% of requests make a call, the p99 request makes one. */
const P99_FRACTION = 0.01;

/**
 * Per-call costs of each mechanism: the knowledge base's priors, replaced by a lab run's measurements
 * (cgo call, loopback gRPC, loopback HTTP for a service hop) where present.
 * @example
 * boundaryCosts(kb, lab).grpc.perCallUs; // 102
 */
export function boundaryCosts(kb: KnowledgeBase, lab?: LabEvidence): Record<Mechanism, BoundaryCostView> {
  const prior = (mechanism: Mechanism): BoundaryCostView => {
    const entry = kb.boundaries.find((b) => b.mechanism === mechanism);
    const perCallUs = entry?.per_call_us ?? Number.NaN;
    return {
      mechanism,
      perCallUs,
      p99Us: entry?.p99_us ?? perCallUs,
      what: entry?.what ?? mechanism,
      measured: false,
    };
  };
  const costs = { ffi: prior('ffi'), grpc: prior('grpc'), service: prior('service') };
  const b = lab?.boundary;
  if (b?.ffi_empty_ns !== undefined) {
    const us = b.ffi_empty_ns / 1000;
    costs.ffi = { ...costs.ffi, perCallUs: us, p99Us: us, measured: true };
  }
  if (b?.grpc_p50_us !== undefined) costs.grpc = measuredRpc(costs.grpc, b.grpc_p50_us, b.grpc_p99_us);
  if (b?.http_p50_us !== undefined) costs.service = measuredRpc(costs.service, b.http_p50_us, b.http_p99_us);
  return costs;
}

/**
 * A loopback RPC boundary (gRPC, or HTTP for a service hop) as the lab measured it. A p99 the lab did not
 * measure (or left out as a probable harness problem) keeps the prior, never below the median.
 */
function measuredRpc(prior: BoundaryCostView, p50Us: number, p99Us: number | undefined): BoundaryCostView {
  return { ...prior, perCallUs: p50Us, p99Us: p99Us ?? Math.max(p50Us, prior.p99Us), measured: true };
}

/** "1 call per request", "0.5 calls per request", "400 calls per request". */
function callsPerRequest(n: number): string {
  return `${formatRate(n)} ${n === 1 ? 'call' : 'calls'} per request`;
}

function us(n: number): string {
  return n < 1
    ? `${formatAmount(roundTo(n * 1000, 0))} ns`
    : `${formatAmount(roundTo(n, n < 10 ? 1 : 0))} µs`;
}

/**
 * Plan every cross-language call of the profile, in profile order (caller, then its calls).
 * @example
 * planBoundaries(profile, facts, languages, costs, params); // [{ from: 'proxy', to: 'control', mechanism: 'grpc', ... }]
 */
export function planBoundaries(
  profile: Profile,
  facts: ReadonlyMap<string, UnitFacts>,
  languages: ReadonlyMap<string, Language>,
  costs: Record<Mechanism, BoundaryCostView>,
  params: Parameters,
): BoundaryRow[] {
  const rows: BoundaryRow[] = [];
  const roles = new Map((profile.components ?? []).map((c) => [c.name, c.role]));
  const callers = callersOf(profile);
  for (const component of profile.components ?? []) {
    for (const [callee, perRequest] of callsByCallee(component.calls ?? [])) {
      const from = languages.get(component.name);
      const to = languages.get(callee);
      if (from === undefined || to === undefined || from === to) continue;
      // Calls stated at 0 per request are never made: there is no boundary to build (a caveat says so).
      if (perRequest <= 0) continue;
      rows.push(
        planOne(
          component.name,
          from,
          callee,
          perRequest,
          budgetOf(component.name, callee, facts, profile.workload.latency_slo, callers),
          costs,
          params,
          roles.get(callee) === 'library',
        ),
      );
    }
  }
  return rows;
}

/**
 * A component's calls per callee, in the order first listed: two entries for one callee are one boundary whose
 * calls add up (3 + 5 calls per request cost what 8 do), never two boundaries each judged on part of the load.
 * @example
 * callsByCallee([{ to: 'b', per_request: 3 }, { to: 'b', per_request: 5 }]); // Map { 'b' => 8 }
 */
export function callsByCallee(calls: readonly { to: string; per_request: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const call of calls) out.set(call.to, (out.get(call.to) ?? 0) + call.per_request);
  return out;
}

/**
 * Why FFI is not offered when Rust calls Go. The knowledge base's FFI cost is a Go-to-C call (Go calling a Rust
 * static library); the other direction enters Go through an exported function and cgo's callback path, which
 * costs far more and has no reliable published per-call figure (bench-anchors.md §5.1), so it is not priced.
 */
const RUST_TO_GO_FFI =
  "in-process FFI in this direction (Rust calling Go) would enter Go through cgo's callback path, which costs " +
  'far more than a Go-to-Rust call and has no reliable published per-call figure, so it is not offered';

/**
 * What a request's calls across a boundary cost at p99: a p99 budget is about the slowest 1% of requests, and once 1%
 * of requests make a call, the p99 request makes at least one.
 */
function p99Cost(perRequest: number, cost: BoundaryCostView): number {
  return Math.max(perRequest, 1) * cost.p99Us;
}

/**
 * The p99 budget a boundary's calls spend from, and whose it is ("of \"api\""); `multiplier` is how many times one
 * request of that budget's owner reaches the caller (1 for the caller's own budget), so a chain's calls multiply.
 */
type Budget = { p99Ms: number; whose: string; multiplier: number } | undefined;

/** Roles that serve a request while it waits, so their calls count on its p99 path. */
const REQUEST_PATH_ROLES: ReadonlySet<string> = new Set([
  'api',
  'hot-path',
  'data-plane',
  'library',
  'storage-engine',
]);

/** Roles of background work: their calls are queued jobs or reconciliation, on no waiting request's p99 path. */
const BACKGROUND_ROLES: ReadonlySet<string> = new Set(['worker', 'control-plane', 'orchestration']);

/** A component that does only background work (and is not latency-critical): a worker, a control plane. */
function inBackground(unit: UnitFacts | undefined): boolean {
  return (
    unit !== undefined &&
    !unit.latencyCritical &&
    unit.roles.length > 0 &&
    unit.roles.every((r) => BACKGROUND_ROLES.has(r))
  );
}

/**
 * Whether the boundary plan spends the project's end-to-end SLO: a component without an SLO of its own that serves
 * requests calls a latency-critical one (budgetOf). Such an SLO moves the plan even where the components' gates and
 * weights set it aside, so `gorust check` and the ADR must not say it moved nothing.
 * @example
 * projectSloSpentByPlan(profile); // true when gateway (no SLO) calls the latency-critical matcher
 */
export function projectSloSpentByPlan(profile: Profile): boolean {
  const components = profile.components ?? [];
  const slo = profile.workload.latency_slo;
  if (slo === undefined || components.length === 0) return false;
  const entries = entryComponents(profile);
  const facts = new Map(components.map((c) => [c.name, componentFacts(profile, c, entries)] as const));
  return [...callersOf(profile)].some(([callee, callers]) =>
    callers.some(([caller]) => spendsProjectSlo(caller, callee, facts, slo)),
  );
}

/**
 * Whether calls from `from` to `to` spend the project's end-to-end SLO: the caller states none, the callee is
 * latency-critical, and the caller serves requests (a worker's calls are queued work no waiting request pays for).
 */
function spendsProjectSlo(
  from: string,
  to: string,
  facts: ReadonlyMap<string, UnitFacts>,
  projectSlo: LatencySlo | undefined,
): projectSlo is LatencySlo {
  const caller = facts.get(from);
  return (
    projectSlo !== undefined &&
    caller?.slo === undefined &&
    facts.get(to)?.latencyCritical === true &&
    !inBackground(caller)
  );
}

/** Who calls each component, and how many times per request of theirs. */
type Callers = ReadonlyMap<string, readonly [string, number][]>;

function callersOf(profile: Profile): Callers {
  const callers = new Map<string, [string, number][]>();
  for (const c of profile.components ?? [])
    for (const [callee, rate] of callsByCallee(c.calls ?? []))
      if (callee !== c.name && rate > 0)
        callers.set(callee, [...(callers.get(callee) ?? []), [c.name, rate]]);
  return callers;
}

/**
 * The caller's p99 SLO; or, when the caller states none and the callee is latency-critical, the project's SLO: it
 * times the user's request end to end and goes to the latency-critical components, so an entry API calling a
 * latency-critical hot path would otherwise look unlimited; not when the caller does only background work (a worker,
 * a control plane), whose calls no waiting request pays for. A callee's own SLO times the callee alone, so it binds no
 * caller (a control plane's calls into a store are on no request's p99 path); until 2026-12-07 a latency-critical
 * callee that stated its own SLO, even the project's figure, left its callers with no budget at all.
 */
function budgetOf(
  from: string,
  to: string,
  facts: ReadonlyMap<string, UnitFacts>,
  projectSlo: LatencySlo | undefined,
  callers: Callers,
): Budget {
  const caller = facts.get(from)?.slo?.p99_ms;
  if (caller !== undefined) return { p99Ms: caller, whose: `of "${from}"`, multiplier: 1 };
  // Not a worker's calls: they are queued work, and the user's request is not waiting on them (until 2026-12-08 a
  // worker's calls into an API with its own SLO spent the project's end-to-end SLO).
  if (spendsProjectSlo(from, to, facts, projectSlo))
    return {
      p99Ms: projectSlo.p99_ms,
      whose: `of the project end to end, served by the latency-critical "${to}" these calls reach`,
      multiplier: 1,
    };
  return upstreamBudget(from, facts, callers);
}

/**
 * A caller without an SLO of its own that serves requests (an API, a hot path, a data plane, a library, a storage
 * engine, or latency-critical) and is itself called by a component with an SLO is on that component's p99 path:
 * its calls spend from that SLO, multiplied by how often one such request reaches it (gateway -> ranker 1 per
 * request -> features 50 per request is 50 calls per gateway request). Of the owners found (each component visited
 * once, depth first, so a large call graph stays linear), the one the calls cost the largest share of. Until
 * 2026-12-07 the second boundary of a chain had no budget at all.
 */
function upstreamBudget(from: string, facts: ReadonlyMap<string, UnitFacts>, callers: Callers): Budget {
  // Only through components that serve the request as it waits: a worker's or a control plane's calls are queued or
  // background work, off the p99 path of whoever hands it the job (an upload API's transcoder calling billing).
  const inPath = (name: string) => {
    const unit = facts.get(name);
    return unit !== undefined && (unit.latencyCritical || unit.roles.some((r) => REQUEST_PATH_ROLES.has(r)));
  };
  if (!inPath(from)) return undefined;
  let best: Budget;
  const seen = new Set<string>([from]);
  const walk = (name: string, multiplier: number, depth: number): void => {
    if (depth > 8) return;
    for (const [caller, rate] of callers.get(name) ?? []) {
      if (seen.has(caller)) continue;
      seen.add(caller);
      const reach = multiplier * rate;
      const slo = facts.get(caller)?.slo?.p99_ms;
      if (slo !== undefined) {
        if (best === undefined || reach / slo > best.multiplier / best.p99Ms)
          best = {
            p99Ms: slo,
            whose: `of "${caller}", whose every request reaches "${from}" ${formatRate(reach)} ${reach === 1 ? 'time' : 'times'}`,
            multiplier: reach,
          };
      } else if (inPath(caller)) walk(caller, reach, depth + 1);
    }
  };
  walk(from, 1, 0);
  return best;
}

function planOne(
  from: string,
  callerLanguage: Language,
  to: string,
  perRequest: number,
  sloBudget: Budget,
  costs: Record<Mechanism, BoundaryCostView>,
  params: Parameters,
  /** The callee is a library (its role): linked into its caller, not deployed. */
  linked = false,
): BoundaryRow {
  // Chatty is about the call count alone; a budget overrun is a separate matter, explained in `why`.
  const chatty = perRequest >= params.chatty_calls_per_request;
  const ffiPriced = callerLanguage === 'go';
  const budgetMs = sloBudget?.p99Ms;
  // Calls per request of the budget's owner: the caller's own, or a chain's product (see upstreamBudget).
  const effective = perRequest * (sloBudget?.multiplier ?? 1);
  const onP99Path = budgetMs !== undefined && effective >= P99_FRACTION;
  const allowedUs = params.boundary_budget_share * (budgetMs ?? 0) * 1000;
  // The budget said plainly: an amount of time, and where it comes from (never "within 10% of the SLO").
  const budgetText =
    `the ${us(allowedUs)} a language boundary may take (${roundTo(params.boundary_budget_share * 100, 0)}% ` +
    `of the ${formatAmount(budgetMs ?? 0, 3)} ms p99 SLO ${sloBudget?.whose ?? ''})`;
  let mechanism: Mechanism;
  let why: string;
  let budget: 'over' | 'within' | 'none' = 'none';
  if (linked && ffiPriced) {
    // A library is linked into its caller, not deployed: a Go caller reaches a Rust library through cgo whatever the
    // call rate (until 2026-12-07 a Rust crypto library called 3 times a request was put behind gRPC).
    mechanism = 'ffi';
    const cost = p99Cost(effective, costs.ffi);
    budget = onP99Path ? (cost <= allowedUs ? 'within' : 'over') : 'none';
    why =
      `"${to}" is a library, linked into its caller rather than deployed, so a Go caller reaches it in process ` +
      `through cgo: ${callsPerRequest(effective)} x ${us(costs.ffi.p99Us)} = ${us(cost)} at p99` +
      (onP99Path ? `, ${budget === 'within' ? 'within' : 'more than'} ${budgetText}.` : '.');
  } else if (!onP99Path) {
    const reason =
      budgetMs === undefined
        ? `"${from}" has no latency SLO, so the boundary's cost does not limit it`
        : `${callsPerRequest(perRequest)}: fewer than 1 request in 100 makes one, so the p99 request does not`;
    const serviceTotal =
      `${callsPerRequest(perRequest)} x ~${us(costs.service.perCallUs)} per service call would spend ` +
      `${us(perRequest * costs.service.perCallUs)} of CPU and time per request`;
    if (chatty && ffiPriced) {
      mechanism = 'ffi';
      why = `${reason}, but ${serviceTotal}; in-process calls cost ${us(perRequest * costs.ffi.perCallUs)}.`;
    } else if (chatty) {
      mechanism = 'grpc';
      // The service and gRPC priors are both loopback RPC benchmarks: compare no figure between them (see onP99Path).
      why =
        `${reason}, but ${callsPerRequest(perRequest)} x ~${us(costs.grpc.perCallUs)} per gRPC call spend ` +
        `${us(perRequest * costs.grpc.perCallUs)} of CPU and time per request even on loopback: keep the two ` +
        `sides co-located, since a network hop to a separate service would add its round trip to every call; ` +
        `${RUST_TO_GO_FFI}.`;
    } else {
      mechanism = 'service';
      why =
        `${reason}: a service boundary keeps the two languages in separately deployed services ` +
        `(${callsPerRequest(perRequest)} at ~${us(costs.service.perCallUs)} each, a loopback floor).`;
    }
  } else {
    const callsAtP99 = Math.max(effective, 1);
    const tailCost = (m: Mechanism): number => p99Cost(effective, costs[m]);
    const through =
      effective === perRequest
        ? ''
        : ` of "${from}", ${formatRate(effective)} per request of the SLO's owner`;
    const callsText =
      effective < 1
        ? `${callsPerRequest(perRequest)}${through}, so the p99 request makes at least one`
        : `${callsPerRequest(perRequest)}${through}`;
    // On the p99 path the planner keeps to a co-located RPC: a network hop to a separate service adds its round
    // trip on top of the loopback cost, which the p99 request would pay. The service prior is itself a loopback
    // gRPC benchmark (kb/boundaries.yaml), so its figure is quoted only when a lab run measured HTTP/JSON.
    if (tailCost('grpc') <= allowedUs) {
      mechanism = 'grpc';
      budget = 'within';
      const service = costs.service.measured
        ? ` (HTTP/JSON measured ${us(costs.service.p99Us)} p99 on loopback alone)`
        : '';
      why =
        `${callsText}: ${formatAmount(callsAtP99)} x ${us(costs.grpc.p99Us)} (gRPC p99) = ${us(tailCost('grpc'))}, within ` +
        `${budgetText}. The call is on the p99 path, so keep it on a co-located gRPC call: a network hop to a ` +
        `separate service would add its round trip on top${service}.`;
    } else if (ffiPriced) {
      mechanism = 'ffi';
      const fits = tailCost('ffi') <= allowedUs;
      budget = fits ? 'within' : 'over';
      why =
        `Over budget on gRPC: ${callsText}, and gRPC would cost ${us(tailCost('grpc'))} at p99, more than ` +
        `${budgetText}; in-process calls cost ${us(tailCost('ffi'))}` +
        (fits ? '.' : ', still too much: batch the calls or keep both sides in one language.');
    } else {
      mechanism = 'grpc';
      budget = 'over';
      why =
        `Over budget: ${callsText}, and gRPC would cost ${us(tailCost('grpc'))} at p99, more than ` +
        `${budgetText}; ${RUST_TO_GO_FFI}. Batch the calls into fewer, larger ones or keep both sides in one ` +
        'language.';
    }
  }
  if (chatty) {
    why += ` Chatty: ${callsPerRequest(perRequest)} reaches the ${formatAmount(params.chatty_calls_per_request)}-call threshold; batch them where you can.`;
  }
  if (linked && !ffiPriced) {
    why += ` "${to}" is a Go library: called from Rust it must be built as a C archive (the Go runtime inside the Rust process, entered through cgo's callback path) or wrapped in a server of its own, which is what this plan prices.`;
  }
  const row: BoundaryRow = {
    from,
    to,
    mechanism,
    per_call_us: roundTo(costs[mechanism].perCallUs, 3),
    why,
    calls_per_request: perRequest,
    chatty,
    budget,
  };
  if (costs[mechanism].measured) row.measured = true;
  return row;
}

/**
 * A caveat for each cgo boundary into a component that states a memory budget of its own: linked in process, the
 * component no longer has a process to hold to that budget, and the caller's Go runtime shares its memory, which
 * undoes a fact that chose its language (until 2026-12-07 the plan said nothing).
 * @example
 * linkedBudgetCaveats(rows, profile); // ['The plan links "parser" into the process of "collector" through cgo, ...']
 */
export function linkedBudgetCaveats(rows: readonly BoundaryRow[], profile: Profile): string[] {
  const budgets = new Map((profile.components ?? []).map((c) => [c.name, c.memory_budget_mib]));
  return rows.flatMap((row) => {
    const budget = budgets.get(row.to);
    if (row.mechanism !== 'ffi' || budget === undefined) return [];
    return [
      `The plan links "${row.to}" into the process of "${row.from}" through cgo, but "${row.to}" states a memory budget of its own (${formatAmount(budget)} MiB): in process it shares memory with the caller's Go runtime and heap, so that budget no longer holds for it alone. If the budget is why "${row.to}" is in Rust, keep it a process of its own (gRPC) and check the calls' cost against the latency budget.`,
    ];
  });
}

/**
 * A caveat for each boundary over its p99 budget: what its calls cost at p99 against the SLO they spend from, and
 * whether they alone take more than that whole SLO (the split as drawn cannot meet it) or only more than a
 * boundary's share. The verdict's probability is about each component's language; this is about the plan joining
 * them, so it is said apart, before the general caveats.
 * @example
 * overBudgetCaveats(rows, facts, costs, params, profile); // ['The plan\'s "proxy" -> "policy" calls are over their latency budget: ...']
 */
export function overBudgetCaveats(
  rows: readonly BoundaryRow[],
  facts: ReadonlyMap<string, UnitFacts>,
  costs: Record<Mechanism, BoundaryCostView>,
  params: Parameters,
  /** Its SLO and its calls: a chain's calls multiply (gateway -> ranker -> features). */
  profile: Profile,
): string[] {
  const callers = callersOf(profile);
  return rows.flatMap((row) => {
    const budget = budgetOf(row.from, row.to, facts, profile.workload.latency_slo, callers);
    if (row.budget !== 'over' || budget === undefined) return [];
    const calls = (row.calls_per_request ?? 1) * budget.multiplier;
    const tail = p99Cost(calls, costs[row.mechanism]);
    const sloUs = budget.p99Ms * 1000;
    const against =
      tail > sloUs
        ? `more than the whole ${formatAmount(budget.p99Ms, 3)} ms p99 SLO ${budget.whose}: as drawn, this split cannot meet that SLO`
        : `more than the ${us(params.boundary_budget_share * sloUs)} (${roundTo(params.boundary_budget_share * 100, 0)}%) a language boundary may take of the ${formatAmount(budget.p99Ms, 3)} ms p99 SLO ${budget.whose}`;
    return [
      `The plan's "${row.from}" -> "${row.to}" calls are over their latency budget: ${callsPerRequest(calls)} at ${us(costs[row.mechanism].p99Us)} each at p99 over ${MECHANISM_NAMES[row.mechanism]} come to ${us(tail)}, ${against}. Batch the calls into fewer, larger ones, or build "${row.to}" in the language of "${row.from}".`,
    ];
  });
}

/**
 * What a cgo boundary costs beyond the call itself: the C toolchain, the builds and cross-compilation.
 * @example
 * cgoCaveat(profile); // "cgo (FFI between Go and Rust): ..."
 */
export function cgoCaveat(profile: Profile): string {
  const platforms = profile.platforms ?? [];
  const cross =
    platforms.length > 1
      ? ` You ship ${platforms.length} platforms (${platforms.join(', ')}): each needs its own C cross toolchain and Rust target.`
      : '';
  return (
    'cgo (FFI between Go and Rust): builds need CGO_ENABLED=1 and a C toolchain; cgo is disabled by default when ' +
    'cross-compiling, so every target needs a C cross-compiler (`CC_FOR_<goos>_<goarch>`); the Rust side is built ' +
    'as a static library by cargo first, Go build caching no longer covers it, and calls from Rust back into Go ' +
    `cost far more than Go-to-Rust calls.${cross}`
  );
}
