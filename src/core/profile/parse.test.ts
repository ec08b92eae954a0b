/** @module Tests of the profile parser: every error path, pinned as rendered problem lists. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.ts';
import { editDistance } from './did-you-mean.ts';
import { formatProblems, PROFILE_LIMITS, parseProfileValue, profileJsonSchema } from './parse.ts';
import { parseProfileText } from './parse-text.ts';

const MINIMAL =
  'version: 1\nproject: {name: X}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n';

/** The rendered error (header + problem list) a user would see, or 'OK'. */
function errorsOf(text: string, source = 'gorust.yaml'): string {
  try {
    parseProfileText(text, source);
    return 'OK';
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return `${error.message}\n${formatProblems(error.problems)}`;
  }
}

describe('parseProfileText', () => {
  it('accepts a minimal profile and fills in the documented defaults', () => {
    expect(parseProfileText(MINIMAL, 'gorust.yaml')).toEqual({
      version: 1,
      project: { name: 'X' },
      workload: { kind: 'mixed', hard_realtime: false },
      team: { size: 3, go: 'some', rust: 'none', turnover: 'medium' },
      safety_critical: false,
      targets: ['server'],
    });
  });

  it('reads JSON as well as YAML, and a byte-order mark', () => {
    const json = JSON.stringify({
      version: 1,
      project: { name: 'X' },
      workload: { kind: 'mixed' },
      team: { size: 3, go: 'some', rust: 'none' },
    });
    expect(parseProfileText(json)).toEqual(parseProfileText(MINIMAL));
    expect(parseProfileText(`\uFEFF${MINIMAL}`)).toEqual(parseProfileText(MINIMAL));
    // YAML flow style also starts with "{" but is not JSON.
    expect(
      parseProfileText(
        '{version: 1, project: {name: X}, workload: {kind: mixed}, team: {size: 3, go: some, rust: none}}',
      ),
    ).toEqual(parseProfileText(MINIMAL));
  });

  it('reports every problem at once, with path, expected, found and did-you-mean', () => {
    const text = `version: 2
project: { name: "", nmae: x }
workload: { kind: io-bond, peak_rps: .inf, latency_slo: { p99_ms: 10, p999_ms: 5 } }
team: { size: 1.5, go: strnog }
targets: [servr, 3]
kind: mixed
components:
  - { name: a, role: api, calls: [{ to: b, per_request: -1 }] }
  - { name: a, role: x }
priorities: { development_sped: 3 }
`;
    expect(errorsOf(text)).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (17 problems):
        version: expected 1, found 2
        project.name: expected a non-empty string, found "" (a string)
        project.nmae: expected one of the keys name, summary, found unknown key "nmae" (did you mean "name"?)
        workload.kind: expected one of io-bound | cpu-bound | mixed, found "io-bond" (a string) (did you mean "io-bound"?)
        workload.peak_rps: expected a number, found Infinity (not a finite number)
        workload.latency_slo.p999_ms: p999_ms must be greater than or equal to p99_ms: 5 is below 10
        team.size: expected a whole number, found 1.5
        team.go: expected one of none | some | strong, found "strnog" (a string) (did you mean "strong"?)
        team.rust: expected one of none | some | strong, found nothing (the field is missing)
        targets[0]: expected one of server | kubernetes | serverless | cli | desktop | mobile | wasm-browser | wasm-edge | embedded-linux | bare-metal, found "servr" (a string) (did you mean "server"?)
        targets[1]: expected one of server | kubernetes | serverless | cli | desktop | mobile | wasm-browser | wasm-edge | embedded-linux | bare-metal, found 3
        priorities.development_sped: expected one of the keys runtime_performance, latency_predictability, memory_efficiency, safety_guarantees, concurrency_model, development_speed, onboarding, build_speed, ecosystem_fit, deployment, platform_reach, interop, found unknown key "development_sped" (did you mean "development_speed"?)
        components[0].calls[0].per_request: expected a number >= 0, found -1
        components[1].role: expected one of api | control-plane | orchestration | data-plane | hot-path | worker | cli | library | storage-engine, found "x" (a string)
        kind: expected one of the keys version, project, workload, team, delivery, safety_critical, targets, platforms, domain, interop, existing_code, priorities, stakeholders, components, found unknown key "kind" (did you mean "workload.kind"?)
        components[1].name: component names must be unique; "a" appears twice
        components[0].calls[0].to: calls a component named "b", but no component has that name
      "
    `);
  });

  it('names a call to a missing component once, never suggesting the caller; a self-call stays valid (profile v1)', () => {
    const base =
      'version: 1\nproject: {name: X}\nworkload: {kind: io-bound}\nteam: {size: 3, go: some, rust: none}\n';
    const missing = errorsOf(
      `${base}components:\n  - { name: a, role: api, calls: [{ to: b, per_request: 1 }] }\n`,
    );
    expect(missing).toContain('(1 problem)');
    expect(missing).toContain('calls a component named "b", but no component has that name');
    expect(missing).not.toContain('did you mean "a"');
    const self = parseProfileText(
      `${base}components:\n  - { name: a, role: api, calls: [{ to: a, per_request: 1 }] }\n`,
      'self.yaml',
    );
    expect(self.components?.[0]?.calls?.[0]?.to).toBe('a');
  });

  it('suggests the workload kind for a dropped letter (QA: io-bund)', () => {
    expect(
      errorsOf(
        'version: 1\nproject: {name: X}\nworkload: {kind: io-bund}\nteam: {size: 3, go: some, rust: none}\n',
      ),
    ).toContain(
      'workload.kind: expected one of io-bound | cpu-bound | mixed, found "io-bund" (a string) (did you mean "io-bound"?)',
    );
  });

  it('gives problems as data for other faces (API, UI) to render', () => {
    try {
      parseProfileText(MINIMAL.replace('go: some', 'go: strnog'));
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).problems).toEqual([
        {
          path: 'team.go',
          expected: 'one of none | some | strong',
          found: '"strnog" (a string)',
          message: 'expected one of none | some | strong, found "strnog" (a string) (did you mean "strong"?)',
          suggestion: 'strong',
        },
      ]);
    }
  });

  it('reports a missing required section and wrong types', () => {
    expect(
      errorsOf(
        'version: 1\nproject: {name: X}\nteam: {size: "8", go: some, rust: none}\nsafety_critical: "yes"\n',
      ),
    ).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (3 problems):
        workload: expected a mapping (key: value), found nothing (the field is missing)
        team.size: expected a number, found "8" (a string)
        safety_critical: expected true or false, found "yes" (a string)
      "
    `);
  });

  it('rejects documents that are not a mapping', () => {
    expect(errorsOf('  \n\n')).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (1 problem):
        (file): expected a YAML or JSON profile (see \`gorust schema\` and examples/), found an empty file
      "
    `);
    expect(errorsOf('hello')).toContain('(root): expected a mapping of profile fields');
    expect(errorsOf('- a\n- b\n')).toContain('found a list of 2 items');
    expect(errorsOf('~\n')).toContain('found an empty document');
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(errorsOf('version: 1\nproject: [1, 2\nteam: "x\n')).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (2 problems):
        line 3, column 1: expected valid YAML, found Flow sequence in block collection must be sufficiently indented and end with a ]
        line 4, column 1: expected valid YAML, found Missing closing "quote
      "
    `);
    expect(errorsOf('version: 1\nversion: 1\n')).toContain(
      'line 2, column 1: expected valid YAML, found Map keys must be unique: "version" is given twice in the same mapping',
    );
    expect(errorsOf('version: 1\nteam:\n  size: 3\n  size: 4\n')).toContain('"size" is given twice');
    expect(errorsOf('version: !js/function 1\n')).toContain('Unresolved tag');
    expect(errorsOf('a: 1\n---\nb: 2\n')).toContain('multiple documents');
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(errorsOf('{"version": 1,\n "project": {"name": "X"},, }')).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (1 problem):
        line 2, column 27: expected valid JSON, found Expected double-quoted property name
      "
    `);
  });

  it('rejects binary data, naming where it starts', () => {
    expect(errorsOf('version: 1\n\u0000\u0001\u0002')).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (1 problem):
        line 2, column 1: expected a text file (YAML or JSON), found binary data (character U+0000)
      "
    `);
    expect(errorsOf('version: 1\nproject: \uFFFD\uFFFD')).toContain('binary data (character U+FFFD)');
  });

  it('rejects a file over the size limit before parsing it', () => {
    expect(errorsOf(`summary: ${'x'.repeat(PROFILE_LIMITS.maxBytes)}`)).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (1 problem):
        (file): expected a profile of at most 1024 KiB, found 1025 KiB
      "
    `);
  });

  it('rejects a YAML alias bomb quickly', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const started = Date.now();
    expect(errorsOf(bomb)).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (1 problem):
        (file): expected YAML aliases that expand to a small document (at most 20 alias uses), found more alias uses than that, counting what each alias expands to (a "billion laughs" document expands exponentially)
      "
    `);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('allows a few aliases', () => {
    const text = `${MINIMAL}components:\n  - &svc { name: a, role: api }\n  - { name: b, role: worker }\n`;
    expect(parseProfileText(text).components?.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('rejects deep nesting of every kind without overflowing the stack', () => {
    const tooDeep = PROFILE_LIMITS.maxDepth + 1;
    const flow = '['.repeat(500_000);
    const flowClosed = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const block = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    const dashes = '- '.repeat(200_000);
    for (const text of [flow, flowClosed, block, dashes]) {
      expect(errorsOf(text)).toContain(`expected at most ${PROFILE_LIMITS.maxDepth} levels of nesting`);
    }
    expect(errorsOf('- '.repeat(tooDeep))).toContain('levels of nesting');
    // A long horizontal rule inside a block scalar is not nesting.
    expect(
      errorsOf(`${MINIMAL.replace('{name: X}', `\n  name: X\n  summary: |\n    ${'-'.repeat(80)}`)}`),
    ).toBe('OK');
  });

  it('ignores prototype keys instead of polluting objects', () => {
    expect(errorsOf(`${MINIMAL}__proto__: { polluted: true }\n`)).toContain('unknown key "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseProfileValue', () => {
  it('validates a value that is already parsed, and rejects deep values', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => parseProfileValue(deep, 'body')).toThrow(UserError);
    expect(() => parseProfileValue(42, 'body')).toThrow('body is not a valid gorust profile (1 problem):');
  });
});

describe('optional fields added within v1', () => {
  it('accepts existing_code, stakeholders and per-component facts, and every v1 file stays valid', () => {
    const text = `${MINIMAL}existing_code: {language: typescript, kloc: 1500, plan: port}
stakeholders:
  - {name: SRE lead, role: sre, priorities: {latency_predictability: 5}}
  - {name: Product, weight: 2, priorities: {development_speed: 5}}
components:
  - {name: edge, role: data-plane, peak_rps: 20000, memory_budget_mib: 64, targets: [embedded-linux], interop: [c-libraries]}
`;
    expect(errorsOf(text)).toBe('OK');
    expect(errorsOf(MINIMAL)).toBe('OK');
  });

  it('refuses a duplicate stakeholder, an unknown plan and more components than the cap', () => {
    expect(
      errorsOf(`${MINIMAL}stakeholders: [{name: A, priorities: {}}, {name: A, priorities: {}}]
`),
    ).toContain('stakeholders[1].name: stakeholder names must be unique; "A" appears twice');
    expect(
      errorsOf(`${MINIMAL}existing_code: {language: go, plan: prot}
`),
    ).toContain('did you mean "port"?');
    const many = Array.from({ length: 201 }, (_, i) => `  - {name: c${i}, role: worker}`).join('\n');
    expect(errorsOf(`${MINIMAL}components:\n${many}\n`)).toContain(
      'components: expected at most 200 items, found a list of 201 items',
    );
  });
});

describe('profileJsonSchema', () => {
  it('is derived from the zod schema: closed objects, enums, required fields', () => {
    const schema = profileJsonSchema() as {
      $schema: string;
      required: string[];
      additionalProperties: boolean;
      properties: { team: { properties: { go: { enum: string[] } } } };
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['version', 'project', 'workload', 'team']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.team.properties.go.enum).toEqual(['none', 'some', 'strong']);
  });
});

describe('editDistance', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('strnog', 'strong')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('format detection', () => {
  it('reads a .json file strictly as JSON, even where YAML would accept the text', () => {
    // V8 gives no position for this error, so the problem names the file.
    expect(errorsOf('{"version": 1,\n "project": }', 'p.json')).toMatchInlineSnapshot(`
      "p.json is not a valid gorust profile (1 problem):
        (file): expected valid JSON, found Unexpected token '}', ..."project": }" is not valid JSON
      "
    `);
    expect(errorsOf('{"version": 1,\n "project": {,}}', 'p.json')).toMatchInlineSnapshot(`
      "p.json is not a valid gorust profile (1 problem):
        line 2, column 14: expected valid JSON, found Expected property name or '}'
      "
    `);
  });
});

describe('noise limits', () => {
  it('lists at most 50 problems and counts the rest', () => {
    const keys = Array.from({ length: 120 }, (_, i) => `junk${i}: 1`).join('\n');
    const text = `${MINIMAL}${keys}\n`;
    try {
      parseProfileText(text, 'gorust.yaml');
      expect.unreachable();
    } catch (error) {
      const { message, problems } = error as UserError;
      expect(message).toBe('gorust.yaml is not a valid gorust profile (120 problems):');
      expect(problems).toHaveLength(51);
      expect(problems.at(-1)?.message).toBe('and 70 more problems not listed; fix the ones above first');
    }
  });

  it('shortens a huge unknown key and suggests a platform', () => {
    const long = 'k'.repeat(500);
    expect(errorsOf(`${MINIMAL}${long}: 1\nplatforms: [linux/amd64]\n`)).toMatchInlineSnapshot(`
      "gorust.yaml is not a valid gorust profile (2 problems):
        platforms[0]: expected an os-arch pair such as linux-arm64, found "linux/amd64" (a string) (did you mean "linux-amd64"?)
        kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…: expected one of the keys version, project, workload, team, delivery, safety_critical, targets, platforms, domain, interop, existing_code, priorities, stakeholders, components, found unknown key "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…"
      "
    `);
  });

  it('says to drop the quotes of a number written as a string, not "did you mean" the same text', () => {
    const text = errorsOf(MINIMAL.replace('version: 1', 'version: "1"'));
    expect(text).toContain(
      'version: expected 1, found "1" (a string): write it without quotes (1, a number)',
    );
    expect(text).not.toContain('did you mean');
  });

  it('suggests the os-arch pair that was meant, not the nearest common one (linux/arm is linux-arm, not linux-arm64)', () => {
    const text = errorsOf(`${MINIMAL}platforms: [linux/arm, Linux_MIPS, linux-arm64-v8]\n`);
    expect(text).toContain('found "linux/arm" (a string) (did you mean "linux-arm"?)');
    expect(text).toContain('found "Linux_MIPS" (a string) (did you mean "linux-mips"?)');
    expect(text).toContain('found "linux-arm64-v8" (a string) (did you mean "linux-arm64"?)');
  });
});
