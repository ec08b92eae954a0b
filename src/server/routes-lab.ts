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
      // Encoded histograms are large and only the lab's own reports decode them; the UI draws from the metrics.
      const steps = run.steps.map(({ histogram, ...step }) => ({
        ...step,
        has_histogram: histogram !== null,
      }));
      const summary = summarizeRun(run);
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
