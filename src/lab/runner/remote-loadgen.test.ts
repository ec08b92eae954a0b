/** @module Load generators on another host, for real on one machine: a network namespace joined to this one by a veth pair, Debian's sshd started by the test inside it, labload installed there over ssh and driven as two generators that split the rate; the server runs outside the namespace on the veth address, on another CPU. Traffic goes only between the two veth addresses. Slow (about 20 s); skipped, with the reason printed, where `ip netns` is not permitted. */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attack, type LoadgenHost, parseSshUrl } from './loadgen.ts';
import { cleanUp, netnsHost, setUpHost, sh, sshFiles, whyNetnsUnavailable } from './netns.test-helpers.ts';
import { makeTempDir, type RunningServer, removeTempDir, stopAllProcesses } from './process.ts';
import { buildStallServer, startStallServer } from './selftest.ts';
import { findTool, LOADGEN_BIN } from './toolchain.ts';

const HOST = netnsHost('lg', 0, 213);
const ROOT_ADDR = HOST.rootAddr;
const NS_ADDR = HOST.addr;

const reason = whyNetnsUnavailable();
if (reason) process.stderr.write(`remote load generator test skipped: ${reason}\n`);

afterAll(async () => {
  await stopAllProcesses();
  cleanUp(HOST);
});

describe.skipIf(reason !== null)('load generators on other hosts (ssh)', { tags: ['slow'] }, () => {
  it('parses ssh:// addresses', () => {
    expect(parseSshUrl('ssh://lab@10.0.0.2:2222')).toEqual({ target: 'lab@10.0.0.2', port: 2222 });
    expect(parseSshUrl('ssh://gen1')).toEqual({ target: 'gen1', port: 22 });
    expect(parseSshUrl('http://gen1')).toBeNull();
    expect(parseSshUrl('ssh://gen1:99999')).toBeNull();
  });

  it('installs labload over ssh, splits the rate between two generators and merges them into one step', async () => {
    const dir = makeTempDir('remote-loadgen');
    let server: RunningServer | null = null;
    try {
      const sshConfig = sshFiles(dir, [HOST]);
      const cores = availableParallelism();
      const generatorCpu = '0';
      const serverCpu = cores > 1 ? String(cores - 1) : null;
      // sshd (and so the generators it starts) on CPU 0 inside the namespace; the server on the last CPU outside.
      await setUpHost(HOST, generatorCpu, dir, sshConfig);
      const sshArgs = ['-F', sshConfig];
      const host: LoadgenHost = { url: `ssh://root@${NS_ADDR}:2222`, sshArgs };

      const bin = await buildStallServer(dir);
      server = await startStallServer(
        bin,
        { everyS: 10, forS: 0 },
        { namespaceHost: ROOT_ADDR, cpus: serverCpu },
      );
      expect(server.addr.startsWith(`${ROOT_ADDR}:`)).toBe(true);
      const targets = join(dir, 'targets.txt');
      writeFileSync(targets, `GET http://${server.addr}/\n`);

      // Two generators on the "other host" (the same sshd twice), each with half of the 200 req/s schedule.
      const r = await attack({
        loadgen: findTool(LOADGEN_BIN) as string,
        targetsFile: targets,
        rate: 200,
        durationS: 3,
        timeoutS: 2,
        maxWorkers: 100,
        cpus: generatorCpu,
        remotes: [host, host],
      });
      expect(r.requests).toBe(600);
      expect(r.achieved_rps).toBe(200);
      expect(r.errors).toBe(0);
      expect(r.histogram.count).toBe(600);
      expect(r.histogram.percentiles().p50_ms).toBeGreaterThan(0);
      expect(r.histogram.percentiles().p50_ms).toBeLessThan(50);
      expect(r.loadgen_cpu_s).toBeGreaterThan(0);
      // Installed once, with the local stamp: a second step does not copy it again.
      const stamp = sh('ssh', [
        ...sshArgs,
        '-p',
        '2222',
        `root@${NS_ADDR}`,
        'cat .cache/gorust/labload.stamp',
      ]);
      expect(stamp.out).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      if (server) await server.stop();
      sh('ssh', [
        '-F',
        join(dir, 'ssh_config'),
        '-p',
        '2222',
        NS_ADDR,
        'rm -rf .cache/gorust/labload .cache/gorust/labload.stamp',
      ]);
      cleanUp(HOST);
      removeTempDir(dir);
    }
    expect(sh('ip', ['netns', 'list']).out).not.toContain(HOST.ns);
  });
});
