/** @module Property-based fuzzing of the profile parser (fast-check): any input either parses or throws a UserError with a message, quickly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.ts';
import { parseProfileValue } from './parse.ts';
import { parseProfileText } from './parse-text.ts';

const VALID =
  'version: 1\nproject: {name: X}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n';

/** Parse, and say what happened: 'ok' or 'user-error'. Anything else (a crash) escapes and fails the property. */
function outcome(run: () => unknown): 'ok' | 'user-error' {
  const started = performance.now();
  try {
    run();
    return 'ok';
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) expect(p.message.length).toBeGreaterThan(0);
    return 'user-error';
  } finally {
    // "No hang": one parse of a small input must not take long, even on a busy 2-core machine.
    expect(performance.now() - started).toBeLessThan(2000);
  }
}

/** YAML-ish fragments that exercise the parser's corners: indicators, anchors, tags, flow brackets, quotes. */
const yamlToken = fc.constantFrom(
  '\n',
  '  ',
  '- ',
  ': ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!!str ',
  '!x ',
  '|',
  '>',
  '"',
  "'",
  '#',
  '---',
  '...',
  '%YAML 1.2',
  'version',
  'project',
  'name',
  'team',
  'go',
  'rust',
  '1',
  '-1',
  '.inf',
  '.nan',
  'true',
  'null',
  '~',
  '0x1F',
  '1e999',
  '\t',
  '\r\n',
  '\u0000',
  '\uFFFD',
  'é',
  '__proto__',
  '<<',
);

describe('profile parser fuzzing', () => {
  it('never crashes on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
        outcome(() => parseProfileText(text, 'fuzz.yaml'));
      }),
      { numRuns: 500 },
    );
  });

  it('never crashes on YAML-like token soup', () => {
    fc.assert(
      fc.property(fc.array(yamlToken, { maxLength: 200 }), (tokens) => {
        outcome(() => parseProfileText(tokens.join(''), 'fuzz.yaml'));
      }),
      { numRuns: 1000 },
    );
  });

  it('never crashes on a valid profile with a mutation spliced in', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: VALID.length }),
        fc.nat({ max: 20 }),
        fc.array(yamlToken, { maxLength: 8 }),
        (at, cut, tokens) => {
          outcome(() =>
            parseProfileText(VALID.slice(0, at) + tokens.join('') + VALID.slice(at + cut), 'fuzz.yaml'),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never crashes on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        outcome(() => parseProfileValue(value, 'fuzz.json'));
        outcome(() => parseProfileText(JSON.stringify(value) ?? 'null', 'fuzz.json'));
      }),
      { numRuns: 500 },
    );
  });

  it('never crashes on profile-shaped objects with wrong leaves', () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.nat(), { maxLength: 3 }),
    );
    const shaped = fc.record(
      {
        version: leaf,
        project: fc.record({ name: leaf }, { requiredKeys: [] }),
        workload: fc.record(
          { kind: leaf, peak_rps: leaf, latency_slo: fc.record({ p99_ms: leaf, p999_ms: leaf }) },
          { requiredKeys: [] },
        ),
        team: fc.record({ size: leaf, go: leaf, rust: leaf, turnover: leaf }, { requiredKeys: [] }),
        components: fc.array(
          fc.record(
            { name: leaf, role: leaf, calls: fc.array(fc.record({ to: leaf, per_request: leaf })) },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(shaped, (value) => {
        outcome(() => parseProfileValue(value, 'fuzz'));
      }),
      { numRuns: 500 },
    );
  });
});
