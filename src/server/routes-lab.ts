/** @module Read-only API routes of lab runs: list and show. The API never starts a build or a load: runs come from `gorust lab run`. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { environmentLine } from '../lab/analysis/report.ts';
import { summarizeRun } from '../lab/analysis/summary.ts';
import { getRun, listRuns } from '../store/lab-runs.ts';
import { type ApiLabRun, getLabRunRoute, LAB_RUNS_LIMIT, listLabRunsRoute } from './api-schema.ts';
import type { ServerDeps } from './deps.ts';
import { ProblemError } from './problem.ts';
import { problemHook } from './request.ts';

/**
 * Routes: GET /lab/runs[?limit=N], GET /lab/runs/:id (a full id or a unique prefix; steps without their encoded
 * histograms, plus `summary`: the same per-workload figures, anchor checks and problems `gorust lab show`
 * prints, so the UI shows what the CLI shows), mounted under /api.
 * @example
 * api.route('/', labRoutes(deps));
 */
export function labRoutes(deps: ServerDeps) {
  return new OpenAPIHono({ defaultHook: problemHook() })
    .openapi(listLabRunsRoute, (c) => {
      const limit = c.req.valid('query').limit ?? LAB_RUNS_LIMIT.default;
      return c.json(listRuns(deps.db, { limit }), 200);
    })
    .openapi(getLabRunRoute, (c) => {
      const { id } = c.req.valid('param');
      const run = getRun(deps.db, id);
      if (run === null) throw new ProblemError(404, 'not-found', `no lab run "${id}" in the store`);
      const summary = summarizeRun(run);
      // Each Go step's latency timeline and GC cycles are sent once, in the summary's `detail.gc_timelines`.
      const timelined = new Set(
        summary.workloads.flatMap((w) =>
          w.kind === 'latency' || w.kind === 'gc-cache' ? w.detail.gc_timelines.map((t) => t.step_id) : [],
        ),
      );
      // Encoded histograms are large and only the lab's own reports decode them; the UI draws from the metrics.
      const steps = run.steps.map(({ histogram, ...step }) => ({
        ...step,
        detail: timelined.has(step.id) ? withoutTimeline(step.detail) : step.detail,
        has_histogram: histogram !== null,
      }));
      const body: ApiLabRun = {
        ...run,
        mode: summary.mode,
        steps,
        slo_p99_ms: summary.slo_p99_ms,
        indicative: summary.indicative,
        environment_line: environmentLine(run.environment),
        summary: summary.workloads,
      };
      return c.json(body, 200);
    });
}

/**
 * A step's detail without its latency timeline and GC cycles (the summary's GC timeline carries them).
 * @example
 * withoutTimeline({ timeline: [], gc_cycles: [], loadgen_procs: 1 }); // { loadgen_procs: 1 }
 */
function withoutTimeline(detail: unknown): unknown {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return detail;
  const { timeline: _timeline, gc_cycles: _cycles, ...rest } = detail as Record<string, unknown>;
  return rest;
}
