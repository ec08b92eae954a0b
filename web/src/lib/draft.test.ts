/** @module Tests of the draft profile: answers plus what no question covers, slider priorities, YAML round trip, import problems. */
import { describe, expect, it } from 'vitest';
import { parseProfileValue } from '../../../src/core/index.ts';
import { composeProfile, draftFromProfile, emptyDraft } from './draft.ts';
import { importProfileText, profileToYaml } from './profile-yaml.ts';

const PROFILE = {
  version: 1,
  project: { name: 'Proxy' },
  workload: { kind: 'cpu-bound', latency_slo: { p99_ms: 5 } },
  team: { size: 6, go: 'strong', rust: 'some' },
  priorities: { development_speed: 4 },
  components: [
    { name: 'edge', role: 'data-plane', calls: [{ to: 'control', per_request: 0.01 }] },
    { name: 'control', role: 'control-plane' },
  ],
};

describe('draft', () => {
  it('keeps what no question asks about (components, priorities) through editing', () => {
    const draft = draftFromProfile(parseProfileValue(PROFILE));
    expect(Object.keys(draft.extras).sort()).toEqual(['components', 'priorities']);
    draft.answers['project.name'] = 'Proxy v2';
    const value = composeProfile(draft);
    const profile = parseProfileValue(value);
    expect(profile.project.name).toBe('Proxy v2');
    expect(profile.components?.map((c) => c.name)).toEqual(['edge', 'control']);
    expect(profile.workload.latency_slo?.p99_ms).toBe(5);
  });

  it('lays slider priorities over the profile own priorities', () => {
    const draft = draftFromProfile(parseProfileValue(PROFILE));
    const profile = parseProfileValue(composeProfile(draft, { safety_guarantees: 0.5 }));
    expect(profile.priorities).toEqual({ development_speed: 4, safety_guarantees: 0.5 });
  });

  it('starts from the questions defaults and reports the blanks as problems', () => {
    const draft = emptyDraft();
    expect(draft.answers['team.size']).toBe(5);
    expect(() => parseProfileValue(composeProfile(draft))).toThrow();
  });

  it('exports YAML that imports back to the same profile', () => {
    const profile = parseProfileValue(PROFILE);
    const again = importProfileText(profileToYaml(profile), 'round-trip.yaml');
    expect(again.ok && again.profile).toEqual(profile);
  });

  it('reports an imported file problems instead of throwing', () => {
    const result = importProfileText('version: 1\nproject: {}\n', 'bad.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain('project.name');
  });
});
