/** @module Tests of CPU pinning: servers on the last cores, vegeta on the others, and the pinning recorded with the run. */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../../../store/lab-runs.ts';
import { renderRun } from '../../analysis/report.ts';
import type { ResolvedProgram } from '../manifest.ts';
import { makeTempDir, removeTempDir } from '../process.ts';
import { attack, cpuCount } from '../vegeta.ts';
import { runBatch } from './batch.ts';
import { loadgenCpuList, serverCpuList } from './servers.ts';

describe('loadgenCpuList', () => {
  it('gives vegeta the cores the servers are not pinned to, and nothing when there is one core', () => {
    expect([serverCpuList(1, 2), loadgenCpuList(1, 2)]).toEqual(['1', '0']);
    expect([serverCpuList(1, 8), loadgenCpuList(1, 8)]).toEqual(['7', '0-6']);
    expect([serverCpuList(2, 4), loadgenCpuList(2, 4)]).toEqual(['2-3', '0-1']);
    expect([serverCpuList(1, 1), loadgenCpuList(1, 1)]).toEqual([null, null]);
    expect(loadgenCpuList(2, 2)).toBeNull();
    expect([cpuCount('0'), cpuCount('0-6'), cpuCount('0,2-3')]).toEqual([1, 7, 3]);
  });
});

describe('attack pinning', () => {
  // A stand-in vegeta that records the CPUs it may run on and its GOMAXPROCS, and returns no results.
  const fakeVegeta = `#!/bin/sh
dir=$(dirname "$0")
if [ "$1" = attack ]; then
  for a; do case "$a" in -output=*) : > "\${a#-output=}";; esac; done
  grep Cpus_allowed_list /proc/self/status | awk '{print $2}' > "$dir/affinity"
  echo "$GOMAXPROCS" > "$dir/gomaxprocs"
else
  for a; do case "$a" in --output=*) : > "\${a#--output=}";; esac; done
fi
`;

  it.skipIf(availableParallelism() < 2)(
    'runs vegeta under taskset on the given CPUs and says so',
    async () => {
      const dir = makeTempDir('fake-vegeta');
      try {
        const vegeta = join(dir, 'vegeta');
        writeFileSync(vegeta, fakeVegeta);
        chmodSync(vegeta, 0o755);
        const targetsFile = join(dir, 'targets.txt');
        writeFileSync(targetsFile, 'GET http://127.0.0.1:1/\n');
        const base = {
          vegeta,
          targetsFile,
          rate: 10,
          durationS: 1,
          timeoutS: 1,
          maxWorkers: 4,
          loadgenProcs: 4,
        };
        const pinned = await attack({ ...base, cpus: '0' });
        expect(readFileSync(join(dir, 'affinity'), 'utf8').trim()).toBe('0');
        // GOMAXPROCS is capped at the pinned CPUs.
        expect(readFileSync(join(dir, 'gomaxprocs'), 'utf8').trim()).toBe('1');
        expect([pinned.loadgen_cpus, pinned.loadgen_procs]).toEqual(['0', 1]);
        const free = await attack(base);
        expect(free.loadgen_cpus).toBeNull();
        expect(readFileSync(join(dir, 'gomaxprocs'), 'utf8').trim()).toBe('4');
      } finally {
        removeTempDir(dir);
      }
    },
  );

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
      'pinning: servers on CPU 1, load generators (vegeta, boundary clients) on CPU 0',
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
