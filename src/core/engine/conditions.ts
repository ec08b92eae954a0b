/** @module The Condition DSL of the knowledge base, evaluated against the facts of a decision unit: the whole project, or one component seen inside its project; and the numeric facts continuous weight rules scale with. */
import type { Condition, ScaleFact } from '../kb/schema.ts';
import type { Component, ExistingCode, LatencySlo, Profile } from '../profile/schema.ts';
import type { Domain, Interop, Level, Role, Target, Turnover, WorkloadKind } from '../profile/vocabulary.ts';

/** The GC latency model's figures a unit's SLO pressure is computed with (kb/parameters.yaml). */
export type PressureModel = {
  /** One stop-the-world pause, ms. */
  stwMs: number;
  /** Extra tail per GiB of live heap, ms. */
  perGibMs: number;
  /** The p99 budget assumed for a latency-critical unit that states no SLO, ms. */
  impliedP99Ms: number;
};

/**
 * Everything a condition may test, flattened from a profile for one decision unit. A component inherits the
 * project's team, delivery and safety; the project's SLO and peak load only when it is the entry component; the
 * project's targets and domain only where they suit its role; never the project's memory cap or interop. Its own
 * existing code, when stated, replaces the project's.
 */
export type UnitFacts = {
  /** The component's name, or undefined for the whole project. */
  component: string | undefined;
  workload: WorkloadKind;
  domain: readonly Domain[];
  targets: readonly Target[];
  interop: readonly Interop[];
  /**
   * Interop the profile implies rather than states: a project that extends existing Go or Rust code in place links
   * with it (`existing_code.plan: extend`), the same as `interop: [existing-go-code]` says. Already in `interop`.
   */
  impliedInterop: readonly Interop[];
  /** The component's role; for the whole project, every component's role. */
  roles: readonly Role[];
  latencyCritical: boolean;
  teamGo: Level;
  teamRust: Level;
  teamSize: number;
  turnover: Turnover;
  deadlineWeeks: number | undefined;
  lifetimeYears: number | undefined;
  prototypeFirst: boolean;
  safetyCritical: boolean;
  hardRealtime: boolean;
  slo: LatencySlo | undefined;
  liveHeapGib: number | undefined;
  memoryBudgetMib: number | undefined;
  peakRps: number | undefined;
  platformsCount: number;
  hasComponents: boolean;
  existingCode: ExistingCode | undefined;
  /** Where each fact came from in the profile, for explanations (`workload.latency_slo.p99_ms`, `components[0]...`). */
  paths: FactPaths;
};

/** Profile paths of a unit's facts (the component's own field, or the project field it inherited). */
export type FactPaths = {
  slo: string;
  liveHeap: string;
  memoryBudget: string;
  peakRps: string;
  targets: string;
  interop: string;
  domain: string;
  workload: string;
  latencyCritical: string;
  role: string;
  /** The existing code's path: `existing_code`, or the component's own `components[i].existing_code`. */
  existingCode: string;
  /** The team experience's paths: `team.go`, or the component's own `components[i].team.go` (and the same for Rust). */
  teamGo: string;
  teamRust: string;
};

export const PROJECT_PATHS: FactPaths = {
  slo: 'workload.latency_slo.p99_ms',
  liveHeap: 'workload.live_heap_gib',
  memoryBudget: 'workload.memory_budget_mib',
  peakRps: 'workload.peak_rps',
  targets: 'targets',
  interop: 'interop',
  domain: 'domain',
  workload: 'workload.kind',
  latencyCritical: 'workload.latency_slo',
  role: 'components',
  existingCode: 'existing_code',
  teamGo: 'team.go',
  teamRust: 'team.rust',
};

/**
 * The facts of the whole project.
 * @example
 * projectFacts(profile).workload; // 'io-bound'
 */
