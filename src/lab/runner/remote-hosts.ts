/** @module The hosts of `gorust lab run --loadgen ssh://...`: checking the addresses, reaching each host once (what it is: name, architecture, cores, kernel), and the one address of this machine the generators reach, to which the servers under test then bind (never 0.0.0.0). */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UserError } from '../../core/index.ts';
import { type LoadgenHost, parseSshUrl } from './loadgen.ts';
import { runCommand } from './process.ts';

/** A generator host as it described itself at the start of a run (stored in the run's environment). */
export type RemoteHostInfo = {
  url: string;
  hostname: string;
  arch: string;
  cores: number;
  kernel: string;
  /** True when the host runs on this machine's kernel (a network namespace, a container): it shares these CPUs. */
  same_machine: boolean;
};

/**
 * Checks every `--loadgen` value; a bad one is a UserError (exit 2) naming it and the expected form.
 * @example
 * parseLoadgenHosts(['ssh://lab@10.0.0.2:2222'], 'ssh.conf'); // [{ url: 'ssh://lab@10.0.0.2:2222', sshArgs: ['-F', 'ssh.conf'] }]
 */
export function parseLoadgenHosts(values: string[], sshConfig?: string): LoadgenHost[] {
  const bad = values.filter((v) => parseSshUrl(v) === null);
  if (bad.length > 0) {
    throw new UserError(
      `--loadgen takes ssh://[user@]HOST[:PORT] (for example ssh://lab@10.0.0.2:2222), not ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
    );
  }
  return values.map((url) => ({ url, ...(sshConfig ? { sshArgs: ['-F', sshConfig] } : {}) }));
}

/**
 * Checks the `--server` value; a bad one is a UserError (exit 2).
 * @example
 * parseServerHost('ssh://lab@10.0.0.3'); // { url: 'ssh://lab@10.0.0.3' }
 */
export function parseServerHost(value: string, sshConfig?: string): LoadgenHost {
  if (parseSshUrl(value) === null) {
    throw new UserError(
      `--server takes ssh://[user@]HOST[:PORT] (for example ssh://lab@10.0.0.3), not ${JSON.stringify(value)}`,
    );
  }
  return { url: value, ...(sshConfig ? { sshArgs: ['-F', sshConfig] } : {}) };
}

function sshCommand(host: LoadgenHost, command: string): [string, string[]] {
  const parsed = parseSshUrl(host.url);
  if (!parsed) throw new UserError(`not an ssh://[user@]host[:port] address: ${host.url}`);
  return [
    'ssh',
    [
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=10',
      ...(host.sshArgs ?? []),
      '-p',
      String(parsed.port),
      parsed.target,
      command,
    ],
  ];
}

/**
 * Reaches a host once through ssh (key login, BatchMode) and reads what it is; a host that cannot be reached or is
 * another CPU architecture is a UserError naming it and why.
 * @example
 * const info = await describeRemoteHost({ url: 'ssh://gen1' });
 */
export async function describeRemoteHost(host: LoadgenHost): Promise<RemoteHostInfo> {
  const [cmd, args] = sshCommand(
    host,
    'hostname; uname -m; nproc; uname -r; cat /proc/sys/kernel/random/boot_id',
  );
  const r = await runCommand(cmd, args, { timeoutMs: 30_000 });
  if (r.exitCode !== 0 || r.timedOut) {
    throw new UserError(
      `cannot run commands on ${host.url} through ssh (it needs key login without a prompt, BatchMode=yes): ${r.timedOut ? 'timed out' : r.stderr.trim() || `exit ${r.exitCode}`}`,
    );
  }
  const [hostname = '', arch = '', cores = '', kernel = '', bootId = ''] = r.stdout.trim().split('\n');
  const localArch = process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch;
  if (arch.trim() !== localArch) {
    throw new UserError(
      `${host.url} is ${arch.trim() || 'an unknown architecture'}, this machine ${localArch}: the lab copies its own labload binary, so generator hosts must have the same CPU architecture`,
    );
  }
  let here = '';
  try {
    const { readFileSync } = await import('node:fs');
    here = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    here = '';
  }
  return {
    url: host.url,
    hostname: hostname.trim(),
    arch: arch.trim(),
    cores: Number(cores) || 1,
    kernel: kernel.trim(),
    same_machine: here !== '' && bootId.trim() === here,
  };
}

/**
 * This machine's address that packets to `host` leave from (the kernel's route to it), so the servers bind to that
 * address alone; null when the host is reached over loopback (then the servers stay on 127.0.0.1).
 * @example
 * await localAddressFacing('10.213.5.2'); // '10.213.5.1'
 */
export async function localAddressFacing(host: string): Promise<string | null> {
  const name = host.replace(/^\[|\]$/g, '');
  let ip = name;
  if (isIP(name) === 0) {
    try {
      ip = (await lookup(name)).address;
    } catch (error) {
      throw new UserError(`cannot resolve the generator host ${name}: ${(error as Error).message}`);
    }
  }
  const r = await runCommand('ip', ['-o', 'route', 'get', ip], { timeoutMs: 10_000 });
  const src = /\bsrc\s+(\S+)/.exec(r.stdout)?.[1];
  if (r.exitCode !== 0 || !src) {
    throw new UserError(
      `no route from this machine to the generator host ${name} (ip route get ${ip}: ${r.stderr.trim() || r.stdout.trim() || 'no source address'})`,
    );
  }
  if (src.startsWith('127.') || src === '::1') return null;
  return src;
}

/**
 * The one address the servers bind to for these generator hosts: the same local address must reach all of them.
 * @example
 * await serverBindAddress([{ url: 'ssh://10.213.5.2:2222' }]); // '10.213.5.1'
 */
export async function serverBindAddress(hosts: LoadgenHost[]): Promise<string | null> {
  const addresses = new Set<string | null>();
  for (const h of hosts) {
    const parsed = parseSshUrl(h.url);
    if (!parsed) continue;
    const name = parsed.target.includes('@')
      ? parsed.target.slice(parsed.target.indexOf('@') + 1)
      : parsed.target;
    addresses.add(await localAddressFacing(name));
  }
  if (addresses.size > 1) {
    throw new UserError(
      `the generator hosts are reached from different addresses of this machine (${[...addresses].map((a) => a ?? 'loopback').join(', ')}): the servers bind one address, so give hosts on one network`,
    );
  }
  return [...addresses][0] ?? null;
}

/**
 * The IP address of an ssh host as this machine reaches it (the URL's host, resolved here): a `--server` host's
 * servers bind it alone.
 * @example
 * await sshHostAddress({ url: 'ssh://root@10.214.5.2:2222' }); // '10.214.5.2'
 */
export async function sshHostAddress(host: LoadgenHost): Promise<string> {
  const parsed = parseSshUrl(host.url);
  if (!parsed)
    throw new UserError(`--server takes ssh://[user@]HOST[:PORT], not ${JSON.stringify(host.url)}`);
  const name = (
    parsed.target.includes('@') ? parsed.target.slice(parsed.target.indexOf('@') + 1) : parsed.target
  ).replace(/^\[|\]$/g, '');
  if (isIP(name) !== 0) return name;
  try {
    return (await lookup(name)).address;
  } catch (error) {
    throw new UserError(`cannot resolve the server host ${name}: ${(error as Error).message}`);
  }
}
