/** @module End to end through the CLI: `gorust lab run http-json --quick --loadgen ssh://...` with the generator host a network namespace of the test's own (a veth pair, Debian's sshd started by the test inside it, on CPU 0), the servers outside it bound to the veth address (on the last CPU). Checks the run (validity with reasons, merged counts equal to the shards', the hosts in the environment), that the load crossed the veth pair, that Ctrl-C leaves nothing running, and that nothing is left on either side. Slow (about 2 minutes with builds cached); skipped, with the reason printed, where `ip netns` is not permitted. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/db.ts';
import { requireRun } from '../../store/lab-runs.ts';
import { processesMentioning } from './selftest.ts';
import { findTool, LOADGEN_BIN } from './toolchain.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SSHD = '/usr/sbin/sshd';
const tag = process.pid % 10_000;
const NS = `gorust-rl-${tag}`;
const VETH_ROOT = `grl${tag}a`;
const VETH_NS = `grl${tag}b`;
const subnet = 10 + ((process.pid + 97) % 200);
const ROOT_ADDR = `10.214.${subnet}.1`;
const NS_ADDR = `10.214.${subnet}.2`;

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
  const probe = `gorust-probe-rl-${tag}`;
  const add = sh('ip', ['netns', 'add', probe]);
  if (!add.ok) return `ip netns is not permitted here: ${add.out}`;
  sh('ip', ['netns', 'del', probe]);
  return null;
}

const reason = whyNot();
if (reason) process.stderr.write(`remote lab (CLI) test skipped: ${reason}\n`);

const dir = mkdtempSync(join(tmpdir(), 'gorust-remote-lab-'));
let sshd: ChildProcess | null = null;

/** Pids inside the namespace (sshd and whatever it started). */
function namespacePids(): number[] {
  const r = sh('ip', ['netns', 'pids', NS]);
  return r.ok ? r.out.split(/\s+/).filter(Boolean).map(Number) : [];
}

