/** @module Read-only API routes of lab runs: list and show. The API never starts a build or a load: runs come from `gorust lab run`. */
import { Hono } from 'hono';
import { summarizeRun } from '../lab/analysis/summary.ts';
import { getRun, listRuns } from '../store/lab-runs.ts';
import type { ServerDeps } from './deps.ts';
import { ProblemError } from './problem.ts';
import { readInteger } from './request.ts';

/**
 * Routes: GET /lab/runs[?limit=N], GET /lab/runs/:id (a full id or a unique prefix; steps without their encoded
 * histograms, plus `summary`: the same per-workload figures, anchor checks and problems `gorust lab show`
 * prints, so the UI shows what the CLI shows), mounted under /api.
 * @example
 * api.route('/', labRoutes(deps));
 */
export function labRoutes(deps: ServerDeps): Hono {
  const routes = new Hono();

  routes.get('/lab/runs', (c) => {
    const limit = readInteger(c.req.query('limit'), '(query) limit', { min: 1, max: 1000 }) ?? 50;
    return c.json(listRuns(deps.db, { limit }));
  });

  routes.get('/lab/runs/:id', (c) => {
    const id = c.req.param('id');
    const run = getRun(deps.db, id);
    if (run === null) throw new ProblemError(404, 'not-found', `no lab run "${id}" in the store`);
    // Encoded histograms are large and only the lab's own reports decode them; the UI draws from the metrics.
    const steps = run.steps.map(({ histogram, ...step }) => ({ ...step, has_histogram: histogram !== null }));
    const summary = summarizeRun(run);
    return c.json({ ...run, steps, slo_p99_ms: summary.slo_p99_ms, summary: summary.workloads });
  });

  return routes;
}