export function projectFacts(profile: Profile): UnitFacts {
  const components = profile.components ?? [];
  const roles = [...new Set(components.map((c) => c.role))];
  const stated = profile.interop ?? [];
  const implied = extendedCodeInterop(profile.existing_code).filter((i) => !stated.includes(i));
  return {
    component: undefined,
    workload: profile.workload.kind,
    domain: profile.domain ?? [],
    targets: profile.targets,
    interop: implied.length > 0 ? [...stated, ...implied] : stated,
    impliedInterop: implied,
    roles,
    latencyCritical:
      profile.workload.hard_realtime ||
      profile.workload.latency_slo !== undefined ||
      components.some((c) => c.latency_critical),
    teamGo: profile.team.go,
    teamRust: profile.team.rust,
    teamSize: profile.team.size,
    turnover: profile.team.turnover,
    deadlineWeeks: profile.delivery?.deadline_weeks,
    lifetimeYears: profile.delivery?.lifetime_years,
    prototypeFirst: profile.delivery?.prototype_first ?? false,
    safetyCritical: profile.safety_critical,
    hardRealtime: profile.workload.hard_realtime,
    slo: profile.workload.latency_slo,
    liveHeapGib: profile.workload.live_heap_gib,
    memoryBudgetMib: profile.workload.memory_budget_mib,
    peakRps: profile.workload.peak_rps,
    // Distinct platforms: one listed twice ships once (a caveat names the repeat).
    platformsCount: new Set(profile.platforms ?? []).size,
    hasComponents: components.length > 0,
    existingCode: profile.existing_code,
    paths: { ...PROJECT_PATHS, latencyCritical: latencyCriticalPath(profile) },
  };
}

/**
 * Code extended in place is code the new code links with: extending existing Go code means linking with Go code,
 * extending Rust code linking with Rust crates (CONTRACT.md, `interop`); other languages have no interop value.
 * @example
 * extendedCodeInterop({ language: 'rust', plan: 'extend' }); // ['existing-rust-code']
 */
export function extendedCodeInterop(code: ExistingCode | undefined): Interop[] {
  if (code?.plan !== 'extend') return [];
  if (code.language === 'go') return ['existing-go-code'];
  if (code.language === 'rust') return ['existing-rust-code'];
  return [];
}

/**
 * Where the project's latency-criticality without an SLO comes from, for explanations: hard real-time, else the
 * first component marked latency-critical (a project's `workload.latency_slo` is shown as its p99 instead).
 */
function latencyCriticalPath(profile: Profile): string {
  if (profile.workload.latency_slo !== undefined) return PROJECT_PATHS.latencyCritical;
  if (profile.workload.hard_realtime) return 'workload.hard_realtime';
  const index = (profile.components ?? []).findIndex((c) => c.latency_critical);
  return index >= 0 ? `components[${index}].latency_critical` : PROJECT_PATHS.latencyCritical;
}

/** Roles that serve requests: a component in one of these that nobody calls is where requests enter. */
const ENTRY_ROLES: readonly Role[] = ['api', 'data-plane', 'hot-path'];

/**
 * The components that take the project's SLO and peak load. When the profile marks components latency-critical,
 * those (it has said where latency matters); otherwise the request-serving components (api, data plane, hot path)
 * no other component calls; when none qualifies, the single component nobody calls, if there is exactly one.
 * @example
 * entryComponents(profile); // Set { 'proxy' }
 */
export function entryComponents(profile: Profile): Set<string> {
  const components = profile.components ?? [];
  const critical = components.filter((c) => c.latency_critical);
  if (critical.length > 0) return new Set(critical.map((c) => c.name));
  const called = new Set(components.flatMap((c) => (c.calls ?? []).map((call) => call.to)));
  const entries = new Set(
    components.filter((c) => ENTRY_ROLES.includes(c.role) && !called.has(c.name)).map((c) => c.name),
  );
  if (entries.size === 0) {
    const roots = components.filter((c) => !called.has(c.name));
    if (roots.length === 1 && roots[0] !== undefined) entries.add(roots[0].name);
  }
  return entries;
}

