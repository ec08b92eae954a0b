/** @module Tests of a profile's facts as the ADR's Context and `gorust check` show them. */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile/schema.ts';
import { diffFacts, factChangeText, profileFacts } from './facts.ts';

const base: Profile = {
  version: 1,
  project: { name: 'Sensor node' },
  workload: { kind: 'cpu-bound' },
  team: { size: 4, go: 'some', rust: 'some', turnover: 'medium' },
  targets: ['bare-metal'],
} as Profile;

const value = (profile: Profile, key: string) => profileFacts(profile).find((f) => f.key === key)?.value;

describe('profileFacts', () => {
  it('shows a memory budget under 1 MiB as it was stated, never as 0 MiB', () => {
    const p = { ...base, workload: { ...base.workload, memory_budget_mib: 0.25 } };
    expect(value(p, 'workload.memory_budget_mib')).toBe('256 KiB');
    expect(
      value({ ...p, workload: { ...p.workload, memory_budget_mib: 1536 } }, 'workload.memory_budget_mib'),
    ).toBe('1,536 MiB');
  });

  it('keeps fractions of weeks, years and requests per second instead of rounding them away', () => {
    const p = {
      ...base,
      workload: { ...base.workload, peak_rps: 0.5 },
      delivery: { deadline_weeks: 12.5, lifetime_years: 1.5 },
    } as Profile;
    expect(value(p, 'delivery.deadline_weeks')).toBe('in 12.5 weeks');
    expect(value(p, 'delivery.lifetime_years')).toBe('1.5 years');
    expect(value(p, 'workload.peak_rps')).toBe('0.5 requests/s');
    expect(value({ ...p, delivery: { lifetime_years: 1 } } as Profile, 'delivery.lifetime_years')).toBe(
      '1 year',
    );
  });

  it('sees a change of a fraction as a change (what gorust check reports)', () => {
    const a = { ...base, delivery: { deadline_weeks: 12 } } as Profile;
    const b = { ...base, delivery: { deadline_weeks: 12.4 } } as Profile;
    expect(diffFacts(profileFacts(a), profileFacts(b)).map((c) => c.key)).toEqual([
      'delivery.deadline_weeks',
    ]);
  });
});

describe('factChangeText', () => {
  it("names only a component's traits that changed (QA: a 304-character line of the whole component twice)", () => {
    const change = (before: string | undefined, after: string | undefined) =>
      factChangeText({ key: 'components.proxy', label: 'component proxy', before, after });
    expect(
      change(
        'hot-path, cpu-bound, p99 5 ms, its own team: Go none, Rust strong',
        'hot-path, cpu-bound, p99 5 ms',
      ),
    ).toBe('component proxy: dropped its own team: Go none, Rust strong');
    // A call added to a component that had others: not "(not set) -> calls risk 1x" (QA 2026-12-08).
    expect(change('api, calls store 1x', 'api, calls store 1x, calls risk 1x')).toBe(
      'component proxy: added calls risk 1x',
    );
    expect(change('hot-path, p99 5 ms, calls store 1x', 'hot-path, p99 10 ms, calls store 1x')).toBe(
      'component proxy: p99 5 ms -> p99 10 ms',
    );
    expect(change(undefined, 'api')).toBe('component proxy: (not set) -> api');
    expect(factChangeText({ key: 'team.go', label: 'Go experience', before: 'some', after: 'strong' })).toBe(
      'Go experience: some -> strong',
    );
  });

  it("names only a stakeholder's weight and priorities that changed, each with its own before and after", () => {
    const change = (before: string, after: string) =>
      factChangeText({ key: 'stakeholders.Marco', label: 'stakeholder Marco', before, after });
    expect(
      change(
        'weight 1; runtime_performance 1, development_speed 5, onboarding 4',
        'weight 1; runtime_performance 1, development_speed 5, onboarding 2',
      ),
    ).toBe('stakeholder Marco: onboarding 4 -> 2');
    expect(change('weight 1; no priorities', 'weight 2; build_speed 3')).toBe(
      'stakeholder Marco: weight 1 -> 2, build_speed (not set) -> 3',
    );
  });
});
