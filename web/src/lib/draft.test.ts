/** @module Tests of the draft profile: answers plus what no question covers, slider priorities, YAML round trip, import problems. */
import { describe, expect, it } from 'vitest';
import { ownTeamWords, parseProfileValue } from '../../../src/core/index.ts';
import { composeProfile, draftFromProfile, emptyDraft, importProfileValue, withPriorities } from './draft.ts';
import { decodeShare, encodeShare, readStoredDraft, storeDraft } from './draft-store.ts';
import {
  type ComponentValue,
  componentsOf,
  existingCodeOf,
  setField,
  setOptionalField,
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

/** A Go shop whose data plane is owned by a Rust team, and a component whose team states one level only. */
const WITH_COMPONENT_TEAM = `version: 1
project:
  name: Mesh
workload:
  kind: mixed
team:
  size: 12
  go: strong
  rust: some
components:
  - name: control
    role: control-plane
    workload: io-bound
    calls:
      - to: proxy
        per_request: 0.01
  - name: proxy
    role: data-plane
    workload: cpu-bound
    latency_critical: true
    team:
      go: none
      rust: strong
  - name: cli
    role: cli
    team:
      rust: none
`;

describe('draft', () => {
  it("keeps a component's own team from a file through the form, storage, a link and back to YAML", () => {
    const imported = importProfileText(WITH_COMPONENT_TEAM, 'mesh.yaml');
    if (!imported.ok) throw new Error(imported.message);
    const { draft, profile } = imported;
    // What the form's fields and summary lines show; the project's team questions keep the project's levels.
    expect(componentsOf(draft).map((c) => c.team)).toEqual([
      undefined,
      { go: 'none', rust: 'strong' },
      { rust: 'none' },
    ]);
    expect(componentsOf(draft).map((c) => ownTeamWords(c.team))).toEqual([
      undefined,
      'Go none, Rust strong',
      'Rust none',
    ]);
    expect([draft.answers['team.go'], draft.answers['team.rust']]).toEqual(['strong', 'some']);
    // Untouched, the form gives back the same profile, and its YAML reads as the file did.
    const again = parseProfileValue(composeProfile(draft));
    expect(again).toEqual(profile);
    const exported = importProfileText(profileToYaml(again), 'exported.yaml');
    expect(exported.ok && exported.profile).toEqual(profile);
    expect(profileToYaml(again)).toContain('    team:\n      go: none\n      rust: strong\n');
    // A reload (the draft kept in storage) and a share link keep it too.
    const memory = new Map<string, string>();
    storeDraft({ draft, overrides: {} }, { setItem: (key: string, value: string) => memory.set(key, value) });
    const kept = readStoredDraft({ getItem: (key: string) => memory.get(key) ?? null });
    expect(kept && parseProfileValue(composeProfile(kept.draft))).toEqual(profile);
    const shared = importProfileValue(decodeShare(encodeShare(composeProfile(draft))), 'link');
    expect(shared.ok && shared.profile).toEqual(profile);
    // Editing the project's team, or another field of the component, keeps the component's own team.
    const list = componentsOf(draft);
    const edited = withList(
      { ...draft, answers: { ...draft.answers, 'team.rust': 'none' } },
      'components',
      updateComponent(list, 1, setField(list[1] as ComponentValue, 'peak_rps', 50_000)),
    );
    const editedProfile = parseProfileValue(composeProfile(edited));
    expect(editedProfile.team.rust).toBe('none');
    expect(editedProfile.components?.[1]).toMatchObject({
      peak_rps: 50_000,
      team: { go: 'none', rust: 'strong' },
    });
    expect(editedProfile.components?.[2]?.team).toEqual({ rust: 'none' });
  });

  it("sets a component's team level by level, and takes it out of the profile when both are blank", () => {
    let draft = draftFromProfile(parseProfileValue(PROFILE));
    const set = (key: 'go' | 'rust', level: string | undefined) => {
      const list = componentsOf(draft);
      const edge = list[0] as ComponentValue;
      draft = withList(
        draft,
        'components',
        updateComponent(list, 0, setField(edge, 'team', setOptionalField(edge.team, key, level))),
      );
    };
    set('rust', 'strong');
    expect(parseProfileValue(composeProfile(draft)).components?.[0]?.team).toEqual({ rust: 'strong' });
    set('go', 'none');
    expect(parseProfileValue(composeProfile(draft)).components?.[0]?.team).toEqual({
      rust: 'strong',
      go: 'none',
    });
    set('rust', undefined);
    set('go', undefined);
    expect(componentsOf(draft)[0]).not.toHaveProperty('team');
    expect(parseProfileValue(composeProfile(draft)).components?.[0]?.team).toBeUndefined();
    // A level the profile does not know is named at its path when the draft is checked.
    const list = componentsOf(draft);
    draft = withList(
      draft,
      'components',
      updateComponent(list, 0, { ...(list[0] as ComponentValue), team: { go: 'expert' } }),
    );
    expect(importProfileValue(composeProfile(draft), 'form')).toMatchObject({
      ok: false,
      problems: [{ path: 'components[0].team.go' }],
    });
  });

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
      draft = withExistingCode(draft, setOptionalField(existingCodeOf(draft), key, value as never));
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

describe('withPriorities', () => {
  it("lays slider priorities over the profile's and, with stakeholders, over every stakeholder's (the group's what-if)", () => {
    const value = {
      priorities: { onboarding: 2 },
      stakeholders: [
        { name: 'Ana', priorities: { interop: 5, development_speed: 1 } },
        { name: 'Ben', priorities: {} },
      ],
    };
    const out = withPriorities(value, { development_speed: 4 });
    expect(out.priorities).toEqual({ onboarding: 2, development_speed: 4 });
    expect(out.stakeholders).toEqual([
      { name: 'Ana', priorities: { interop: 5, development_speed: 4 } },
      { name: 'Ben', priorities: { development_speed: 4 } },
    ]);
    // Nothing moved: the value itself, untouched.
    expect(withPriorities(value, {})).toBe(value);
    expect(value.stakeholders[0]?.priorities.development_speed).toBe(1);
  });
});
