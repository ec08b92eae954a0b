import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/index.ts';
import { loadCorpus } from '../eval/corpus.ts';
import { loadKnowledgeBase, loadProfiles } from './load-fixtures.ts';

const kb = loadKnowledgeBase();

describe('decide() without decisive facts (the web app live re-runs)', () => {
  it('gives every other field exactly, for every example and every real-decision profile', () => {
    const profiles = [
      ...loadProfiles('examples').map((p) => p.profile),
      ...loadCorpus().map((c) => c.profile),
    ];
    expect(profiles.length).toBeGreaterThan(80);
    let withFacts = 0;
    for (const p of profiles) {
      // The web app's sample count: the checkpoint the decisive facts use lies inside the draws.
      const full = decide(p, kb, { samples: 1500 });
      const lean = decide(p, kb, { samples: 1500, decisiveFacts: false });
      expect(lean, p.project.name).not.toHaveProperty('decisive_facts');
      const { decisive_facts: facts, ...rest } = full;
      if ((facts ?? []).length > 0) withFacts++;
      expect(JSON.stringify(lean), p.project.name).toBe(JSON.stringify(rest));
    }
    // Most profiles have decisive facts, so the comparison leaves something out.
    expect(withFacts).toBeGreaterThan(profiles.length / 2);
  });
});
