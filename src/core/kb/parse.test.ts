/** @module Tests of parseKnowledgeBase(): a valid KB parses; every kind of problem is reported with file and record path. */
import { describe, expect, it } from 'vitest';
import { type InputProblem, UserError } from '../errors.ts';
import { CRITERION_IDS } from '../profile/vocabulary.ts';
import { minimalKnowledgeBase, recordOf, toTexts } from './kb-fixtures.test-helpers.ts';
import { type KnowledgeBaseTexts, parseKnowledgeBase } from './parse.ts';

function problemsOf(texts: KnowledgeBaseTexts): InputProblem[] {
  try {
    parseKnowledgeBase(texts);
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  throw new Error('expected parseKnowledgeBase to throw');
}

describe('parseKnowledgeBase', () => {
  it('parses a valid knowledge base and fills defaults', () => {
    const kb = parseKnowledgeBase(toTexts(minimalKnowledgeBase()));
    expect(kb.criteria).toHaveLength(12);
    expect(kb.evidence[0]?.claims).toEqual([]);
    expect(kb.projects[0]?.traits.roles).toEqual([]);
    expect(kb.caveats[0]?.when).toEqual({});
    expect(kb.boundaries.map((b) => b.mechanism)).toEqual(['ffi', 'grpc', 'service']);
  });

  it('reports a missing file by name', () => {
    const texts = toTexts(minimalKnowledgeBase());
    delete texts.weights;
    delete texts.parameters;
    const problems = problemsOf(texts);
    expect(problems.map((p) => p.path)).toEqual(['weights.yaml', 'parameters.yaml']);
    expect(problems[0]?.message).toBe('the knowledge base file weights.yaml is missing');
  });

  it('reports an unknown key with its record path and a suggestion', () => {
    const kb = minimalKnowledgeBase();
    recordOf(kb, 'evidence', 0).organization = 'typo';
    expect(problemsOf(toTexts(kb))).toEqual([
      expect.objectContaining({
        path: 'evidence.yaml[0](gc-guide).organization',
        found: 'unknown key organization',
        suggestion: 'did you mean organisation?',
      }),
    ]);
  });

  it('suggests keys inside nested and recursive shapes (project traits, conditions)', () => {
    const kb = minimalKnowledgeBase();
    recordOf(kb, 'checklist', 0).when = { any_of: [{ workloads: ['cpu-bound'] }] };
    recordOf(kb, 'projects', 0).traits = { ...(recordOf(kb, 'projects', 0).traits as object), team: 'large' };
    expect(problemsOf(toTexts(kb)).map((p) => [p.path, p.suggestion])).toEqual([
      ['projects.yaml[0](kubernetes).traits.team', 'did you mean team_size?'],
      ['checklist.yaml[0](latency).when.any_of[0].workloads', 'did you mean workload?'],
    ]);
  });

  it('reports a dangling evidence id with a suggestion', () => {
    const kb = minimalKnowledgeBase();
    recordOf(kb, 'claims', 0).evidence = ['gc-guid'];
    expect(problemsOf(toTexts(kb))).toEqual([
      {
        path: 'claims.yaml[0](go-con-gc).evidence[0]',
        expected: 'the id of a record in evidence.yaml',
        found: 'gc-guid, which no evidence record has',
        message: 'unknown evidence id gc-guid',
        suggestion: 'did you mean gc-guide?',
      },
    ]);
  });

  it('reports a criterion that cites evidence whose record does not list it (QA: ecosystem fit cited a survey about onboarding)', () => {
    const kb = minimalKnowledgeBase();
    recordOf(kb, 'evidence', 0).criteria = ['latency_predictability', 'onboarding'];
    const problems = problemsOf(toTexts(kb)).filter((p) => p.path.startsWith('criteria.yaml'));
    // Every criterion but these two cites gc-guide and is named.
    expect(problems.map((p) => p.path)).toHaveLength(CRITERION_IDS.length - 2);
    expect(problems[0]).toMatchObject({
      expected: `evidence that concerns ${CRITERION_IDS.find((c) => c !== 'latency_predictability' && c !== 'onboarding')}`,
      found: 'gc-guide, about latency_predictability, onboarding',
    });
  });

  it('reports a dangling claim id', () => {
    const kb = minimalKnowledgeBase();
    recordOf(kb, 'checklist', 0).claim = 'nope';
    expect(problemsOf(toTexts(kb)).map((p) => [p.path, p.message])).toEqual([
      ['checklist.yaml[0](latency).claim', 'unknown claim id nope'],
    ]);
  });

  it('reports duplicate ids and missing criteria', () => {
    const kb = minimalKnowledgeBase();
    recordOf(kb, 'criteria', 1).id = recordOf(kb, 'criteria', 0).id;
    const problems = problemsOf(toTexts(kb));
    expect(problems.map((p) => p.message)).toEqual([
      'duplicate id runtime_performance',
      'missing criterion latency_predictability',
    ]);
    expect(problems[0]?.path).toBe('criteria.yaml[1](runtime_performance).id');
  });

  it('reports a missing boundary mechanism', () => {
    const kb = minimalKnowledgeBase();
    kb.boundaries = (kb.boundaries as { mechanism: string }[]).filter((b) => b.mechanism !== 'grpc');
    expect(problemsOf(toTexts(kb)).map((p) => p.message)).toEqual(['missing boundary mechanism grpc']);
  });

  it('reports bad YAML with the line and column', () => {
    const texts = toTexts(minimalKnowledgeBase());
    texts.tips = '- id: a\n  text: [unclosed\n';
    const problems = problemsOf(texts);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => /^tips\.yaml:\d+:\d+$/.test(p.path))).toBe(true);
  });

  it('rejects custom tags and alias bombs', () => {
    const texts = toTexts(minimalKnowledgeBase());
    texts.tips = '- id: a\n  text: !!js/function "return 1"\n';
    const bomb = ['a: &a [x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b]'];
    texts.parameters = `${bomb.join('\n')}\nd: [*c, *c, *c, *c, *c]\n`;
    const problems = problemsOf(texts);
    expect(problems.map((p) => p.path)).toEqual(['tips.yaml:2:9', 'parameters.yaml']);
    expect(problems[1]?.found).toBe('excessive or unresolved aliases');
  });

  it('collects problems from every file at once, with enum suggestions', () => {
    const kb = minimalKnowledgeBase();
    recordOf(kb, 'evidence', 0).confidence = 'hgh';
    recordOf(kb, 'projects', 0).year = 'recent';
    const problems = problemsOf(toTexts(kb));
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'evidence.yaml[0](gc-guide).confidence',
        found: '"hgh"',
        suggestion: 'did you mean high?',
      }),
      expect.objectContaining({
        path: 'projects.yaml[0](kubernetes).year',
        expected: 'number',
        found: '"recent"',
      }),
    ]);
  });

  it('reports an empty file', () => {
    const texts = toTexts(minimalKnowledgeBase());
    texts.caveats = '# nothing\n';
    expect(problemsOf(texts).map((p) => [p.path, p.found])).toEqual([['caveats.yaml', 'an empty file']]);
  });
});
