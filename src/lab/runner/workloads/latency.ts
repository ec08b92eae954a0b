/** @module One open-loop latency step against a running server, turned into a stored step: percentiles, validity (the generator's lag and CPU, other processes' CPU), CPU per 1k requests, the step's own peak RSS and, for Go, the GC cycles seen during the step. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { NewStep } from '../../../store/lab-runs.ts';
import {
  alignGcCycles,
  type GcCycle,
  parseGctrace,
  stwPauseMs,
  summarizeGc,
} from '../../analysis/gctrace.ts';
import { judgeStep, MAX_OTHER_CPU_SHARE } from '../../analysis/validity.ts';
import { type AttackResult, attack, LoadgenOutputError } from '../loadgen.ts';
import { selfCpuSeconds } from '../machine-cpu.ts';
import { type RunningServer, readGroupRssMib } from '../process.ts';
import { loadgenCpuList } from './servers.ts';
import type { WorkloadContext } from './types.ts';

/**
 * Write a vegeta targets file for one server: `{port}`/`{addr}` filled in, `@body` paths made absolute.
 * @example
 * const targets = writeTargets(ctx, 'http-json/targets.txt', server.addr, 'go');
 */
export function writeTargets(
  ctx: WorkloadContext,
  relativePath: string,
  addr: string,
  label: string,
): string {
  const source = resolve(ctx.workloadsDir, relativePath);
  const port = addr.slice(addr.lastIndexOf(':') + 1);
  const text = readFileSync(source, 'utf8')
    .replaceAll('{port}', port)
    .replaceAll('{addr}', addr)
    .split('\n')
    .map((line) => (line.startsWith('@') ? `@${resolve(dirname(source), line.slice(1).trim())}` : line))
    .join('\n');
  const out = join(ctx.tempDir, `targets-${ctx.workload.name}-${label}.txt`);
  writeFileSync(out, text);
  return out;
}

export type LatencyStepOptions = {
  server: RunningServer;
  lang: string;
  variant: string;
  targetsFile: string;
  rate: number;
  repeat: number;
  durationS: number;
  kind?: string;
};

/**
 * The GC part of a Go step's detail, for the GC timeline (web UI and HTML report): every cycle that started during
 * the step, `at_s` in seconds since the step's start, with its stop-the-world pause (`pause_ms`, sweep plus mark
 * termination), and the count.
 * @example
 * gcStepDetail(alignGcCycles(parseGctrace(stderr), server.startedAt, result.started_at_ms, result.duration_s));
 * // { gc_cycles: [{ n: 12, at_s: 1.25, stw_sweep_ms: 0.02, stw_mark_ms: 0.05, pause_ms: 0.07, ... }], gc_cycle_count: 1 }
 */
export function gcStepDetail(cycles: GcCycle[]): {
  gc_cycles: (GcCycle & { pause_ms: number })[];
  gc_cycle_count: number;
} {
  return {
    gc_cycles: cycles.map((c) => ({ ...c, pause_ms: Math.round(stwPauseMs(c) * 1000) / 1000 })),
    gc_cycle_count: cycles.length,
  };
}

/**
 * The step's peak RSS: after a successful reset of the kernel's high-water mark (clear_refs 5) the mark read after
 * the step is the step's own peak (and no sample can exceed it); without the reset, the largest RSS sampled during
 * the step. Never the server's lifetime peak.
 * @example
 * stepPeakRss({ reset: true, hwmAfterMib: 42, sampledMaxMib: 40 }); // { rss_peak_mib: 42, rss_method: 'clear_refs' }
 * stepPeakRss({ reset: false, hwmAfterMib: 300, sampledMaxMib: 40 }); // { rss_peak_mib: 40, rss_method: 'sampled' }
 */
export function stepPeakRss(input: {
  reset: boolean;
  hwmAfterMib: number | null;
  sampledMaxMib: number | null;
}): { rss_peak_mib: number | null; rss_method: 'clear_refs' | 'sampled' | null } {
  const round = (x: number) => Math.round(x * 100) / 100;
  if (input.reset && input.hwmAfterMib !== null) {
    return {
      rss_peak_mib: round(Math.max(input.hwmAfterMib, input.sampledMaxMib ?? 0)),
      rss_method: 'clear_refs',
    };
  }
  if (input.sampledMaxMib !== null)
    return { rss_peak_mib: round(input.sampledMaxMib), rss_method: 'sampled' };
  return { rss_peak_mib: null, rss_method: null };
}

/**
 * CPU seconds that processes other than the lab's used during a step: the machine's busy time minus the server's,
 * the generator's and the lab's own. Null when the machine's figure is unknown.
 * @example
 * otherCpuSeconds({ machineBusyS: 10.4, serverCpuS: 4.9, loadgenCpuS: 3.1, labCpuS: 0.2 }); // 2.2
 */
