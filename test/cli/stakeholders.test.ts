/** @module End-to-end: a profile with opposed stakeholders, decided by `gorust decide --format json`, gives each stakeholder their own verdict and an agreement below 1 (issue 10, engine side). */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionSchema } from '../../src/core/index.ts';
import { criterionLabel, formatPercent } from '../../src/core/report/format.ts';
import { ROOT, runGorust, SPAWN_TIMEOUT_MS, STACK_LINE, tempDir } from './helpers.ts';

const dir = tempDir();

const PROFILE = `version: 1
project: { name: Metrics gateway }
workload: { kind: mixed, latency_slo: { p99_ms: 30 } }
team: { size: 8, go: some, rust: some }
stakeholders:
  - name: SRE lead
    role: SRE
    weight: 2
    priorities: { latency_predictability: 5, runtime_performance: 5, memory_efficiency: 5, development_speed: 0, onboarding: 0, build_speed: 0 }
  - name: Product lead
    priorities: { latency_predictability: 0, runtime_performance: 0, memory_efficiency: 0, development_speed: 5, onboarding: 5, build_speed: 5 }
`;

describe('gorust decide with stakeholders', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('gives opposed stakeholders different verdicts and an agreement below 1', () => {
    const file = join(dir, 'team.yaml');
    writeFileSync(file, PROFILE);
    const result = runGorust(['decide', file, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(STACK_LINE);
    const decision = decisionSchema.parse(JSON.parse(result.stdout));
    expect(decision.stakeholders?.map((s) => [s.name, s.verdict])).toEqual([
      ['SRE lead', 'rust'],
      ['Product lead', 'go'],
    ]);
    expect(decision.agreement).toBeLessThan(1);
    expect(decision.agreement).toBeGreaterThan(0);
    // The SRE lead counts twice: agreement is the weight share of those who agree with the group's verdict.
    expect(decision.agreement).toBeCloseTo(decision.verdict === 'rust' ? 2 / 3 : 1 / 3, 4);
    expect(decision.disagreements?.length).toBeGreaterThan(0);
  });

  it("writes in the ADR which criteria they weigh differently, with each one's priority, and the ADR lints clean", () => {
    const file = join(dir, 'team.yaml');
    writeFileSync(file, PROFILE);
    const json = runGorust(['decide', file, '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const decision = decisionSchema.parse(JSON.parse(json.stdout));
    const top = decision.disagreements?.[0];
    if (top === undefined) throw new Error('no disagreement');
    const label = criterionLabel(top.criterion);
    // By name only: the line of their own verdicts above gives each one's role.
    const who = (name: string) => name;
    for (const template of ['madr', 'log4brains', 'nygard']) {
      const out = join(dir, `adr-${template}.md`);
      const adr = runGorust(['decide', file, '--format', 'adr', '--template', template, '--out', out]);
      expect(adr.code, adr.stderr).toBe(0);
      const text = readFileSync(out, 'utf8').replace(/\n\s*/g, ' ');
      // The opposed priorities are 5 and 0 on every criterion either of them named.
      expect(text).toMatch(
        new RegExp(
          `\\* ${label}, which favours (Go|Rust) \\([\\d.]+ vs [\\d.]+\\): ${who(top.max_by)} gives it ${formatPercent(top.max)} of the weight \\(priority 5 of 5\\), ${who(top.min_by)} ${formatPercent(top.min)} \\(priority 0 of 5\\)\\.`,
        ),
      );
    }
    const lint = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'markdownlint-cli2'),
      ['--no-globs', 'adr-madr.md', 'adr-log4brains.md', 'adr-nygard.md'],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0);
  });
});
