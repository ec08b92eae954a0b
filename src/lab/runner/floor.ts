/** @module The harness's own latency floor: open-loop latency against a trivial server (the stall server with stalls off) next to the fair floor, a paced round trip between two processes (a Go client sending one GET at a time to the same server), and, for reference, in-process loopback round trips. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../core/index.ts';
import { attack } from './loadgen.ts';
import { makeTempDir, type RunningServer, removeTempDir, runCommand } from './process.ts';
import { buildStallServer, requireTool, startStallServer } from './selftest.ts';
import { loadgenCpuList, serverCpuList } from './workloads/servers.ts';

export type FloorStep = {
  rate_rps: number;
  duration_s: number;
  /** Corrected (from the intended send time), as every lab step reports it. */
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  p999_ms: number;
  max_ms: number;
  /** From the actual send (what a closed-loop tool reports). */
  uncorrected_p50_ms: number;
  uncorrected_p99_ms: number;
  send_lag_p99_ms: number;
  loadgen_cpu_s: number;
  requests: number;
};

/** A paced round trip between two processes: one GET at a time, at a constant rate, from the actual send. */
export type PacedRoundTrip = {
  n: number;
  rate_rps: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  max_us: number;
};

/**
 * Runs the stall server's `--ping` client against `addr` (another process) and reads its JSON.
 * @example
 * const rtt = await pacedRoundTrip(bin, server.addr, { rate: 100, n: 1000 });
 */
export async function pacedRoundTrip(
  bin: string,
  addr: string,
  options: { rate: number; n: number; cpus?: string | null },
): Promise<PacedRoundTrip> {
  const args = [`--ping=${addr}`, `--ping-rate=${options.rate}`, `--ping-n=${options.n}`];
  const [cmd, cmdArgs] = options.cpus ? ['taskset', ['-c', options.cpus, bin, ...args]] : [bin, args];
  const r = await runCommand(cmd, cmdArgs, {
    env: { GOMAXPROCS: '1' },
    timeoutMs: Math.ceil((options.n * 1.1) / options.rate) * 1000 + 60_000,
  });
  if (r.exitCode !== 0) throw new UserError(`paced round trip failed: ${r.stderr.trim()}`);
  try {
    const parsed = JSON.parse(r.stdout.trim()) as PacedRoundTrip;
    if (typeof parsed.p50_us !== 'number' || typeof parsed.p99_us !== 'number') throw new Error('fields');
    return parsed;
  } catch {
    throw new UserError(`paced round trip printed no result: ${JSON.stringify(r.stdout.slice(0, 200))}`);
  }
}

export type HarnessFloor = {
  steps: FloorStep[];
  /** Sequential round trips over loopback inside one Go process (reference only: no second process). */
  loopback: { tcp_p50_us: number; tcp_p99_us: number; http_p50_us: number; http_p99_us: number; n: number };
  /** The fair floor: paced GETs from a second process to the same trivial server, at the lowest rate. */
  paced: PacedRoundTrip;
  /** Harness p50 (and p99) at the lowest rate divided by the paced two-process round trip's. */
  p50_over_paced_rtt: number;
  p99_over_paced_rtt: number;
};

export type FloorOptions = { rates?: number[]; durationS?: number; roundTrips?: number };

/**
 * Measures the harness floor (for bench/run.ts). Takes about `rates.length × durationS` seconds plus a build.
 * @example
 * const floor = await measureHarnessFloor({ rates: [100, 1000], durationS: 10 });
 * floor.steps[0].p50_ms; floor.loopback.http_p50_us;
 */
