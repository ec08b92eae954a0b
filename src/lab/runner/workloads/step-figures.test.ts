/** @module Tests of a step's own figures: peak RSS of the step (not the server's life), other processes' CPU, /proc/stat parsing, and a step whose generator output cannot be read (invalid with the reason, never zeros). */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProcStat } from '../machine-cpu.ts';
import { makeTempDir, removeTempDir, startServer, stopAllProcesses } from '../process.ts';
import { measureLatencyStep, otherCpuSeconds, stepPeakRss } from './latency.ts';
import type { LabPlan, WorkloadContext } from './types.ts';

afterAll(async () => {
  await stopAllProcesses();
});

describe('stepPeakRss', () => {
  it("takes the high-water mark after a reset, the sampled maximum without one, never the server's lifetime peak", () => {
    expect(stepPeakRss({ reset: true, hwmAfterMib: 42.123, sampledMaxMib: 40 })).toEqual({
      rss_peak_mib: 42.12,
      rss_method: 'clear_refs',
    });
    // Without the reset the mark is the lifetime peak (300 MiB of start-up): only samples from the step count.
    expect(stepPeakRss({ reset: false, hwmAfterMib: 300, sampledMaxMib: 40 })).toEqual({
      rss_peak_mib: 40,
      rss_method: 'sampled',
    });
    expect(stepPeakRss({ reset: false, hwmAfterMib: 300, sampledMaxMib: null })).toEqual({
      rss_peak_mib: null,
      rss_method: null,
    });
  });

  it('resets a real process group high-water mark: a 200 MiB start-up peak does not count in the next step', async () => {
    // Allocates and touches 200 MiB, frees it, then announces itself like a lab server.
    const script = `let b = Buffer.alloc(200 * 2 ** 20, 1); b = null; globalThis.gc();
setTimeout(() => { process.stdout.write(JSON.stringify({ event: 'listening', addr: '127.0.0.1:9' }) + '\\n'); setInterval(() => {}, 1000); }, 200);`;
    const server = await startServer({ exec: process.execPath, args: ['--expose-gc', '-e', script] });
    try {
      const lifetime = server.stats()?.rss_peak_mib ?? 0;
      expect(lifetime).toBeGreaterThan(200);
      expect(server.resetPeakRss()).toBe(true);
      const step = server.stats()?.rss_peak_mib ?? Number.POSITIVE_INFINITY;
      expect(step).toBeLessThan(lifetime - 100);
    } finally {
      await server.stop();
    }
  });
});

describe('otherCpuSeconds and parseProcStat', () => {
  it('subtracts the lab, its server and its generator from the machine busy time', () => {
    expect(otherCpuSeconds({ machineBusyS: 10.4, serverCpuS: 4.9, loadgenCpuS: 3.1, labCpuS: 0.2 })).toBe(
      2.2,
    );
    // Tick rounding can make the difference slightly negative: that is no other load.
    expect(otherCpuSeconds({ machineBusyS: 8, serverCpuS: 5, loadgenCpuS: 3.05, labCpuS: 0 })).toBe(0);
    expect(otherCpuSeconds({ machineBusyS: null, serverCpuS: 1, loadgenCpuS: 1, labCpuS: 0 })).toBeNull();
    expect(otherCpuSeconds({ machineBusyS: 5, serverCpuS: null, loadgenCpuS: 1, labCpuS: 0 })).toBeNull();
  });

  it('reads busy and total seconds from the aggregate cpu line, interrupts and softirqs not counted as busy', () => {
    expect(parseProcStat('cpu  100 0 50 800 10 0 5 0 0 0\ncpu0 50 0 25 400 5 0 2 0 0 0\n')).toEqual({
      busy_s: 1.5,
      total_s: 9.65,
    });
    expect(parseProcStat('cpu  100 0 50 800 10 0 5 20 0 0\n')?.busy_s).toBe(1.7);
    expect(parseProcStat('intr 1 2 3\n')).toBeNull();
    expect(parseProcStat('cpu  1 2 x\n')).toBeNull();
  });
});

describe('a step whose load generator output cannot be read', () => {
  it('is stored invalid with the reason and no latency, CPU or RSS figures', async () => {
    const dir = makeTempDir('unreadable');
    try {
      const loadgen = join(dir, 'labload');
      writeFileSync(loadgen, '#!/bin/sh\necho "Killed"\n');
      chmodSync(loadgen, 0o755);
      const targets = join(dir, 'targets.txt');
      writeFileSync(targets, 'GET http://127.0.0.1:9/\n');
      const server = await startServer({
        exec: process.execPath,
        args: [
          '-e',
          `process.stdout.write(JSON.stringify({ event: 'listening', addr: '127.0.0.1:9' }) + '\\n'); setInterval(() => {}, 1000);`,
        ],
      });
      const plan = { timeoutS: 1, maxWorkers: 10, threads: 1 } as LabPlan;
      const ctx = {
        plan,
        workload: { name: 'http-json' },
        loadgen,
        tempDir: dir,
      } as unknown as WorkloadContext;
      const step = await measureLatencyStep(ctx, {
        server,
        lang: 'rust',
        variant: '',
        targetsFile: targets,
        rate: 10,
        repeat: 0,
        durationS: 1,
      });
      await server.stop();
      expect(step.valid).toBe(false);
      expect(step.reasons).toEqual([
        'the load generator\'s output could not be read: the load generator\'s summary is not JSON: "Killed"',
      ]);
      expect(step.metrics).toEqual({ target_rps: 10 });
      expect(step.histogram).toBeUndefined();
    } finally {
      removeTempDir(dir);
    }
  });
});
