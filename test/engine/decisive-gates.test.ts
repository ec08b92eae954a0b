/** @module The decisive facts see a soft gate at its edge: a memory budget that holds its gate in about half of the draws moves the verdict's probability, and is listed, whichever way it points. */
import { describe, expect, it } from 'vitest';
import { profileOf } from '../../src/core/engine/kb-fixture.test-helpers.ts';
import { adrTitle, decide, renderAdr } from '../../src/core/index.ts';
import { loadKnowledgeBase } from './load-fixtures.ts';

const kb = loadKnowledgeBase();

describe('decisive facts near a soft gate', () => {
  it('lists a memory budget at the edge of its gate, which costs the verdict about half its probability', () => {
    // A trial's profile: the parser's budget (2,052 MiB) is just what Go would need for its 1 GiB heap.
    const d = decide(
      profileOf({
        project: { name: 'Observability agent' },
        workload: { kind: 'mixed' },
        team: { size: 6, go: 'strong', rust: 'some' },
        targets: ['server', 'kubernetes'],
        domain: ['observability'],
        components: [
          {
            name: 'collector',
            role: 'worker',
            workload: 'io-bound',
            calls: [{ to: 'parser', per_request: 200 }],
          },
          { name: 'parser', role: 'worker', workload: 'io-bound', memory_budget_mib: 2052, live_heap_gib: 1 },
        ],
      }),
      kb,
    );
    const budget = d.decisive_facts?.find((f) => f.path === 'components[1].memory_budget_mib');
    // Until 2026-12-07 the screen counted a soft gate only where it held nominally, and left this fact out while
    // listing facts worth a few points.
    expect(budget, JSON.stringify(d.decisive_facts)).toBeDefined();
    expect(Math.abs(budget?.probability_change ?? 0)).toBeGreaterThan(0.2);
    expect(budget?.favors).toBe('rust');
    // The ADR names the tie the draws show: Go against Hybrid (Rust holds 3%), and which component is in doubt.
    expect(d.probabilities.rust).toBeLessThan(0.1);
    expect(adrTitle(d)).toBe('Go or Hybrid for Observability agent: a tie for the team to break');
    const adr = renderAdr(d, { date: '2026-12-07' }).replace(/\s+/g, ' ');
    expect(adr).toMatch(
      /The draws split between Go \(\d+%\) and Hybrid \(\d+%\): the language of "parser" is what is in doubt/,
    );
  });
});
