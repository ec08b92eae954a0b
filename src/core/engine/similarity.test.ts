import { describe, expect, it } from 'vitest';
import { projectFacts } from './conditions.ts';
import { engineKnowledgeBase, profileOf } from './kb-fixture.test-helpers.ts';
import { readParameters } from './parameters.ts';
import { similarProjects } from './similarity.ts';

const kb = engineKnowledgeBase();
const params = readParameters(kb);

describe('similarProjects', () => {
  it('puts the case study sharing the most traits first, with its language and source', () => {
    const facts = projectFacts(
      profileOf({
        workload: { kind: 'cpu-bound' },
        team: { size: 2, go: 'some', rust: 'strong' },
        targets: ['cli'],
        domain: ['search', 'cli-tool'],
      }),
    );
    const found = similarProjects(kb.projects, facts, params);
    expect(found[0]).toMatchObject({
      name: 'ripgrep',
      languages: ['rust'],
      source: 'https://github.com/BurntSushi/ripgrep',
    });
    expect(found[0]?.similarity).toBeGreaterThan(found[1]?.similarity ?? 0);
  });
  it('leaves out projects below the similarity floor', () => {
    const facts = projectFacts(
      profileOf({ workload: { kind: 'mixed' }, targets: ['wasm-browser'], domain: ['game-engine'] }),
    );
    expect(similarProjects(kb.projects, facts, params)).toEqual([]);
  });
});
