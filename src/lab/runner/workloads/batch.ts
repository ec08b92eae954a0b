/** @module Running a batch lab program (one JSON object on stdout) as a step: exit status, timeout and output shape decide validity. */
import type { NewStep } from '../../../store/lab-runs.ts';
import type { ResolvedProgram } from '../manifest.ts';
import { runCommand } from '../process.ts';
import type { WorkloadContext } from './types.ts';

export type BatchOutcome = {
  ok: boolean;
  output: Record<string, unknown>;
  reasons: string[];
  wall_s: number;
  started_at: string;
};

/**
 * Run a batch program and parse the last JSON object line it printed.
 * @example
 * const out = await runBatch(ctx.resolve('go', { kernel: 'n-body', n: 1000 }), 120_000);
 * const client = await runBatch(grpcClient, 120_000, [], {}, loadgenCpuList(1)); // pinned away from the server
 */
export async function runBatch(
  program: ResolvedProgram,
  timeoutMs: number,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  /** CPUs to pin the program to with taskset (a client measuring a pinned server gets the other cores). */
  cpus: string | null = null,
): Promise<BatchOutcome> {
  const startedAt = new Date();
  const argv = [...program.args, ...extraArgs];
  const [exec, args] = cpus ? ['taskset', ['-c', cpus, program.exec, ...argv]] : [program.exec, argv];
  const result = await runCommand(exec, args, {
    cwd: program.cwd,
    env: { ...program.env, ...env },
    timeoutMs,
  });
  const reasons: string[] = [];
  if (result.timedOut) reasons.push(`timed out after ${Math.round(timeoutMs / 1000)} s`);
  else if (result.exitCode !== 0) {
    const tail = result.stderr.trim().split('\n').slice(-3).join(' | ');
    reasons.push(`exit code ${result.exitCode}${tail ? `: ${tail}` : ''}`);
  }
  let output: Record<string, unknown> = {};
  const line = result.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  if (line) {
    try {
      output = JSON.parse(line) as Record<string, unknown>;
    } catch {
      reasons.push('its output line is not JSON');
    }
  } else if (reasons.length === 0) {
    reasons.push('it printed no JSON result');
  }
  return {
    ok: reasons.length === 0,
    output,
    reasons,
    wall_s: result.durationMs / 1000,
    started_at: startedAt.toISOString(),
  };
}

/** Numeric fields of a program's JSON output, flattened one level (`{grpc: {p50_us}}` -> `grpc_p50_us`). */
export function numericFields(output: Record<string, unknown>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [key, value] of Object.entries(output)) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    else if (typeof value === 'string' && value.length <= 200) out[key] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'number' && Number.isFinite(v)) out[`${key}_${inner}`] = v;
      }
    }
  }
  return out;
}

/**
 * A step record of a batch outcome.
 * @example
 * ctx.record(batchStep(ctx, outcome, { lang: 'go', variant: 'n-body', repeat: 0 }));
 */
export function batchStep(
  ctx: WorkloadContext,
  outcome: BatchOutcome,
  where: { lang: string; variant: string; repeat: number; kind?: string },
): NewStep {
  return {
    workload: ctx.workload.name,
    lang: where.lang,
    variant: where.variant,
    kind: where.kind ?? 'batch',
    repeat: where.repeat,
    valid: outcome.ok,
    reasons: outcome.reasons,
    metrics: { ...numericFields(outcome.output), wall_s: outcome.wall_s },
    started_at: outcome.started_at,
    duration_ms: outcome.wall_s * 1000,
  };
}
