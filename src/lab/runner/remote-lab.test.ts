/** @module End to end through the CLI, with two "other hosts" that are network namespaces of the test's own (each joined by a veth pair, with Debian's sshd started by the test inside it): `gorust lab run --workload FILE --quick --loadgen ssh://... --loadgen ssh://...` (generators in one namespace on CPU 0, the program outside bound to {host}) and `gorust lab run http-json --quick --server ssh://...` (the servers in the other namespace on the last CPU, loaded from here). Checks the runs (validity with reasons, merged counts equal to the shards', the hosts in the environment, the server's figures from its host), that the load crossed the veth pairs, that Ctrl-C stops what runs on the other hosts, and that nothing is left on either side. Slow (a few minutes); skipped, with the reason printed, where `ip netns` is not permitted. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/db.ts';
import { requireRun } from '../../store/lab-runs.ts';
import {
  cleanUp,
  type Host,
  inNamespace,
  namespacePids,
  netnsHost,
  setUpHost,
  sshFiles,
  tearDown,
  veth,
  whyNetnsUnavailable,
} from './netns.test-helpers.ts';
import { processesMentioning } from './selftest.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const GEN = netnsHost('rl', 0);
const SRV = netnsHost('rs', 1);
const ROOT_ADDR = GEN.rootAddr;
const NS_ADDR = GEN.addr;

const reason = whyNetnsUnavailable();
if (reason) process.stderr.write(`remote lab (CLI) test skipped: ${reason}\n`);

const dir = mkdtempSync(join(tmpdir(), 'gorust-remote-lab-'));
/** Where --server copies the servers on the "server host" (this machine's root home, shared by the namespaces). */
const SERVERS_DIR = join(homedir(), '.cache', 'gorust', 'servers');
const serversBefore = existsSync(SERVERS_DIR) ? readdirSync(SERVERS_DIR) : [];
/** Where --loadgen installs labload on the "generator host" (the same shared home). */
const LABLOAD_COPY = join(homedir(), '.cache', 'gorust', 'labload');
const labloadBefore = existsSync(LABLOAD_COPY);
const sshConfig = () => sshFiles(dir, [GEN, SRV]);
const setUp = (host: Host, cpu: string) => setUpHost(host, cpu, dir, sshConfig());

afterAll(() => {
  cleanUp(GEN);
  cleanUp(SRV);
  rmSync(dir, { recursive: true, force: true });
});

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

type RunJson = {
  environment: {
    loadgen_hosts?: { url: string; hostname: string; same_machine: boolean }[];
    server_host?: { url: string; hostname: string; same_machine: boolean };
    server_addr: string;
  };
  workloads: { name: string; steps: number; invalid_steps: number; problems: string[] }[];
};

type Shard = { host: string; requests: number };

