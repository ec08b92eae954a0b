/** @module Test helpers for "other hosts" on one machine: a network namespace joined to this one by a veth pair, with Debian's sshd started by the test inside it (key login only), the ssh client configuration that reaches it, and clean-up that checks nothing is left. Used by the slow remote tests; `whyNetnsUnavailable` says why they must be skipped. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTool, LOADGEN_BIN } from './toolchain.ts';

const SSHD = '/usr/sbin/sshd';

/** One "other host": a network namespace joined to this one by a veth pair, with an sshd of the test's own in it. */
export type Host = {
  ns: string;
  vethRoot: string;
  rootAddr: string;
  addr: string;
  sshd: ChildProcess | null;
};

/**
 * A host on its own /30 subnet (`index` picks a different one for each host of one test file).
 * @example
 * const gen = netnsHost('gen', 0); // 10.214.x.1 here, 10.214.x.2 in the namespace
 */
export function netnsHost(name: string, index: number, octet = 214): Host {
  const tag = process.pid % 10_000;
  const subnet = 10 + ((process.pid + 97) % 200);
  const base = index * 4;
  return {
    ns: `gorust-${name}-${tag}`,
    vethRoot: `g${name.slice(0, 3)}${tag}a`,
    rootAddr: `10.${octet}.${subnet}.${base + 1}`,
    addr: `10.${octet}.${subnet}.${base + 2}`,
    sshd: null,
  };
}

/** Runs a command (bounded) and returns whether it succeeded, with its output. */
export function sh(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** Why the namespace tests cannot run here (null when they can): they need `ip netns`, sshd, ssh and labload. */
export function whyNetnsUnavailable(): string | null {
  if (!findTool(LOADGEN_BIN)) return 'labload is not installed (gorust lab setup)';
  if (!existsSync(SSHD)) return `${SSHD} is missing (apt-get install -y openssh-server)`;
  if (!findTool('ssh') || !findTool('ssh-keygen'))
    return 'the ssh client is missing (apt-get install -y openssh-client)';
  const probe = `gorust-probe-${process.pid % 100_000}`;
  const add = sh('ip', ['netns', 'add', probe]);
  if (!add.ok) return `ip netns is not permitted here: ${add.out}`;
  sh('ip', ['netns', 'del', probe]);
  return null;
}

/** Pids inside a namespace (its sshd and whatever it started). */
export function namespacePids(host: Host): number[] {
  const r = sh('ip', ['netns', 'pids', host.ns]);
  return r.ok ? r.out.split(/\s+/).filter(Boolean).map(Number) : [];
}

/** Processes in a namespace whose command line contains `needle`. */
export function inNamespace(host: Host, needle: string): number[] {
  return namespacePids(host).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
    } catch {
      return false;
    }
  });
}

/** Kill the host's sshd group and delete the namespace (and so its veth pair); safe to call twice. */
export function cleanUp(host: Host): void {
  if (host.sshd?.pid !== undefined && host.sshd.exitCode === null) {
    try {
      process.kill(-host.sshd.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  host.sshd = null;
  sh('ip', ['netns', 'del', host.ns]);
  sh('ip', ['link', 'del', host.vethRoot]);
}

/** Bytes the veth pair's end in this namespace received or sent so far. */
export function veth(stat: 'rx_bytes' | 'tx_bytes', host: Host): number {
  return Number(readFileSync(`/sys/class/net/${host.vethRoot}/statistics/${stat}`, 'utf8'));
}

/**
 * The keys and the ssh client configuration for `hosts` (what a user's ~/.ssh/config would hold), made once in
 * `dir`; returns the configuration file (pass it as `ssh -F`).
 */
export function sshFiles(dir: string, hosts: Host[]): string {
  const config = join(dir, 'ssh_config');
  if (existsSync(config)) return config;
  for (const key of ['host_key', 'client_key']) {
    const r = sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]);
    if (!r.ok) throw new Error(`ssh-keygen: ${r.out}`);
  }
  sh('cp', [join(dir, 'client_key.pub'), join(dir, 'authorized_keys')]);
  sh('mkdir', ['-p', '/run/sshd']);
  writeFileSync(
    config,
    [
      `Host ${hosts.map((h) => h.addr).join(' ')}`,
      '  User root',
      `  IdentityFile ${join(dir, 'client_key')}`,
      '  StrictHostKeyChecking no',
      '  UserKnownHostsFile /dev/null',
      '  LogLevel ERROR',
      '  ConnectTimeout 5',
      '',
    ].join('\n'),
  );
  return config;
}

/** The namespace, its veth pair and its sshd on port 2222 (pinned to `cpu`), up and answering; keys from {@link sshFiles}. */
export async function setUpHost(host: Host, cpu: string, dir: string, sshConfig: string): Promise<void> {
  const run = (args: string[]) => {
    const r = sh('ip', args);
    if (!r.ok) throw new Error(`ip ${args.join(' ')}: ${r.out}`);
  };
  const vethNs = host.vethRoot.replace(/a$/, 'b');
  run(['netns', 'add', host.ns]);
  run(['link', 'add', host.vethRoot, 'type', 'veth', 'peer', 'name', vethNs]);
  run(['link', 'set', vethNs, 'netns', host.ns]);
  run(['addr', 'add', `${host.rootAddr}/30`, 'dev', host.vethRoot]);
  run(['link', 'set', host.vethRoot, 'up']);
  run(['-n', host.ns, 'addr', 'add', `${host.addr}/30`, 'dev', vethNs]);
  run(['-n', host.ns, 'link', 'set', vethNs, 'up']);
  run(['-n', host.ns, 'link', 'set', 'lo', 'up']);
  const config = join(dir, `sshd_config-${host.ns}`);
  writeFileSync(
    config,
    [
      `ListenAddress ${host.addr}`,
      'Port 2222',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, `sshd-${host.ns}.pid`)}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      '',
    ].join('\n'),
  );
  host.sshd = spawn('ip', ['netns', 'exec', host.ns, 'taskset', '-c', cpu, SSHD, '-D', '-e', '-f', config], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  let up = false;
  for (let i = 0; i < 50 && !up; i++) {
    up = sh('ssh', ['-F', sshConfig, '-p', '2222', host.addr, 'true']).ok;
    if (!up) await new Promise((r) => setTimeout(r, 200));
  }
  if (!up) throw new Error(`sshd did not come up in ${host.ns}`);
}

/** Stop the host's sshd (the test's child: wait for its exit), delete the namespace; true when both are gone. */
export async function tearDown(host: Host): Promise<boolean> {
  const daemon = host.sshd;
  const exited = new Promise<boolean>((resolve) => {
    if (daemon === null || daemon.exitCode !== null || daemon.signalCode !== null) resolve(true);
    else {
      daemon.once('exit', () => resolve(true));
      setTimeout(() => resolve(false), 10_000);
    }
  });
  cleanUp(host);
  return (
    (await exited) &&
    !sh('ip', ['netns', 'list']).out.includes(host.ns) &&
    !existsSync(`/sys/class/net/${host.vethRoot}`)
  );
}
