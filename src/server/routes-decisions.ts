/** @module API routes of saved decisions: save (recomputed on the server), list, get, delete, diff two, and export as ADR, Markdown, JSON or a self-contained HTML report. */
import { Hono } from 'hono';
import {
  adrFileName,
  type Decision,
  decide,
  didYouMean,
  diffDecisions,
  fileSlug,
  type InputProblem,
  renderAdr,
  renderJson,
  renderMarkdown,
} from '../core/index.ts';
import { labRunView } from '../lab/analysis/report.ts';
import {
  deleteDecision,
  getDecision,
  listDecisions,
  type SavedDecision,
  saveDecision,
} from '../store/decisions.ts';
import { getRun } from '../store/lab-runs.ts';
import type { ServerDeps } from './deps.ts';
import { ProblemError } from './problem.ts';
import {
  describeFound,
  readInteger,
  readJsonBody,
  SAMPLES_BOUNDS,
  SEED_BOUNDS,
  validateProfile,
} from './request.ts';
import { labEvidence } from './routes-decide.ts';

export const EXPORT_FORMATS = ['adr', 'md', 'json', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Keys a save request may carry; `decision` is accepted and ignored, because the server recomputes it. */
const SAVE_KEYS = ['profile', 'seed', 'samples', 'lab', 'decision'];

function notFound(id: string): ProblemError {
  return new ProblemError(404, 'not-found', `no saved decision with id "${id}"`);
}

function requireSaved(deps: ServerDeps, id: string): SavedDecision {
  const saved = getDecision(deps.db, id);
  if (saved === null) throw notFound(id);
  return saved;
}

function readSaveRequest(body: unknown): { profile: unknown; seed?: number; samples?: number; lab?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemError(400, 'invalid-request', 'send {"profile": {...}, "seed"?: n}', [
      {
        path: '(body)',
        expected: 'an object with a profile',
        found: describeFound(body),
        message: 'expected an object with a profile',
      },
    ]);
  }
  const record = body as Record<string, unknown>;
  const problems: InputProblem[] = Object.keys(record)
    .filter((key) => !SAVE_KEYS.includes(key))
    .map((key) => {
      const suggestion = didYouMean(key, SAVE_KEYS);
      return {
        path: key,
        expected: `one of ${SAVE_KEYS.join(', ')}`,
        found: 'an unknown key',
        message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        suggestion,
      };
    });
  if (!('profile' in record)) {
    problems.push({
      path: 'profile',
      expected: 'a profile object',
      found: 'nothing',
      message: 'missing profile',
    });
  }
  if (problems.length > 0)
    throw new ProblemError(400, 'invalid-request', 'the save request is not valid', problems);
  const seed = readInteger(record.seed, 'seed', SEED_BOUNDS);
  const samples = readInteger(record.samples, 'samples', SAMPLES_BOUNDS);
  if (record.lab !== undefined && (typeof record.lab !== 'string' || record.lab.length === 0)) {
    throw new ProblemError(400, 'invalid-request', 'lab must be a lab run id or "latest"', [
      {
        path: 'lab',
        expected: 'a lab run id or "latest"',
        found: describeFound(record.lab),
        message: 'expected a lab run id or "latest"',
      },
    ]);
  }
  return {
    ...(typeof record.lab === 'string' ? { lab: record.lab } : {}),
    profile: record.profile,
    ...(seed === undefined ? {} : { seed }),
    ...(samples === undefined ? {} : { samples }),
  };
}

/** The attachment name of an export: ADRs are numbered by the saved id; the others carry the project and the id. */
export function exportFileName(saved: SavedDecision, format: ExportFormat): string {
  if (format === 'adr') return adrFileName(saved.decision, Number(saved.id));
  const extension = format === 'md' ? 'md' : format;
  return `${fileSlug(saved.project)}-decision-${saved.id}.${extension}`;
}

