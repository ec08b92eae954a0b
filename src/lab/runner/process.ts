/** @module Process hygiene for the lab: every child runs in its own process group, is bounded by a timeout, is killed by group, and dies with the lab even when the lab itself is SIGKILLed. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sweepStaleTempDirs, writeOwner } from './stale-temp.ts';

/** CPU seconds (user + system, including reaped children) and peak resident set size of a process group, from /proc. */
export type ProcStats = { cpu_s: number; rss_peak_mib: number };

/** A server started by {@link startServer}: listening on `addr`, stopped (with its whole process group) by `stop()`. */
export type RunningServer = {
  pid: number;
  addr: string;
  /** Epoch ms just before spawn; the Go runtime's gctrace `@t s` offsets count from (almost exactly) here. */
  startedAt: number;
  /** Everything the server wrote on stderr so far (gctrace lines for Go servers). */
  stderrText(): string;
  /** Cumulative stats since the start, or null once the process is gone. */
  stats(): ProcStats | null;
  /**
   * Resets the kernel's peak-RSS mark (VmHWM) of the group, so the next `stats().rss_peak_mib` is the peak since now
   * (e.g. of one load step) rather than since start. Writes "5" to /proc/<pid>/clear_refs (Linux >= 4.0); false if
   * the kernel refused.
   */
  resetPeakRss(): boolean;
  /** SIGTERM to the group, SIGKILL after a grace period; resolves with the last stats read before the signal. */
  stop(): Promise<ProcStats | null>;
  /**
   * When the server has exited on its own (not stopped by the lab): how, and the end of its stderr, e.g.
   * "svc exited (exit code 3); stderr:\ncrashing after 2001 requests"; null while it runs. Absent for a remote server.
   */
  exited?: () => string | null;
  /** The server's current RSS (MiB) where it is not a local process group (`lab run --server ssh://`). */
  rssMib?: () => number | null;
  /**
   * A server on another host (`lab run --server ssh://`): that host's busy CPU seconds so far (its /proc/stat, null
   * when unreadable), and whether it runs on this machine's kernel (then this machine's figures cover it).
   */
  remote?: { url: string; sameMachine: boolean; cores: number; busyS: () => number | null };
};

export type StartServerOptions = {
  exec: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** How long to wait for the `{"event":"listening"}` line, or for `ready` (default 30 s). */
  startTimeoutMs?: number;
  /**
   * A server that prints no listening line (a team's own program): it was told to listen on 127.0.0.1:`port`, and is
   * ready when GET `path` answers 200.
   */
  ready?: { port: number; path: string; host?: string };
  /**
   * A non-loopback host the server may announce: only an address inside a network namespace the caller created
   * (the remote load generator test). Anything else but 127.0.0.1 is refused.
   */
  allowHost?: string;
  /** Every other line the server prints on stdout (after or around its listening line). */
  onStdoutLine?: (line: string) => void;
};

export type RunCommandOptions = {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs: number;
  /** Aborting stops the command's group at once (the result then has `aborted: true`). */
  signal?: AbortSignal;
  /**
   * Give the command a stdin pipe that stays open (nothing is written) until it ends: an ssh command can watch it,
   * since it reaches EOF on the other host when this side's ssh dies (the lab killed, the timeout, Ctrl-C).
   */
  openStdin?: boolean;
};

export type CommandResult = {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  aborted: boolean;
};

/** A child process could not be started, did not come up, or misbehaved. */
export class LabProcessError extends Error {
  override readonly name = 'LabProcessError';
}

/** Linux exposes /proc times in USER_HZ clock ticks, which is fixed at 100 on every Linux ABI (sysconf(_SC_CLK_TCK)). */
const CLOCK_TICKS_PER_S = 100;
const GRACE_MS = 2_000;
const MAX_CAPTURE_BYTES = 256 * 1024 * 1024;