export function otherCpuSeconds(input: {
  machineBusyS: number | null;
  serverCpuS: number | null;
  loadgenCpuS: number;
  labCpuS: number;
}): number | null {
  if (input.machineBusyS === null || input.serverCpuS === null) return null;
  const other = input.machineBusyS - input.serverCpuS - input.loadgenCpuS - input.labCpuS;
  return Math.round(Math.max(0, other) * 100) / 100;
}

/**
 * The other-processes rule on each generator host that is another machine (its own /proc/stat, minus the generators
 * it ran): more than {@link MAX_OTHER_CPU_SHARE} of its CPU makes the step invalid, naming the host.
 * @example
 * remoteMachineReasons({ remote_machines: [{ hosts: ['ssh://gen1'], cores: 2, other_cpu_s: 1 }] }, 5); // ['other processes used 10.0% ...']
 */
export function remoteMachineReasons(
  result: { remote_machines?: { hosts: string[]; cores: number; other_cpu_s: number | null }[] | undefined },
  durationS: number,
): string[] {
  const reasons: string[] = [];
  for (const m of result.remote_machines ?? []) {
    const where = m.hosts.every((h) => h.startsWith('server host '))
      ? m.hosts.join(', ')
      : `generator host ${m.hosts.join(', ')}`;
    if (m.other_cpu_s === null) {
      reasons.push(`other processes' CPU on ${where} could not be read (/proc/stat)`);
      continue;
    }
    const share = durationS > 0 ? m.other_cpu_s / (durationS * Math.max(1, m.cores)) : 0;
    if (share > MAX_OTHER_CPU_SHARE) {
      reasons.push(
        `other processes used ${(share * 100).toFixed(1)}% of the CPU of ${where} during the step (${m.other_cpu_s.toFixed(2)} CPU s; limit ${(MAX_OTHER_CPU_SHARE * 100).toFixed(1)}%)`,
      );
    }
  }
  return reasons;
}

/** A step whose load generator output could not be read: invalid, with the reason, and no figures at all. */
function unreadableStep(
  ctx: WorkloadContext,
  options: LatencyStepOptions,
  startedAt: Date,
  error: LoadgenOutputError,
): NewStep {
  return {
    workload: ctx.workload.name,
    lang: options.lang,
    variant: options.variant,
    kind: options.kind ?? 'rate',
    rate_rps: options.rate,
    repeat: options.repeat,
    valid: false,
    reasons: [`the load generator's output could not be read: ${error.message}`],
    metrics: { target_rps: options.rate },
    detail: {},
    started_at: startedAt.toISOString(),
    duration_ms: Date.now() - startedAt.getTime(),
  };
}

/**
 * Run one constant-rate step and build the step record (the caller stores it).
 * @example
 * ctx.record(await measureLatencyStep(ctx, { server, lang: 'go', variant: '', targetsFile, rate: 500, repeat: 0, durationS: 5 }));
 */
