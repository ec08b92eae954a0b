/** @module A profile's facts as short labelled values (the numbers a reviewer checks in an ADR's Context), and the difference between two sets of them (what `gorust check` reports as changed). */
import type { ExistingCode, Profile } from '../profile/schema.ts';
import { EXISTING_CODE_LANGUAGE_NAMES } from '../profile/vocabulary.ts';
import { formatAmount, formatMib, formatNumber } from './format.ts';

/** One fact of a profile: a stable key (its field path), a label and its value as text. */
export type ProfileFact = { key: string; label: string; value: string };

/** A fact whose value differs between the recorded profile and the current one. */
export type FactChange = {
  key: string;
  label: string;
  before: string | undefined;
  after: string | undefined;
};

const plural = (n: number, one: string, many: string) => `${formatAmount(n)} ${n === 1 ? one : many}`;

/**
 * The facts of a profile that decide its verdict, in a fixed order (numbers formatted as every report shows them).
 * @example
 * profileFacts(profile).find((f) => f.key === 'workload.peak_rps')?.value; // '30,000 requests/s'
 */
export function profileFacts(profile: Profile): ProfileFact[] {
  const facts: ProfileFact[] = [];
  const add = (key: string, label: string, value: string | undefined) => {
    if (value !== undefined) facts.push({ key, label, value });
  };
  const w = profile.workload;
  add('workload.kind', 'workload', w.kind);
  add(
    'workload.peak_rps',
    'peak load',
    w.peak_rps === undefined ? undefined : `${formatAmount(w.peak_rps)} requests/s`,
  );
  add(
    'workload.latency_slo.p99_ms',
    'p99 latency SLO',
    w.latency_slo && `${formatNumber(w.latency_slo.p99_ms)} ms`,
  );
  add(
    'workload.latency_slo.p999_ms',
    'p99.9 latency SLO',
    w.latency_slo?.p999_ms === undefined ? undefined : `${formatNumber(w.latency_slo.p999_ms)} ms`,
  );
  add(
    'workload.live_heap_gib',
    'live heap',
    w.live_heap_gib === undefined ? undefined : `${formatNumber(w.live_heap_gib)} GiB`,
  );
  add(
    'workload.memory_budget_mib',
    'memory budget',
    w.memory_budget_mib === undefined ? undefined : formatMib(w.memory_budget_mib),
  );
  add('workload.hard_realtime', 'hard real-time', w.hard_realtime ? 'yes' : undefined);
  add('team.size', 'team size', plural(profile.team.size, 'person', 'people'));
  add('team.go', 'Go experience', profile.team.go);
  add('team.rust', 'Rust experience', profile.team.rust);
  add('team.turnover', 'turnover', profile.team.turnover);
  const d = profile.delivery;
  add(
    'delivery.deadline_weeks',
    'first release',
    d?.deadline_weeks === undefined ? undefined : `in ${plural(d.deadline_weeks, 'week', 'weeks')}`,
  );
  add('delivery.prototype_first', 'prototype first', d?.prototype_first ? 'yes' : undefined);
  add(
    'delivery.lifetime_years',
    'lifetime',
    d?.lifetime_years === undefined ? undefined : plural(d.lifetime_years, 'year', 'years'),
  );
  add('safety_critical', 'safety-critical', profile.safety_critical ? 'yes' : undefined);
  add('targets', 'targets', profile.targets.join(', '));
  add('platforms', 'platforms', profile.platforms?.join(', ') || undefined);
  add('domain', 'domain', profile.domain?.join(', ') || undefined);
  add('interop', 'interop', profile.interop?.join(', ') || undefined);
  const code = profile.existing_code;
  add('existing_code', 'existing code', code && existingCodeWords(code));
  for (const [id, value] of Object.entries(profile.priorities ?? {})) {
    if (value !== undefined)
      add(`priorities.${id}`, `priority of ${id.replace(/_/g, ' ')}`, `${formatNumber(value)} of 5`);
  }
  for (const s of profile.stakeholders ?? []) {
    const priorities = Object.entries(s.priorities)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    add(
      `stakeholders.${s.name}`,
      `stakeholder ${s.name}`,
      `weight ${formatNumber(s.weight ?? 1)}; ${priorities || 'no priorities'}`,
    );
  }
  for (const c of profile.components ?? [])
    add(`components.${c.name}`, `component ${c.name}`, componentSummary(c));
  return facts;
}

/**
 * The project's existing code in a few words: "500 kloc of go, to extend". ADRs record these words and `gorust check`
 * compares them, so they stay as they were written before components could state code of their own.
 */
function existingCodeWords(code: ExistingCode): string {
  return `${code.kloc === undefined ? '' : `${formatNumber(code.kloc)} kloc of `}${code.language}, to ${code.plan}`;
}

/**
 * A component's own existing code as one of its traits in a list (no comma of its own): what the ADR's Context and
 * the component's facts summary say.
 * @example
 * ownCodeWords({ language: 'go', kloc: 250, plan: 'extend' }); // 'extends 250 kloc of existing Go code'
 */
export function ownCodeWords(code: ExistingCode): string {
  const verb = { port: 'ports', rewrite: 'rewrites', extend: 'extends' }[code.plan];
  const size = code.kloc === undefined ? '' : `${formatAmount(code.kloc, 3)} kloc of `;
  return `${verb} ${size}existing ${EXISTING_CODE_LANGUAGE_NAMES[code.language]} code`;
}

