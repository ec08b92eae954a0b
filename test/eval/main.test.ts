import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runEval } from './main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('npm run eval', () => {
  it('refuses an unknown option or a bad --samples with exit 2 and the usage', () => {
    const a = capture();
    expect(runEval(['--bogus'], a.io)).toBe(2);
    expect(a.err.join('')).toMatch(/unknown option "--bogus"[\s\S]*usage: npm run eval/);
    const b = capture();
    expect(runEval(['--samples', 'many'], b.io)).toBe(2);
    expect(b.err.join('')).toMatch(/--samples needs a whole number/);
  });

  it('names every problem of a malformed corpus and exits 2, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-eval-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'broken.yaml'), '# expected: maybe\nversion: 1\n');
    const c = capture();
    expect(runEval([], { ...c.io, dir })).toBe(2);
    const message = c.err.join('');
    expect(message).toMatch(/broken\.yaml: no # source: line/);
    expect(message).toMatch(/broken\.yaml: # expected: must be go, rust or hybrid/);
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('prints training and holdout figures as JSON for machines', () => {
    const c = capture();
    expect(runEval(['--json', '--samples', '200'], c.io)).toBe(0);
    const result = JSON.parse(c.out.join(''));
    expect(result.training.cases + result.holdout.cases).toBe(result.cases.length);
    expect(result.holdout.cases).toBeGreaterThanOrEqual(25);
    expect(result.holdout.reliability).toHaveLength(6);
    expect(typeof result.holdout.brier).toBe('number');
  });
});
