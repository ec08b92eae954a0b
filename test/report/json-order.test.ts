import { describe, expect, it } from 'vitest';
import {
  decide,
  decisionKeyOrder,
  type Profile,
  renderJson,
  renderJsonInOrder,
} from '../../src/core/index.ts';
import { loadKnowledgeBase, loadProfiles } from '../engine/load-fixtures.ts';
import { loadCorpus } from '../eval/corpus.ts';

const kb = loadKnowledgeBase();

describe('the decision JSON in the key order the built CLI gets from its build', () => {
  it('is what renderJson prints, checked or not, for every example and real-decision profile', () => {
    const profiles: Profile[] = [
      ...loadProfiles('examples').map((p) => p.profile),
      ...loadCorpus().map((c) => c.profile),
    ];
    expect(profiles.length).toBeGreaterThan(80);
    // The order travels through esbuild's define as JSON.
    const order = JSON.parse(JSON.stringify(decisionKeyOrder()));
    for (const p of profiles) {
      const d = decide(p, kb, { samples: 200 });
      const printed = renderJsonInOrder(d, order);
      expect(printed, p.project.name).toBe(renderJson(d));
      expect(printed).toBe(renderJson(d, { validate: false }));
    }
  });
  it('puts keys in the contract order whatever order the engine built them in, and drops keys it does not define', () => {
    const d = decide(loadProfiles('examples')[0]?.profile as Profile, kb, { samples: 100 });
    const shuffled = Object.fromEntries(
      [...Object.entries(d), ['not_in_contract', 1] as const].reverse(),
    ) as typeof d;
    expect(renderJsonInOrder(shuffled, decisionKeyOrder())).toBe(renderJson(d));
    expect(renderJsonInOrder(shuffled, decisionKeyOrder())).not.toContain('not_in_contract');
  });
});