export async function measureLatencyStep(
  ctx: WorkloadContext,
  options: LatencyStepOptions,
): Promise<NewStep> {
  const { server, plan } = { server: options.server, plan: ctx.plan };
  const startedAt = new Date();
  const goBefore = options.lang === 'go' ? await readGoStats(server.addr) : null;
  // The step's own peak RSS: reset the high-water mark now, and sample as a fallback where the kernel refuses.
  const reset = server.resetPeakRss();
  let sampledMax: number | null = null;
  const sampleRss = () => {
    const now = server.rssMib ? server.rssMib() : readGroupRssMib(server.pid);
    if (now !== null) sampledMax = Math.max(sampledMax ?? 0, now);
  };
  sampleRss();
  const sampler = setInterval(sampleRss, 200);
  const before = server.stats();
  const serverBusyBefore = server.remote?.busyS() ?? null;
  const labBefore = selfCpuSeconds();
  let result: AttackResult;
  const attackStart = performance.now();
  try {
    result = await attack({
      loadgen: ctx.loadgen,
      targetsFile: options.targetsFile,
      rate: options.rate,
      durationS: options.durationS,
      timeoutS: plan.timeoutS,
      maxWorkers: plan.maxWorkers,
      cwd: ctx.tempDir,
      // The servers are pinned to the last cores; the generator gets the others so neither preempts the other.
      cpus: loadgenCpuList(plan.threads),
      ...(ctx.remotes ? { remotes: ctx.remotes } : {}),
    });
  } catch (error) {
    if (error instanceof LoadgenOutputError) return unreadableStep(ctx, options, startedAt, error);
    throw error;
  } finally {
    clearInterval(sampler);
  }
  const labCpu = selfCpuSeconds() - labBefore;
  sampleRss();
  const after = server.stats();
  const goAfter = options.lang === 'go' ? await readGoStats(server.addr) : null;
  const pct = result.histogram.percentiles();
  const cpuDelta = before && after ? after.cpu_s - before.cpu_s : null;
  // A server on another machine (--server ssh://) is judged there: its host's busy time minus the server.
  const elsewhere = server.remote !== undefined && !server.remote.sameMachine;
  const otherCpu = otherCpuSeconds({
    machineBusyS: result.machine_busy_s,
    serverCpuS: elsewhere ? 0 : cpuDelta,
    loadgenCpuS: result.loadgen_local_cpu_s,
    labCpuS: labCpu,
  });
  const serverBusyAfter = server.remote?.busyS() ?? null;
  const serverMachine =
    elsewhere && server.remote
      ? [
          {
            hosts: [`server host ${server.remote.url}`],
            cores: server.remote.cores,
            other_cpu_s:
              serverBusyBefore === null || serverBusyAfter === null || cpuDelta === null
                ? null
                : Math.round(Math.max(0, serverBusyAfter - serverBusyBefore - cpuDelta) * 100) / 100,
          },
        ]
      : [];
  const verdict = judgeStep({
    ...result,
    elapsed_s: (performance.now() - attackStart) / 1000,
    samples: pct.count,
    other_cpu_s: otherCpu,
    machine_cores: result.machine_cores,
  });
  const reasons = [
    ...verdict.reasons,
    ...remoteMachineReasons(
      { remote_machines: [...(result.remote_machines ?? []), ...serverMachine] },
      result.duration_s,
    ),
  ];
  if (!after) {
    const how = server.exited?.();
    reasons.push(`the server exited during the step${how ? `: ${how}` : ''}`);
  }
  if (before && after && cpuDelta === null) reasons.push("the server's CPU time could not be read");
  const rss = stepPeakRss({ reset, hwmAfterMib: after?.rss_peak_mib ?? null, sampledMaxMib: sampledMax });
  const metrics: NewStep['metrics'] = {
    target_rps: result.target_rps,
    achieved_rps: result.achieved_rps,
    requests: result.requests,
    errors: result.errors,
    timeouts: result.timeouts,
    unsent: result.unsent,
    p50_ms: pct.p50_ms,
    p90_ms: pct.p90_ms,
    p99_ms: pct.p99_ms,
    p999_ms: pct.p999_ms,
    max_ms: pct.max_ms,
    samples: pct.count,
    loadgen_cpu_s: result.loadgen_cpu_s,
    loadgen_cpu_share: result.loadgen_cpu_share,
    send_lag_p99_ms: result.send_lag_p99_ms,
    other_cpu_s: otherCpu,
    rss_peak_mib: rss.rss_peak_mib,
    cpu_s_per_1k: cpuDelta !== null && result.requests > 0 ? cpuDelta / (result.requests / 1000) : null,
  };
  let detail: Record<string, unknown> = {
    timeline: result.timeline,
    warnings: verdict.warnings,
    send_lag_p99_ms: result.send_lag_p99_ms,
    send_lag_max_ms: result.send_lag_max_ms,
    loadgen_cpus: result.loadgen_cpus,
    loadgen_procs: result.loadgen_procs,
    max_in_flight: result.max_in_flight,
    machine_busy_s: result.machine_busy_s,
    rss_method: rss.rss_method,
    ...(result.shards ? { loadgen_shards: result.shards, loadgen_machines: result.remote_machines } : {}),
  };
  if (options.lang === 'go') {
    const cycles = alignGcCycles(
      parseGctrace(server.stderrText()),
      server.startedAt,
      result.started_at_ms,
      result.duration_s,
    );
    const gc = summarizeGc(cycles);
    Object.assign(metrics, {
      gc_cycles: gc.cycles,
      gc_pause_total_ms: gc.pause_total_ms,
      gc_pause_max_ms: gc.pause_max_ms,
      gc_mark_total_ms: gc.mark_total_ms,
      gc_cpu_s:
        goBefore &&
        goAfter &&
        typeof goAfter.gc_cpu_seconds === 'number' &&
        typeof goBefore.gc_cpu_seconds === 'number'
          ? goAfter.gc_cpu_seconds - goBefore.gc_cpu_seconds
          : null,
      heap_live_mib:
        goAfter && typeof goAfter.heap_live_bytes === 'number' ? goAfter.heap_live_bytes / 2 ** 20 : null,
    });
    // The gctrace cycles are the GC evidence; /__stats only adds GC CPU and the live heap, so its failure is a note.
    detail = {
      ...detail,
      ...gcStepDetail(cycles),
      ...(goAfter ? {} : { note: 'GET /__stats failed after the step' }),
    };
  }
  return {
    workload: ctx.workload.name,
    lang: options.lang,
    variant: options.variant,
    kind: options.kind ?? 'rate',
    rate_rps: options.rate,
    repeat: options.repeat,
    valid: reasons.length === 0,
    reasons,
    metrics,
    detail,
    started_at: startedAt.toISOString(),
    duration_ms: Date.now() - startedAt.getTime(),
    histogram: result.histogram.encode(),
  };
}

/**
 * GET /__stats of a Go server (null when it fails: the step keeps its gctrace GC evidence and gets a note, see above).
 * @example
 * const stats = await readGoStats('127.0.0.1:41234');
 */
export async function readGoStats(addr: string): Promise<Record<string, unknown> | null> {
  try {
    const response = await fetch(`http://${addr}/__stats`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return null;
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return null;
  }
}