function cleanUp(): void {
  if (sshd?.pid !== undefined && sshd.exitCode === null) {
    try {
      process.kill(-sshd.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  sshd = null;
  sh('ip', ['netns', 'del', NS]);
  sh('ip', ['link', 'del', VETH_ROOT]);
}

afterAll(() => {
  cleanUp();
  rmSync(dir, { recursive: true, force: true });
});

function veth(stat: 'rx_bytes' | 'tx_bytes'): number {
  return Number(readFileSync(`/sys/class/net/${VETH_ROOT}/statistics/${stat}`, 'utf8'));
}

async function setUp(): Promise<void> {
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
  // What a user's ~/.ssh/config would hold for the generator host.
  writeFileSync(
    join(dir, 'ssh_config'),
    [
      `Host ${NS_ADDR}`,
      '  User root',
      `  IdentityFile ${join(dir, 'client_key')}`,
      '  StrictHostKeyChecking no',
      '  UserKnownHostsFile /dev/null',
      '  LogLevel ERROR',
      '',
    ].join('\n'),
  );
  sshd = spawn(
    'ip',
    ['netns', 'exec', NS, 'taskset', '-c', '0', SSHD, '-D', '-e', '-f', join(dir, 'sshd_config')],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore'],
    },
  );
  let up = false;
  for (let i = 0; i < 50 && !up; i++) {
    up = sh('ssh', ['-F', join(dir, 'ssh_config'), '-p', '2222', NS_ADDR, 'true']).ok;
    if (!up) await new Promise((r) => setTimeout(r, 200));
  }
  if (!up) throw new Error('sshd did not come up in the namespace');
}

/** A small HTTP service of the test's own, bound where the lab says ({host}:{port}). */
const SERVICE = `import { createServer } from 'node:http';
const [host, port] = [process.argv[2], Number(process.argv[3])];
createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('ok'); }).listen(port, host);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

/** A workload file whose one program (Rust's side; Go absent) is the service above, run with `args`. */
function workloadFile(name: string, args: string[]): string {
  writeFileSync(join(dir, 'service.mjs'), SERVICE);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `version: 1
name: ${name}
programs:
  rust: { cwd: ., run: [${JSON.stringify(process.execPath)}, service.mjs, ${args.map((a) => JSON.stringify(a)).join(', ')}] }
ready: { path: /healthz }
requests:
  - { method: GET, path: /work }
slo: { p99_ms: 50 }
`,
  );
  return file;
}

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += String(d);
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += String(d);
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      // Let the pipes drain.
      setTimeout(() => resolve({ code, stdout, stderr }), 100);
    });
  });
}

describe.skipIf(reason !== null)(
  'gorust lab run --loadgen ssh:// (network namespaces)',
  { tags: ['slow'] },
  () => {
    it('refuses a bad --loadgen value with exit 2 and the expected form', async () => {
      const r = await finished(
        cli(['lab', 'run', 'http-json', '--quick', '--loadgen', 'http://gen1']),
        60_000,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--loadgen takes ssh://[user@]HOST[:PORT]');
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }, 90_000);

    it('measures http-json with two generators in another network stack, merges them, and leaves nothing running', async () => {
      await setUp();
      const db = join(dir, 'lab.db');
      const rxBefore = veth('rx_bytes');
      const txBefore = veth('tx_bytes');
      const started = Date.now();
      // Two generators on the namespace "host" (the same sshd, named two ways), sharing each step's rate.
      const r = await finished(
        cli([
          'lab',
          'run',
          'http-json',
          '--quick',
          '--loadgen',
          `ssh://root@${NS_ADDR}:2222`,
          '--loadgen',
          `ssh://${NS_ADDR}:2222`,
          '--ssh-config',
          join(dir, 'ssh_config'),
          '--format',
          'json',
          '--db',
          db,
        ]),
        420_000,
      );
      const wallS = (Date.now() - started) / 1000;
      process.stderr.write(`remote lab run: ${wallS.toFixed(0)} s wall\n`);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as {
        environment: {
          loadgen_hosts: { url: string; hostname: string; same_machine: boolean }[];
          server_addr: string;
        };
        workloads: { name: string; steps: number; invalid_steps: number; problems: string[] }[];
      };
      // The hosts as they described themselves, and the address the servers bound.
      expect(json.environment.loadgen_hosts.map((h) => h.url)).toEqual([
        `ssh://root@${NS_ADDR}:2222`,
        `ssh://${NS_ADDR}:2222`,
      ]);
      expect(json.environment.loadgen_hosts.every((h) => h.hostname.length > 0 && h.same_machine)).toBe(true);
      expect(json.environment.server_addr).toBe(ROOT_ADDR);
      const w = json.workloads[0];
      expect(w?.name).toBe('http-json');
      expect(w?.steps).toBeGreaterThan(0);

      const store = openStore(db);
      let requests = 0;
      try {
        const run = requireRun(store, 'latest');
        const steps = run.steps.filter((s) => s.workload === 'http-json');
        expect(steps.some((s) => s.kind === 'capacity')).toBe(true);
        expect(steps.some((s) => s.kind === 'rate')).toBe(true);
        for (const step of steps) {
          // Valid, or invalid with its reasons (neighbours' load on a shared machine makes some invalid).
          expect(step.valid || step.reasons.length > 0, JSON.stringify(step.reasons)).toBe(true);
          const shards = (step.detail as { loadgen_shards?: { host: string; requests: number }[] })
            .loadgen_shards;
          expect(shards?.map((x) => x.host)).toEqual([`ssh://root@${NS_ADDR}:2222`, `ssh://${NS_ADDR}:2222`]);
          const sum = (shards ?? []).reduce((n, x) => n + x.requests, 0);
          if (step.kind === 'rate') {
            // The merged step counts every request of both shards, and each shard sent about half.
            expect(step.metrics.requests).toBe(sum);
            requests += sum;
            for (const x of shards ?? [])
              expect(Math.abs(x.requests - sum / 2)).toBeLessThanOrEqual(Math.max(1, sum * 0.05));
          } else {
            expect(sum).toBeGreaterThan(0);
          }
        }
        // The step's CPU rules are recorded per step: the generators' own CPU share, other processes on this machine.
        const rate = steps.find((s) => s.kind === 'rate');
        expect(rate?.metrics.loadgen_cpu_share).toBeGreaterThanOrEqual(0);
        expect(rate?.metrics.other_cpu_s === null || typeof rate?.metrics.other_cpu_s === 'number').toBe(
          true,
        );
      } finally {
        store.close();
      }
      // The load crossed the veth pair (requests in, responses out): at least 100 bytes each way per request.
      expect(veth('rx_bytes') - rxBefore).toBeGreaterThan(requests * 100);
      expect(veth('tx_bytes') - txBefore).toBeGreaterThan(requests * 100);

      // Nothing left: no server bound to the veth address here, nothing but sshd itself in the namespace.
      expect(processesMentioning(`${ROOT_ADDR}:0`)).toEqual([]);
      expect(namespacePids()).toEqual([sshd?.pid]);
    }, 480_000);

    it("loads a team's own program bound to {host} from the generator host", async () => {
      const file = workloadFile('ns-service', ['{host}', '{port}']);
      const db = join(dir, 'lab-service.db');
      const started = Date.now();
      const r = await finished(
        cli([
          'lab',
          'run',
          '--workload',
          file,
          '--quick',
          '--loadgen',
          `ssh://${NS_ADDR}:2222`,
          '--ssh-config',
          join(dir, 'ssh_config'),
          '--format',
          'json',
          '--db',
          db,
        ]),
        300_000,
      );
      process.stderr.write(
        `remote lab run of a workload file: ${((Date.now() - started) / 1000).toFixed(0)} s wall\n`,
      );
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as {
        environment: { server_addr: string };
        workloads: { name: string; steps: number }[];
      };
      expect(json.environment.server_addr).toBe(ROOT_ADDR);
      expect(json.workloads[0]).toMatchObject({ name: 'ns-service' });
      const store = openStore(db);
      try {
        const steps = requireRun(store, 'latest').steps.filter((s) => s.kind === 'rate');
        expect(steps.length).toBeGreaterThan(0);
        for (const step of steps) {
          expect(step.valid || step.reasons.length > 0).toBe(true);
          const shards = (step.detail as { loadgen_shards?: { requests: number }[] }).loadgen_shards ?? [];
          expect(shards).toHaveLength(1);
          expect(step.metrics.requests).toBe(shards[0]?.requests);
          expect(step.metrics.errors).toBe(0);
        }
      } finally {
        store.close();
      }
      expect(processesMentioning(join(dir, 'service.mjs'))).toEqual([]);
      expect(
        processesMentioning('service.mjs').filter((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(ROOT_ADDR);
          } catch {
            return false;
          }
        }),
      ).toEqual([]);
      expect(namespacePids()).toEqual([sshd?.pid]);
    }, 360_000);

    it('stops the remote generators and the servers on Ctrl-C', async () => {
      const db = join(dir, 'lab-interrupted.db');
      const child = cli([
        'lab',
        'run',
        'http-json',
        '--quick',
        '--loadgen',
        `ssh://${NS_ADDR}:2222`,
        '--ssh-config',
        join(dir, 'ssh_config'),
        '--db',
        db,
      ]);
      const done = finished(child, 300_000);
      // Wait until a generator runs inside the namespace, then interrupt.
      const sshdPid = sshd?.pid ?? -1;
      const labloadRunning = () =>
        namespacePids().some((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('labload');
          } catch {
            return false;
          }
        });
      let seen = false;
      for (let i = 0; i < 1200 && !seen && child.exitCode === null; i++) {
        seen = labloadRunning();
        if (!seen) await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen).toBe(true);
      child.kill('SIGINT');
      const r = await done;
      expect(r.code).toBe(130);
      expect(r.stderr).toContain('interrupted');
      // The remote labload dies with its ssh session; the servers with their process groups.
      let clean = false;
      for (let i = 0; i < 50 && !clean; i++) {
        clean = !labloadRunning() && processesMentioning(`${ROOT_ADDR}:0`).length === 0;
        if (!clean) await new Promise((res) => setTimeout(res, 100));
      }
      expect(clean).toBe(true);
      expect(namespacePids()).toEqual([sshdPid]);

      // sshd is the test's child: wait for its exit (a killed child stays a zombie until then).
      const daemon = sshd;
      const sshdExited = new Promise<boolean>((resolve) => {
        if (daemon === null || daemon.exitCode !== null || daemon.signalCode !== null) resolve(true);
        else {
          daemon.once('exit', () => resolve(true));
          setTimeout(() => resolve(false), 10_000);
        }
      });
      cleanUp();
      expect(await sshdExited).toBe(true);
      expect(sh('ip', ['netns', 'list']).out).not.toContain(NS);
      expect(existsSync(`/sys/class/net/${VETH_ROOT}`)).toBe(false);
    }, 360_000);
  },
);
