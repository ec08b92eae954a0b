/** @module Property test of issue 7's continuity promise on every example and real-decision profile: a 0.1% nudge of any numeric input never flips the verdict and moves P(verdict) by at most 0.05. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type Profile } from '../../src/core/index.ts';
import { loadKnowledgeBase, loadProfiles } from './load-fixtures.ts';

const kb = loadKnowledgeBase();
const profiles = [...loadProfiles('examples'), ...loadProfiles('test/fixtures/real-decisions')];
/** Fewer draws than the default keep the test quick; the draws are common to both sides of a nudge. */
const SAMPLES = 2000;

type Path = (string | number)[];

/** Every numeric leaf of a profile (team size included: the engine treats it as a continuous quantity). */
function numericPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => numericPaths(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === 'version' ? [] : numericPaths(v, [...path, k])));
  }
  return [];
}

function nudged(profile: Profile, path: Path, factor: number): Profile {
  const copy = structuredClone(profile) as unknown as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  node[last] = (node[last] as number) * factor;
  return copy as unknown as Profile;
}

describe('continuity: a 0.1% nudge of any numeric input', () => {
  it('covers the examples and the real-decision corpus', () => {
    expect(profiles.length).toBeGreaterThanOrEqual(30);
  });

  for (const { file, profile } of profiles) {
    const paths = numericPaths(profile);
    if (paths.length === 0) continue;
    it(`${file}: never flips the verdict nor moves P(verdict) by more than 0.05`, () => {
      const base = decide(profile, kb, { samples: SAMPLES });
      for (const path of paths) {
        for (const factor of [0.999, 1.001]) {
          const d = decide(nudged(profile, path, factor), kb, { samples: SAMPLES });
          const where = `${path.join('.')} x${factor}`;
          expect(d.verdict, where).toBe(base.verdict);
          expect(Math.abs(d.probabilities[base.verdict] - base.confidence), where).toBeLessThanOrEqual(0.05);
        }
      }
    });
  }

  it('holds for random nudges of up to 0.1% on random numeric fields (fast-check)', () => {
    const withPaths = profiles
      .map((p) => ({ profile: p.profile, paths: numericPaths(p.profile) }))
      .filter((p) => p.paths.length > 0);
    fc.assert(
      fc.property(
        fc.nat({ max: withPaths.length - 1 }),
        fc.nat({ max: 1000 }),
        fc.double({ min: -0.001, max: 0.001, noNaN: true }),
        (which, pick, delta) => {
          const { profile, paths } = withPaths[which] as (typeof withPaths)[number];
          const path = paths[pick % paths.length] as Path;
          const base = decide(profile, kb, { samples: 1000 });
          const d = decide(nudged(profile, path, 1 + delta), kb, { samples: 1000 });
          expect(d.verdict).toBe(base.verdict);
          expect(Math.abs(d.probabilities[base.verdict] - base.confidence)).toBeLessThanOrEqual(0.05);
        },
      ),
      { seed: 7, numRuns: 40 },
    );
  });
});
