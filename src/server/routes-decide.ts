/** @module API routes that compute or read, never store: POST /api/decide, the knowledge base and the questionnaire. */
import { Hono } from 'hono';
import { decide, didYouMean, KB_FILES, type LabEvidence, QUESTIONS, renderJson } from '../core/index.ts';
import { labEvidenceFromRun } from '../lab/evidence.ts';
import { requireRun } from '../store/lab-runs.ts';
import type { ServerDeps } from './deps.ts';
import { ProblemError } from './problem.ts';
import { readInteger, readProfileBody, SAMPLES_BOUNDS, SEED_BOUNDS } from './request.ts';

const KB_PARTS = Object.keys(KB_FILES) as (keyof typeof KB_FILES)[];

/**
 * The measured evidence of a stored lab run (`latest` or an id/prefix), judged at the profile's p99 SLO; read-only.
 * A missing run is a 400 naming it.
 * @example
 * const lab = labEvidence(deps, 'latest', 20);
 */
export function labEvidence(deps: ServerDeps, ref: string, sloP99Ms: number | undefined): LabEvidence {
  return labEvidenceFromRun(requireRun(deps.db, ref), { sloP99Ms });
}

/**
 * Routes: POST /decide, GET /kb, GET /kb/:part, GET /questions (mounted under /api).
 * @example
 * api.route('/', decideRoutes(deps));
 */
export function decideRoutes(deps: ServerDeps): Hono {
  const routes = new Hono();

  routes.post('/decide', async (c) => {
    const seed = readInteger(c.req.query('seed'), '(query) seed', SEED_BOUNDS);
    const samples = readInteger(c.req.query('samples'), '(query) samples', SAMPLES_BOUNDS);
    const labRef = c.req.query('lab');
    const profile = await readProfileBody(c);
    const lab = labRef ? labEvidence(deps, labRef, profile.workload.latency_slo?.p99_ms) : undefined;
    const decision = decide(profile, deps.kb, { seed, samples, lab });
    return c.body(renderJson(decision), 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  routes.get('/kb', (c) => c.json({ parts: KB_PARTS }));

  routes.get('/kb/:part', (c) => {
    const part = c.req.param('part');
    if (!(KB_PARTS as string[]).includes(part)) {
      const suggestion = didYouMean(part, KB_PARTS);
      throw new ProblemError(404, 'not-found', `the knowledge base has no part "${part}"`, [
        {
          path: '(path) part',
          expected: `one of ${KB_PARTS.join(', ')}`,
          found: JSON.stringify(part),
          message: `expected one of ${KB_PARTS.join(', ')}, found ${JSON.stringify(part)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          suggestion,
        },
      ]);
    }
    return c.json(deps.kb[part as keyof typeof KB_FILES]);
  });

  routes.get('/questions', (c) => c.json(QUESTIONS));

  return routes;
}
