/** @module Drives labload, the lab's own open-loop load generator (lab/workloads/loadgen): a constant-rate step whose latency counts the server's backpressure but not the generator's own lateness, and a closed-loop capacity probe; both report the generator's CPU so a step it limited is never taken as the server's figure. */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LatencyHistogram } from '../analysis/histogram.ts';
import {
  analyzeClosedLoop,
  analyzeLoadgen,
  LoadgenOutputError,
  type LoadgenRecord,
  type LoadgenSummary,
  type OpenLoopAnalysis,
  parseLoadgenRecords,
  parseLoadgenSummary,
  vegetaTargetsToLoadgen,
} from './loadgen-results.ts';
import { type MachineCpu, parseProcStat, readMachineCpu } from './machine-cpu.ts';
import { LabProcessError, makeTempDir, removeTempDir, runCommand } from './process.ts';

export { LoadgenOutputError } from './loadgen-results.ts';

/**
 * The share of its CPU budget above which the generator is itself a bottleneck: a step (or capacity probe) where it
 * used more than half of the cores it may use is invalid (issue 9: "uses more than half of its CPU").
 */
export const LOADGEN_MAX_CPU_SHARE = 0.5;

export type AttackOptions = {
  /** Path of the labload binary. */
  loadgen: string;
  /** Targets file in vegeta's http format (`METHOD URL`, headers, `@body`); one server address. */
  targetsFile: string;
  /** Offered requests per second (constant). */
  rate: number;
  durationS: number;
  /** Per-request timeout; errors and timeouts are recorded at (at least) this value. */
  timeoutS: number;
  /** Most connections the generator may open; every one busy while a request is due invalidates the step. */
  maxWorkers: number;
  /** Connections opened before the first send (default 8). */
  workers?: number;
  cwd?: string;
  /** The generator's CPU budget (its runtime threads); default half the cores, at least 1. */
  loadgenProcs?: number;
  /** CPUs to pin the generator to with `taskset -c` ("0", "0-2"); unpinned when null or absent. */
  cpus?: string | null | undefined;
  /**
   * Run the generator on these other hosts (through the system's ssh client) instead of locally: the rate is split
   * between them (host k sends requests i with i % n == k of one shared schedule) and their records are merged into
   * one step. `cpus` then pins the generator on each host.
   */
  remotes?: LoadgenHost[];
};

/** A host that runs labload over ssh: `ssh://[user@]host[:port]`, plus extra ssh client arguments (e.g. `-F config`). */
export type LoadgenHost = { url: string; sshArgs?: string[] };

/**
 * Splits `ssh://[user@]host[:port]` into the ssh target and port; null for anything else.
 * @example
 * parseSshUrl('ssh://lab@10.0.0.2:2222'); // { target: 'lab@10.0.0.2', port: 2222 }
 */
