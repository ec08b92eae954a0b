/** @module Load generators on another host, for real on one machine: a network namespace joined to this one by a veth pair, Debian's sshd started by the test inside it, labload installed there over ssh and driven as two generators that split the rate; the server runs outside the namespace on the veth address, on another CPU. Traffic goes only between the two veth addresses. Slow (about 20 s); skipped, with the reason printed, where `ip netns` is not permitted. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attack, type LoadgenHost, parseSshUrl } from './loadgen.ts';
import { makeTempDir, type RunningServer, removeTempDir, stopAllProcesses } from './process.ts';
import { buildStallServer, startStallServer } from './selftest.ts';
import { findTool, LOADGEN_BIN } from './toolchain.ts';

const SSHD = '/usr/sbin/sshd';
const tag = process.pid % 10_000;
const NS = `gorust-lg-${tag}`;
const VETH_ROOT = `glg${tag}a`;
const VETH_NS = `glg${tag}b`;
const subnet = 10 + (process.pid % 200);
const ROOT_ADDR = `10.213.${subnet}.1`;
const NS_ADDR = `10.213.${subnet}.2`;

function sh(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** Why this test cannot run here (null when it can): it needs `ip netns`, sshd, ssh and labload. */
function whyNot(): string | null {
  if (!findTool(LOADGEN_BIN)) return 'labload is not installed (gorust lab setup)';
  if (!existsSync(SSHD)) return `${SSHD} is missing (apt-get install -y openssh-server)`;
  if (!findTool('ssh') || !findTool('ssh-keygen'))
    return 'the ssh client is missing (apt-get install -y openssh-client)';
  const probe = `gorust-probe-${tag}`;
  const add = sh('ip', ['netns', 'add', probe]);
  if (!add.ok) return `ip netns is not permitted here: ${add.out}`;
  sh('ip', ['netns', 'del', probe]);
  return null;
}

const reason = whyNot();
if (reason) process.stderr.write(`remote load generator test skipped: ${reason}\n`);

let sshd: ChildProcess | null = null;

function cleanUp(): void {
  if (sshd?.pid !== undefined && sshd.exitCode === null) {
    try {
      process.kill(-sshd.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  sshd = null;
  // Deleting the namespace deletes its end of the veth pair, and with it the other end.
  sh('ip', ['netns', 'del', NS]);
  sh('ip', ['link', 'del', VETH_ROOT]);
}

afterAll(async () => {
  await stopAllProcesses();
  cleanUp();
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
      const run = (args: string[]) => {
        const r = sh('ip', args);
        if (!r.ok) throw new Error(`ip ${args.join(' ')}: ${r.out}`);
      };
      run(['netns', 'add', NS]);
      run(['link', 'add', VETH_ROOT, 'type', 'veth', 'peer', 'name', VETH_NS]);
      run(['link', 'set', VETH_NS, 'netns', NS]);
      run(['addr', 'add', `${ROOT_ADDR}/30`, 'dev', VETH_ROOT]);
      run(['link', 'set', VETH_ROOT, 'up']);
      run(['-n', NS, 'addr', 'add', `${NS_ADDR}/30`, 'dev', VETH_NS]);
      run(['-n', NS, 'link', 'set', VETH_NS, 'up']);
      run(['-n', NS, 'link', 'set', 'lo', 'up']);

      for (const key of ['host_key', 'client_key']) {
        const r = sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]);
        if (!r.ok) throw new Error(`ssh-keygen: ${r.out}`);
      }
      sh('cp', [join(dir, 'client_key.pub'), join(dir, 'authorized_keys')]);
      sh('mkdir', ['-p', '/run/sshd']);
      writeFileSync(
        join(dir, 'sshd_config'),
        [
          `ListenAddress ${NS_ADDR}`,
          'Port 2222',
          `HostKey ${join(dir, 'host_key')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          `PidFile ${join(dir, 'sshd.pid')}`,
          'StrictModes no',
          'UsePAM no',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'PermitRootLogin prohibit-password',
          '',
        ].join('\n'),
      );
      const cores = availableParallelism();
      const generatorCpu = '0';
      const serverCpu = cores > 1 ? String(cores - 1) : null;
      // sshd (and so the generators it starts) on CPU 0 inside the namespace; the server on the last CPU outside.
      sshd = spawn(
        'ip',
        [
          'netns',
          'exec',
          NS,
          'taskset',
          '-c',
          generatorCpu,
          SSHD,
          '-D',
          '-e',
          '-f',
          join(dir, 'sshd_config'),
        ],
        {
          detached: true,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let sshdLog = '';
      sshd.stderr?.on('data', (d: Buffer) => {
        sshdLog += String(d);
      });

      const sshArgs = [
        '-i',
        join(dir, 'client_key'),
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'LogLevel=ERROR',
        '-o',
        'ConnectTimeout=5',
      ];
      const host: LoadgenHost = { url: `ssh://root@${NS_ADDR}:2222`, sshArgs };
      let up = false;
      for (let i = 0; i < 50 && !up; i++) {
        up = sh('ssh', [...sshArgs, '-p', '2222', `root@${NS_ADDR}`, 'true']).ok;
        if (!up) await new Promise((r) => setTimeout(r, 200));
      }
      expect(up, `sshd did not come up: ${sshdLog}`).toBe(true);

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
        '-i',
        join(dir, 'client_key'),
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'LogLevel=ERROR',
        '-p',
        '2222',
        `root@${NS_ADDR}`,
        'rm -rf .cache/gorust/labload .cache/gorust/labload.stamp',
      ]);
      cleanUp();
      removeTempDir(dir);
    }
    expect(sh('ip', ['netns', 'list']).out).not.toContain(NS);
  });
});
