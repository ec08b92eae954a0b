/** @module Tests of CPU pinning: servers on the last cores, the load generator on the others, and the pinning recorded with the run; and the rule that an unreadable generator output makes the step invalid, never a zero. */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../../../store/lab-runs.ts';
import { renderRun } from '../../analysis/report.ts';
import { attack, cpuCount, LoadgenOutputError } from '../loadgen.ts';
import type { ResolvedProgram } from '../manifest.ts';
import { makeTempDir, removeTempDir } from '../process.ts';
import { runBatch } from './batch.ts';
import { loadgenCpuList, serverCpuList } from './servers.ts';

describe('loadgenCpuList', () => {
  it('gives the load generator the cores the servers are not pinned to, and nothing when there is one core', () => {
    expect([serverCpuList(1, 2), loadgenCpuList(1, 2)]).toEqual(['1', '0']);
    expect([serverCpuList(1, 8), loadgenCpuList(1, 8)]).toEqual(['7', '0-6']);
    expect([serverCpuList(2, 4), loadgenCpuList(2, 4)]).toEqual(['2-3', '0-1']);
    expect([serverCpuList(1, 1), loadgenCpuList(1, 1)]).toEqual([null, null]);
    expect(loadgenCpuList(2, 2)).toBeNull();
    expect([cpuCount('0'), cpuCount('0-6'), cpuCount('0,2-3')]).toEqual([1, 7, 3]);
  });
});

describe('attack pinning', () => {
  // A stand-in labload that records the CPUs it may run on and its --threads, and reports no requests.
  const fakeLoadgen = `#!/bin/sh
dir=$(dirname "$0")
grep Cpus_allowed_list /proc/self/status | awk '{print $2}' > "$dir/affinity"
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) echo "$2" > "$dir/threads"; shift;;
    --records) : > "$2"; shift;;
  esac
  shift
done
echo '{"tool":"labload","mode":"open","rate":10,"workers":0,"shard":0,"shards":1,"duration_s":1,"timeout_s":1,"start_epoch_ms":1,"requests":0,"ok":0,"errors":0,"timeouts":0,"unsent":0,"max_in_flight":0,"max_connections":4,"connections_opened":1,"connect_errors":0,"cap_hit":false,"threads":1,"cpu_user_s":0.01,"cpu_system_s":0.01,"wall_s":1}'
`;

  it.skipIf(availableParallelism() < 2)(
    'runs the load generator under taskset on the given CPUs and says so',
    async () => {
      const dir = makeTempDir('fake-loadgen');
      try {
        const loadgen = join(dir, 'labload');
        writeFileSync(loadgen, fakeLoadgen);
        chmodSync(loadgen, 0o755);
        const targetsFile = join(dir, 'targets.txt');
        writeFileSync(targetsFile, 'GET http://127.0.0.1:1/\n');
        const base = {
          loadgen,
          targetsFile,
          rate: 10,
          durationS: 1,
          timeoutS: 1,
          maxWorkers: 4,
          loadgenProcs: 4,
        };
        const pinned = await attack({ ...base, cpus: '0' });
        expect(readFileSync(join(dir, 'affinity'), 'utf8').trim()).toBe('0');
        // The generator's threads are capped at the pinned CPUs.
        expect(readFileSync(join(dir, 'threads'), 'utf8').trim()).toBe('1');
        expect([pinned.loadgen_cpus, pinned.loadgen_procs]).toEqual(['0', 1]);
        expect(pinned.loadgen_cpu_s).toBe(0.02);
        const free = await attack(base);
        expect(free.loadgen_cpus).toBeNull();
        expect(readFileSync(join(dir, 'threads'), 'utf8').trim()).toBe('4');
      } finally {
        removeTempDir(dir);
      }
    },
  );

  it('turns an unreadable generator output into a LoadgenOutputError, never a zero', async () => {
    const dir = makeTempDir('fake-loadgen');
    try {
      const targetsFile = join(dir, 'targets.txt');
      writeFileSync(targetsFile, 'GET http://127.0.0.1:1/\n');
      const cases = [
        ['echo "Segmentation fault"', /summary is not JSON/],
        ['echo \'{"tool":"labload","rate":10}\'', /no numeric duration_s/],
      ] as const;
      for (const [body, message] of cases) {
        const loadgen = join(dir, 'labload');
        writeFileSync(loadgen, `#!/bin/sh\n${body}\n`);
        chmodSync(loadgen, 0o755);
        const run = attack({ loadgen, targetsFile, rate: 10, durationS: 1, timeoutS: 1, maxWorkers: 4 });
        await expect(run).rejects.toBeInstanceOf(LoadgenOutputError);
        await expect(run).rejects.toThrow(message);
      }
    } finally {
      removeTempDir(dir);
    }
  });

  it('shows the pinning with the run', () => {
    const run: StoredRun = {
      id: 'p',
      started_at: '2026-01-01T00:00:00.000Z',
      finished_at: null,
      status: 'completed',
      mode: 'quick',
      workloads: [],
      environment: { cpu_model: 'Test CPU', cores: 2, server_cpus: '1', loadgen_cpus: '0' },
      pid: null,
      note: null,
      steps: [],
    };
    expect(renderRun(run, 'text')).toContain(
      'pinning: servers on CPU 1, load generators (labload, boundary clients) on CPU 0',
    );
  });

  it.skipIf(availableParallelism() < 2)('pins a batch client to the given CPUs', async () => {
    const program: ResolvedProgram = {
      name: 'client',
      kind: 'batch',
      exec: '/bin/sh',
      args: ['-c', 'echo "{\\"cpus\\": \\"$(grep Cpus_allowed_list /proc/self/status | cut -f2)\\"}"'],
      env: {},
      cwd: process.cwd(),
      build: [],
      buildEnv: {},
    };
    const pinned = await runBatch(program, 10_000, [], {}, '0');
    expect(pinned.output).toEqual({ cpus: '0' });
    const free = await runBatch(program, 10_000);
    expect(free.output.cpus).not.toBe('0');
  });
});