export function parseSshUrl(url: string): { target: string; port: number } | null {
  const m = /^ssh:\/\/(?:([A-Za-z0-9._-]+)@)?([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\/?$/.exec(url);
  if (!m) return null;
  const port = m[3] ? Number(m[3]) : 22;
  if (port < 1 || port > 65_535) return null;
  return { target: m[1] ? `${m[1]}@${m[2]}` : (m[2] as string), port };
}

/** Where labload lives on a remote host, relative to the ssh user's home. */
const REMOTE_DIR = '.cache/gorust';

export function sshParts(host: LoadgenHost): { target: string; port: number; args: string[] } {
  const parsed = parseSshUrl(host.url);
  if (!parsed) throw new RangeError(`not an ssh://[user@]host[:port] address: ${host.url}`);
  return { ...parsed, args: ['-o', 'BatchMode=yes', ...(host.sshArgs ?? [])] };
}

/** Runs `command` on the host through ssh (BatchMode). */
export async function ssh(host: LoadgenHost, command: string, timeoutMs: number, openStdin = false) {
  const { target, port, args } = sshParts(host);
  return runCommand('ssh', [...args, '-p', String(port), target, command], { timeoutMs, openStdin });
}

/** Copies a local file to the host through ssh itself (`cat > FILE`), so the host needs neither scp nor sftp. */
export async function scp(host: LoadgenHost, local: string, remote: string): Promise<void> {
  const { target, port, args } = sshParts(host);
  const r = await runCommand(
    '/bin/sh',
    [
      '-c',
      'file="$1"; shift; exec ssh "$@" < "$file"',
      'copy',
      local,
      ...args,
      '-p',
      String(port),
      target,
      `cat > ${remote}`,
    ],
    { timeoutMs: 120_000 },
  );
  if (r.exitCode !== 0) throw new LabProcessError(`copying to ${host.url} failed: ${r.stderr.trim()}`);
}

const installedOn = new Map<string, string>();

/**
 * Installs labload on a remote host the way `lab setup` installs it locally: the binary and its source stamp into
 * ~/.cache/gorust, skipped when the host already has this stamp (the hosts must share the machine's architecture).
 * @example
 * await ensureRemoteLoadgen({ url: 'ssh://gen1' }, findTool('labload'));
 */
export async function ensureRemoteLoadgen(host: LoadgenHost, localBin: string): Promise<string> {
  let stamp = '';
  try {
    stamp = readFileSync(`${localBin}.stamp`, 'utf8').trim();
  } catch {
    stamp = '';
  }
  const key = `${host.url}\0${stamp}`;
  const cached = installedOn.get(key);
  if (cached) return cached;
  const remoteBin = `${REMOTE_DIR}/labload`;
  const check = await ssh(
    host,
    `mkdir -p ${REMOTE_DIR} && uname -m && cat ${remoteBin}.stamp 2>/dev/null || true`,
    60_000,
  );
  if (check.exitCode !== 0) throw new LabProcessError(`ssh ${host.url} failed: ${check.stderr.trim()}`);
  const [arch, remoteStamp] = check.stdout.trim().split('\n');
  const localArch = process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch;
  if (arch !== localArch) {
    throw new LabProcessError(
      `${host.url} is ${arch}, this machine ${localArch}: build labload there (cargo build --release -p labload in lab/workloads) and put it in ~/${remoteBin}`,
    );
  }
  if (!stamp || remoteStamp !== stamp) {
    await scp(host, localBin, remoteBin);
    const chmod = await ssh(host, `chmod 755 ${remoteBin}`, 60_000);
    if (chmod.exitCode !== 0)
      throw new LabProcessError(`chmod on ${host.url} failed: ${chmod.stderr.trim()}`);
    const dir = makeTempDir('stamp');
    try {
      writeFileSync(join(dir, 'labload.stamp'), `${stamp}\n`);
      await scp(host, join(dir, 'labload.stamp'), `${remoteBin}.stamp`);
    } finally {
      removeTempDir(dir);
    }
  }
  installedOn.set(key, remoteBin);
  return remoteBin;
}

/** One shard's output, and the host it ran on as the host itself reports it. */
export type RemoteShard = {
  summary: LoadgenSummary;
  records: LoadgenRecord[];
  host: {
    url: string;
    /** The kernel's boot id: two "hosts" with the same one are the same machine (network namespaces). */
    boot_id: string;
    cores: number;
    /** The machine's busy CPU seconds during the shard (all processes, its /proc/stat), null when unreadable. */
    busy_s: number | null;
  };
};

/**
 * Reads what {@link runRemoteShard}'s command prints: the host's boot id, its core count and its /proc/stat cpu line
 * before and after the run, then labload's summary line and records.
 */
export function parseRemoteShardOutput(url: string, stdout: string): RemoteShard {
  const lines = stdout.split('\n');
  const [bootId, cores, statBefore, statAfter] = lines;
  if (lines.length < 5 || !bootId || !/^\d+$/.test(cores ?? '')) {
    throw new LoadgenOutputError(`the load generator on ${url} printed no host header`);
  }
  const before = parseProcStat(statBefore ?? '');
  const after = parseProcStat(statAfter ?? '');
  const summary = parseLoadgenSummary(lines[4] ?? '');
  const records = parseLoadgenRecords(lines.slice(5).join('\n'));
  if (records.length !== summary.requests) {
    throw new LoadgenOutputError(
      `the load generator on ${url} reported ${summary.requests} requests but sent ${records.length} records`,
    );
  }
  return {
    summary,
    records,
    host: { url, boot_id: bootId.trim(), cores: Number(cores), busy_s: busyDelta(before, after) },
  };
}

/** Runs one shard of a step on a remote host and reads its host header, summary line and records from ssh's stdout. */
async function runRemoteShard(
  host: LoadgenHost,
  remoteBin: string,
  targetsFile: string,
  flags: string[],
  cpus: string | null | undefined,
  timeoutMs: number,
): Promise<RemoteShard> {
  const tag = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const targets = `${REMOTE_DIR}/targets-${tag}.json`;
  await scp(host, targetsFile, targets);
  const records = `${REMOTE_DIR}/records-${tag}.jsonl`;
  const summary = `${REMOTE_DIR}/summary-${tag}.json`;
  const quoted = flags.map((f) => `'${f.replaceAll("'", "'\\''")}'`).join(' ');
  const pin = cpus ? `taskset -c ${cpus} ` : '';
  // The host header (boot id, cores, /proc/stat before and after) lets the lab judge other processes on that host.
  const stat = "grep '^cpu ' /proc/stat || echo none";
  // labload runs in the background, watched through ssh's stdin (kept open by the lab, never written): when the
  // lab's ssh dies (lab killed, timeout, Ctrl-C) the stdin reaches EOF here and labload is killed at once, so
  // nothing keeps running on the generator host. Background jobs get /dev/null as stdin, hence the saved fd 3.
  const command = [
    'exec 3<&0 </dev/null',
    'cat /proc/sys/kernel/random/boot_id; nproc',
    `${stat} > ${summary}.before`,
    `${pin}${remoteBin} --targets ${targets} ${quoted} --records ${records} > ${summary} &`,
    'pid=$!',
    '( cat <&3 >/dev/null 2>&1; kill -9 $pid 2>/dev/null ) >/dev/null 2>&1 &',
    'w=$!',
    'exec 3<&-',
    'wait $pid; rc=$?',
    'kill -9 $w 2>/dev/null',
    `cat ${summary}.before; ${stat}; cat ${summary} ${records}`,
    `rm -f ${targets} ${records} ${summary} ${summary}.before`,
    'exit $rc',
  ].join('\n');
  const r = await ssh(host, command, timeoutMs, true);
  if (r.timedOut) throw new LabProcessError(`the load generator on ${host.url} did not finish in time`);
  if (r.exitCode !== 0) {
    throw new LabProcessError(
      `the load generator on ${host.url} failed (exit ${r.exitCode}): ${r.stderr.trim()}`,
    );
  }
  return parseRemoteShardOutput(host.url, r.stdout);
}

export type LoadgenCpu = {
  /** CPU seconds (user + system) the generator used, as it measured itself (getrusage). */
  loadgen_cpu_s: number;
  /** The generator's CPU budget in cores (its threads, capped at the CPUs it was pinned to). */
  loadgen_procs: number;
  /** The CPUs it was pinned to (taskset list), null when it ran unpinned. */
  loadgen_cpus: string | null;
  /** loadgen_cpu_s / (duration × budget). */
  loadgen_cpu_share: number;
  /** True when it used more than {@link LOADGEN_MAX_CPU_SHARE} of its budget. */
  loadgen_cpu_saturated: boolean;
  /** The whole machine's busy CPU seconds during the run (all processes, /proc/stat), null off Linux. */
  machine_busy_s: number | null;
  machine_cores: number;
  /** CPU seconds of the generators that ran on this machine (all of it locally; shards on the same kernel remotely). */
  loadgen_local_cpu_s: number;
  /**
   * With generators on other hosts: each shard (host, requests, its CPU seconds and share of its budget), and each
   * other machine (by boot id; hosts on this machine's kernel are judged with it) with the CPU seconds processes other
   * than the generators used there during the step.
   */
  shards?: { host: string; requests: number; cpu_s: number; cpu_share: number }[];
  remote_machines?: { hosts: string[]; cores: number; other_cpu_s: number | null }[];
};

export type AttackResult = OpenLoopAnalysis & LoadgenCpu;

/** The default CPU budget of the generator: half the machine (one core on a 2-core box), so the server gets the rest. */
export function defaultLoadgenProcs(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/**
 * How many CPUs a taskset list names ("0" 1, "0-2" 3, "0,2-3" 3).
 * @example
 * cpuCount('0-2'); // 3
 */
export function cpuCount(list: string): number {
  return list.split(',').reduce((n, part) => {
    const [a, b] = part.split('-').map(Number);
    return n + (b === undefined ? 1 : (b ?? 0) - (a ?? 0) + 1);
  }, 0);
}

function loadgenBudget(procs: number | undefined, cpus: string | null | undefined): number {
  const budget = procs ?? defaultLoadgenProcs();
  return cpus ? Math.max(1, Math.min(budget, cpuCount(cpus))) : budget;
}

/**
 * Writes labload's JSON targets next to a vegeta-format targets file (bodies read relative to it).
 * @example
 * const json = writeLoadgenTargets('/tmp/run/targets-http-json-go.txt', '/tmp/run');
 */
export function writeLoadgenTargets(targetsFile: string, dir: string): string {
  const base = dirname(resolve(targetsFile));
  const targets = vegetaTargetsToLoadgen(readFileSync(targetsFile, 'utf8'), (path) =>
    readFileSync(resolve(base, path), 'utf8'),
  );
  const out = join(dir, 'targets.json');
  writeFileSync(out, JSON.stringify(targets));
  return out;
}

type RunOutput = { summary: LoadgenSummary; records: LoadgenRecord[]; machine: number | null };

function busyDelta(before: MachineCpu | null, after: MachineCpu | null): number | null {
  return before && after ? Math.max(0, after.busy_s - before.busy_s) : null;
}

/** Runs labload once (pinned with taskset when `cpus` is given) and reads its summary and records. */
async function runLoadgen(
  loadgen: string,
  flags: string[],
  options: { cpus?: string | null | undefined; cwd?: string | undefined; timeoutMs: number; dir: string },
): Promise<RunOutput> {
  const recordsFile = join(options.dir, 'records.jsonl');
  const args = [...flags, '--records', recordsFile];
  const [cmd, cmdArgs] = options.cpus ? ['taskset', ['-c', options.cpus, loadgen, ...args]] : [loadgen, args];
  const before = readMachineCpu();
  const result = await runCommand(cmd, cmdArgs, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    timeoutMs: options.timeoutMs,
  });
  const machine = busyDelta(before, readMachineCpu());
  if (result.timedOut)
    throw new LabProcessError(`the load generator did not finish within ${options.timeoutMs} ms`);
  if (result.exitCode !== 0) {
    throw new LabProcessError(
      `the load generator failed (exit ${result.exitCode}): ${result.stderr.trim().slice(0, 500)}`,
    );
  }
  const summary = parseLoadgenSummary(result.stdout);
  let text: string;
  try {
    text = readFileSync(recordsFile, 'utf8');
  } catch {
    throw new LoadgenOutputError("the load generator's records file is missing");
  }
  const records = parseLoadgenRecords(text);
  if (records.length !== summary.requests) {
    throw new LoadgenOutputError(
      `the load generator reported ${summary.requests} requests but wrote ${records.length} records`,
    );
  }
  return { summary, records, machine };
}

function cpuOf(
  summaries: LoadgenSummary[],
  durationS: number,
  procs: number,
  cpus: string | null | undefined,
  machine: number | null,
): LoadgenCpu {
  const cpuOfOne = (s: LoadgenSummary) => s.cpu_user_s + s.cpu_system_s;
  const cpuS = summaries.reduce((sum, s) => sum + cpuOfOne(s), 0);
  // Each generator is judged on its own host: the busiest one decides (a mean would hide one saturated host).
  const share = durationS > 0 ? Math.max(0, ...summaries.map((s) => cpuOfOne(s) / (durationS * procs))) : 0;
  return {
    loadgen_cpu_s: Math.round(cpuS * 1000) / 1000,
    loadgen_procs: procs,
    loadgen_cpus: cpus ?? null,
    loadgen_cpu_share: Math.round(share * 1000) / 1000,
    loadgen_cpu_saturated: share > LOADGEN_MAX_CPU_SHARE,
    machine_busy_s: machine === null ? null : Math.round(machine * 100) / 100,
    machine_cores: availableParallelism(),
    loadgen_local_cpu_s: Math.round(cpuS * 1000) / 1000,
  };
}

/** This machine's boot id (its kernel), to tell which "remote" generators actually share it; null off Linux. */
function localBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Runs one shard per host at once (installing labload where needed), measuring this machine's CPU meanwhile, and
 * folds the hosts' own CPU figures: generator CPU per host, and other processes per machine (hosts on this kernel are
 * this machine: their generators count as the lab's here, and they are judged with it).
 */
async function runShards(
  options: { loadgen: string; cpus?: string | null | undefined; remotes: LoadgenHost[] },
  targets: string,
  flagsFor: (k: number) => string[],
  durationS: number,
  procs: number,
  timeoutMs: number,
): Promise<{ parts: RemoteShard[]; cpu: LoadgenCpu }> {
  const remotes = options.remotes;
  const bins = await Promise.all(remotes.map((host) => ensureRemoteLoadgen(host, options.loadgen)));
  const before = readMachineCpu();
  const parts = await Promise.all(
    remotes.map((host, k) =>
      runRemoteShard(host, bins[k] as string, targets, flagsFor(k), options.cpus, timeoutMs),
    ),
  );
  const machine = busyDelta(before, readMachineCpu());
  const cpu = cpuOf(
    parts.map((p) => p.summary),
    durationS,
    procs,
    options.cpus,
    machine,
  );
  const here = localBootId();
  const shardCpu = (p: RemoteShard) => p.summary.cpu_user_s + p.summary.cpu_system_s;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  cpu.loadgen_local_cpu_s = round(
    parts.filter((p) => p.host.boot_id === here).reduce((sum, p) => sum + shardCpu(p), 0),
  );
  cpu.shards = parts.map((p) => ({
    host: p.host.url,
    requests: p.summary.requests,
    cpu_s: round(shardCpu(p)),
    cpu_share: durationS > 0 ? round(shardCpu(p) / (durationS * procs)) : 0,
  }));
  const machines = new Map<string, RemoteShard[]>();
  for (const p of parts) {
    if (p.host.boot_id === here) continue;
    machines.set(p.host.boot_id, [...(machines.get(p.host.boot_id) ?? []), p]);
  }
  cpu.remote_machines = [...machines.values()].map((group) => {
    // Shards on one machine ran at the same time: take the widest busy window, minus every shard's CPU there.
    const busy = group.every((p) => p.host.busy_s !== null)
      ? Math.max(...group.map((p) => p.host.busy_s as number))
      : null;
    const ours = group.reduce((sum, p) => sum + shardCpu(p), 0);
    return {
      hosts: [...new Set(group.map((p) => p.host.url))],
      cores: group[0]?.host.cores ?? 1,
      other_cpu_s: busy === null ? null : Math.round(Math.max(0, busy - ours) * 100) / 100,
    };
  });
  return { parts, cpu };
}

/**
 * One open-loop step: labload sends at `rate` for `durationS`; each request's latency runs from its intended send
 * time, minus any lateness of the generator itself (recorded as lag, judged by the validity rules).
 * @example
 * const r = await attack({ loadgen, targetsFile, rate: 500, durationS: 30, timeoutS: 5, maxWorkers: 2000 });
 * r.histogram.percentiles().p99_ms;
 */
export async function attack(options: AttackOptions): Promise<AttackResult> {
  if (!Number.isFinite(options.rate) || options.rate <= 0) {
    throw new RangeError(`rate must be a positive number, got ${options.rate}`);
  }
  const procs = loadgenBudget(options.loadgenProcs, options.cpus);
  const dir = makeTempDir('attack');
  try {
    const targets = writeLoadgenTargets(options.targetsFile, dir);
    const flags = [
      '--targets',
      targets,
      '--rate',
      String(options.rate),
      '--duration',
      String(options.durationS),
      '--timeout',
      String(options.timeoutS),
      '--max-connections',
      String(options.maxWorkers),
      '--connections',
      String(Math.min(options.workers ?? 8, options.maxWorkers)),
      '--threads',
      String(procs),
    ];
    const timeoutMs = (options.durationS + options.timeoutS) * 1000 + 60_000;
    if (options.remotes && options.remotes.length > 0) {
      const remotes = options.remotes;
      // One schedule for every host, starting when all of them can have connected (the hosts' clocks must agree).
      let startAt = 0;
      const shardFlags = (k: number) => [
        ...flags.slice(2),
        '--shards',
        String(remotes.length),
        '--shard',
        String(k),
        '--start-at-ms',
        String(startAt),
      ];
      // Install first (a copy can take a while), then agree on the start.
      await Promise.all(remotes.map((host) => ensureRemoteLoadgen(host, options.loadgen)));
      startAt = Date.now() + 2_000;
      const { parts, cpu } = await runShards(
        { loadgen: options.loadgen, cpus: options.cpus, remotes },
        targets,
        shardFlags,
        options.durationS,
        procs,
        timeoutMs + 10_000,
      );
      const analysis = analyzeLoadgen(parts, {
        rate: options.rate,
        durationS: options.durationS,
        timeoutS: options.timeoutS,
      });
      return { ...analysis, ...cpu };
    }
    const out = await runLoadgen(options.loadgen, flags, {
      cpus: options.cpus,
      cwd: options.cwd,
      timeoutMs,
      dir,
    });
    const analysis = analyzeLoadgen([out], {
      rate: options.rate,
      durationS: options.durationS,
      timeoutS: options.timeoutS,
    });
    return { ...analysis, ...cpuOf([out.summary], options.durationS, procs, options.cpus, out.machine) };
  } finally {
    removeTempDir(dir);
  }
}

export type ProbeOptions = {
  loadgen: string;
  targetsFile: string;
  durationS: number;
  /** Connections, each sending its next request as soon as the previous answer is in. */
  workers: number;
  timeoutS?: number;
  cwd?: string;
  loadgenProcs?: number;
  cpus?: string | null | undefined;
  /** Probe from these hosts instead (the connections split between them), as {@link AttackOptions.remotes}. */
  remotes?: LoadgenHost[];
};

export type ClosedLoopResult = LoadgenCpu & {
  /** Successful responses per second. */
  rps: number;
  requests: number;
  errors: number;
  /** Latency as a closed-loop tool measures it (from the actual send). */
  histogram: LatencyHistogram;
  /**
   * The rate at which the generator would reach {@link LOADGEN_MAX_CPU_SHARE} of its budget, from its measured CPU
   * per request: the ladder never goes above it.
   */
  loadgen_ceiling_rps: number | null;
};

/**
 * Closed-loop run: W connections send back to back. Only for finding capacity and for showing what coordinated
 * omission hides; never for latency results. When the generator used more than half its CPU, `rps` is a lower
 * bound of the server's capacity (the generator was the limit).
 * @example
 * const r = await closedLoop({ loadgen, targetsFile, durationS: 5, workers: 32 });
 */
export async function closedLoop(options: ProbeOptions): Promise<ClosedLoopResult> {
  const procs = loadgenBudget(options.loadgenProcs, options.cpus);
  const timeoutS = options.timeoutS ?? 10;
  const dir = makeTempDir('probe');
  try {
    const targets = writeLoadgenTargets(options.targetsFile, dir);
    const flags = [
      '--targets',
      targets,
      '--closed',
      String(options.workers),
      '--duration',
      String(options.durationS),
      '--timeout',
      String(timeoutS),
      '--threads',
      String(procs),
    ];
    const timeoutMs = (options.durationS + timeoutS) * 1000 + 60_000;
    let analysis: ReturnType<typeof analyzeClosedLoop>;
    let cpu: LoadgenCpu;
    if (options.remotes && options.remotes.length > 0) {
      const remotes = options.remotes;
      // The connections split between the hosts (at least one each), all sending for the same duration.
      const share = (k: number) =>
        Math.max(
          1,
          Math.floor(options.workers / remotes.length) + (k < options.workers % remotes.length ? 1 : 0),
        );
      const shardFlags = (k: number) => [...flags.slice(2, 3), String(share(k)), ...flags.slice(4)];
      const ran = await runShards(
        { loadgen: options.loadgen, cpus: options.cpus, remotes },
        targets,
        shardFlags,
        options.durationS,
        procs,
        timeoutMs + 10_000,
      );
      analysis = analyzeClosedLoop(
        ran.parts.flatMap((p) => p.records),
        { durationS: options.durationS, timeoutS },
      );
      cpu = ran.cpu;
    } else {
      const out = await runLoadgen(options.loadgen, flags, {
        cpus: options.cpus,
        cwd: options.cwd,
        timeoutMs,
        dir,
      });
      analysis = analyzeClosedLoop(out.records, { durationS: options.durationS, timeoutS });
      cpu = cpuOf([out.summary], options.durationS, procs, options.cpus, out.machine);
    }
    const ceiling =
      cpu.loadgen_cpu_share > 0 && analysis.requests > 0
        ? Math.floor(
            (analysis.requests / options.durationS) * (LOADGEN_MAX_CPU_SHARE / cpu.loadgen_cpu_share),
          )
        : null;
    return { ...analysis, ...cpu, loadgen_ceiling_rps: ceiling };
  } finally {
    removeTempDir(dir);
  }
}