type LiveGroup = { pgid: number; child: ChildProcess; reaper: ChildProcess | null; label: string };
const liveGroups = new Map<number, LiveGroup>();
const tempDirs = new Set<string>();
let handlersInstalled = false;
/** Whether this lab has removed the temp folders of labs that were killed (done once, at its first temp folder). */
let staleSwept = false;

/**
 * A watchdog per process group: it blocks reading a pipe whose write end only the lab holds. When the lab dies in
 * any way (even SIGKILL, when no exit handler runs; Node cannot set PR_SET_PDEATHSIG) the pipe reaches EOF and the
 * watchdog SIGKILLs the group. No polling, so it costs nothing while the lab measures. On a normal stop the lab
 * kills the watchdog itself. `$2` (the lab's pid) is only there to recognise our watchdogs in /proc.
 */
const REAPER_SCRIPT = 'cat >/dev/null; kill -s KILL -- "-$1" 2>/dev/null; exit 0';

function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone, which is what we want.
  }
}

function killGroupNow(group: LiveGroup): void {
  signalGroup(group.pgid, 'SIGKILL');
  if (group.reaper?.pid !== undefined) signalGroup(group.reaper.pid, 'SIGKILL');
  liveGroups.delete(group.pgid);
}

function exitCleanup(): void {
  for (const group of [...liveGroups.values()]) killGroupNow(group);
  for (const dir of [...tempDirs]) removeTempDir(dir);
}

