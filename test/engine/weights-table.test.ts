/** @module The shipped weight table and checklist explain themselves: every multiplier's reason speaks to the criterion it changes, and rules fire on the profile facts their reasons are about. */
import { describe, expect, it } from 'vitest';
import { type CriterionId, decide, type ProfileInput, profileSchema } from '../../src/core/index.ts';
import { loadKnowledgeBase } from './load-fixtures.ts';

const kb = loadKnowledgeBase();

/** What a reason must talk about to explain a multiplier on each criterion (a floor, not proof of a good reason). */
const SUBJECT: Record<CriterionId, RegExp> = {
  runtime_performance: /CPU|compute|performance|speed|throughput/i,
  latency_predictability: /latency|jitter|p99|GC|deadline/i,
  memory_efficiency: /memory|heap|allocation/i,
  safety_guarantees: /safety|safe|defects|guarantees/i,
  concurrency_model: /concurren|goroutine/i,
  development_speed: /deliver|iteration|faster|learning curve|change often|productiv/i,
  onboarding: /onboarding|learning curve|newcomer/i,
  build_speed: /build/i,
  ecosystem_fit: /ecosystem|librar|crates/i,
  deployment: /deploy|binar|container|packaging/i,
  platform_reach: /platform|reach/i,
  interop: /interop|C ABI|FFI|native librar|embedded by|RPC/i,
};

/** A plain CRUD service: deployed on Kubernetes, but neither cloud-native tooling nor a control plane. */
function crudApp(overrides: Partial<ProfileInput> = {}) {
  return profileSchema.parse({
    version: 1,
    project: { name: 'Orders API' },
    workload: { kind: 'io-bound', latency_slo: { p99_ms: 300 } },
    team: { size: 3, go: 'some', rust: 'none' },
    targets: ['server', 'kubernetes'],
    domain: ['web-api'],
    ...overrides,
  });
}

function rowWhy(profile: ReturnType<typeof crudApp>, criterion: CriterionId): string {
  return decide(profile, kb).criteria.find((r) => r.id === criterion)?.why ?? '';
}

function checklistApplies(profile: ReturnType<typeof crudApp>, itemStart: string): boolean | undefined {
  return decide(profile, kb).checklist.find((c) => c.item.startsWith(itemStart))?.applies;
}

/** Numeric bounds of the Condition DSL: steps, which weight rules must express as continuous `scale` ramps. */
const STEP_KEYS = [
  'team_size_max',
  'team_size_min',
  'deadline_weeks_max',
  'lifetime_years_min',
  'slo_p99_ms_max',
  'live_heap_gib_min',
  'memory_budget_mib_max',
  'peak_rps_min',
  'platforms_count_min',
];

function stepKeys(condition: object): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (STEP_KEYS.includes(key)) out.push(key);
    if (Array.isArray(value))
      for (const v of value)
        if (v && typeof v === 'object') out.push(...stepKeys(v));
        else if (value && typeof value === 'object') out.push(...stepKeys(value));
  }
  return out;
}

describe('weight table: continuous and sourced (kb/weights.yaml)', () => {
  for (const rule of kb.weights.rules) {
    it(`${rule.id}: no numeric threshold in its condition, and evidence or policy`, () => {
      expect(stepKeys(rule.when)).toEqual([]);
      expect(rule.evidence.length > 0 || rule.policy).toBe(true);
    });
  }
});

describe('weight table reasons (kb/weights.yaml)', () => {
  for (const rule of kb.weights.rules) {
    it(`${rule.id}: the reason speaks to every criterion it multiplies`, () => {
      for (const criterion of Object.keys(rule.multiply) as CriterionId[]) {
        expect(rule.reason, `${rule.id} multiplies ${criterion}`).toMatch(SUBJECT[criterion]);
      }
    });
  }

  it('an I/O-bound workload does not explain memory efficiency with goroutines', () => {
    expect(rowWhy(crudApp(), 'memory_efficiency')).not.toContain('goroutines');
  });

  it('a Kubernetes target alone is not cloud-native tooling; the cloud-native domain or a control plane is', () => {
    const plain = decide(crudApp(), kb);
    expect(plain.criteria.some((r) => r.why.includes('cloud-native tooling'))).toBe(false);
    expect(checklistApplies(crudApp(), 'Interop & embedding: Go easier')).toBe(false);

    const tooling = crudApp({ domain: ['cloud-native'] });
    expect(rowWhy(tooling, 'ecosystem_fit')).toContain('cloud-native tooling');
    expect(checklistApplies(tooling, 'Interop & embedding: Go easier')).toBe(true);
    const controlPlane = crudApp({
      domain: [],
      components: [{ name: 'controller', role: 'control-plane' }],
    });
    expect(checklistApplies(controlPlane, 'Interop & embedding: Go easier')).toBe(true);
  });

  it('a tight deadline weighs a learning curve only for a team not yet strong in Rust', () => {
    const delivery = { deadline_weeks: 6 };
    const rustStrong = crudApp({ team: { size: 3, go: 'some', rust: 'strong' }, delivery });
    expect(rowWhy(rustStrong, 'development_speed')).not.toContain('learning curve');
    const rustNew = crudApp({ team: { size: 3, go: 'some', rust: 'none' }, delivery });
    expect(rowWhy(rustNew, 'development_speed')).toContain('learning curve');
  });
});

describe('checklist: team size & onboarding (kb/checklist.yaml)', () => {
  const line = 'Team size & onboarding';
  it('does not apply to a small team already strong in Rust', () => {
    expect(checklistApplies(crudApp({ team: { size: 3, go: 'some', rust: 'strong' } }), line)).toBe(false);
  });
  it('applies to a small team new to Rust and to a mixed team', () => {
    expect(checklistApplies(crudApp({ team: { size: 3, go: 'some', rust: 'none' } }), line)).toBe(true);
    expect(checklistApplies(crudApp({ team: { size: 20, go: 'strong', rust: 'some' } }), line)).toBe(true);
  });
  it('applies to a Rust-strong team with high turnover, whose newcomers must learn Rust', () => {
    const profile = crudApp({ team: { size: 3, go: 'some', rust: 'strong', turnover: 'high' } });
    expect(checklistApplies(profile, line)).toBe(true);
  });
});

describe('lean weights (decisive facts) match the explained ones', () => {
  it('gives the same raw weights with and without the explanation, on every example unit', async () => {
    const { deriveWeights } = await import('../../src/core/engine/weights.ts');
    const { componentFacts, projectFacts } = await import('../../src/core/engine/conditions.ts');
    const { loadProfiles } = await import('./load-fixtures.ts');
    const model = { stwMs: 0.5, perGibMs: 1, impliedP99Ms: 20 };
    for (const { profile } of loadProfiles('examples')) {
      const units = [
        projectFacts(profile),
        ...(profile.components ?? []).map((c) => componentFacts(profile, c)),
      ];
      for (const facts of units) {
        const full = deriveWeights(facts, kb.weights, profile.priorities, model, true);
        const lean = deriveWeights(facts, kb.weights, profile.priorities, model, false);
        expect(lean.raw).toEqual(full.raw);
      }
    }
  });
});
