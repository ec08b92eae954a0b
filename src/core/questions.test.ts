/** @module Tests of the shared questionnaire: every answer lands in a valid profile, and every question maps to a real profile field. */
import { describe, expect, it } from 'vitest';
import { parseProfileValue, profileJsonSchema } from './profile/parse.ts';
import {
  answersToProfile,
  COMPONENT_TEAM_QUESTIONS,
  EXISTING_CODE_QUESTIONS,
  profileToAnswers,
  QUESTIONS,
  type Question,
  validateAnswer,
} from './questions.ts';

const question = (id: string): Question => {
  const found = QUESTIONS.find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};

const REQUIRED_ONLY = {
  'project.name': 'Read states',
  'workload.kind': 'io-bound',
  'team.size': '8',
  'team.go': 'strong',
  'team.rust': 'some',
};

describe('QUESTIONS', () => {
  it('has unique ids equal to their dotted paths', () => {
    const ids = QUESTIONS.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of QUESTIONS) expect(q.id).toBe(q.path.join('.'));
  });

  it('points every question at a field of the profile JSON Schema, with the same choices', () => {
    const schema = profileJsonSchema() as { properties: Record<string, unknown> };
    for (const q of QUESTIONS) {
      let node:
        | { properties?: Record<string, unknown>; enum?: string[]; items?: { enum?: string[] } }
        | undefined = schema;
      for (const key of q.path) node = node?.properties?.[key] as typeof node;
      expect(node, q.id).toBeDefined();
      const choices = node?.enum ?? node?.items?.enum;
      if ((q.kind === 'select' || q.kind === 'multiselect') && choices) {
        expect(
          q.options?.map((o) => o.value),
          q.id,
        ).toEqual(choices);
      }
    }
  });
});

describe('EXISTING_CODE_QUESTIONS', () => {
  it("points at existing_code's fields, project and component alike, with the same choices and plain words per plan", () => {
    const schema = profileJsonSchema() as {
      properties: Record<string, { properties?: Record<string, { enum?: string[] }> }>;
    };
    const project = schema.properties.existing_code?.properties ?? {};
    for (const q of Object.values(EXISTING_CODE_QUESTIONS)) {
      const node = project[q.id];
      expect(node, q.id).toBeDefined();
      if (q.kind === 'select') expect(q.options.map((o) => o.value)).toEqual(node?.enum);
    }
    expect(EXISTING_CODE_QUESTIONS.plan.options.map((o) => `${o.value}: ${o.hint}`)).toEqual([
      'port: translate it file by file, keeping its structure',
      'rewrite: redesign it from scratch',
      'extend: keep it and add to it',
    ]);
    expect(EXISTING_CODE_QUESTIONS.language.options.find((o) => o.value === 'cpp')?.label).toBe('C++');
    expect(validateAnswer(EXISTING_CODE_QUESTIONS.kloc, '0')).toBe(
      'Enter a size in thousands of lines greater than 0.',
    );
    expect(validateAnswer(EXISTING_CODE_QUESTIONS.kloc, '')).toBeUndefined();
  });
});

describe('COMPONENT_TEAM_QUESTIONS', () => {
  it("points at components[].team's fields, optional, with the project team questions' levels and words", () => {
    const schema = profileJsonSchema() as {
      properties: {
        components?: {
          items?: { properties?: { team?: { properties?: Record<string, { enum?: string[] }> } } };
        };
      };
    };
    const team = schema.properties.components?.items?.properties?.team?.properties ?? {};
    expect(Object.keys(COMPONENT_TEAM_QUESTIONS)).toEqual(Object.keys(team));
    for (const q of Object.values(COMPONENT_TEAM_QUESTIONS)) {
      expect(q.options.map((o) => o.value)).toEqual(team[q.id]?.enum);
      expect(q.optional).toBe(true);
      expect(validateAnswer(q, '')).toBeUndefined();
    }
    expect(COMPONENT_TEAM_QUESTIONS.go.options).toEqual(question('team.go').options);
    expect(COMPONENT_TEAM_QUESTIONS.rust.options).toEqual(question('team.rust').options);
    expect(COMPONENT_TEAM_QUESTIONS.rust.options.map((o) => `${o.value}: ${o.hint}`)).toEqual([
      'none: nobody has shipped it',
      'some: a few people, or small projects',
      'strong: several people have shipped production code in it',
    ]);
    expect(validateAnswer(COMPONENT_TEAM_QUESTIONS.go, 'expert')).toBe(
      'Choose one of the listed answers ("expert" is not one).',
    );
  });
});