/** Wait (bounded) until `check` holds. */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe.skipIf(reason !== null)(
  'gorust lab run --loadgen / --server ssh:// (network namespaces)',
  { tags: ['slow'] },
  () => {
    it('refuses bad --loadgen and --server values with exit 2 and the expected form', async () => {
      const r = await finished(
        cli(['lab', 'run', 'http-json', '--quick', '--loadgen', 'http://gen1']),
        60_000,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--loadgen takes ssh://[user@]HOST[:PORT]');
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
      const s = await finished(cli(['lab', 'run', 'http-json', '--quick', '--server', 'srv1']), 60_000);
      expect(s.code).toBe(2);
      expect(s.stderr).toContain('--server takes ssh://[user@]HOST[:PORT]');
      // A team's program that binds loopback itself cannot be loaded from another host: refused before any ssh.
      const loopbackOnly = workloadFile('loopback-only', ['127.0.0.1', '{port}']);
      const w = await finished(
        cli(['lab', 'run', '--workload', loopbackOnly, '--quick', '--loadgen', 'ssh://gen1']),
        60_000,
      );
      expect(w.code).toBe(2);
      expect(w.stderr).toContain('put "{host}" in the run command of rust');
    }, 180_000);

    it("loads a team's program bound to {host} from two generators in another network stack, merged", async () => {
      await setUp(GEN, '0');
      const file = workloadFile('ns-service', ['{host}', '{port}']);
      const db = join(dir, 'lab-service.db');
      const rxBefore = veth('rx_bytes', GEN);
      const txBefore = veth('tx_bytes', GEN);
      const started = Date.now();
      // Two generators on the namespace "host" (the same sshd, named two ways), sharing each step's rate.
      const r = await finished(
        cli([
          'lab',
          'run',
          '--workload',
          file,
          '--quick',
          '--loadgen',
          `ssh://root@${NS_ADDR}:2222`,
          '--loadgen',
          `ssh://${NS_ADDR}:2222`,
          '--ssh-config',
          sshConfig(),
          '--format',
          'json',
          '--db',
          db,
        ]),
        300_000,
      );
      process.stderr.write(
        `remote lab run (--loadgen, workload file): ${((Date.now() - started) / 1000).toFixed(0)} s wall\n`,
      );
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as RunJson;
      // The hosts as they described themselves, and the address the servers bound.
      expect(json.environment.loadgen_hosts?.map((h) => h.url)).toEqual([
        `ssh://root@${NS_ADDR}:2222`,
        `ssh://${NS_ADDR}:2222`,
      ]);
      expect(json.environment.loadgen_hosts?.every((h) => h.hostname.length > 0 && h.same_machine)).toBe(
        true,
      );
      expect(json.environment.server_addr).toBe(ROOT_ADDR);
      expect(json.workloads[0]).toMatchObject({ name: 'ns-service' });
      expect(json.workloads[0]?.steps).toBeGreaterThan(0);
      let requests = 0;
      const store = openStore(db);
      try {
        const steps = requireRun(store, 'latest').steps;
        expect(steps.some((s) => s.kind === 'capacity')).toBe(true);
        expect(steps.some((s) => s.kind === 'rate')).toBe(true);
        for (const step of steps) {
          // Valid, or invalid with its reasons (neighbours' load on a shared machine makes some invalid).
          expect(step.valid || step.reasons.length > 0, JSON.stringify(step.reasons)).toBe(true);
          const shards = (step.detail as { loadgen_shards?: Shard[] }).loadgen_shards ?? [];
          expect(shards.map((x) => x.host)).toEqual([`ssh://root@${NS_ADDR}:2222`, `ssh://${NS_ADDR}:2222`]);
          const sum = shards.reduce((n, x) => n + x.requests, 0);
          if (step.kind === 'rate') {
            // The merged step counts every request of both shards, and each shard sent about half.
            expect(step.metrics.requests).toBe(sum);
            expect(step.metrics.errors).toBe(0);
            requests += sum;
            for (const x of shards)
              expect(Math.abs(x.requests - sum / 2)).toBeLessThanOrEqual(Math.max(1, sum * 0.05));
          } else {
            expect(sum).toBeGreaterThan(0);
          }
        }
      } finally {
        store.close();
      }
      // The load crossed the veth pair (requests in, responses out): at least 50 bytes each way per request.
      expect(veth('rx_bytes', GEN) - rxBefore).toBeGreaterThan(requests * 50);
      expect(veth('tx_bytes', GEN) - txBefore).toBeGreaterThan(requests * 50);
      // Nothing left: no service bound to the veth address here, nothing but sshd in the namespace.
      expect(
        processesMentioning('service.mjs').filter((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(ROOT_ADDR);
          } catch {
            return false;
          }
        }),
      ).toEqual([]);
      expect(namespacePids(GEN)).toEqual([GEN.sshd?.pid]);
    }, 360_000);

    it('runs the http-json servers on a host of their own (--server), loaded from here, and leaves nothing there', async () => {
      await setUp(SRV, String(Math.max(0, availableParallelism() - 1)));
      const db = join(dir, 'lab-server.db');
      const rxBefore = veth('rx_bytes', SRV);
      const started = Date.now();
      const r = await finished(
        cli([
          'lab',
          'run',
          'http-json',
          '--quick',
          '--server',
          `ssh://${SRV.addr}:2222`,
          '--ssh-config',
          sshConfig(),
          '--format',
          'json',
          '--db',
          db,
        ]),
        420_000,
      );
      process.stderr.write(
        `remote lab run (--server, http-json): ${((Date.now() - started) / 1000).toFixed(0)} s wall\n`,
      );
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as RunJson;
      expect(json.environment.server_host).toMatchObject({
        url: `ssh://${SRV.addr}:2222`,
        same_machine: true,
      });
      expect(json.environment.server_addr).toBe(SRV.addr);
      let requests = 0;
      const store = openStore(db);
      try {
        const steps = requireRun(store, 'latest').steps.filter((s) => s.workload === 'http-json');
        const rate = steps.filter((s) => s.kind === 'rate');
        expect(rate.length).toBeGreaterThan(0);
        for (const step of steps)
          expect(step.valid || step.reasons.length > 0, JSON.stringify(step.reasons)).toBe(true);
        for (const step of rate) {
          requests += Number(step.metrics.requests ?? 0);
          // The server's own figures came back from its host: CPU per 1,000 requests and the step's sampled RSS.
          expect(step.metrics.cpu_s_per_1k).toBeGreaterThan(0);
          expect(step.metrics.rss_peak_mib).toBeGreaterThan(1);
          expect((step.detail as { rss_method?: string }).rss_method).toBe('sampled');
        }
        // Go's GC evidence (gctrace on the server's stderr) crossed the ssh session.
        expect(rate.some((s) => s.lang === 'go' && typeof s.metrics.gc_cycles === 'number')).toBe(true);
      } finally {
        store.close();
      }
      expect(veth('rx_bytes', SRV) - rxBefore).toBeGreaterThan(requests * 100);
      // Nothing left on the server host: only its sshd; and no server of this run here.
      expect(await until(() => namespacePids(SRV).length === 1, 5_000)).toBe(true);
      expect(namespacePids(SRV)).toEqual([SRV.sshd?.pid]);
      expect(processesMentioning(`${SRV.addr}:0`).filter((pid) => !namespacePids(SRV).includes(pid))).toEqual(
        [],
      );
    }, 480_000);

    it('stops the remote generators, and the servers on their host, on Ctrl-C', async () => {
      for (const [host, flag, needle] of [
        [GEN, '--loadgen', 'labload'],
        [SRV, '--server', 'http-json'],
      ] as const) {
        const child = cli([
          'lab',
          'run',
          'http-json',
          '--quick',
          flag,
          `ssh://${host.addr}:2222`,
          '--ssh-config',
          sshConfig(),
          '--db',
          join(dir, `lab-interrupted-${flag.slice(2)}.db`),
        ]);
        const done = finished(child, 300_000);
        // Wait until the generator (or a server) runs inside the namespace, then interrupt.
        const seen = await until(
          () => inNamespace(host, needle).length > 0 || child.exitCode !== null,
          120_000,
        );
        expect(seen && child.exitCode === null, `${flag}: nothing started in ${host.ns}`).toBe(true);
        child.kill('SIGINT');
        const r = await done;
        expect(r.code, r.stderr).toBe(130);
        expect(r.stderr).toContain('interrupted');
        // The remote processes die with their ssh session (the servers TERM, then KILL after 2 s).
        expect(
          await until(() => inNamespace(host, needle).length === 0, 6_000),
          `${flag}: left running`,
        ).toBe(true);
        expect(namespacePids(host)).toEqual([host.sshd?.pid]);
      }
      expect(processesMentioning(`${ROOT_ADDR}:0`)).toEqual([]);
      expect(await tearDown(GEN)).toBe(true);
      expect(await tearDown(SRV)).toBe(true);
      // The "hosts" share this machine's files: remove what the runs installed in root's ~/.cache/gorust.
      for (const copy of readdirSync(SERVERS_DIR).filter((f) => !serversBefore.includes(f)))
        rmSync(join(SERVERS_DIR, copy), { force: true });
      if (!labloadBefore) for (const f of [LABLOAD_COPY, `${LABLOAD_COPY}.stamp`]) rmSync(f, { force: true });
    }, 400_000);
  },
);
