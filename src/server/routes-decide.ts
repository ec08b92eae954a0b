/** @module API routes that compute or read, never store: POST /api/decide (with ?lab=, also the figures the run left out), the knowledge base and the questionnaire. */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  type Decision,
  decide,
  didYouMean,
  KB_FILES,
  type LabEvidence,
  QUESTIONS,
  renderJson,
} from '../core/index.ts';
import { labEvidenceFromRun } from '../lab/analysis/evidence.ts';
import { requireRun } from '../store/lab-runs.ts';
import type { ServerDeps } from './deps.ts';
import { ProblemError } from './problem.ts';
import { readInteger, readProfileBody, SAMPLES_BOUNDS, SEED_BOUNDS } from './request.ts';

const KB_PARTS = Object.keys(KB_FILES) as (keyof typeof KB_FILES)[];

/**
 * `lab_excluded`, the one field POST /api/decide?lab= adds after the decision's own fields: what the run measured
 * but the decision left out (an anchor flagged it as a probable harness problem, or no step was valid), with why.
 * The knowledge base's prior stands in for each. It is not part of the decision JSON (CONTRACT.md §2): a saved
 * decision and `gorust decide --format json` do not carry it (the CLI prints the same list on stderr).
 */
export const labExcludedSchema = z
  .array(
    z.object({
      figure: z.string().meta({ description: 'the figure left out, e.g. "boundary grpc_p99_us"' }),
      reason: z.string().meta({ description: 'why, e.g. the anchor band it fell outside' }),
    }),
  )
  .meta({
    description:
      'present only with ?lab=: the figures of that run the decision left out (the knowledge base prior is used instead), [] when none',
  });

/**
 * The response body of POST /api/decide: the decision JSON, byte for byte as `gorust decide --format json`
 * prints it, plus `lab_excluded` as the last key when a lab run was used (an additive field clients may ignore).
 * @example
 * decideBody(decision, lab); // '{\n  "verdict": "go", ... "lab_excluded": []\n}\n'
 */
export function decideBody(decision: Decision, lab: LabEvidence | undefined): string {
  const json = renderJson(decision);
  if (lab === undefined) return json;
  // Parsing keeps the contract's key order and every number as rendered (JSON numbers round-trip exactly).
  const body = { ...(JSON.parse(json) as Record<string, unknown>), lab_excluded: lab.excluded ?? [] };
  return `${JSON.stringify(body, null, 2)}\n`;
}

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
    return c.body(decideBody(decision, lab), 200, { 'content-type': 'application/json; charset=utf-8' });
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
