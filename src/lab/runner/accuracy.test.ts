/** @module The load generator measures the server, not itself: a server that answers after a fixed 4 ms and one that answers at once (both Go, Nagle off, as Go sets TCP_NODELAY) are read at their true latency at the lowest rate, each no more than 0.3 ms above a paced two-process round trip to the same server. Slow (Go build + labload, about 40 s). */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pacedRoundTrip } from './floor.ts';
import { attack } from './loadgen.ts';
import { makeTempDir, type RunningServer, removeTempDir, stopAllProcesses } from './process.ts';
import { buildStallServer, startStallServer } from './selftest.ts';
import { findTool, LOADGEN_BIN } from './toolchain.ts';
import { loadgenCpuList, serverCpuList } from './workloads/servers.ts';

const haveTools = findTool('go') !== null && findTool(LOADGEN_BIN) !== null;
const RATE = 100;

afterAll(async () => {
  await stopAllProcesses();
});

// The global test setup installs labload or fails with the command; this guard only keeps a filtered run from crashing.
describe.skipIf(!haveTools)('load generator accuracy', { tags: ['slow'] }, () => {
  it('reads a fixed 4 ms server at 4 ms and up, and an instant one no more than 0.3 ms above a paced round trip', async () => {
    const dir = makeTempDir('accuracy');
    const servers: RunningServer[] = [];
    try {
      const bin = await buildStallServer(dir);
      // The servers on the server core, the generator and the paced client on the others, as in a lab run.
      const serverCpus = serverCpuList(1);
      const clientCpus = loadgenCpuList(1);
      const slow = await startStallServer(bin, { everyS: 10, forS: 0 }, { delayMs: 4, cpus: serverCpus });
      servers.push(slow);
      const fast = await startStallServer(bin, { everyS: 10, forS: 0 }, { cpus: serverCpus });
      servers.push(fast);
      const measure = async (server: RunningServer) => {
        const targets = join(dir, `targets-${server.pid}.txt`);
        writeFileSync(targets, `GET http://${server.addr}/\n`);
        const r = await attack({
          loadgen: findTool(LOADGEN_BIN) as string,
          targetsFile: targets,
          rate: RATE,
          durationS: 8,
          timeoutS: 5,
          maxWorkers: 100,
          cpus: clientCpus,
        });
        return r.histogram.percentiles();
      };
      const paced = await pacedRoundTrip(bin, fast.addr, { rate: RATE, n: 800, cpus: clientCpus });
      const pacedSlow = await pacedRoundTrip(bin, slow.addr, { rate: RATE, n: 800, cpus: clientCpus });
      const slowP = await measure(slow);
      const fastP = await measure(fast);
      const detail = `4 ms server p50 ${slowP.p50_ms} ms (paced ${pacedSlow.p50_us} µs); instant server p50 ${fastP.p50_ms} ms (paced ${paced.p50_us} µs)`;
      process.stderr.write(`accuracy: ${detail}\n`);
      // The paced client (one Go process, one GET every 10 ms) includes its own wake-up after each idle gap in its
      // round trip: on some VMs that is most of it (2026-12-07, two clean runs: 617 and 720 µs, while the generator
      // read the same instant server at 0.30 and 0.31 ms). So it bounds the generator from above, not from below: the
      // generator must not read an instant server more than 0.3 ms above it. Below it is no harness fault, and no
      // reading can be below a real round trip (the floor checks: more than 10 µs, and the 4 ms server at 4 ms or
      // more). The 4 ms server is held to the same bound against a paced round trip of its own: its sleep overshoots
      // 4 ms by a VM's timer slack (on 2026-12-07 a fixed ceiling of 4.8-4.9 ms failed three of nine runs on this
      // machine, at 4.96 and 5.25 ms among them), and both clients see that overshoot alike.
      const rtt = paced.p50_us / 1000;
      expect(slowP.p50_ms, detail).toBeGreaterThanOrEqual(4.0);
      expect(slowP.p50_ms - pacedSlow.p50_us / 1000, detail).toBeLessThanOrEqual(0.3);
      expect(fastP.p50_ms, detail).toBeGreaterThan(0.01);
      expect(fastP.p50_ms - rtt, detail).toBeLessThanOrEqual(0.3);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      removeTempDir(dir);
    }
  });
});