/** Roles off the request path: systems and proxy domains describe the data plane, not these. */
const CONTROL_ROLES: readonly Role[] = ['control-plane', 'orchestration', 'api'];
const SYSTEMS_DOMAINS: readonly Domain[] = [
  'database',
  'storage',
  'search',
  'game-engine',
  'audio-video',
  'os-component',
  'browser-engine',
  'ml-inference',
  'embedded',
  'finance-trading',
  'proxy',
  'networking',
];

/** Targets that describe a deliverable shipped to users' machines or a browser rather than a server process. */
const CLIENT_TARGETS: readonly Target[] = ['wasm-browser', 'mobile', 'desktop', 'cli'];
const CLIENT_ROLES: readonly Role[] = ['cli', 'library'];

/**
 * The project's targets that suit a component's role: client targets (browser WASM, mobile, desktop, CLI) go to
 * CLI and library components, server targets to the others; when none suits, all of them.
 */
function targetsForRole(targets: readonly Target[], role: Role): readonly Target[] {
  const client = CLIENT_ROLES.includes(role);
  const suited = targets.filter((t) => CLIENT_TARGETS.includes(t) === client);
  return suited.length > 0 ? suited : targets;
}

/**
 * The facts of one component inside its project. Project facts reach it only where they concern it: the project's
 * SLO and peak load reach the entry components (`entryComponents`); its systems and proxy domains do not reach
 * control planes, orchestration or APIs; its targets go where they suit the role; its memory cap and interop are
 * never inherited (a control plane does not inherit the storage engine's C interop); its own `existing_code`
 * replaces the project's (and, extended in place, implies its interop), and its own `team` levels the project team's. A latency-critical component
 * without an SLO counts as latency-critical all the same (see `scaleFactValue`).
 * @example
 * componentFacts(profile, profile.components[0]).roles; // ['data-plane']
 */
export function componentFacts(profile: Profile, component: Component, entries?: Set<string>): UnitFacts {
  const base = projectFacts(profile);
  const index = (profile.components ?? []).indexOf(component);
  const own = `components[${index}]`;
  const entry = (entries ?? entryComponents(profile)).has(component.name);
  const slo = component.latency_slo ?? (entry ? profile.workload.latency_slo : undefined);
  const peakRps = component.peak_rps ?? (entry ? profile.workload.peak_rps : undefined);
  const control = CONTROL_ROLES.includes(component.role);
  // A component's own existing code replaces the project's for it; code it extends in place is code it links with.
  const ownCode = component.existing_code;
  const stated = component.interop ?? [];
  const implied = extendedCodeInterop(ownCode).filter((i) => !stated.includes(i));
  return {
    ...base,
    component: component.name,
    workload: component.workload ?? profile.workload.kind,
    roles: [component.role],
    domain: control ? base.domain.filter((d) => !SYSTEMS_DOMAINS.includes(d)) : base.domain,
    targets: component.targets ?? targetsForRole(profile.targets, component.role),
    interop: implied.length > 0 ? [...stated, ...implied] : stated,
    impliedInterop: implied,
    existingCode: ownCode ?? base.existingCode,
    teamGo: component.team?.go ?? base.teamGo,
    teamRust: component.team?.rust ?? base.teamRust,
    latencyCritical: component.latency_critical || slo !== undefined,
    // Hard real-time is a property of the deadline-bearing parts; a non-critical component does not carry it.
    hardRealtime: profile.workload.hard_realtime && component.latency_critical,
    slo,
    liveHeapGib: component.live_heap_gib,
    memoryBudgetMib: component.memory_budget_mib,
    peakRps,
    paths: {
      slo: component.latency_slo === undefined ? PROJECT_PATHS.slo : `${own}.latency_slo.p99_ms`,
      liveHeap: `${own}.live_heap_gib`,
      memoryBudget: `${own}.memory_budget_mib`,
      peakRps: component.peak_rps === undefined ? PROJECT_PATHS.peakRps : `${own}.peak_rps`,
      targets: component.targets === undefined ? PROJECT_PATHS.targets : `${own}.targets`,
      interop: `${own}.interop`,
      domain: PROJECT_PATHS.domain,
      workload: component.workload === undefined ? PROJECT_PATHS.workload : `${own}.workload`,
      latencyCritical: `${own}.latency_critical`,
      role: `${own}.role`,
      existingCode: ownCode === undefined ? PROJECT_PATHS.existingCode : `${own}.existing_code`,
      teamGo: component.team?.go === undefined ? PROJECT_PATHS.teamGo : `${own}.team.go`,
      teamRust: component.team?.rust === undefined ? PROJECT_PATHS.teamRust : `${own}.team.rust`,
    },
  };
}

