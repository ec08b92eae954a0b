import { describe, expect, it } from 'vitest';
import {
  componentFacts,
  conditionFacts,
  evaluateCondition,
  extendedCodeInterop,
  projectFacts,
} from './conditions.ts';
import { profileOf } from './kb-fixture.test-helpers.ts';

describe('evaluateCondition', () => {
  const profile = profileOf({
    workload: { kind: 'cpu-bound', latency_slo: { p99_ms: 5 }, live_heap_gib: 4 },
    team: { size: 3, go: 'strong', rust: 'none' },
    delivery: { deadline_weeks: 6 },
    domain: ['search'],
    targets: ['cli'],
    platforms: ['linux-amd64', 'darwin-arm64', 'windows-amd64'],
  });
  const facts = projectFacts(profile);

  it('holds for an empty condition', () => {
    expect(evaluateCondition({}, facts)).toBe(true);
  });
  it('requires every field to hold (AND)', () => {
    expect(evaluateCondition({ workload: ['cpu-bound'], team_size_max: 5 }, facts)).toBe(true);
    expect(evaluateCondition({ workload: ['cpu-bound'], team_size_min: 5 }, facts)).toBe(false);
  });
  it('tests numeric bounds, and a bound on a missing fact does not hold', () => {
    expect(evaluateCondition({ slo_p99_ms_max: 5, live_heap_gib_min: 4, deadline_weeks_max: 6 }, facts)).toBe(
      true,
    );
    expect(evaluateCondition({ slo_p99_ms_max: 4 }, facts)).toBe(false);
    expect(evaluateCondition({ memory_budget_mib_max: 1000 }, facts)).toBe(false);
    expect(evaluateCondition({ lifetime_years_min: 1 }, facts)).toBe(false);
    expect(evaluateCondition({ platforms_count_min: 3 }, facts)).toBe(true);
  });
  it('supports any_of and not', () => {
    expect(
      evaluateCondition({ any_of: [{ domain_any: ['web-api'] }, { targets_any: ['cli'] }] }, facts),
    ).toBe(true);
    expect(evaluateCondition({ not: { team_go: ['strong'] } }, facts)).toBe(false);
    expect(evaluateCondition({ not: { team_rust: ['strong'] } }, facts)).toBe(true);
  });
});

describe('componentFacts', () => {
  const profile = profileOf({
    workload: { kind: 'io-bound', latency_slo: { p99_ms: 2 }, live_heap_gib: 8 },
    components: [
      { name: 'proxy', role: 'data-plane', workload: 'cpu-bound', latency_critical: true },
      { name: 'control', role: 'control-plane' },
    ],
  });
  const [proxy, control] = profile.components ?? [];

  it('gives a component its own role and workload, and the project SLO only when latency-critical', () => {
    if (proxy === undefined || control === undefined) throw new Error('fixture');
    const p = componentFacts(profile, proxy);
    const c = componentFacts(profile, control);
    expect(p.roles).toEqual(['data-plane']);
    expect(p.workload).toBe('cpu-bound');
    expect(p.slo?.p99_ms).toBe(2);
    expect(c.workload).toBe('io-bound');
    expect(c.slo).toBeUndefined();
    expect(c.liveHeapGib).toBeUndefined();
  });
  it('lists every component role for the whole project', () => {
    expect(projectFacts(profile).roles).toEqual(['data-plane', 'control-plane']);
    expect(
      evaluateCondition({ roles_any: ['control-plane'], has_components: true }, projectFacts(profile)),
    ).toBe(true);
  });
});

describe('conditionFacts', () => {
  it('names the numeric facts a bound tested, and of any_of only the alternatives that hold', () => {
    const facts = projectFacts(
      profileOf({
        workload: { kind: 'io-bound', memory_budget_mib: 64, peak_rps: 20000 },
        team: { size: 12, go: 'some', rust: 'some' },
        delivery: { deadline_weeks: 10, lifetime_years: 8 },
      }),
    );
    const maxPerformance = {
      any_of: [
        { workload: ['cpu-bound' as const] },
        { memory_budget_mib_max: 256 },
        { live_heap_gib_min: 4 },
      ],
    };
    expect(conditionFacts(maxPerformance, facts)).toEqual([
      { path: 'workload.memory_budget_mib', value: 64 },
    ]);
    expect(
      conditionFacts(
        { deadline_weeks_max: 12, lifetime_years_min: 5, peak_rps_min: 10000, team_size_min: 10 },
        facts,
      ),
    ).toEqual([
      { path: 'team.size', value: 12 },
      { path: 'delivery.deadline_weeks', value: 10 },
      { path: 'delivery.lifetime_years', value: 8 },
      { path: 'workload.peak_rps', value: 20000 },
    ]);
  });
});

