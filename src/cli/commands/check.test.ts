/** @module `gorust check` in a terminal, in-process: what changed is named trait by trait, and every line fits the terminal's width. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../capture-io.test-helpers.ts';
import { runCli } from '../run.ts';
import { registerCheckCommand } from './check.ts';
import { registerDecideCommand } from './decide.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const repo = mkdtempSync(join(tmpdir(), 'gorust-check-width-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function gorust(args: string[], columns?: number) {
  const { io, output } = captureIo({ cwd: repo, columns, env: { GORUST_DATE: '2026-12-05' } });
  const code = await runCli(
    args,
    [(p) => registerDecideCommand(p, io), (p) => registerCheckCommand(p, io)],
    io,
  );
  return { code, ...output() };
}

describe('gorust check in an 80-column terminal', () => {
  it('names the component trait that changed and wraps every line to the width', async () => {
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'docs', 'adr'), { recursive: true });
    copyFileSync(join(ROOT, 'examples', 'service-mesh.yaml'), join(repo, 'gorust.yaml'));
    expect((await gorust(['decide', 'gorust.yaml', '--format', 'adr', '--out', 'docs/adr/'])).code).toBe(0);
    const profile = readFileSync(join(repo, 'gorust.yaml'), 'utf8');
    // One trait of one component: the proxy's p99 SLO.
    const changed = profile.replace(
      /(name: proxy[\s\S]*?p99_ms: )([\d.]+)/,
      (_, head: string) => `${head}40`,
    );
    expect(changed).not.toBe(profile);
    writeFileSync(join(repo, 'gorust.yaml'), changed);
    const result = await gorust(['check'], 80);
    expect([0, 3]).toContain(result.code);
    expect(result.stdout).toMatch(/component proxy: [^\n]*p99 [\d.]+ ms -> p99 40 ms/);
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    // Piped (no terminal), one line per change, for grep.
    const piped = await gorust(['check']);
    expect(piped.stdout.split('\n').some((l) => l.length > 80)).toBe(true);
  });
});