/**
 * The expected worst-case GC-induced delay of a Go request for a live heap: one stop-the-world pause plus a
 * mark-phase tail that grows with the pointer-rich live heap (the model in kb/parameters.yaml).
 * @example
 * expectedGcTailMs(8, model); // 0.5 + 8 x per-GiB cost
 */
export function expectedGcTailMs(liveHeapGib: number | undefined, model: PressureModel): number {
  return model.stwMs + (liveHeapGib ?? 0) * model.perGibMs;
}

/**
 * A numeric fact of a unit for a continuous rule, or undefined when the profile does not state it.
 * `slo_pressure` is the expected Go GC tail over the p99 budget: the unit's SLO, or for a latency-critical unit
 * without one, the implied budget of the pressure model.
 * @example
 * scaleFactValue('slo_pressure', facts, model); // 0.25 for a 2 ms p99 and no stated heap
 */
export function scaleFactValue(fact: ScaleFact, facts: UnitFacts, model: PressureModel): number | undefined {
  switch (fact) {
    case 'deadline_weeks':
      return facts.deadlineWeeks;
    case 'lifetime_years':
      return facts.lifetimeYears;
    case 'team_size':
      return facts.teamSize;
    case 'slo_pressure': {
      const budget = facts.slo?.p99_ms ?? (facts.latencyCritical ? model.impliedP99Ms : undefined);
      return budget === undefined ? undefined : expectedGcTailMs(facts.liveHeapGib, model) / budget;
    }
    case 'live_heap_gib':
      return facts.liveHeapGib;
    case 'peak_rps':
      return facts.peakRps;
    case 'memory_budget_mib':
      return facts.memoryBudgetMib;
    case 'platforms_count':
      return facts.platformsCount;
    case 'wasm_share': {
      if (facts.targets.length === 0) return 0;
      const wasm = facts.targets.filter((t) => t === 'wasm-browser' || t === 'wasm-edge').length;
      return wasm / facts.targets.length;
    }
    case 'existing_kloc':
      return facts.existingCode?.kloc;
  }
}

/** The profile path of a numeric fact, for explanations. */
export function scaleFactPath(fact: ScaleFact, facts: UnitFacts): string {
  switch (fact) {
    case 'deadline_weeks':
      return 'delivery.deadline_weeks';
    case 'lifetime_years':
      return 'delivery.lifetime_years';
    case 'team_size':
      return 'team.size';
    case 'slo_pressure':
      return facts.slo === undefined ? facts.paths.latencyCritical : facts.paths.slo;
    case 'live_heap_gib':
      return facts.paths.liveHeap;
    case 'peak_rps':
      return facts.paths.peakRps;
    case 'memory_budget_mib':
      return facts.paths.memoryBudget;
    case 'platforms_count':
      return 'platforms';
    case 'wasm_share':
      return facts.paths.targets;
    case 'existing_kloc':
      return `${facts.paths.existingCode}.kloc`;
  }
}

function intersects<T>(have: readonly T[], want: readonly T[]): boolean {
  return want.some((w) => have.includes(w));
}

/** A profile fact by its path in the profile, and its value (the decision's `facts` entries). */
export type FactValue = { path: string; value: string | number | boolean | string[] };