describe('code extended in place', () => {
  it('is code the project links with: Go or Rust code implies the matching interop value', () => {
    expect(extendedCodeInterop({ language: 'rust', plan: 'extend' })).toEqual(['existing-rust-code']);
    expect(extendedCodeInterop({ language: 'go', plan: 'extend', kloc: 40 })).toEqual(['existing-go-code']);
    // Porting or rewriting leaves the old code behind; C code is reached through the C ABI, not this value.
    expect(extendedCodeInterop({ language: 'go', plan: 'rewrite' })).toEqual([]);
    expect(extendedCodeInterop({ language: 'c', plan: 'extend' })).toEqual([]);
  });
  it('reaches the project (not its components) and names existing_code, not interop, as the fact', () => {
    const profile = profileOf({
      existing_code: { language: 'rust', plan: 'extend' },
      components: [{ name: 'api', role: 'api' }],
    });
    const facts = projectFacts(profile);
    expect(evaluateCondition({ interop_any: ['existing-rust-code'] }, facts)).toBe(true);
    expect(conditionFacts({ interop_any: ['existing-rust-code'] }, facts)).toEqual([
      { path: 'existing_code.plan', value: 'extend' },
      { path: 'existing_code.language', value: 'rust' },
    ]);
    const component = profile.components?.[0];
    if (component === undefined) throw new Error('fixture has a component');
    expect(
      evaluateCondition({ interop_any: ['existing-rust-code'] }, componentFacts(profile, component)),
    ).toBe(false);
  });
  it("a component's own existing code replaces the project's for it, and extended it implies its interop", () => {
    const profile = profileOf({
      existing_code: { language: 'rust', plan: 'rewrite' },
      components: [
        {
          name: 'node',
          role: 'storage-engine',
          existing_code: { language: 'go', kloc: 500, plan: 'extend' },
        },
        { name: 'prover', role: 'worker' },
      ],
    });
    const [node, prover] = profile.components ?? [];
    if (node === undefined || prover === undefined) throw new Error('fixture has two components');
    const own = componentFacts(profile, node);
    expect(own.existingCode).toEqual({ language: 'go', kloc: 500, plan: 'extend' });
    expect(own.interop).toEqual(['existing-go-code']);
    expect(conditionFacts({ interop_any: ['existing-go-code'] }, own)).toEqual([
      { path: 'components[0].existing_code.plan', value: 'extend' },
      { path: 'components[0].existing_code.language', value: 'go' },
    ]);
    expect(conditionFacts({ existing_code_plan: ['extend'] }, own)).toEqual([
      { path: 'components[0].existing_code.plan', value: 'extend' },
    ]);
    // The other component keeps the project's code, and the project's interop is not its own.
    const other = componentFacts(profile, prover);
    expect(other.existingCode).toEqual({ language: 'rust', plan: 'rewrite' });
    expect(other.interop).toEqual([]);
    expect(other.paths.existingCode).toBe('existing_code');
  });
  it("a component's own team levels replace the project team's for it, one language at a time", () => {
    const profile = profileOf({
      team: { size: 12, go: 'strong', rust: 'some' },
      components: [
        { name: 'tunnel', role: 'data-plane', team: { rust: 'strong' } },
        { name: 'daemon', role: 'control-plane' },
      ],
    });
    const [tunnel, daemon] = profile.components ?? [];
    if (tunnel === undefined || daemon === undefined) throw new Error('fixture has two components');
    const own = componentFacts(profile, tunnel);
    expect([own.teamGo, own.teamRust]).toEqual(['strong', 'strong']);
    expect(conditionFacts({ team_go: ['strong'], team_rust: ['strong'] }, own)).toEqual([
      { path: 'team.go', value: 'strong' },
      { path: 'components[0].team.rust', value: 'strong' },
    ]);
    const other = componentFacts(profile, daemon);
    expect([other.teamGo, other.teamRust]).toEqual(['strong', 'some']);
  });
  it('keeps a stated value as stated', () => {
    const facts = projectFacts(
      profileOf({ interop: ['existing-go-code'], existing_code: { language: 'go', plan: 'extend' } }),
    );
    expect(facts.interop).toEqual(['existing-go-code']);
    expect(conditionFacts({ interop_any: ['existing-go-code'] }, facts)).toEqual([
      { path: 'interop', value: ['existing-go-code'] },
    ]);
  });
});

describe('where a project is latency-critical from, for explanations', () => {
  it('names the component marked latency-critical, not an SLO the profile does not have', () => {
    const facts = projectFacts(
      profileOf({
        components: [
          { name: 'api', role: 'api' },
          { name: 'proxy', role: 'data-plane', latency_critical: true },
        ],
      }),
    );
    expect(facts.latencyCritical).toBe(true);
    expect(facts.paths.latencyCritical).toBe('components[1].latency_critical');
  });
  it('names hard real-time, and keeps the SLO path when the project states an SLO', () => {
    const hard = projectFacts(profileOf({ workload: { kind: 'cpu-bound', hard_realtime: true } }));
    expect(hard.paths.latencyCritical).toBe('workload.hard_realtime');
    const slo = projectFacts(profileOf({ workload: { kind: 'io-bound', latency_slo: { p99_ms: 5 } } }));
    expect(slo.paths.latencyCritical).toBe('workload.latency_slo');
  });
});