function onSignal(signal: NodeJS.Signals): void {
  exitCleanup();
  // Only take over the default "exit on signal" when nobody else (the CLI, a prompt) listens for it. This listener
  // was added with `once`, so Node has already removed it: any listener left is someone else's, who owns the exit
  // (the CLI stores the run as interrupted, says so, then exits 130).
  if (process.listenerCount(signal) === 0) {
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', exitCleanup);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
}

/** Spawns `cmd` as the leader of a new process group, registers it for cleanup and starts its reaper. */
function spawnGroup(
  cmd: string,
  args: string[],
  options: { cwd?: string | undefined; env?: Record<string, string> | undefined; stdin: 'pipe' | 'ignore' },
  label: string,
): { child: ChildProcess; group: LiveGroup; spawned: Promise<void> } {
  installHandlers();
  const child = spawn(cmd, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: [options.stdin, 'pipe', 'pipe'],
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', (error) => reject(new LabProcessError(`cannot start ${cmd}: ${error.message}`)));
  });
  const pgid = child.pid ?? -1;
  const group: LiveGroup = { pgid, child, reaper: null, label };
  if (pgid > 0) {
    liveGroups.set(pgid, group);
    const reaper = spawn(
      '/bin/sh',
      ['-c', REAPER_SCRIPT, 'gorust-reaper', String(pgid), String(process.pid)],
      {
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
      },
    );
    reaper.on('error', () => undefined);
    reaper.stdin?.on('error', () => undefined);
    // Neither the watchdog nor its pipe may keep the lab's event loop alive.
    reaper.unref();
    (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    group.reaper = reaper;
    child.once('exit', () => {
      // The leader is gone; members it left behind (grandchildren) go too.
      if (isGroupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
      if (reaper.pid !== undefined && reaper.exitCode === null) signalGroup(reaper.pid, 'SIGKILL');
      liveGroups.delete(pgid);
    });
  }
  return { child, group, spawned };
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM the whole group, then SIGKILL after `graceMs`; resolves once the leader and its watchdog have exited. */
async function stopGroup(group: LiveGroup, graceMs = GRACE_MS): Promise<void> {
  signalGroup(group.pgid, 'SIGTERM');
  const exited = await waitForExit(group.child, graceMs);
  if (!exited || isGroupAlive(group.pgid)) {
    signalGroup(group.pgid, 'SIGKILL');
    await waitForExit(group.child, graceMs);
  }
  const reaper = group.reaper;
  if (reaper?.pid !== undefined) {
    signalGroup(reaper.pid, 'SIGKILL');
    await waitForExit(reaper, graceMs);
  }
  liveGroups.delete(group.pgid);
}

/**
 * Stops every process group the lab started (SIGTERM, then SIGKILL after a grace period). Safe to call twice.
 * @example
 * await stopAllProcesses(); // in a finally block or a Ctrl-C handler
 */
export async function stopAllProcesses(graceMs = GRACE_MS): Promise<void> {
  await Promise.all([...liveGroups.values()].map((group) => stopGroup(group, graceMs)));
}

/** Process-group ids the lab currently owns (for checks that nothing is left running). */
export function liveProcessGroups(): number[] {
  return [...liveGroups.keys()];
}

/** Pids of every process (any group) that is in one of `pgids`, read from /proc. */
export function processesInGroups(pgids: number[]): number[] {
  const wanted = new Set(pgids);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = readStatFields(Number(entry));
    if (fields && wanted.has(fields.pgrp) && fields.state !== 'Z') found.push(Number(entry));
  }
  return found;
}

type StatFields = { pgrp: number; state: string; ticks: number };

/** Parses /proc/<pid>/stat; the command name may contain spaces and parentheses, so split after the last ')'. */
function readStatFields(pid: number): StatFields | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime..cstime are fields 14..17, pgrp is field 5.
  const num = (field: number): number => Number(rest[field - 3] ?? 0);
  return {
    state: rest[0] ?? '?',
    pgrp: num(5),
    ticks: num(14) + num(15) + num(16) + num(17),
  };
}

function readPeakRssKib(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Cumulative CPU seconds and peak RSS of a process group, summed over its live members (servers are single processes,
 * so the sum is the server's own figure). Null when no member is left.
 * @example
 * readGroupStats(server.pid); // { cpu_s: 1.23, rss_peak_mib: 9.8 }
 */
export function readGroupStats(pgid: number): ProcStats | null {
  let ticks = 0;
  let rssKib = 0;
  let seen = false;
  for (const pid of processesInGroups([pgid])) {
    const fields = readStatFields(pid);
    if (!fields) continue;
    seen = true;
    ticks += fields.ticks;
    rssKib += readPeakRssKib(pid);
  }
  return seen ? { cpu_s: ticks / CLOCK_TICKS_PER_S, rss_peak_mib: rssKib / 1024 } : null;
}

/**
 * Current resident set size (VmRSS) of a process group in MiB, summed over its live members; null when none is left.
 * @example
 * readGroupRssMib(server.pid); // 12.5
 */
export function readGroupRssMib(pgid: number): number | null {
  let kib = 0;
  let seen = false;
  for (const pid of processesInGroups([pgid])) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) {
        kib += Number(match[1]);
        seen = true;
      }
    } catch {
      // the process ended while we looked
    }
  }
  return seen ? kib / 1024 : null;
}

/** Writes "5" to clear_refs of every member: the documented way to reset VmHWM (Documentation/filesystems/proc.rst). */
export function resetGroupPeakRss(pgid: number): boolean {
  let ok = false;
  for (const pid of processesInGroups([pgid])) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
      ok = true;
    } catch {
      return false;
    }
  }
  return ok;
}

