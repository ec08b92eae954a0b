import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile/schema.ts';
import { memoRatings, type RatingsMemo } from './decide.ts';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';
import { readParameters } from './parameters.ts';
import { deriveRatings, type Ratings } from './ratings.ts';

const kb = engineKnowledgeBase();
const params = readParameters(kb);

describe('memoRatings (the ratings decisive facts re-derive)', () => {
  it('reuses ratings only while every profile field they read is unchanged, and equals a fresh derivation', () => {
    const memo: RatingsMemo[] = [];
    let derived = 0;
    const rate = (profile: Profile) =>
      memoRatings(memo, profile, undefined, (p) => {
        derived++;
        return deriveRatings(p, kb, params);
      });
    const base = profileOf({ team: { size: 6, go: 'strong', rust: 'none' } });
    const first = rate(base);
    // A fact the ratings do not read (the workload) leaves them as they were: the same object, no new derivation.
    const otherWorkload = { ...base, workload: { ...base.workload, kind: 'cpu-bound' as const } };
    expect(rate(otherWorkload)).toBe(first);
    expect(derived).toBe(1);
    // The team's experience moves them: derived again, and equal to what deriveRatings gives.
    const otherTeam = { ...base, team: { ...base.team, go: 'some' as const } };
    const second = rate(otherTeam);
    expect(derived).toBe(2);
    expect(second).toEqual(deriveRatings(otherTeam, kb, params));
    expect(second).not.toEqual(first);
    for (const profile of [base, otherWorkload, otherTeam])
      expect(rate(profile)).toEqual(deriveRatings(profile, kb, params));
    expect(derived).toBe(2);
  });

  it('keys a derivation that enumerates the profile by all of it', () => {
    const memo: RatingsMemo[] = [];
    const ratings = deriveRatings(profileOf(), kb, params);
    const keysRead = (profile: Profile): Ratings => {
      Object.keys(profile);
      return ratings;
    };
    const base = profileOf();
    memoRatings(memo, base, undefined, keysRead);
    expect(memo[0]?.fields).toBeUndefined();
    let derived = 0;
    const count = (p: Profile) => {
      derived++;
      return keysRead(p);
    };
    memoRatings(memo, { ...base, workload: { ...base.workload, kind: 'cpu-bound' } }, undefined, count);
    expect(derived).toBe(1);
  });
});
