import { describe, expect, it } from 'vitest';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';
import { readParameters } from './parameters.ts';
import { deriveRatings, experienceScale } from './ratings.ts';

const kb = engineKnowledgeBase();
const params = readParameters(kb);

describe('deriveRatings', () => {
  it('shifts the experience criteria by each language level and says so', () => {
    const r = deriveRatings(profileOf({ team: { size: 3, go: 'strong', rust: 'none' } }), kb, params);
    expect(r.development_speed).toMatchObject({ go: 9, rust: 4.5 });
    expect(r.development_speed.experience?.text).toBe('team experience: Go strong (+1), Rust none (-2)');
    expect(r.build_speed).toMatchObject({ go: 9, rust: 4, experience: undefined });
  });
  it("thins a fluent team's lead as the team grows, but not a team's lack of any fluency", () => {
    const experience = {
      ...kb.weights.experience,
      half_at_team_size: 200,
      turnover_factor: { low: 1, medium: 0.85, high: 0.6 },
    };
    const at = (size: number, turnover: 'low' | 'high' = 'low') =>
      profileOf({ team: { size, go: 'strong', rust: 'none', turnover } });
    expect(experienceScale(at(201), experience, 'strong')).toBe(0.5);
    expect(experienceScale(at(201), experience, 'some')).toBe(0.5);
    // A 1,000-person team with no one fluent in Rust kept 14% of its penalty until 2026-12-07.
    expect(experienceScale(at(1000), experience, 'none')).toBe(1);
    expect(experienceScale(at(1000, 'high'), experience, 'none')).toBe(0.6);
  });
  it('keeps ratings within 0..10', () => {
    const r = deriveRatings(profileOf({ team: { size: 3, go: 'strong', rust: 'none' } }), kb, params, {
      run_id: 'r',
      environment: 'e',
      build: {
        go: { clean_s: 1, incremental_s: 0.5, binary_mib: 8 },
        rust: { clean_s: 100, incremental_s: 50, binary_mib: 4 },
        cross: [],
      },
    });
    expect(r.build_speed.go).toBeLessThanOrEqual(10);
    expect(r.build_speed.rust).toBeGreaterThanOrEqual(0);
  });
  it('skips figures a quick lab run did not measure (NaN clean build)', () => {
    const r = deriveRatings(profileOf(), kb, params, {
      run_id: 'quick',
      environment: 'e',
      build: {
        go: { clean_s: Number.NaN, incremental_s: 1, binary_mib: 8 },
        rust: { clean_s: Number.NaN, incremental_s: 4, binary_mib: 4 },
        cross: [],
      },
    });
    // Only the incremental build counts: 4x -> a 4-point gap around the prior midpoint 6.5.
    expect(r.build_speed).toMatchObject({ go: 8.5, rust: 4.5 });
    expect(r.build_speed.measured).not.toContain('clean');
  });
  it('replaces a prior by the measured ratio around its midpoint, with the figures', () => {
    const r = deriveRatings(profileOf(), kb, params, {
      run_id: 'run-7',
      environment: 'ci box',
      cpu: [
        { kernel: 'nbody', go_s: 2, rust_s: 1 },
        { kernel: 'json', go_s: 1, rust_s: 1 },
      ],
    });
    // Geometric mean ratio sqrt(2) -> gap 2 x 0.5 = 1 point around the prior midpoint 7.75.
    expect(r.runtime_performance).toMatchObject({ go: 7.25, rust: 8.25 });
    expect(r.runtime_performance.measured).toBe(
      'measured on this machine: nbody Go 2.00 s vs Rust 1.00 s; json Go 1.00 s vs Rust 1.00 s (lab run run-7, ci box)',
    );
    expect(r.latency_predictability.measured).toBeUndefined();
  });
  it('says per criterion whether a lab run replaced the prior or kept it beside a comparison that is not significant', () => {
    const r = deriveRatings(profileOf(), kb, params, {
      run_id: 'run-8',
      environment: 'e',
      cpu: [{ kernel: 'nbody', go_s: 2, rust_s: 1 }],
      not_significant: [
        {
          criteria: ['latency_predictability', 'runtime_performance'],
          text: 'http-json Go p99 3 ms vs Rust 2 ms, p = 0.2: no significant difference; the prior is kept',
        },
      ],
    });
    const prior = kb.criteria.find((c) => c.id === 'latency_predictability');
    // Not significant: the prior stands, exactly, and the comparison is shown beside it.
    expect(r.latency_predictability).toMatchObject({
      go: prior?.go.rating,
      rust: prior?.rust.rating,
      measured: undefined,
      lab: {
        use: 'prior_kept',
        prior: { go: prior?.go.rating, rust: prior?.rust.rating },
        used: [],
        not_significant: [expect.stringContaining('p = 0.2')],
      },
    });
    // A significant kernel replaced runtime_performance's prior; the other comparison is listed beside it.
    expect(r.runtime_performance.lab).toMatchObject({
      use: 'replaced',
      prior: { go: 6.5, rust: 9 },
      // A 2x ratio -> a 2-point gap around the prior midpoint 7.75.
      measured: { go: 6.75, rust: 8.75 },
      used: ['nbody Go 2.00 s vs Rust 1.00 s'],
      not_significant: [expect.stringContaining('http-json')],
    });
    expect(r.build_speed.lab).toBeUndefined();
  });
});
