/** @module The coordinated-omission self-test and the harness floor, run for real (Go build + labload): slow. */
import { describe, expect, it } from 'vitest';
import { formatHarnessFloor, measureHarnessFloor } from './floor.ts';
import { liveProcessGroups } from './process.ts';
import { processesMentioning, runSelftest } from './selftest.ts';
import { findTool, LOADGEN_BIN } from './toolchain.ts';

const haveTools = findTool('go') !== null && findTool(LOADGEN_BIN) !== null;

// The global test setup installs labload or fails with the command; this guard only keeps a filtered run from crashing.
describe.skipIf(!haveTools)('lab selftest', { tags: ['slow'] }, () => {
  it('shows a 1 s stall every 10 s in the open-loop p99 and p99.9, hides it closed-loop, leaves nothing running', async () => {
    const result = await runSelftest({ durationS: 20, closedDurationS: 20 });
    const failed = result.checks.filter((c) => c.required && !c.ok);
    expect(failed).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.open_loop.p99_ms).toBeGreaterThanOrEqual(500);
    expect(result.open_loop.p999_ms).toBeGreaterThanOrEqual(800);
    expect(result.closed_loop.p99_ms).toBeLessThan(100);
    expect(result.closed_loop.max_ms).toBeGreaterThanOrEqual(500);
    expect(result.leftover_pids).toEqual([]);
    expect(liveProcessGroups()).toEqual([]);
    expect(processesMentioning('gorust-selftest-')).toEqual([]);
  });

  it('measures the harness floor against a trivial server next to a paced round trip between two processes', async () => {
    const floor = await measureHarnessFloor({ rates: [200], durationS: 3, roundTrips: 2000 });
    const [step] = floor.steps;
    expect(step?.requests).toBe(600);
    // A trivial server stays well under 100 ms; both floors are real round trips.
    expect(step?.p50_ms).toBeLessThan(100);
    expect(floor.paced.n).toBe(600);
    expect(floor.paced.p50_us).toBeGreaterThan(0);
    expect(floor.paced.p99_us).toBeGreaterThanOrEqual(floor.paced.p50_us);
    expect(floor.loopback.http_p50_us).toBeGreaterThanOrEqual(floor.loopback.tcp_p50_us);
    expect(floor.p50_over_paced_rtt).toBeGreaterThan(0);
    expect(formatHarnessFloor(floor).join('\n')).toMatch(
      /paced round trip between two processes .* p50 .* µs[\s\S]*at 200 req\/s[\s\S]*x \(p50\)/,
    );
    expect(liveProcessGroups()).toEqual([]);
    expect(processesMentioning('gorust-floor-')).toEqual([]);
  });
});