describe('answersToProfile', () => {
  it('builds a valid profile from the required answers only', () => {
    const profile = parseProfileValue(answersToProfile(REQUIRED_ONLY));
    expect(profile.team).toEqual({ size: 8, go: 'strong', rust: 'some', turnover: 'medium' });
    expect(profile.project).toEqual({ name: 'Read states' });
    expect(profile.delivery).toBeUndefined();
  });

  it('nests answers, drops blanks and round-trips through profileToAnswers', () => {
    const answers = {
      ...REQUIRED_ONLY,
      'team.size': 8,
      'project.summary': '  ',
      'workload.latency_slo.p99_ms': '20',
      'workload.hard_realtime': false,
      'delivery.deadline_weeks': 6,
      targets: ['server', 'kubernetes'],
      domain: [],
    };
    const input = answersToProfile(answers);
    expect(input).toEqual({
      version: 1,
      project: { name: 'Read states' },
      workload: { kind: 'io-bound', latency_slo: { p99_ms: 20 }, hard_realtime: false },
      team: { size: 8, go: 'strong', rust: 'some' },
      delivery: { deadline_weeks: 6 },
      targets: ['server', 'kubernetes'],
    });
    expect(answersToProfile(profileToAnswers(input))).toEqual(input);
  });
});

describe('validateAnswer', () => {
  it('asks again for a memory cap below the live heap given (no program fits it)', () => {
    const budget = QUESTIONS.find((q) => q.id === 'workload.memory_budget_mib') as Question;
    const heap = { 'workload.live_heap_gib': '2' };
    expect(validateAnswer(budget, '1024', heap)).toBe(
      'Enter at least 2048 MiB, the 2 GiB live heap you gave: no program keeps its live heap within a smaller cap (or leave this blank).',
    );
    expect(validateAnswer(budget, '4096', heap)).toBeUndefined();
    expect(validateAnswer(budget, '', heap)).toBeUndefined();
    expect(validateAnswer(budget, '64', {})).toBeUndefined();
  });

  it('checks a p99.9 target against the p99 answer given, as the profile schema will', () => {
    const p999 = QUESTIONS.find((q) => q.id === 'workload.latency_slo.p999_ms') as Question;
    const with20 = { 'workload.latency_slo.p99_ms': '20' };
    expect(validateAnswer(p999, '19.9', with20)).toBe(
      'Enter at least 20 ms, the p99 target: the p99.9 latency cannot be lower.',
    );
    expect(validateAnswer(p999, '20', with20)).toBeUndefined();
    expect(validateAnswer(p999, '', with20)).toBeUndefined();
    expect(validateAnswer(p999, '50', {})).toMatch(/^Leave this blank/);
    // Without the answers so far, the answer is checked on its own (the web form shows the schema's problem instead).
    expect(validateAnswer(p999, '5')).toBeUndefined();
    // Whatever the checks say, the profile schema agrees.
    const base = {
      version: 1,
      project: { name: 'x' },
      workload: { kind: 'io-bound' },
      team: { size: 3, go: 'some', rust: 'some' },
      targets: ['server'],
    };
    expect(() =>
      parseProfileValue({
        ...base,
        workload: { kind: 'io-bound', latency_slo: { p99_ms: 20, p999_ms: 19.9 } },
      }),
    ).toThrow();
    expect(() =>
      parseProfileValue({
        ...base,
        workload: { kind: 'io-bound', latency_slo: { p99_ms: 20, p999_ms: 20 } },
      }),
    ).not.toThrow();
  });

  it('checks required answers, numbers, bounds and choices', () => {
    expect(validateAnswer(question('project.name'), '')).toBe('This answer is needed.');
    expect(validateAnswer(question('project.summary'), '')).toBeUndefined();
    expect(validateAnswer(question('team.size'), 'x')).toBe('Enter a whole number of engineers.');
    expect(validateAnswer(question('team.size'), '2.5')).toBe(
      'Enter a whole number of engineers, without a fraction.',
    );
    expect(validateAnswer(question('team.size'), '0')).toBe(
      'Enter a whole number of engineers of at least 1.',
    );
    expect(validateAnswer(question('workload.latency_slo.p99_ms'), 'fast')).toBe(
      'Enter a number of milliseconds.',
    );
    expect(validateAnswer(question('workload.latency_slo.p99_ms'), '0')).toBe(
      'Enter a number of milliseconds greater than 0.',
    );
    expect(validateAnswer(question('workload.latency_slo.p99_ms'), '0.5')).toBeUndefined();
    expect(validateAnswer(question('team.go'), 'expert')).toBe(
      'Choose one of the listed answers ("expert" is not one).',
    );
    expect(validateAnswer(question('targets'), [])).toBe('Choose at least one.');
    expect(validateAnswer(question('domain'), [])).toBeUndefined();
  });
});
