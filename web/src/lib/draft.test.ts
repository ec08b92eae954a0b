/** @module Tests of the draft profile: answers plus what no question covers, slider priorities, YAML round trip, import problems. */
import { describe, expect, it } from 'vitest';
import { parseProfileValue } from '../../../src/core/index.ts';
import { composeProfile, draftFromProfile, emptyDraft, importProfileValue } from './draft.ts';
import {
  type ComponentValue,
  componentsOf,
  existingCodeOf,
  setExistingCodeField,
  setField,
  updateComponent,
  withExistingCode,
  withList,
} from './parts.ts';
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

/** A fork of a Go codebase beside a new prover, in a project that rewrites older TypeScript (both existing_code fields). */
const WITH_EXISTING_CODE = `version: 1
project:
  name: Chain
workload:
  kind: mixed
team:
  size: 6
  go: strong
  rust: strong
existing_code:
  language: typescript
  kloc: 80
  plan: rewrite
components:
  - name: node
    role: data-plane
    workload: io-bound
    existing_code:
      language: go
      kloc: 200
      plan: extend
    calls:
      - to: prover
        per_request: 0.01
  - name: prover
    role: hot-path
    workload: cpu-bound
    latency_critical: true
`;

describe('draft', () => {
  it("keeps existing code, the project's and a component's, from a file through the form and back to YAML", () => {
    const imported = importProfileText(WITH_EXISTING_CODE, 'chain.yaml');
    if (!imported.ok) throw new Error(imported.message);
    const { draft, profile } = imported;
    // What the form's fields show.
    expect(existingCodeOf(draft)).toEqual({ language: 'typescript', kloc: 80, plan: 'rewrite' });
    expect(componentsOf(draft).map((c) => c.existing_code)).toEqual([
      { language: 'go', kloc: 200, plan: 'extend' },
      undefined,
    ]);
    // Untouched, the form gives back the same profile, and its YAML reads as the file did.
    const again = parseProfileValue(composeProfile(draft));
    expect(again).toEqual(profile);
    const exported = importProfileText(profileToYaml(again), 'exported.yaml');
    expect(exported.ok && exported.profile).toEqual(profile);
    // Editing another field of the component, as its editor does, keeps its existing code.
    const list = componentsOf(draft);
    const edited = withList(
      draft,
      'components',
      updateComponent(list, 0, setField(list[0] as ComponentValue, 'peak_rps', 900)),
    );
    expect(parseProfileValue(composeProfile(edited)).components?.[0]).toMatchObject({
      peak_rps: 900,
      existing_code: { language: 'go', kloc: 200, plan: 'extend' },
    });
  });

  it('sets existing code field by field, and takes it out of the profile when every field is emptied', () => {
    let draft = draftFromProfile(parseProfileValue(PROFILE));
    const set = (key: 'language' | 'kloc' | 'plan', value: string | number | undefined) => {
      draft = withExistingCode(draft, setExistingCodeField(existingCodeOf(draft), key, value as never));
    };
    set('language', 'go');
    // Half filled: the profile's check names the missing plan.
    expect(importProfileValue(composeProfile(draft), 'form')).toMatchObject({
      ok: false,
      problems: [{ path: 'existing_code.plan' }],
    });
    set('plan', 'port');
    set('kloc', 40);
    expect(parseProfileValue(composeProfile(draft)).existing_code).toEqual({
      language: 'go',
      kloc: 40,
      plan: 'port',
    });
    set('kloc', undefined);
    set('language', undefined);
    set('plan', undefined);
    expect(existingCodeOf(draft)).toBeUndefined();
    expect('existing_code' in composeProfile(draft)).toBe(false);
  });

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
