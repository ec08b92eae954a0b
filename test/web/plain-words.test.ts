/** @module Tests of the form's plain-words problems: what the schema says about a field, as a sentence for the person filling it in. */
import { describe, expect, it } from 'vitest';
import { parseProfileValue, UserError } from '../../src/core/index.ts';
import { plainProblem } from '../../web/src/lib/plain-words.ts';

function problemsOf(value: unknown) {
  try {
    parseProfileValue(value, 'form');
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  return [];
}

const base = {
  version: 1,
  project: { name: 'Gateway' },
  workload: { kind: 'io-bound' },
  team: { size: 4, go: 'strong', rust: 'none' },
};

describe('plainProblem', () => {
  it('names the unit of a bad number instead of the schema wording', () => {
    const [problem] = problemsOf({ ...base, workload: { kind: 'io-bound', latency_slo: { p99_ms: -1 } } });
    expect(problem?.path).toBe('workload.latency_slo.p99_ms');
    expect(plainProblem(problem as never)).toBe('Enter a number of milliseconds (more than 0).');
  });

  it('explains a p99.9 target below the p99 one', () => {
    const [problem] = problemsOf({
      ...base,
      workload: { kind: 'io-bound', latency_slo: { p99_ms: 20, p999_ms: 5 } },
    });
    expect(plainProblem(problem as never)).toBe('Enter a p99.9 target at least as long as the p99 target.');
  });

  it('words component problems: a blank name, a bad call rate, a duplicate name', () => {
    const problems = problemsOf({
      ...base,
      components: [
        { name: 'api', role: 'api', calls: [{ to: 'api', per_request: -2 }] },
        { name: 'api', role: 'worker' },
        { name: '', role: 'worker' },
      ],
    });
    const byPath = new Map(problems.map((p) => [p.path, plainProblem(p)]));
    expect(byPath.get('components[0].calls[0].per_request')).toBe(
      'Enter how many calls it makes per request (0 or more).',
    );
    expect(byPath.get('components[2].name')).toBe('Enter a name.');
    expect(byPath.get('components[1].name')).toMatch(
      /^Component names must be unique.*choose another name\.$/,
    );
  });

  it('asks for a missing answer without schema words', () => {
    const problems = problemsOf({ version: 1, workload: { kind: 'io-bound' }, team: base.team });
    expect(problems.map(plainProblem)).toEqual(['Enter a name.']);
  });

  it('asks for a missing number by what it holds, as a number out of range is asked for', () => {
    const problems = problemsOf({ ...base, team: { go: 'strong', rust: 'none' } });
    expect(problems.map((p) => [p.path, plainProblem(p)])).toEqual([
      ['team.size', 'Enter a whole number of engineers (at least 1).'],
    ]);
  });
});
