/** @module Tests of `gorust kb`, run in-process: every rule a decision names is found by that name, lists use the terminal's width without cutting ids or multipliers, and one record reads as an outline, wrapped. */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../capture-io.test-helpers.ts';
import { runCli } from '../run.ts';
import { registerKbCommand } from './kb.ts';

/** `gorust ARGS` on a terminal `columns` wide (COLUMNS exported), or piped when undefined. */
async function kb(args: string[], columns?: number) {
  const { io, output } = captureIo({
    isTTY: columns !== undefined,
    columns,
    env: columns === undefined ? { NO_COLOR: '1' } : { NO_COLOR: '1', COLUMNS: String(columns) },
  });
  const code = await runCli(['kb', ...args], [(program: Command) => registerKbCommand(program, io)], io);
  return { code, ...output() };
}

const longest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));

describe('gorust kb weights', () => {
  it.each([
    ['cap-product', /^cap-product, a cap on stacked rules: one criterion's multipliers together at most x4/],
    ['cap-share', /^cap-share, a cap on stacked rules: no criterion above 30% of the derived weights/],
    ['team-experience', /^team-experience, the team-experience shift/],
  ])('finds %s, a rule id decisions name ("policy: cap-product", "team-experience")', async (id, head) => {
    const out = await kb(['weights', id], 200);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(head);
    expect(out.stdout).toMatch(/\nreason: /);
  });

  it('lists the caps with their bounds, and the experience shift by the name decisions give it', async () => {
    const { stdout } = await kb(['weights']);
    expect(stdout).toMatch(
      /\ncap-product +one criterion's multipliers together at most x4, at least x0\.25 +stacked rules/,
    );
    expect(stdout).toMatch(/\ncap-share +no criterion above 30% of the derived weights +stacked rules/);
    expect(stdout).toMatch(/\nteam-experience +rating shift: none -2\.5/);
    // The caps' reason already says "(policy)": once is enough.
    expect(stdout).not.toContain('(policy) (policy)');
  });

  it('tells the weight rule foreign-host from the interop counterpart of that id, and reaches both', async () => {
    const list = await kb(['weights']);
    const ids = list.stdout.split('\n').map((line) => line.split(/ {2,}/)[0]);
    expect(ids.filter((id) => id === 'foreign-host')).toHaveLength(1);
    expect(ids.filter((id) => id === 'interop:foreign-host')).toHaveLength(1);
    const rule = await kb(['weights', 'foreign-host'], 200);
    expect(rule.stdout).toMatch(/^foreign-host, a weight rule: latency_predictability x1\.5/);
    expect(rule.stdout).toContain('also an interop counterpart: gorust kb weights interop:foreign-host');
    expect(rule.stdout).toMatch(/\nmultiply: latency_predictability 1\.5/);
    const counterpart = await kb(['weights', 'interop:foreign-host'], 200);
    expect(counterpart.stdout).toMatch(
      /^interop:foreign-host, an interop counterpart: interop rated go 3, rust 9/,
    );
    expect(counterpart.stdout).toMatch(/\nratings: go 3; rust 9/);
    // A counterpart no weight rule shares its id with is found by its bare id too, as before.
    expect((await kb(['weights', 'go-counterpart'])).stdout).toMatch(/^interop:go-counterpart, /);
  });

  it('says that priority is the profile’s own, not a rule of the knowledge base', async () => {
    const out = await kb(['weights', 'priority']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/priority is not a knowledge-base rule: it is your profile's `priorities`/);
  });
});

describe('gorust kb lists in a terminal', () => {
  it.each([80, 120])(
    'use the %i columns there are and cut no id, criterion or multiplier',
    async (columns) => {
      for (const part of ['checklist', 'weights', 'evidence', 'caveats', 'projects', 'boundaries']) {
        const out = await kb([part], columns);
        expect(out.stdout, `kb ${part}`).not.toContain('…');
        const lines = out.stdout.split('\n').filter((line) => !/https?:\/\//.test(line));
        expect(longest(lines.join('\n')), `kb ${part}`).toBeLessThanOrEqual(columns);
      }
      const checklist = (await kb(['checklist'], columns)).stdout;
      expect(checklist).toMatch(/\nmax-performance +rust +runtime_performance, memory_efficiency/);
      const weights = (await kb(['weights'], columns)).stdout;
      // tight-deadline's three multipliers, wrapped in their column when it is narrow.
      const row = weights.slice(
        weights.indexOf('\ntight-deadline'),
        weights.indexOf('\nvery-tight-deadline'),
      );
      for (const factor of ['development_speed x2', 'onboarding x1.3', 'build_speed x1.3'])
        expect(row).toContain(factor);
      expect((await kb(['evidence'], columns)).stdout).toMatch(
        /\ngo-gc-guide +2025 .*Go team\s+(\S+ +)?\(Google\)/,
      );
    },
  );
});

describe('gorust kb <part> <id>', () => {
  it.each([
    ['caveats', 'memory-safety-stats-vs-cpp'],
    ['checklist', 'dev-speed'],
    ['weights', 'tight-deadline'],
    ['weights', 'foreign-host'],
  ])('shows %s %s as an outline within 80 columns, no JSON', async (part, id) => {
    const out = await kb([part, id], 80);
    expect(out.code, out.stderr).toBe(0);
    expect(longest(out.stdout)).toBeLessThanOrEqual(80);
    expect(out.stdout).not.toMatch(/[{["]/);
  });

  it('sets a nested condition and a list of scales out line by line', async () => {
    expect((await kb(['caveats', 'memory-safety-stats-vs-cpp'], 80)).stdout).toContain(
      '\nwhen:\n  any_of:\n    - safety_critical true\n    - domain_any cryptography, os-component,',
    );
    expect((await kb(['weights', 'tight-deadline'], 80)).stdout).toContain(
      '\nscale:\n  - fact deadline_weeks; full 6; none 26; linear false; missing 0\n',
    );
    expect((await kb(['weights', 'foreign-host'], 80)).stdout).toContain(
      '\nwhen:\n  interop_any: embed-in-host\n  not:\n    interop_any: existing-go-code\n    not: interop_any bindings-for-other-languages\n',
    );
  });
});

describe('gorust kb evidence ID', () => {
  it('names every record that cites it (QA: "claims: -" under evidence nine claims cite)', async () => {
    const out = await kb(['evidence', 'go-survey-2025']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      /\ncited_by: claims summary-go, [^\n]*; criteria [^\n]*; weights [^\n]*high-turnover/,
    );
    expect(out.stdout).not.toMatch(/\nclaims: /);
    // The record's own field, where it has one, says which claims it bears on.
    expect((await kb(['evidence', 'tamago-bare-metal'], 200)).stdout).toContain(
      'bears_on_claims: rust-pro-wasm-embedded',
    );
  });
});

describe('gorust kb projects', () => {
  it('lists each project with the id `gorust kb projects <id>` takes (QA: the footer asked for an id the table hid)', async () => {
    const list = await kb(['projects'], 80);
    expect(list.stdout).toMatch(/^id +name +languages/m);
    expect(list.stdout).toMatch(/^kubernetes +Kubernetes +go /m);
    expect((await kb(['projects', 'kubernetes'])).code).toBe(0);
  });
});