const EXPORT_TYPES: Record<ExportFormat, string> = {
  adr: 'text/markdown; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

async function renderExport(deps: ServerDeps, saved: SavedDecision, format: ExportFormat): Promise<string> {
  const decision: Decision = saved.decision;
  // The record's date is the day it was saved, so exporting twice gives the same file.
  const date = saved.created_at.slice(0, 10);
  switch (format) {
    case 'adr':
      return renderAdr(decision, { date });
    case 'md':
      return renderMarkdown(decision);
    case 'json':
      return renderJson(decision);
    case 'html': {
      // ECharts is loaded only when an HTML report is asked for.
      const { renderHtmlReport } = await import('../core/ssr.ts');
      // A decision that used a lab run shows that run's charts, if the run is still in the store.
      const run = decision.lab_run === undefined ? null : getRun(deps.db, decision.lab_run);
      const lab = run === null ? undefined : labRunView(run);
      return renderHtmlReport(decision, { date, lab });
    }
  }
}

/**
 * Routes under /decisions (mounted under /api).
 * @example
 * api.route('/', decisionRoutes(deps));
 */
export function decisionRoutes(deps: ServerDeps): Hono {
  const routes = new Hono();

  routes.get('/decisions', (c) => c.json(listDecisions(deps.db)));

  routes.post('/decisions', async (c) => {
    const request = readSaveRequest(await readJsonBody(c));
    const profile = validateProfile(request.profile, 'profile');
    const lab =
      request.lab === undefined
        ? undefined
        : labEvidence(deps, request.lab, profile.workload.latency_slo?.p99_ms);
    const decision = decide(profile, deps.kb, { seed: request.seed, samples: request.samples, lab });
    const saved = saveDecision(deps.db, {
      profile,
      decision,
      seed: decision.seed ?? request.seed,
      createdAt: deps.now().toISOString(),
    });
    c.header('Location', `/api/decisions/${saved.id}`);
    return c.json(saved, 201);
  });

  routes.get('/decisions/diff', (c) => {
    const a = c.req.query('a');
    const b = c.req.query('b');
    const missing = [...(a ? [] : ['a']), ...(b ? [] : ['b'])].map((name) => ({
      path: `(query) ${name}`,
      expected: 'a saved decision id',
      found: 'nothing',
      message: `missing query parameter ${name}`,
    }));
    if (missing.length > 0 || !a || !b) {
      throw new ProblemError(400, 'invalid-request', 'give two saved decision ids: ?a=ID&b=ID', missing);
    }
    const left = requireSaved(deps, a);
    const right = requireSaved(deps, b);
    const { profile: _pa, decision: _da, ...summaryA } = left;
    const { profile: _pb, decision: _db, ...summaryB } = right;
    return c.json({ a: summaryA, b: summaryB, diff: diffDecisions(left.decision, right.decision) });
  });

  routes.get('/decisions/:id', (c) => c.json(requireSaved(deps, c.req.param('id'))));

  routes.delete('/decisions/:id', (c) => {
    const id = c.req.param('id');
    if (!deleteDecision(deps.db, id)) throw notFound(id);
    return c.body(null, 204);
  });

  routes.get('/decisions/:id/export', async (c) => {
    const saved = requireSaved(deps, c.req.param('id'));
    const format = c.req.query('format') ?? 'md';
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      const suggestion = didYouMean(format, EXPORT_FORMATS);
      throw new ProblemError(400, 'invalid-request', `unknown export format "${format}"`, [
        {
          path: '(query) format',
          expected: `one of ${EXPORT_FORMATS.join(', ')}`,
          found: JSON.stringify(format),
          message: `expected one of ${EXPORT_FORMATS.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          suggestion,
        },
      ]);
    }
    const kind = format as ExportFormat;
    const text = await renderExport(deps, saved, kind);
    return c.body(text, 200, {
      'content-type': EXPORT_TYPES[kind],
      'content-disposition': `attachment; filename="${exportFileName(saved, kind)}"`,
    });
  });

  return routes;
}
