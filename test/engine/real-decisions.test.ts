import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/index.ts';
import { loadKnowledgeBase, loadProfiles } from './load-fixtures.ts';

const kb = loadKnowledgeBase();
const cases = loadProfiles('test/fixtures/real-decisions');

/** Share of all cases, documented misses included, that must come out as the team decided. */
const MIN_ACCURACY = 0.9;

// A holdout set: real, sourced decisions the mapping was not written for. Every case must come out as the team
// decided, except documented misses (`# known_miss:` with the reason); a miss is fixed in the knowledge base or the
// weight mapping for a reason that holds in general, never with a special case.
describe('real decisions (holdout set)', () => {
  it('has sourced cases with an expected verdict', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const c of cases) {
      expect(c.source, c.file).toMatch(/^https:\/\//);
      expect(['go', 'rust', 'hybrid'], c.file).toContain(c.expected);
    }
  });

  it(`gets at least ${MIN_ACCURACY * 100}% of all cases right, documented misses included`, () => {
    const right = cases.filter((c) => decide(c.profile, kb).verdict === c.expected).length;
    expect(right / cases.length).toBeGreaterThanOrEqual(MIN_ACCURACY);
  });

  for (const c of cases) {
    if (c.knownMiss !== undefined) {
      it(`${c.profile.project.name}: documented miss (expected ${c.expected})`, () => {
        // Still a miss; when a general change fixes it, drop the known_miss comment.
        expect(decide(c.profile, kb).verdict).not.toBe(c.expected);
      });
      continue;
    }
    it(`${c.profile.project.name}: ${c.expected}`, () => {
      const d = decide(c.profile, kb);
      expect(d.verdict).toBe(c.expected);
      if (c.expectedBoundary !== undefined) {
        expect(d.boundaries.map((b) => b.mechanism)).toContain(c.expectedBoundary);
      }
    });
  }
});