/**
 * The profile facts a condition tested and found holding, with their values (for the explanation): a rule's or a
 * checklist line's "given ..."; of an `any_of`, only the alternatives that hold.
 * @example
 * conditionFacts({ any_of: [{ workload: ['cpu-bound'] }, { memory_budget_mib_max: 256 }] }, facts);
 * // [{ path: 'workload.memory_budget_mib', value: 64 }] for an I/O-bound unit capped at 64 MiB
 */
export function conditionFacts(c: Condition, facts: UnitFacts): FactValue[] {
  const out: FactValue[] = [];
  const p = facts.paths;
  if (c.workload !== undefined) out.push({ path: p.workload, value: facts.workload });
  if (c.domain_any !== undefined)
    out.push({ path: p.domain, value: facts.domain.filter((d) => c.domain_any?.includes(d)) });
  if (c.targets_any !== undefined)
    out.push({ path: p.targets, value: facts.targets.filter((t) => c.targets_any?.includes(t)) });
  if (c.interop_any !== undefined) {
    const hit = facts.interop.filter((t) => c.interop_any?.includes(t));
    const stated = hit.filter((t) => !facts.impliedInterop.includes(t));
    if (stated.length > 0 || hit.length === 0) out.push({ path: p.interop, value: stated });
    // Interop implied by extending existing code in place is shown as the fact the profile states.
    if (stated.length < hit.length && facts.existingCode !== undefined) {
      out.push({ path: `${p.existingCode}.plan`, value: facts.existingCode.plan });
      out.push({ path: `${p.existingCode}.language`, value: facts.existingCode.language });
    }
  }
  if (c.roles_any !== undefined)
    out.push({ path: p.role, value: facts.roles.filter((r) => c.roles_any?.includes(r)) });
  if (c.team_go !== undefined) out.push({ path: p.teamGo, value: facts.teamGo });
  if (c.team_rust !== undefined) out.push({ path: p.teamRust, value: facts.teamRust });
  if (c.turnover !== undefined) out.push({ path: 'team.turnover', value: facts.turnover });
  if (c.prototype_first !== undefined)
    out.push({ path: 'delivery.prototype_first', value: facts.prototypeFirst });
  if (c.safety_critical !== undefined) out.push({ path: 'safety_critical', value: facts.safetyCritical });
  if (c.hard_realtime !== undefined) out.push({ path: 'workload.hard_realtime', value: facts.hardRealtime });
  if (c.team_size_max !== undefined || c.team_size_min !== undefined)
    out.push({ path: 'team.size', value: facts.teamSize });
  if (c.deadline_weeks_max !== undefined && facts.deadlineWeeks !== undefined)
    out.push({ path: 'delivery.deadline_weeks', value: facts.deadlineWeeks });
  if (c.lifetime_years_min !== undefined && facts.lifetimeYears !== undefined)
    out.push({ path: 'delivery.lifetime_years', value: facts.lifetimeYears });
  if (c.slo_p99_ms_max !== undefined && facts.slo?.p99_ms !== undefined)
    out.push({ path: p.slo, value: facts.slo.p99_ms });
  if (c.live_heap_gib_min !== undefined && facts.liveHeapGib !== undefined)
    out.push({ path: p.liveHeap, value: facts.liveHeapGib });
  if (c.memory_budget_mib_max !== undefined && facts.memoryBudgetMib !== undefined)
    out.push({ path: p.memoryBudget, value: facts.memoryBudgetMib });
  if (c.peak_rps_min !== undefined && facts.peakRps !== undefined)
    out.push({ path: p.peakRps, value: facts.peakRps });
  if (c.platforms_count_min !== undefined) out.push({ path: 'platforms', value: facts.platformsCount });
  if (c.existing_code_plan !== undefined && facts.existingCode !== undefined)
    out.push({ path: `${p.existingCode}.plan`, value: facts.existingCode.plan });
  if (c.existing_code_language !== undefined && facts.existingCode !== undefined)
    out.push({ path: `${p.existingCode}.language`, value: facts.existingCode.language });
  for (const sub of c.any_of ?? []) {
    if (evaluateCondition(sub, facts)) out.push(...conditionFacts(sub, facts));
  }
  if (c.not !== undefined) out.push(...conditionFacts(c.not, facts));
  return uniqueByPath(out);
}