export async function measureHarnessFloor(options: FloorOptions = {}): Promise<HarnessFloor> {
  const loadgen = requireTool('labload');
  const rates = options.rates ?? [100, 1000];
  const durationS = options.durationS ?? 10;
  const dir = makeTempDir('floor');
  let server: RunningServer | null = null;
  try {
    const bin = await buildStallServer(dir);
    const rtt = await runCommand(bin, [`--rtt=${options.roundTrips ?? 20_000}`], {
      env: { GOMAXPROCS: '2' },
      timeoutMs: 120_000,
    });
    if (rtt.exitCode !== 0)
      throw new UserError(`loopback round-trip measurement failed: ${rtt.stderr.trim()}`);
    const loopback = JSON.parse(rtt.stdout.trim()) as HarnessFloor['loopback'];

    // Pinned as in a lab run: the server on the server core, the generator and the paced client on the others.
    server = await startStallServer(bin, { everyS: 10, forS: 0 }, { cpus: serverCpuList(1) });
    const targets = join(dir, 'targets.txt');
    writeFileSync(targets, `GET http://${server.addr}/\n`);
    const steps: FloorStep[] = [];
    for (const rate of rates) {
      const r = await attack({
        loadgen,
        targetsFile: targets,
        rate,
        durationS,
        timeoutS: 5,
        maxWorkers: 1000,
        cwd: dir,
        cpus: loadgenCpuList(1),
      });
      const p = r.histogram.percentiles();
      const u = r.uncorrected_histogram.percentiles();
      steps.push({
        rate_rps: rate,
        duration_s: durationS,
        p50_ms: p.p50_ms,
        p90_ms: p.p90_ms,
        p99_ms: p.p99_ms,
        p999_ms: p.p999_ms,
        max_ms: p.max_ms,
        uncorrected_p50_ms: u.p50_ms,
        uncorrected_p99_ms: u.p99_ms,
        send_lag_p99_ms: r.send_lag_p99_ms,
        loadgen_cpu_s: r.loadgen_cpu_s,
        requests: r.requests,
      });
    }
    const paced = await pacedRoundTrip(bin, server.addr, {
      rate: rates[0] ?? 100,
      n: Math.max(200, Math.round((rates[0] ?? 100) * durationS)),
      cpus: loadgenCpuList(1),
    });
    const first = steps[0];
    const ratio = (ms: number | undefined, us: number) =>
      ms !== undefined && us > 0 ? Math.round(((ms * 1000) / us) * 10) / 10 : 0;
    return {
      steps,
      loopback,
      paced,
      p50_over_paced_rtt: ratio(first?.p50_ms, paced.p50_us),
      p99_over_paced_rtt: ratio(first?.p99_ms, paced.p99_us),
    };
  } finally {
    if (server) await server.stop();
    removeTempDir(dir);
  }
}

/**
 * The floor as report lines for `npm run bench`.
 * @example
 * for (const line of formatHarnessFloor(await measureHarnessFloor())) console.log(line);
 */
export function formatHarnessFloor(floor: HarnessFloor): string[] {
  const l = floor.loopback;
  const p = floor.paced;
  return [
    `paced round trip between two processes (Go client, one GET at a time, ${p.rate_rps} req/s, n=${p.n}): p50 ${p.p50_us} µs, p90 ${p.p90_us} µs, p99 ${p.p99_us} µs`,
    `loopback round trip (Go, in-process, reference only, n=${l.n}): TCP 1-byte p50 ${l.tcp_p50_us} µs, p99 ${l.tcp_p99_us} µs; HTTP keep-alive GET p50 ${l.http_p50_us} µs, p99 ${l.http_p99_us} µs`,
    ...floor.steps.map(
      (s) =>
        `harness (labload open loop, trivial server) at ${s.rate_rps} req/s for ${s.duration_s} s: p50 ${s.p50_ms} ms, p90 ${s.p90_ms} ms, p99 ${s.p99_ms} ms, p99.9 ${s.p999_ms} ms, max ${s.max_ms} ms (uncorrected p50 ${s.uncorrected_p50_ms} ms, p99 ${s.uncorrected_p99_ms} ms; send lag p99 ${s.send_lag_p99_ms} ms; loadgen CPU ${s.loadgen_cpu_s.toFixed(2)} s)`,
    ),
    `harness at the lowest rate = ${floor.p50_over_paced_rtt}x (p50) and ${floor.p99_over_paced_rtt}x (p99) the paced two-process round trip`,
  ];
}
