/** @module API routes of saved decisions: save (recomputed on the server), list, get, delete, diff two, and export as ADR, Markdown, JSON or a self-contained HTML report. */
import { OpenAPIHono } from '@hono/zod-openapi';
import {
  adrFileName,
  type Decision,
  diffDecisions,
  evidenceSources,
  fileSlug,
  profileFileName,
  renderAdr,
  renderJson,
  renderMarkdown,
  revisitTriggers,
} from '../core/index.ts';
import { labEvidenceFromRun } from '../lab/analysis/evidence.ts';
import { labRunView } from '../lab/analysis/report.ts';
import {
  deleteDecision,
  getDecision,
  listDecisions,
  type SavedDecision,
  saveDecision,
} from '../store/decisions.ts';
import { getRun } from '../store/lab-runs.ts';
import {
  DECISIONS_PAGE,
  deleteDecisionRoute,
  diffDecisionsRoute,
  type ExportFormat,
  exportDecisionRoute,
  getDecisionRoute,
  listDecisionsRoute,
  SaveDecisionRequest,
  saveDecisionRoute,
} from './api-schema.ts';
import type { ServerDeps } from './deps.ts';
import { ProblemError } from './problem.ts';
import { bodyGuard, problemHook } from './request.ts';
import { labEvidence } from './routes-decide.ts';

function notFound(id: string): ProblemError {
  return new ProblemError(404, 'not-found', `no saved decision with id "${id}"`);
}

function requireSaved(deps: ServerDeps, id: string): SavedDecision {
  const saved = getDecision(deps.db, id);
  if (saved === null) throw notFound(id);
  return saved;
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
    // The saved profile gives the record its Context facts and drivers and, decided again one input at a time
    // (verdicts only: about 0.1 s), its revisit triggers; the sources give every cited fact its URL. A decision
    // made with a lab run is re-decided with that run's figures while the run is still stored; without them the
    // triggers would describe the priors, so then none are given.
    case 'adr': {
      const run = decision.lab_run === undefined ? undefined : getRun(deps.db, decision.lab_run);
      const sloP99Ms = saved.profile.workload.latency_slo?.p99_ms;
      const triggers =
        run === null
          ? undefined
          : revisitTriggers(saved.profile, deps.kb, {
              lab: run === undefined ? undefined : labEvidenceFromRun(run, { sloP99Ms }),
            });
      // The profile is recorded where the web app's YAML export is meant to be saved: the repository's root, under
      // the export's name; `gorust check` then finds it (and says so when it is not there).
      const profilePath = profileFileName(saved.project);
      return renderAdr(decision, {
        date,
        profile: saved.profile,
        profilePath,
        record: { profile: profilePath, base: 'repo' },
        sources: evidenceSources(deps.kb.evidence),
        triggers,
      });
    }
    case 'md':
      return renderMarkdown(decision, { sources: evidenceSources(deps.kb.evidence) });
    case 'json':
      return renderJson(decision);
    case 'html': {
      // The report and chart code load only when an HTML report is asked for.
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
export function decisionRoutes(deps: ServerDeps) {
  // A save request's profile problems are reported as the CLI reports a profile's.
  const saving = new OpenAPIHono({
    defaultHook: problemHook('profile', Object.keys(SaveDecisionRequest.shape)),
  }).openapi(
    { ...saveDecisionRoute, middleware: [bodyGuard(undefined, { profileAt: 'profile' })] },
    async (c) => {
      const request = c.req.valid('json');
      const profile = request.profile;
      const lab =
        request.lab === undefined
          ? undefined
          : labEvidence(deps, request.lab, profile.workload.latency_slo?.p99_ms);
      const decision = await deps.decider.decide(profile, {
        seed: request.seed,
        samples: request.samples,
        lab,
      });
      const saved = saveDecision(deps.db, {
        profile,
        decision,
        seed: decision.seed ?? request.seed,
        createdAt: deps.now().toISOString(),
      });
      c.header('Location', `/api/decisions/${saved.id}`);
      return c.json(saved, 201);
    },
  );

  return new OpenAPIHono({ defaultHook: problemHook() })
    .openapi(listDecisionsRoute, (c) => {
      const { limit, before } = c.req.valid('query');
      return c.json(listDecisions(deps.db, { limit: limit ?? DECISIONS_PAGE.default, before }), 200);
    })
    .route('/', saving)
    .openapi(diffDecisionsRoute, (c) => {
      const { a, b } = c.req.valid('query');
      const left = requireSaved(deps, a);
      const right = requireSaved(deps, b);
      const { profile: _pa, decision: _da, ...summaryA } = left;
      const { profile: _pb, decision: _db, ...summaryB } = right;
      return c.json({ a: summaryA, b: summaryB, diff: diffDecisions(left.decision, right.decision) }, 200);
    })
    .openapi(getDecisionRoute, (c) => c.json(requireSaved(deps, c.req.valid('param').id), 200))
    .openapi(deleteDecisionRoute, (c) => {
      const { id } = c.req.valid('param');
      if (!deleteDecision(deps.db, id)) throw notFound(id);
      return c.body(null, 204);
    })
    .openapi(exportDecisionRoute, async (c) => {
      const saved = requireSaved(deps, c.req.valid('param').id);
      const { format } = c.req.valid('query');
      const text = await renderExport(deps, saved, format);
      return c.body(text, 200, {
        'content-type': EXPORT_TYPES[format],
        'content-disposition': `attachment; filename="${exportFileName(saved, format)}"`,
      });
    });
}
