import { describe, expect, it } from 'vitest';
import { evaluateChecklist } from './checklist.ts';
import { componentFacts, projectFacts } from './conditions.ts';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';

const kb = engineKnowledgeBase();

describe('evaluateChecklist', () => {
  it('evaluates every line: applies, which way, why, and the facts that made it apply', () => {
    const rows = evaluateChecklist(
      kb.checklist,
      projectFacts(profileOf({ delivery: { deadline_weeks: 8 } })),
      [],
    );
    expect(rows).toEqual([
      {
        item: 'Speed of development & maintainability: Go',
        applies: true,
        favors: 'go',
        why: 'the deadline is tight',
        // Of the line's alternatives (a deadline of 12 weeks or less, a prototype first) only the one that holds.
        facts: [{ path: 'delivery.deadline_weeks', value: 8 }],
      },
      {
        item: 'CPU-bound, safety-critical code: Rust',
        applies: false,
        favors: 'rust',
        why: 'the work is not CPU-bound',
      },
    ]);
  });
  it('applies a line through a component and names it', () => {
    const profile = profileOf({
      components: [
        { name: 'api', role: 'api' },
        { name: 'codec', role: 'hot-path', workload: 'cpu-bound' },
      ],
    });
    const rows = evaluateChecklist(
      kb.checklist,
      projectFacts(profile),
      (profile.components ?? []).map((c) => componentFacts(profile, c)),
    );
    expect(rows[1]).toEqual({
      item: 'CPU-bound, safety-critical code: Rust',
      applies: true,
      favors: 'rust',
      why: 'the work is CPU-bound (applies to component codec)',
      facts: [{ path: 'components[1].workload', value: 'cpu-bound' }],
    });
  });
  it('names the facts of every alternative that holds', () => {
    const profile = profileOf({
      delivery: { deadline_weeks: 10, prototype_first: true },
      components: [
        { name: 'a', role: 'api' },
        { name: 'b', role: 'worker' },
      ],
    });
    const rows = evaluateChecklist(kb.checklist, projectFacts(profile), []);
    expect(rows[0]?.facts).toEqual([
      { path: 'delivery.deadline_weeks', value: 10 },
      { path: 'delivery.prototype_first', value: true },
    ]);
    const noDeadline = profileOf({ components: [{ name: 'a', role: 'api' }] });
    const none = evaluateChecklist(kb.checklist, projectFacts(noDeadline), []);
    expect(none[0]).toMatchObject({ applies: false });
    expect(none[0]).not.toHaveProperty('facts');
  });
  it('names a project fact once when the line applies through several components', () => {
    const item = kb.checklist[1];
    if (item === undefined) throw new Error('the fixture has two checklist lines');
    const both = { ...item, when: { workload: ['cpu-bound' as const], safety_critical: true } };
    const profile = profileOf({
      safety_critical: true,
      components: [
        { name: 'codec', role: 'hot-path', workload: 'cpu-bound' },
        { name: 'hasher', role: 'worker', workload: 'cpu-bound' },
      ],
    });
    const [row] = evaluateChecklist(
      [both],
      projectFacts(profile),
      (profile.components ?? []).map((c) => componentFacts(profile, c)),
    );
    expect(row?.facts).toEqual([
      { path: 'components[0].workload', value: 'cpu-bound' },
      { path: 'safety_critical', value: true },
      { path: 'components[1].workload', value: 'cpu-bound' },
    ]);
  });
});
