/** @module `gorust lab run --server ssh://HOST`: the programs under test on a host of their own. Their locally built binaries are copied there (same CPU architecture), started through ssh in a process group of their own bound to the host's address, and watched through the ssh session: when the lab's ssh ends (a normal stop, Ctrl-C, the lab killed) the group is stopped there, TERM then KILL. CPU, RSS and the host's busy time come back as lines on the session. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type LoadgenHost, scp, ssh, sshParts } from './loadgen.ts';
import { LabProcessError, type ProcStats, type RunningServer, startServer } from './process.ts';

/** Where the copied servers live on the server host, relative to the ssh user's home. */
const REMOTE_SERVERS = '.cache/gorust/servers';

/** A server host: where to reach it, the address its servers bind, and whether it is this machine's kernel. */
export type ServerHost = { host: LoadgenHost; bindIp: string; sameMachine: boolean; cores: number };

/** What the workload runners need to start a server there: the host and the copied binary of each local one. */
export type RemoteServers = { server: ServerHost; binaries: Record<string, string> };

const copied = new Map<string, string>();

/**
 * Copies a local server binary to the host (skipped when the host has this content already) and returns its path
 * there, relative to the ssh user's home.
 * @example
 * await copyServerBinary({ url: 'ssh://srv1' }, '/home/me/.cache/gorust/lab/bin/http-json-go');
 */
export async function copyServerBinary(host: LoadgenHost, local: string): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(local)).digest('hex').slice(0, 16);
  const remote = `${REMOTE_SERVERS}/${basename(local)}-${hash}`;
  const key = `${host.url}\0${remote}`;
  const done = copied.get(key);
  if (done) return done;
  const check = await ssh(
    host,
    `mkdir -p ${REMOTE_SERVERS} && test -x ${remote} && echo present || true`,
    60_000,
  );
  if (check.exitCode !== 0) throw new LabProcessError(`ssh ${host.url} failed: ${check.stderr.trim()}`);
  if (check.stdout.trim() !== 'present') {
    await scp(host, local, `${remote}.part`);
    // Older copies of the same server (an earlier build) are removed, so the folder does not grow with every build.
    const name = `${REMOTE_SERVERS}/${basename(local)}`;
    const mv = await ssh(
      host,
      `chmod 755 ${remote}.part && mv ${remote}.part ${remote} && for f in ${name}-*; do [ "$f" = ${remote} ] || rm -f "$f"; done`,
      60_000,
    );
    if (mv.exitCode !== 0)
      throw new LabProcessError(`installing ${remote} on ${host.url} failed: ${mv.stderr.trim()}`);
  }
  copied.set(key, remote);
  return remote;
}

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * The shell script the server host runs: the server in a session (and process group) of its own, its stdout and
 * stderr on the ssh session (listening line, gctrace), a watcher on the session's stdin that stops the group when
 * the lab's ssh ends, and a stat line every 200 ms: `@stat CPU_TICKS HWM_KIB RSS_KIB BUSY_TICKS`.
 */
export function remoteServerScript(options: {
  binary: string;
  args: string[];
  env: Record<string, string>;
  cpus: string | null;
}): string {
  const env = Object.entries(options.env).map(([k, v]) => `${k}=${quote(v)}`);
  const pin = options.cpus ? `taskset -c ${options.cpus} ` : '';
  return [
    'exec 3<&0 </dev/null',
    `env ${env.join(' ')} setsid ${pin}"$HOME"/${options.binary} ${options.args.map(quote).join(' ')} &`,
    'pid=$!',
    '( cat <&3 >/dev/null 2>&1; kill -TERM -$pid 2>/dev/null; sleep 2; kill -KILL -$pid 2>/dev/null ) >/dev/null 2>&1 &',
    'exec 3<&-',
    'while kill -0 $pid 2>/dev/null; do',
    `  echo "@stat $(awk '{print $14+$15+$16+$17}' /proc/$pid/stat 2>/dev/null || echo x) $(awk '/^VmHWM/{h=$2} /^VmRSS/{r=$2} END{print h+0, r+0}' /proc/$pid/status 2>/dev/null || echo x x) $(awk '/^cpu /{print $2+$3+$4+$9}' /proc/stat 2>/dev/null || echo x)"`,
    '  sleep 0.2',
    'done',
    'wait $pid',
  ].join('\n');
}

/**
 * Starts a copied server binary on the server host and waits for its listening line (on the host's address).
 * @example
 * const server = await startRemoteServer(srv, { binary, args: ['--threads', '1'], env: {}, cpus: '1' });
 */
export async function startRemoteServer(
  server: ServerHost,
  options: {
    binary: string;
    args: string[];
    env: Record<string, string>;
    cpus: string | null;
    startTimeoutMs: number;
  },
): Promise<RunningServer> {
  const { target, port, args } = sshParts(server.host);
  let last: { cpuTicks: number; hwmKib: number; rssKib: number; busyTicks: number | null } | null = null;
  const running = await startServer({
    exec: 'ssh',
    args: [
      ...args,
      '-p',
      String(port),
      target,
      remoteServerScript({
        ...options,
        args: [...options.args, '--addr', `${server.bindIp}:0`, '--allow-addr', server.bindIp],
      }),
    ],
    startTimeoutMs: options.startTimeoutMs,
    allowHost: server.bindIp,
    onStdoutLine: (line) => {
      const m = /^@stat (\d+) (\d+) (\d+) (\S+)/.exec(line);
      if (!m) return;
      const busy = Number(m[4]);
      last = {
        cpuTicks: Number(m[1]),
        hwmKib: Number(m[2]),
        rssKib: Number(m[3]),
        busyTicks: Number.isFinite(busy) ? busy : null,
      };
    },
  });
  const alive = () => running.stats() !== null;
  const stats = (): ProcStats | null =>
    alive() && last ? { cpu_s: last.cpuTicks / 100, rss_peak_mib: last.hwmKib / 1024 } : null;
  return {
    ...running,
    stats,
    // The kernel's high-water mark is not reset there: the step's peak is the largest RSS sampled during it.
    resetPeakRss: () => false,
    rssMib: () => (alive() && last ? last.rssKib / 1024 : null),
    remote: {
      url: server.host.url,
      sameMachine: server.sameMachine,
      cores: server.cores,
      busyS: () => (last?.busyTicks == null ? null : last.busyTicks / 100),
    },
    stop: async () => {
      const final = stats();
      await running.stop();
      return final;
    },
  };
}
