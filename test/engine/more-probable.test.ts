/** @module The close-call tip: when the central verdict is not the most probable one it names the verdict the draws favour, and a verdict at the edge of a weight is called so. */
import { describe, expect, it } from 'vitest';
import { roundTo } from '../../src/core/engine/numbers.ts';
import { decide, VERDICTS, type Verdict } from '../../src/core/index.ts';
import { loadCorpus } from '../eval/corpus.ts';
import { loadKnowledgeBase, loadProfiles } from './load-fixtures.ts';

const kb = loadKnowledgeBase();
const WORDS: Record<Verdict, string> = { go: 'Go throughout', rust: 'Rust throughout', hybrid: 'A hybrid' };

describe('the close-call tip, when another verdict is more probable than the central one', () => {
  const profiles = [...loadProfiles('examples').map((p) => p.profile), ...loadCorpus().map((c) => c.profile)];
  const decisions = profiles.map((p) => decide(p, kb, { decisiveFacts: false }));

  it('names that verdict and its share of the draws, and only then', () => {
    let named = 0;
    for (const d of decisions) {
      const p = d.probabilities as Record<Verdict, number>;
      const best = VERDICTS.reduce((a, b) => (p[b] > p[a] ? b : a));
      const said = d.tips.filter((t) => t.includes('is more probable ('));
      if (p[best] > p[d.verdict]) {
        named++;
        expect(said, d.project?.name).toHaveLength(1);
        expect(said[0]).toContain(
          // The tip's own rounding (0.5055 is 50.6%, which Math.round(505.49999...) would make 50.5).
          `${WORDS[best]} is more probable (${roundTo(p[best] * 100, 1)}% of the draws)`,
        );
      } else {
        expect(said, d.project?.name).toEqual([]);
      }
    }
    // BuildBuddy: a hybrid by its central margins, Go throughout in just over half the draws (Grafana Mimir was,
    // until team size stopped thinning a "none" experience penalty on 2026-12-07).
    expect(named).toBeGreaterThan(0);
  });

  it('never says a weight moves from a value to the same value: a verdict at the edge is called so', () => {
    const same = decisions.flatMap((d) => d.tips).filter((t) => /moves from (\S+) to \1\./.test(t));
    expect(same).toEqual([]);
    const i = profiles.findIndex((p) => p.project.name.toLowerCase().includes('buildbuddy'));
    expect(decisions[i]?.tips.join(' ')).toMatch(
      /The verdict is at the edge: it flips within 0.1 point of the weight of \w/,
    );
  });

  it('says so for BuildBuddy, whose central margins give a hybrid', () => {
    const i = profiles.findIndex((p) => p.project.name.toLowerCase().includes('buildbuddy'));
    const d = decisions[i];
    expect(d?.verdict).toBe('hybrid');
    expect(d?.tips.join(' ')).toMatch(
      /Go throughout is more probable \(5\d(\.\d)?% of the draws\) than this verdict\./,
    );
  });
});
