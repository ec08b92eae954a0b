/** @module The Condition DSL of the knowledge base, evaluated against the facts of a decision unit: the whole project, or one component seen inside its project. */
import type { Condition } from '../kb/schema.ts';
import type { Component, LatencySlo, Profile } from '../profile/schema.ts';
import type { Domain, Interop, Level, Role, Target, Turnover, WorkloadKind } from '../profile/vocabulary.ts';

/**
 * Everything a condition may test, flattened from a profile for one decision unit. A component inherits the
 * project's team, delivery, targets and domain; it brings its own role, workload, SLO and live heap.
 */
export type UnitFacts = {
  /** The component's name, or undefined for the whole project. */
  component: string | undefined;
  workload: WorkloadKind;
  domain: readonly Domain[];
  targets: readonly Target[];
  interop: readonly Interop[];
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
};

/**
 * The facts of the whole project.
 * @example
 * projectFacts(profile).workload; // 'io-bound'
 */
export function projectFacts(profile: Profile): UnitFacts {
  const components = profile.components ?? [];
  const roles = [...new Set(components.map((c) => c.role))];
  return {
    component: undefined,
    workload: profile.workload.kind,
    domain: profile.domain ?? [],
    targets: profile.targets,
    interop: profile.interop ?? [],
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
    platformsCount: profile.platforms?.length ?? 0,
    hasComponents: components.length > 0,
  };
}

/**
 * The facts of one component inside its project. The project's SLO applies to a component only when the
 * component is marked latency-critical (a control plane does not inherit the data plane's p99); the project's
 * live heap is not inherited, because the profile states it per component once it lists components.
 * @example
 * componentFacts(profile, profile.components[0]).roles; // ['data-plane']
 */
export function componentFacts(profile: Profile, component: Component): UnitFacts {
  const base = projectFacts(profile);
  const slo =
    component.latency_slo ?? (component.latency_critical ? profile.workload.latency_slo : undefined);
  return {
    ...base,
    component: component.name,
    workload: component.workload ?? profile.workload.kind,
    roles: [component.role],
    latencyCritical: component.latency_critical || component.latency_slo !== undefined,
    // Hard real-time is a property of the deadline-bearing parts; a non-critical component does not carry it.
    hardRealtime: profile.workload.hard_realtime && component.latency_critical,
    slo,
    liveHeapGib: component.live_heap_gib,
  };
}

function intersects<T>(have: readonly T[], want: readonly T[]): boolean {
  return want.some((w) => have.includes(w));
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
