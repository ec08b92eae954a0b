/** @module Lab benchmarks for `npm run bench`: the harness's own latency floor, and the quick suite's wall time with builds cached. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatHarnessFloor, measureHarnessFloor } from '../src/lab/runner/floor.ts';
import { runLab } from '../src/lab/runner/run.ts';

const QUICK_SUITE = ['http-json', 'gc-cache', 'cpu', 'build', 'boundary'];

/** The harness floor against a trivial server, next to a raw loopback round trip. */
export async function benchHarnessFloor(): Promise<string[]> {
  return formatHarnessFloor(await measureHarnessFloor());
}

/**
 * Wall time of the whole quick suite with builds cached: one untimed run warms the build cache, the second is timed.
 * Both runs go to a throw-away store.
 */
export async function benchQuickSuite(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gorust-bench-lab-'));
  try {
    const dbPath = join(dir, 'bench.db');
    await runLab(QUICK_SUITE, { mode: 'quick', dbPath });
    const started = performance.now();
    const { run, failures } = await runLab(QUICK_SUITE, { mode: 'quick', dbPath });
    const seconds = (performance.now() - started) / 1000;
    return [
      `quick suite (${QUICK_SUITE.join(', ')}), builds cached: ${seconds.toFixed(1)} s wall (run ${run.id})`,
      ...(failures.length > 0 ? [`failures: ${failures.join('; ')}`] : []),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