/** Keeps all chunks of a stream (up to a cap) and can return them as one string. */
function captureStream(stream: NodeJS.ReadableStream | null): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream?.on('data', (chunk: Buffer) => {
    if (size + chunk.length > MAX_CAPTURE_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs a command in its own process group with a hard timeout (SIGTERM to the group, SIGKILL 2 s later).
 * @example
 * const r = await runCommand('go', ['version'], { timeoutMs: 10_000 });
 * if (r.exitCode === 0) console.log(r.stdout);
 */
export async function runCommand(
  cmd: string,
  args: string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const started = performance.now();
  const { child, group, spawned } = spawnGroup(
    cmd,
    args,
    { cwd: options.cwd, env: options.env, stdin: options.openStdin ? 'pipe' : 'ignore' },
    `${cmd} ${args.join(' ')}`,
  );
  child.stdin?.on('error', () => undefined);
  const stdout = captureStream(child.stdout);
  const stderr = captureStream(child.stderr);
  const closed = new Promise<{ code: number | null }>((resolve) => {
    child.once('close', (code) => resolve({ code }));
  });
  await spawned;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopGroup(group);
  }, options.timeoutMs);
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    void stopGroup(group);
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const { code } = await closed;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  if (isGroupAlive(group.pgid)) await stopGroup(group);
  else killGroupNow(group);
  return {
    exitCode: code,
    stdout: stdout(),
    stderr: stderr(),
    durationMs: performance.now() - started,
    timedOut,
    aborted,
  };
}

const LISTENING = /^\s*\{.*"event"\s*:\s*"listening".*\}\s*$/;

/**
 * Starts a server program and waits for its `{"event":"listening","addr":"127.0.0.1:PORT"}` line on stdout.
 * The child's stdin stays an open pipe: it reaches EOF when the lab dies, which servers may watch as a second
 * watchdog besides the reaper.
 * @example
 * const server = await startServer({ exec: '/tmp/bin/http-json-go', args: ['--threads', '1'] });
 * try { ... } finally { await server.stop(); }
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const readyHost = options.ready?.host;
  if (readyHost !== undefined && readyHost !== '127.0.0.1' && readyHost !== options.allowHost)
    throw new LabProcessError(`refusing a server on ${readyHost}: neither loopback nor the allowed host`);
  const startedAt = Date.now();
  const { child, group, spawned } = spawnGroup(
    options.exec,
    options.args,
    { cwd: options.cwd, env: options.env, stdin: 'pipe' },
    options.exec,
  );
  // EPIPE on the stdin pipe after the child exits is expected; never let it crash the lab.
  child.stdin?.on('error', () => undefined);
  const stderrText = captureStream(child.stderr);
  let lastStats: ProcStats | null = null;
  const sample = (): ProcStats | null => {
    const now = readGroupStats(group.pgid);
    if (now) lastStats = now;
    return now;
  };
  // Sample periodically so that stats survive a server that dies on its own.
  const sampler = setInterval(sample, 500);
  sampler.unref();
  child.once('exit', () => clearInterval(sampler));
  let stopping = false;
  let exitedHow: string | null = null;
  child.once('exit', (code, signal) => {
    if (!stopping) exitedHow = exitText(code, signal);
  });

  const addr = await (options.ready
    ? pollReady(options, options.ready, child, group, stderrText, spawned)
    : new Promise<string>((resolve, reject) => {
        let buffered = '';
        const timeoutMs = options.startTimeoutMs ?? 30_000;
        const fail = (why: string): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void stopGroup(group).then(() => {
            reject(new LabProcessError(startFailure(options, why, stderrText())));
          });
        };
        let settled = false;
        const timer = setTimeout(
          () => fail(`did not print its listening line within ${timeoutMs} ms`),
          timeoutMs,
        );
        const onEarlyExit = (code: number | null, signal: string | null): void =>
          fail(`exited before listening (${exitText(code, signal)})`);
        spawned.catch((error: unknown) => {
          settled = true;
          clearTimeout(timer);
          reject(error);
        });
        child.once('exit', onEarlyExit);
        child.stdout?.on('data', (chunk: Buffer) => {
          if (settled) return;
          buffered += chunk.toString('utf8');
          let newline = buffered.indexOf('\n');
          while (newline >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            if (LISTENING.test(line)) {
              const parsed = JSON.parse(line) as { addr?: unknown };
              child.removeListener('exit', onEarlyExit);
              const allowed = (a: string) =>
                a.startsWith('127.0.0.1:') ||
                (options.allowHost !== undefined && a.startsWith(`${options.allowHost}:`));
              if (typeof parsed.addr !== 'string' || !allowed(parsed.addr)) {
                fail(`announced a non-loopback address ${String(parsed.addr)}`);
                return;
              }
              settled = true;
              clearTimeout(timer);
              resolve(parsed.addr);
              return;
            }
            newline = buffered.indexOf('\n');
          }
        });
      }));
  // Keep draining stdout so a chatty server never blocks on a full pipe (lines go to the caller's hook, if any).
  if (options.onStdoutLine) {
    const hook = options.onStdoutLine;
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        hook(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    });
  }
  child.stdout?.resume();
  sample();

  return {
    pid: group.pgid,
    addr,
    startedAt,
    stderrText,
    stats: () => (child.exitCode === null && child.signalCode === null ? sample() : null),
    resetPeakRss: () => resetGroupPeakRss(group.pgid),
    exited: () => (exitedHow === null ? null : startFailure(options, `exited (${exitedHow})`, stderrText())),
    stop: async () => {
      stopping = true;
      sample();
      const final = lastStats;
      clearInterval(sampler);
      await stopGroup(group);
      return final;
    },
  };
}

/** How a process ended, in words: "exit code 3", or "killed by SIGKILL" (never "signal null"). */
export function exitText(code: number | null, signal: string | null): string {
  if (signal !== null) return `killed by ${signal}`;
  return code === null ? 'no exit status' : `exit code ${code}`;
}

/**
 * Why a server did not start, naming the program (not the `taskset` that pins it) and the last lines it wrote to
 * stderr, without the GC trace lines the lab itself turned on (GODEBUG=gctrace=1), which say nothing about the failure.
 * @example
 * startFailure({ exec: 'taskset', args: ['-c', '1', '/tmp/x/server'] }, 'exited (code 1)', 'panic: boom'); // 'server exited (code 1); stderr:\npanic: boom'
 */
export function startFailure(
  options: Pick<StartServerOptions, 'exec' | 'args'>,
  why: string,
  stderr: string,
): string {
  const program =
    options.exec === 'taskset' && options.args[0] === '-c' ? (options.args[2] ?? options.exec) : options.exec;
  const tail = stderr
    .split('\n')
    .filter((line) => !/^gc \d+ @[\d.]+s /.test(line))
    .slice(-20)
    .join('\n')
    .trim();
  return `${basename(program)} ${why}${tail ? `; stderr:\n${tail}` : ''}`;
}

/** Poll GET http://127.0.0.1:port/path (or the allowed host's address) until it answers 200; stop the group and fail on exit or timeout. */
async function pollReady(
  options: StartServerOptions,
  ready: { port: number; path: string; host?: string },
  child: ChildProcess,
  group: LiveGroup,
  stderrText: () => string,
  spawned: Promise<unknown>,
): Promise<string> {
  const host = ready.host ?? '127.0.0.1';
  const addr = `${host}:${ready.port}`;
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  const onExit = (code: number | null, signal: string | null): void => {
    exited = `exited before answering ${ready.path} (${exitText(code, signal)})`;
  };
  child.once('exit', onExit);
  const fail = async (why: string): Promise<never> => {
    child.removeListener('exit', onExit);
    await stopGroup(group);
    throw new LabProcessError(startFailure(options, why, stderrText()));
  };
  await spawned;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited) return fail(exited);
    try {
      const response = await fetch(`http://${addr}${ready.path}`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        child.removeListener('exit', onExit);
        return addr;
      }
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return fail(`did not answer 200 on ${addr}${ready.path} within ${timeoutMs} ms (last: ${last})`);
}

/**
 * Creates a temporary folder that is removed when the lab exits (normally, on error or on Ctrl-C).
 * @example
 * const dir = makeTempDir('build'); // /tmp/gorust-build-XXXXXX
 */
export function makeTempDir(prefix: string): string {
  if (!staleSwept) {
    staleSwept = true;
    sweepStaleTempDirs(tmpdir()); // once per lab: what a killed lab left behind
  }
  installHandlers();
  const dir = mkdtempSync(join(tmpdir(), `gorust-${prefix}-`));
  writeOwner(dir);
  tempDirs.add(dir);
  return dir;
}

/** Removes a folder made by {@link makeTempDir} now instead of at exit. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}
