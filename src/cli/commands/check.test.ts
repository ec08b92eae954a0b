/** @module `gorust check` in a terminal, in-process: what changed is named trait by trait, and every line fits the terminal's width. */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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

  it('checks the sound records before naming a damaged one (exit 2)', async () => {
    const folder = join(repo, 'damaged');
    mkdirSync(join(folder, 'docs', 'adr'), { recursive: true });
    for (const example of ['close-call', 'search-cli']) {
      copyFileSync(join(ROOT, 'examples', `${example}.yaml`), join(folder, `${example}.yaml`));
      const args = ['decide', `damaged/${example}.yaml`, '--format', 'adr', '--out', 'damaged/docs/adr/'];
      expect((await gorust(args)).code).toBe(0);
    }
    const adr = join(folder, 'docs', 'adr');
    const [first] = readdirSync(adr).sort();
    const file = join(adr, first as string);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"verdict":"\w+"/, '"verdict":"maybe"'));
    const result = await gorust(['check', 'damaged/docs/adr']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^holds {4}damaged\/docs\/adr\/0002-/m);
    expect(result.stderr).toContain(`${first}: gorust's data at its end is damaged`);
    expect(result.stderr).toContain('The other record was checked above.');
  });

  it('reports a hybrid whose boundary moved as changed, though its verdict holds', async () => {
    const folder = join(repo, 'plan');
    mkdirSync(join(folder, 'docs', 'adr'), { recursive: true });
    const profile = (perRequest: number) => `version: 1
project: { name: Edge ingest }
workload: { kind: mixed, latency_slo: { p99_ms: 20 } }
team: { size: 6, go: strong, rust: some }
components:
  - name: ingest-api
    role: api
    workload: io-bound
    calls: [{ to: parser, per_request: ${perRequest} }]
  - name: parser
    role: hot-path
    workload: cpu-bound
    latency_critical: true
`;
    writeFileSync(join(folder, 'edge.yaml'), profile(200));
    const args = ['decide', 'plan/edge.yaml', '--format', 'adr', '--out', 'plan/docs/adr/'];
    expect((await gorust(args)).code).toBe(0);
    // 200 calls per request on the p99 path went in-process; a rare call goes to a separate service.
    writeFileSync(join(folder, 'edge.yaml'), profile(0.005));
    const result = await gorust(['check', 'plan/docs/adr', '--format', 'json']);
    expect(result.code).toBe(3);
    const [row] = JSON.parse(result.stdout).records;
    expect(row.status).toBe('changed');
    expect(row.now.verdict).toBe('hybrid');
    expect(row.recorded.verdict).toBe('hybrid');
    expect(row.plan).toEqual(['boundary ingest-api -> parser: cgo (FFI) -> a service API']);
    const text = await gorust(['check', 'plan/docs/adr']);
    expect(text.stdout).toContain('recorded Hybrid, still Hybrid, with another plan');
    expect(text.stdout).toContain('  plan: boundary ingest-api -> parser: cgo (FFI) -> a service API');
  });
});
