/** @module The profile facts a decision can be explained by: each stated fact, and the profile without it (removed, or set to a neutral value), for measuring how much it moved the verdict. */
import type { Component, ExistingCode, Profile } from '../profile/schema.ts';
import { formatAmount } from './numbers.ts';

export type FactVariant = {
  path: string;
  value: string | number | boolean | string[];
  /** What the fact was replaced by: "removed" or the neutral value. */
  without: string;
  /** The profile without the fact. */
  profile: Profile;
};

/** At most this many components have their own facts measured (each costs a rebuild of the model). */
const COMPONENT_FACTS_MAX = 12;

function omit<T extends object, K extends keyof T>(value: T, key: K): T {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/**
 * Every stated fact of a profile that can be taken out, with the profile without it.
 * @example
 * factVariants(profile).map((v) => v.path); // ['workload.kind', 'workload.latency_slo.p99_ms', 'team.go', ...]
 */
export function factVariants(profile: Profile): FactVariant[] {
  const out: FactVariant[] = [];
  const push = (path: string, value: FactVariant['value'], without: string, changed: Profile) =>
    out.push({ path, value, without, profile: changed });
  const w = profile.workload;
  const withWorkload = (workload: Profile['workload']): Profile => ({ ...profile, workload });
  if (w.kind !== 'mixed') push('workload.kind', w.kind, 'mixed', withWorkload({ ...w, kind: 'mixed' }));
  if (w.latency_slo !== undefined)
    push(
      'workload.latency_slo.p99_ms',
      w.latency_slo.p99_ms,
      'removed',
      withWorkload(omit(w, 'latency_slo')),
    );
  if (w.live_heap_gib !== undefined)
    push('workload.live_heap_gib', w.live_heap_gib, 'removed', withWorkload(omit(w, 'live_heap_gib')));
  if (w.peak_rps !== undefined)
    push('workload.peak_rps', w.peak_rps, 'removed', withWorkload(omit(w, 'peak_rps')));
  if (w.memory_budget_mib !== undefined)
    push(
      'workload.memory_budget_mib',
      w.memory_budget_mib,
      'removed',
      withWorkload(omit(w, 'memory_budget_mib')),
    );
  if (w.hard_realtime)
    push('workload.hard_realtime', true, 'false', withWorkload({ ...w, hard_realtime: false }));
  const t = profile.team;
  if (t.go !== 'some') push('team.go', t.go, 'some', { ...profile, team: { ...t, go: 'some' } });
  if (t.rust !== 'some') push('team.rust', t.rust, 'some', { ...profile, team: { ...t, rust: 'some' } });
  if (t.turnover !== 'medium')
    push('team.turnover', t.turnover, 'medium', { ...profile, team: { ...t, turnover: 'medium' } });
  const d = profile.delivery;
  if (d !== undefined) {
    const withDelivery = (delivery: NonNullable<Profile['delivery']>): Profile => ({ ...profile, delivery });
    if (d.deadline_weeks !== undefined)
      push('delivery.deadline_weeks', d.deadline_weeks, 'removed', withDelivery(omit(d, 'deadline_weeks')));
    if (d.lifetime_years !== undefined)
      push('delivery.lifetime_years', d.lifetime_years, 'removed', withDelivery(omit(d, 'lifetime_years')));
    if (d.prototype_first)
      push('delivery.prototype_first', true, 'false', withDelivery({ ...d, prototype_first: false }));
  }
  if (profile.safety_critical) push('safety_critical', true, 'false', { ...profile, safety_critical: false });
  if (!(profile.targets.length === 1 && profile.targets[0] === 'server'))
    push('targets', [...profile.targets], 'server', { ...profile, targets: ['server'] });
  if ((profile.platforms ?? []).length > 0)
    push('platforms', [...(profile.platforms ?? [])], 'removed', omit(profile, 'platforms'));
  if ((profile.domain ?? []).length > 0)
    push('domain', [...(profile.domain ?? [])], 'removed', omit(profile, 'domain'));
  if ((profile.interop ?? []).length > 0)
    push('interop', [...(profile.interop ?? [])], 'removed', omit(profile, 'interop'));
  if (profile.existing_code !== undefined)
    push(
      'existing_code',
      existingCodeValue(profile.existing_code),
      'removed',
      omit(profile, 'existing_code'),
    );
  if (profile.priorities !== undefined && Object.keys(profile.priorities).length > 0) {
    const set = Object.entries(profile.priorities)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}`);
    push('priorities', set, 'removed', omit(profile, 'priorities'));
  }
  const components = profile.components ?? [];
  components.slice(0, COMPONENT_FACTS_MAX).forEach((c, i) => {
    const withComponent = (changed: Component): Profile => ({
      ...profile,
      components: components.map((other, j) => (j === i ? changed : other)),
    });
    const at = `components[${i}]`;
    if (c.latency_slo !== undefined)
      push(
        `${at}.latency_slo.p99_ms`,
        c.latency_slo.p99_ms,
        'removed',
        withComponent(omit(c, 'latency_slo')),
      );
    if (c.latency_critical)
      push(`${at}.latency_critical`, true, 'false', withComponent({ ...c, latency_critical: false }));
    if (c.live_heap_gib !== undefined)
      push(`${at}.live_heap_gib`, c.live_heap_gib, 'removed', withComponent(omit(c, 'live_heap_gib')));
    if (c.workload !== undefined && c.workload !== 'mixed')
      push(`${at}.workload`, c.workload, 'mixed', withComponent({ ...c, workload: 'mixed' }));
    if (c.memory_budget_mib !== undefined)
      push(
        `${at}.memory_budget_mib`,
        c.memory_budget_mib,
        'removed',
        withComponent(omit(c, 'memory_budget_mib')),
      );
    if (c.interop !== undefined && c.interop.length > 0)
      push(`${at}.interop`, [...c.interop], 'removed', withComponent(omit(c, 'interop')));
    if (c.targets !== undefined)
      push(`${at}.targets`, [...c.targets], 'removed', withComponent(omit(c, 'targets')));
    if (c.team !== undefined && (c.team.go !== undefined || c.team.rust !== undefined))
      push(`${at}.team`, teamValue(c.team), 'removed', withComponent(omit(c, 'team')));
    if (c.existing_code !== undefined)
      push(
        `${at}.existing_code`,
        existingCodeValue(c.existing_code),
        'removed',
        withComponent(omit(c, 'existing_code')),
      );
  });
  return out;
}

/**
 * A component's own team as a decisive fact's value: the levels it states.
 * @example
 * teamValue({ rust: 'strong' }); // 'rust strong'
 */
function teamValue(team: NonNullable<Component['team']>): string {
  return [team.go === undefined ? '' : `go ${team.go}`, team.rust === undefined ? '' : `rust ${team.rust}`]
    .filter((t) => t !== '')
    .join(', ');
}

/**
 * Existing code as a decisive fact's value: the plan, the size when stated, the language.
 * @example
 * existingCodeValue({ language: 'go', kloc: 500, plan: 'extend' }); // 'extend 500 kloc of go'
 */
export function existingCodeValue(e: ExistingCode): string {
  return `${e.plan} ${e.kloc === undefined ? '' : `${formatAmount(e.kloc, 3)} kloc of `}${e.language}`;
}