/**
 * The facts with each path once, the first kept: a fact tested twice, or a project fact several components inherit.
 * @example
 * uniqueByPath([{ path: 'team.size', value: 4 }, { path: 'team.size', value: 4 }]); // [{ path: 'team.size', value: 4 }]
 */
export function uniqueByPath(facts: readonly FactValue[]): FactValue[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    if (seen.has(f.path)) return false;
    seen.add(f.path);
    return true;
  });
}

/**
 * Whether a knowledge-base condition holds for a unit: every field present must hold; `any_of` needs one;
 * `not` negates; an empty condition always holds. A numeric bound on a fact the profile leaves out does not hold.
 * @example
 * evaluateCondition({ workload: ['cpu-bound'], slo_p99_ms_max: 10 }, facts); // true or false
 */
export function evaluateCondition(condition: Condition, facts: UnitFacts): boolean {
  const c = condition;
  if (c.workload !== undefined && !c.workload.includes(facts.workload)) return false;
  if (c.domain_any !== undefined && !intersects(facts.domain, c.domain_any)) return false;
  if (c.targets_any !== undefined && !intersects(facts.targets, c.targets_any)) return false;
  if (c.interop_any !== undefined && !intersects(facts.interop, c.interop_any)) return false;
  if (c.roles_any !== undefined && !intersects(facts.roles, c.roles_any)) return false;
  if (c.team_go !== undefined && !c.team_go.includes(facts.teamGo)) return false;
  if (c.team_rust !== undefined && !c.team_rust.includes(facts.teamRust)) return false;
  if (c.team_size_max !== undefined && facts.teamSize > c.team_size_max) return false;
  if (c.team_size_min !== undefined && facts.teamSize < c.team_size_min) return false;
  if (c.turnover !== undefined && !c.turnover.includes(facts.turnover)) return false;
  if (!atMost(facts.deadlineWeeks, c.deadline_weeks_max)) return false;
  if (!atLeast(facts.lifetimeYears, c.lifetime_years_min)) return false;
  if (c.prototype_first !== undefined && c.prototype_first !== facts.prototypeFirst) return false;
  if (c.safety_critical !== undefined && c.safety_critical !== facts.safetyCritical) return false;
  if (c.hard_realtime !== undefined && c.hard_realtime !== facts.hardRealtime) return false;
  if (!atMost(facts.slo?.p99_ms, c.slo_p99_ms_max)) return false;
  if (!atLeast(facts.liveHeapGib, c.live_heap_gib_min)) return false;
  if (!atMost(facts.memoryBudgetMib, c.memory_budget_mib_max)) return false;
  if (!atLeast(facts.peakRps, c.peak_rps_min)) return false;
  if (c.platforms_count_min !== undefined && facts.platformsCount < c.platforms_count_min) return false;
  if (c.has_components !== undefined && c.has_components !== facts.hasComponents) return false;
  if (c.existing_code_plan !== undefined) {
    if (facts.existingCode === undefined || !c.existing_code_plan.includes(facts.existingCode.plan))
      return false;
  }
  if (c.existing_code_language !== undefined) {
    if (facts.existingCode === undefined || !c.existing_code_language.includes(facts.existingCode.language))
      return false;
  }
  if (c.any_of !== undefined && !c.any_of.some((sub) => evaluateCondition(sub, facts))) return false;
  if (c.not !== undefined && evaluateCondition(c.not, facts)) return false;
  return true;
}

function atMost(value: number | undefined, bound: number | undefined): boolean {
  return bound === undefined || (value !== undefined && value <= bound);
}

function atLeast(value: number | undefined, bound: number | undefined): boolean {
  return bound === undefined || (value !== undefined && value >= bound);
}
