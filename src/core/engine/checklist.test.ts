import { describe, expect, it } from 'vitest';
import { evaluateChecklist } from './checklist.ts';
import { componentFacts, projectFacts } from './conditions.ts';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';

const kb = engineKnowledgeBase();

describe('evaluateChecklist', () => {
  it('evaluates every line: applies, which way, why', () => {
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
    });
  });
});