/**
 * The levels a component's own team states (`components[].team`), as the engine's reasons word them; undefined when
 * it states none and keeps the project's.
 * @example
 * ownTeamWords({ go: 'none', rust: 'strong' }); // 'Go none, Rust strong'
 * ownTeamWords({ rust: 'strong' }); // 'Rust strong'
 */
export function ownTeamWords(
  team: { go?: string | undefined; rust?: string | undefined } | undefined,
): string | undefined {
  const words = [
    team?.go === undefined ? undefined : `Go ${team.go}`,
    team?.rust === undefined ? undefined : `Rust ${team.rust}`,
  ].filter((w) => w !== undefined);
  return words.length === 0 ? undefined : words.join(', ');
}

/** One component in a few words: role, workload, SLO, heap, load and calls. */
function componentSummary(c: NonNullable<Profile['components']>[number]): string {
  const parts: string[] = [c.role];
  if (c.workload !== undefined) parts.push(c.workload);
  if (c.latency_critical) parts.push('latency-critical');
  if (c.latency_slo !== undefined) parts.push(`p99 ${formatNumber(c.latency_slo.p99_ms)} ms`);
  if (c.live_heap_gib !== undefined) parts.push(`heap ${formatNumber(c.live_heap_gib)} GiB`);
  if (c.peak_rps !== undefined) parts.push(`${formatAmount(c.peak_rps)} requests/s`);
  if (c.memory_budget_mib !== undefined) parts.push(`budget ${formatMib(c.memory_budget_mib)}`);
  if (c.targets !== undefined) parts.push(`targets ${c.targets.join(' ')}`);
  if (c.interop !== undefined && c.interop.length > 0) parts.push(`interop ${c.interop.join(' ')}`);
  if (c.existing_code !== undefined) parts.push(ownCodeWords(c.existing_code));
  const team = ownTeamWords(c.team);
  if (team !== undefined) parts.push(`its own team: ${team}`);
  for (const call of c.calls ?? []) parts.push(`calls ${call.to} ${formatNumber(call.per_request, 3)}x`);
  return parts.join(', ');
}

/**
 * A changed fact in words, `label: before -> after`; a component, summarised in one fact, names only the traits that
 * changed, not its whole summary twice.
 * @example
 * factChangeText({ key: 'components.parser', label: 'component parser', before: 'hot-path, its own team: Rust strong', after: 'hot-path' });
 * // 'component parser: dropped its own team: Rust strong'
 */
export function factChangeText(change: FactChange): string {
  let { before, after } = change;
  if (change.key.startsWith('components.') && before !== undefined && after !== undefined) {
    // Traits start in lower case or a digit; "Go none, Rust strong" is one trait (its own team).
    const was = before.split(/, (?=[a-z0-9])/);
    const now = after.split(/, (?=[a-z0-9])/);
    before = was.filter((part) => !now.includes(part)).join(', ') || undefined;
    after = now.filter((part) => !was.includes(part)).join(', ') || undefined;
    // A trait added or dropped, not "(not set) -> calls risk 1x", which reads as if the component had no calls.
    if (before === undefined && after !== undefined) return `${change.label}: added ${after}`;
    if (after === undefined && before !== undefined) return `${change.label}: dropped ${before}`;
  }
  if (change.key.startsWith('stakeholders.') && before !== undefined && after !== undefined) {
    // "weight 1; onboarding 4, development_speed 5": only the weight and priorities that changed, each with its own
    // before and after (a check line once repeated a person's whole set twice, 246 characters).
    const parts = (value: string) =>
      new Map(
        value
          .split(/; |, /)
          .filter((part) => part !== 'no priorities')
          .map(
            (part) => [part.slice(0, part.lastIndexOf(' ')), part.slice(part.lastIndexOf(' ') + 1)] as const,
          ),
      );
    const was = parts(before);
    const now = parts(after);
    const moved = [...new Set([...was.keys(), ...now.keys()])].flatMap((name) =>
      was.get(name) === now.get(name)
        ? []
        : [`${name} ${was.get(name) ?? '(not set)'} -> ${now.get(name) ?? '(not set)'}`],
    );
    if (moved.length > 0) return `${change.label}: ${moved.join(', ')}`;
  }
  return `${change.label}: ${before ?? '(not set)'} -> ${after ?? '(not set)'}`;
}

/**
 * The facts that differ between two fact lists (added, removed or changed), in the order of `after` then `before`.
 * @example
 * diffFacts(recorded, profileFacts(current)); // [{ key: 'workload.latency_slo.p99_ms', before: '20 ms', after: '5 ms', ... }]
 */
export function diffFacts(before: readonly ProfileFact[], after: readonly ProfileFact[]): FactChange[] {
  const old = new Map(before.map((f) => [f.key, f] as const));
  const now = new Map(after.map((f) => [f.key, f] as const));
  const changes: FactChange[] = [];
  for (const f of after) {
    const was = old.get(f.key);
    if (was?.value !== f.value)
      changes.push({ key: f.key, label: f.label, before: was?.value, after: f.value });
  }
  for (const f of before) {
    if (!now.has(f.key)) changes.push({ key: f.key, label: f.label, before: f.value, after: undefined });
  }
  return changes;
}
