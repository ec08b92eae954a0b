/** @module The harness's own latency floor: open-loop latency against a trivial server (the stall server with stalls off) next to raw loopback round trips (1-byte TCP ping-pong and sequential HTTP keep-alive GETs, measured in-process by Go). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../core/index.ts';
import { makeTempDir, type RunningServer, removeTempDir, runCommand } from './process.ts';
import { buildStallServer, startStallServer } from './selftest.ts';
import { findTool } from './toolchain.ts';
import { attack } from './vegeta.ts';

export type FloorStep = {
  rate_rps: number;
  duration_s: number;
  /** Corrected (from the intended send time), as every lab step reports it. */
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  p999_ms: number;
  max_ms: number;
  /** vegeta's own view (from the actual send): the difference is the generator's scheduling jitter. */
  uncorrected_p50_ms: number;
  uncorrected_p99_ms: number;
  send_lag_p99_ms: number;
  loadgen_cpu_s: number;
  requests: number;
};

export type HarnessFloor = {
  steps: FloorStep[];
  /** Sequential round trips over loopback inside one Go process: no load generator, no scheduling of sends. */
  loopback: { tcp_p50_us: number; tcp_p99_us: number; http_p50_us: number; http_p99_us: number; n: number };
  /** Harness p50 at the lowest rate divided by the HTTP loopback p50: how much the harness adds on top. */
  p50_over_http_rtt: number;
};

export type FloorOptions = { rates?: number[]; durationS?: number; roundTrips?: number };

/**
 * Measures the harness floor (for bench/run.ts). Takes about `rates.length × durationS` seconds plus a build.
 * @example
 * const floor = await measureHarnessFloor({ rates: [100, 1000], durationS: 10 });
 * floor.steps[0].p50_ms; floor.loopback.http_p50_us;
 */
export async function measureHarnessFloor(options: FloorOptions = {}): Promise<HarnessFloor> {
  const vegeta = findTool('vegeta');
  if (!vegeta) throw new UserError('vegeta not found: run `gorust lab setup`');
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

    server = await startStallServer(bin, { everyS: 10, forS: 0 });
    const targets = join(dir, 'targets.txt');
    writeFileSync(targets, `GET http://${server.addr}/\n`);
    const steps: FloorStep[] = [];
    for (const rate of rates) {
      const r = await attack({
        vegeta,
        targetsFile: targets,
        rate,
        durationS,
        timeoutS: 5,
        maxWorkers: 1000,
        cwd: dir,
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
    const first = steps[0];
    return {
      steps,
      loopback,
      p50_over_http_rtt:
        first && loopback.http_p50_us > 0
          ? Math.round(((first.p50_ms * 1000) / loopback.http_p50_us) * 10) / 10
          : 0,
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
  return [
    `loopback round trip (Go, in-process, n=${l.n}): TCP 1-byte p50 ${l.tcp_p50_us} µs, p99 ${l.tcp_p99_us} µs; HTTP keep-alive GET p50 ${l.http_p50_us} µs, p99 ${l.http_p99_us} µs`,
    ...floor.steps.map(
      (s) =>
        `harness (vegeta open loop, trivial server) at ${s.rate_rps} req/s for ${s.duration_s} s: p50 ${s.p50_ms} ms, p90 ${s.p90_ms} ms, p99 ${s.p99_ms} ms, p99.9 ${s.p999_ms} ms, max ${s.max_ms} ms (uncorrected p50 ${s.uncorrected_p50_ms} ms, p99 ${s.uncorrected_p99_ms} ms; send lag p99 ${s.send_lag_p99_ms} ms; loadgen CPU ${s.loadgen_cpu_s.toFixed(2)} s)`,
    ),
    `harness p50 at the lowest rate = ${floor.p50_over_http_rtt}x the HTTP loopback round trip`,
  ];
}
