/** @module End-to-end test of `lab run --workload FILE` (slow: it measures two real HTTP services): a service that answers 25 ms later than its twin is named the significant loser in the standard mode (with a short ladder, through the same code path), nothing is left running, and `gorust decide --lab latest` uses its figures. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeRun } from '../analysis/summary.ts';
import { liveProcessGroups } from './process.ts';
import { runLab } from './run.ts';
import { processesMentioning } from './selftest.ts';
import { findTool, LOADGEN_BIN } from './toolchain.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const loadgen = findTool(LOADGEN_BIN);
const dir = mkdtempSync(join(tmpdir(), 'gorust-service-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small HTTP service of the test's own: answers /healthz and POST /work (the sum of a JSON list) after `delayMs`. */
const SERVICE = `import { createServer } from 'node:http';
const [port, delayMs] = [Number(process.argv[2]), Number(process.argv[3])];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const reply = () => {
      if (req.url === '/healthz') { res.writeHead(200); res.end('ok'); return; }
      const sum = JSON.parse(body || '{"xs":[]}').xs.reduce((a, b) => a + b, 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sum }));
    };
    if (delayMs > 0 && req.url !== '/healthz') setTimeout(reply, delayMs); else reply();
  });
});
server.listen(port, '127.0.0.1');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

describe.skipIf(loadgen === null)(
  'lab run --workload (two services of the test, labload installed by `gorust lab setup`)',
  { tags: ['slow'] },
  () => {
    it('names the faster service the significant winner, leaves nothing running, and feeds decide --lab', async () => {
      for (const lang of ['go', 'rust']) mkdirSync(join(dir, lang));
      writeFileSync(join(dir, 'go', 'service.mjs'), SERVICE);
      writeFileSync(join(dir, 'rust', 'service.mjs'), SERVICE);
      writeFileSync(join(dir, 'body.json'), JSON.stringify({ xs: [1, 2, 3, 4] }));
      // "go" answers after 45 ms, "rust" after 20 ms: the labels are the file's, the programs are the test's. Both
      // wait, so the generator's schedule lag on a shared 2-core machine (about 1-4 ms while other test files run)
      // stays under the validity rule's 20% of the step's p99; an instant twin made most of its steps invalid.
      const file = join(dir, 'pair.yaml');
      writeFileSync(
        file,
        `version: 1
name: sum-service
programs:
  go: { cwd: ./go, run: [${JSON.stringify(process.execPath)}, service.mjs, "{port}", "45"] }
  rust: { cwd: ./rust, run: [${JSON.stringify(process.execPath)}, service.mjs, "{port}", "20"] }
ready: { path: /healthz }
requests:
  - { method: POST, path: /work, body_file: body.json, headers: { Content-Type: application/json } }
slo: { p99_ms: 100 }
`,
      );
      const db = join(dir, 'lab.db');
      const started = Date.now();
      const { run, failures } = await runLab([], {
        mode: 'standard',
        workloadFile: file,
        dbPath: db,
        // The standard plan (6 interleaved repeats) with a short ladder and short steps (the test's budget), not a different code path.
        plan: { ladderRates: [40, 100], stepSeconds: 3, warmupSeconds: 1, probeSeconds: 1 },
      });
      const wallS = (Date.now() - started) / 1000;
      expect(failures).toEqual([]);
      expect(run.mode).toBe('standard');
      expect(run.environment?.service).toMatchObject({
        name: 'sum-service',
        file,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });

      // Nothing the run started is left: no process group of the lab, no process running the services.
      expect(liveProcessGroups()).toEqual([]);
      expect(processesMentioning(join(dir, 'go'))).toEqual([]);
      expect(processesMentioning('service.mjs')).toEqual([]);

      const summary = summarizeRun(run).workloads[0];
      const why = JSON.stringify({ comparison: summary?.comparison, problems: summary?.problems });
      expect(summary?.kind).toBe('latency');
      expect(summary?.comparison, why).toMatchObject({ metric: 'p99_ms', significant: true, winner: 'rust' });
      expect(summary?.comparison?.p_value).toBeLessThan(0.05);
      expect(summary?.comparison?.ratio_ci?.low).toBeGreaterThan(1);
      // The delays show as they are: Go's p50 at least 45 ms, Rust's at least 20 ms and well under Go's.
      expect(summary?.go.p50_ms).toBeGreaterThanOrEqual(45);
      expect(summary?.rust.p50_ms).toBeGreaterThanOrEqual(20);
      expect(summary?.rust.p50_ms).toBeLessThan(40);

      const decide = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'src', 'cli', 'main.ts'),
          'decide',
          join(root, 'examples', 'service-mesh.yaml'),
          '--lab',
          'latest',
          '--db',
          db,
          '--format',
          'md',
        ],
        { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } },
      );
      expect(decide.stderr).not.toMatch(/internal error/);
      expect(decide.status).toBe(0);
      expect(decide.stdout).toContain(run.id);
      // The Markdown report wraps at 80 columns, so any space in the note may be a line break.
      expect(decide.stdout).toMatch(
        /Measured on this machine:\s[^*]*sum-service\sp99\.9\sGo\s[\d.]+\sms\svs\sRust\s[\d.]+\sms/,
      );
      // For the record: the wall time of this test's run (about two minutes on 2 cores).
      expect(wallS).toBeLessThan(300);
    }, 400_000);

    it('names a server that dies under load, with its exit and its stderr, and one that answers only errors', async () => {
      // Until 2026-12-07 a server that exited under load was labelled valid (its first step was) with the run
      // "completed", and one that answered 500 to every request "completed no request".
      const broken = join(dir, 'broken');
      mkdirSync(broken, { recursive: true });
      writeFileSync(
        join(broken, 'service.mjs'),
        `import { createServer } from 'node:http';
const [port, mode] = [Number(process.argv[2]), process.argv[3]];
let served = 0;
createServer((req, res) => {
  if (req.url === '/healthz') { res.writeHead(200); res.end('ok'); return; }
  served += 1;
  if (mode === 'crash' && served > 200) { process.stderr.write('crashing after ' + served + ' requests\\n'); process.exit(3); }
  res.writeHead(mode === 'crash' ? 200 : 500); res.end('x');
}).listen(port, '127.0.0.1');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`,
      );
      const failuresOf = async (mode: string) => {
        const file = join(broken, `${mode}.yaml`);
        writeFileSync(
          file,
          `version: 1
name: broken-${mode}
programs:
  go: { cwd: ., run: [${JSON.stringify(process.execPath)}, service.mjs, "{port}", ${mode}] }
ready: { path: /healthz }
requests:
  - { method: GET, path: /work }
slo: { p99_ms: 100 }
`,
        );
        const { run, failures } = await runLab([], {
          mode: 'quick',
          workloadFile: file,
          dbPath: join(broken, 'lab.db'),
          // No ladder of the test's own: the capacity probe sets it, as in a real run.
          plan: { stepSeconds: 1, warmupSeconds: 1, probeSeconds: 2, repeats: 1 },
        });
        expect(run.status).toBe('failed');
        return failures.join('\n');
      };
      expect(await failuresOf('crash')).toMatch(
        /^broken-crash: the go server exited under load, during the capacity probe: node exited \(exit code 3\); stderr:\ncrashing after 201 requests\n/,
      );
      expect(await failuresOf('errors')).toMatch(
        /^broken-errors: no program answered a request in the capacity probe \(go: every one of its \d+ requests failed/,
      );
      expect(liveProcessGroups()).toEqual([]);
      expect(processesMentioning(broken)).toEqual([]);
    }, 120_000);
  },
);
