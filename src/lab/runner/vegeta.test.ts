/** @module vegeta driven for real against a small Node server: on-schedule latencies, the worker cap, errors at the timeout. Slow (runs vegeta). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeStep } from '../analysis/validity.ts';
import { makeTempDir, type RunningServer, startServer, stopAllProcesses } from './process.ts';
import { findTool } from './toolchain.ts';
import { attack, probeCapacity } from './vegeta.ts';

const vegeta = findTool('vegeta');
// Responds at once on /, after 200 ms on /slow, with 503 on /fail.
const serverScript = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  if (req.url === '/slow') setTimeout(() => res.end('slow'), 200);
  else if (req.url === '/fail') { res.statusCode = 503; res.end('no'); }
  else res.end('ok');
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ event: 'listening', addr: '127.0.0.1:' + server.address().port }) + '\\n');
});
`;

// Skipped only when vegeta is not installed (`gorust lab setup`; CI runs it before the tests).
describe.skipIf(vegeta === null)('vegeta attack', { tags: ['slow'] }, () => {
  let server: RunningServer;
  let dir: string;
  const targets = (path: string): string => {
    const file = join(dir, `targets${path.replace(/\//g, '-')}.txt`);
    writeFileSync(file, `GET http://${server.addr}${path}\n`);
    return file;
  };

  beforeAll(async () => {
    dir = makeTempDir('vegeta-test');
    server = await startServer({ exec: process.execPath, args: ['-e', serverScript] });
  });
  afterAll(async () => {
    await stopAllProcesses();
  });

  it('sends at the offered rate and reports corrected latency, timeline and loadgen CPU', async () => {
    const r = await attack({
      vegeta: vegeta as string,
      targetsFile: targets('/'),
      rate: 200,
      durationS: 2,
      timeoutS: 2,
      maxWorkers: 100,
    });
    expect(r.requests).toBe(400);
    expect(r.achieved_rps).toBe(200);
    expect(r.errors).toBe(0);
    expect(r.worker_cap_hit).toBe(false);
    expect(r.histogram.count).toBe(400);
    const p = r.histogram.percentiles();
    expect(p.p50_ms).toBeGreaterThan(0);
    expect(p.p50_ms).toBeGreaterThanOrEqual(r.uncorrected_histogram.percentiles().p50_ms);
    expect(r.timeline.map((t) => t.t_s)).toEqual(expect.arrayContaining([0, 1]));
    expect(r.loadgen_cpu_s).toBeGreaterThan(0);
    expect(Math.abs(r.started_at_ms - Date.now())).toBeLessThan(60_000);
    expect(judgeStep(r).valid).toBe(true);
  });

  it('detects the worker cap and the missed rate when the server is slower than the workers allow', async () => {
    const r = await attack({
      vegeta: vegeta as string,
      targetsFile: targets('/slow'),
      rate: 100,
      durationS: 2,
      timeoutS: 2,
      maxWorkers: 5,
    });
    expect(r.worker_cap_hit).toBe(true);
    expect(r.achieved_rps).toBeLessThan(99);
    // The requests that waited for a worker are charged from their intended send time.
    expect(r.histogram.percentiles().p99_ms).toBeGreaterThan(r.uncorrected_histogram.percentiles().p99_ms);
    const verdict = judgeStep(r);
    expect(verdict.valid).toBe(false);
    expect(verdict.reasons.join('\n')).toMatch(/worker cap/);
    expect(verdict.reasons.join('\n')).toMatch(/of the 100 req\/s target/);
  });

  it('counts HTTP errors and records them at the timeout value', async () => {
    const r = await attack({
      vegeta: vegeta as string,
      targetsFile: targets('/fail'),
      rate: 50,
      durationS: 1,
      timeoutS: 1,
      maxWorkers: 50,
    });
    expect(r.errors).toBe(r.requests);
    expect(r.histogram.percentiles().p50_ms).toBeGreaterThanOrEqual(1000);
  });

  it('probes closed-loop capacity', async () => {
    const rps = await probeCapacity({
      vegeta: vegeta as string,
      targetsFile: targets('/'),
      durationS: 1,
      workers: 4,
    });
    expect(rps).toBeGreaterThan(100);
  });
});
