/** @module API routes that compute or read, never store: POST /api/decide (with ?lab=, also the figures the run left out), the knowledge base and the questionnaire. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import {
  type Decision,
  didYouMean,
  KB_FILES,
  type LabEvidence,
  type Profile,
  QUESTIONS,
  renderJson,
} from '../core/index.ts';
import { labEvidenceFromRun } from '../lab/analysis/evidence.ts';
import { getRun, latestRun, missingRunMessage } from '../store/lab-runs.ts';
import { decideRoute, kbPartRoute, kbPartsRoute, questionsRoute, YAML_TYPES } from './api-schema.ts';
import type { ServerDeps } from './deps.ts';
import { ProblemError } from './problem.ts';
import { bodyGuard, isYaml, problemHook, readYamlProfile } from './request.ts';

const KB_PARTS = Object.keys(KB_FILES) as (keyof typeof KB_FILES)[];

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
 * A missing run is a 404 naming it.
 * @example
 * const lab = labEvidence(deps, 'latest', 20);
 */
export function labEvidence(deps: ServerDeps, ref: string, sloP99Ms: number | undefined): LabEvidence {
  // A run that is not there is a 404 (the request itself is well formed); an ambiguous prefix stays a 400.
  const run = ref === 'latest' ? latestRun(deps.db) : getRun(deps.db, ref);
  if (run === null) throw new ProblemError(404, 'not-found', missingRunMessage(deps.db, ref));
  return labEvidenceFromRun(run, { sloP99Ms });
}

/**
 * A JSON response from text already rendered (the decision JSON's exact bytes), typed as the route's JSON body
 * so the typed client still sees the schema's type.
 * @example
 * return renderedJson<Decision>(c.body(text, 200, headers));
 */
export function renderedJson<T, S extends 200 | 201>(response: Response): TypedResponse<T, S, 'json'> {
  return response as unknown as TypedResponse<T, S, 'json'>;
}

/**
 * Routes: POST /decide, GET /kb, GET /kb/:part, GET /questions (mounted under /api).
 * @example
 * api.route('/', decideRoutes(deps));
 */
export function decideRoutes(deps: ServerDeps) {
  // The body is the profile: its problems are reported as the CLI reports a profile's.
  const routes = new OpenAPIHono({ defaultHook: problemHook('') });
  // A YAML body skips the JSON schema validator (it is parsed and validated as a profile file is), so the route is
  // registered with an optional JSON body and documented as it is: a required body, JSON or YAML.
  routes.openAPIRegistry.registerPath(decideRoute);
  const decideHandled = {
    ...decideRoute,
    hide: true,
    middleware: [bodyGuard(['application/json', ...YAML_TYPES], { profileAt: '' })],
    request: { ...decideRoute.request, body: { ...decideRoute.request.body, required: false } },
  };

  const read = new OpenAPIHono({ defaultHook: problemHook() })
    .openapi(kbPartsRoute, (c) => c.json({ parts: KB_PARTS as string[] }, 200))
    .openapi(kbPartRoute, (c) => {
      const { part } = c.req.valid('param');
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
      return c.json(deps.kb[part as keyof typeof KB_FILES], 200);
    })
    .openapi(questionsRoute, (c) => c.json(QUESTIONS, 200));
  return routes
    .openapi(decideHandled, async (c) => {
      const { seed, samples, lab: labRef } = c.req.valid('query');
      const profile: Profile = isYaml(c) ? await readYamlProfile(c) : (c.req.valid('json') as Profile);
      const lab = labRef ? labEvidence(deps, labRef, profile.workload.latency_slo?.p99_ms) : undefined;
      const decision = await deps.decider.decide(profile, { seed, samples, lab });
      return renderedJson<Decision & { lab_excluded?: LabEvidence['excluded'] }, 200>(
        c.body(decideBody(decision, lab), 200, { 'content-type': 'application/json; charset=utf-8' }),
      );
    })
    .route('/', read);
}
