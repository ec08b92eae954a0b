/** @module The OpenAPI 3.1 document of the API, assembled from the same zod schemas that validate profiles and decisions (z.toJSONSchema), so the document cannot drift from the code. */
import { z } from 'zod';
import { decisionSchema, profileJsonSchema, VERDICTS } from '../core/index.ts';
import { problemSchema } from './problem.ts';
import { labExcludedSchema } from './routes-decide.ts';

const summarySchema = z.object({
  id: z
    .string()
    .meta({ description: 'opaque id (an integer as a string); also the ADR number of the export' }),
  created_at: z.string().meta({ description: 'ISO 8601 timestamp' }),
  project: z.string(),
  verdict: z.enum(VERDICTS),
  confidence: z.number(),
  seed: z.number().int().nullable(),
  lab_run: z.string().nullable(),
});

const saveRequestSchema = z.object({
  profile: z.unknown().meta({ description: 'a profile, version 1 (see the Profile schema)' }),
  seed: z.number().int().min(0).max(0xffff_ffff).optional(),
  samples: z.number().int().min(100).max(20_000).optional(),
  lab: z
    .string()
    .optional()
    .meta({ description: 'decide with the figures of a stored lab run: its id or "latest"' }),
  decision: z
    .unknown()
    .optional()
    .meta({ description: 'ignored: the server recomputes the decision from the profile' }),
});

/** A JSON Schema for a components entry: no `$schema`/`$id` (the document's dialect applies). */
function component(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  return component(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>);
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: 'problem details', content: { 'application/problem+json': { schema: ref('Problem') } } },
    ]),
  );
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const seedParam = {
  name: 'seed',
  in: 'query',
  schema: { type: 'integer', minimum: 0, maximum: 0xffff_ffff },
  description: 'seed of the robustness analysis; same profile and seed give the same decision',
};
const samplesParam = {
  name: 'samples',
  in: 'query',
  schema: { type: 'integer', minimum: 100, maximum: 20_000 },
  description: 'Monte-Carlo samples (default 10,000)',
};

/**
 * The OpenAPI 3.1 document served at /api/openapi.json.
 * @example
 * const doc = buildOpenApiDocument('0.1.0');
 */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'gorust API',
      version,
      description:
        'Decide Go, Rust or hybrid for a project profile; read the knowledge base; keep decisions; read lab runs. Errors are RFC 9457 problem details. State-changing requests from a browser must come from the same origin.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/decide': {
        post: {
          summary: 'Decide for a profile (nothing is stored)',
          parameters: [
            seedParam,
            samplesParam,
            {
              name: 'lab',
              in: 'query',
              schema: { type: 'string' },
              description: 'decide with the figures of a stored lab run: its id or "latest" (read-only)',
            },
          ],
          requestBody: {
            required: true,
            content: {
              ...json(ref('Profile')),
              'application/yaml': { schema: { type: 'string', description: 'a profile as YAML text' } },
            },
          },
          responses: {
            '200': {
              description:
                'the decision (the Decision schema), plus lab_excluded when ?lab= is given: the figures of that run the decision left out',
              content: json(ref('DecideResponse')),
            },
            ...problems(400, 403, 413, 415),
          },
        },
      },
      '/api/kb': {
        get: {
          summary: 'The parts of the knowledge base',
          responses: { '200': { description: 'part names', content: json({ type: 'object' }) } },
        },
      },
      '/api/kb/{part}': {
        get: {
          summary: 'One part of the knowledge base (criteria, claims, evidence, projects, ...)',
          parameters: [{ name: 'part', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'the records of that part', content: json({}) },
            ...problems(404),
          },
        },
      },
      '/api/questions': {
        get: {
          summary: 'The questionnaire shared with `gorust init`',
          responses: { '200': { description: 'questions', content: json({ type: 'array' }) } },
        },
      },
      '/api/decisions': {
        get: {
          summary: 'Saved decisions, newest first',
          responses: {
            '200': {
              description: 'summaries',
              content: json({ type: 'array', items: ref('DecisionSummary') }),
            },
          },
        },
        post: {
          summary: 'Save a profile with the decision the server computes from it',
          requestBody: { required: true, content: json(ref('SaveDecisionRequest')) },
          responses: {
            '201': { description: 'the saved decision', content: json(ref('SavedDecision')) },
            ...problems(400, 403, 413, 415),
          },
        },
      },
      '/api/decisions/diff': {
        get: {
          summary: 'What changed between two saved decisions (b relative to a)',
          parameters: [
            { name: 'a', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'b', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: '{a, b, diff}', content: json({ type: 'object' }) },
            ...problems(400, 404),
          },
        },
      },
      '/api/decisions/{id}': {
        get: {
          summary: 'One saved decision with its profile',
          parameters: [idParam],
          responses: {
            '200': { description: 'saved decision', content: json(ref('SavedDecision')) },
            ...problems(404),
          },
        },
        delete: {
          summary: 'Delete a saved decision',
          parameters: [idParam],
          responses: { '204': { description: 'deleted' }, ...problems(403, 404) },
        },
      },
      '/api/decisions/{id}/export': {
        get: {
          summary: 'Download a saved decision as an ADR, Markdown, JSON or a self-contained HTML report',
          parameters: [
            idParam,
            {
              name: 'format',
              in: 'query',
              schema: { type: 'string', enum: ['adr', 'md', 'json', 'html'], default: 'md' },
            },
          ],
          responses: {
            '200': {
              description: 'the file (Content-Disposition: attachment)',
              content: { 'text/markdown': {}, 'application/json': {}, 'text/html': {} },
            },
            ...problems(400, 404),
          },
        },
      },
      '/api/lab/runs': {
        get: {
          summary: 'Lab runs, newest first (read-only; runs are made by `gorust lab run`)',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
            },
          ],
          responses: { '200': { description: 'runs', content: json({ type: 'array' }) } },
        },
      },
      '/api/lab/runs/{id}': {
        get: {
          summary:
            'One lab run with its steps (a full id or a unique prefix) and `summary`: per workload its figures, anchor checks (ok false: a probable harness problem), notes and problems, as `gorust lab show` prints them',
          parameters: [idParam],
          responses: {
            '200': { description: 'run', content: json({ type: 'object' }) },
            ...problems(400, 404),
          },
        },
      },
      '/api/health': {
        get: {
          summary: 'Liveness',
          responses: { '200': { description: '{ ok: true }', content: json({ type: 'object' }) } },
        },
      },
      '/api/openapi.json': {
        get: {
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } },
        },
      },
    },
    components: {
      schemas: {
        Profile: component(profileJsonSchema()),
        Decision: jsonSchema(decisionSchema),
        // Decision's JSON Schema forbids unknown keys, so the one additive field of /api/decide needs its own schema.
        DecideResponse: jsonSchema(decisionSchema.extend({ lab_excluded: labExcludedSchema.optional() })),
        Problem: jsonSchema(problemSchema),
        DecisionSummary: jsonSchema(summarySchema),
        SavedDecision: {
          allOf: [
            ref('DecisionSummary'),
            {
              type: 'object',
              required: ['profile', 'decision'],
              properties: { profile: ref('Profile'), decision: ref('Decision') },
            },
          ],
        },
        SaveDecisionRequest: {
          ...jsonSchema(saveRequestSchema, 'input'),
          properties: {
            ...(jsonSchema(saveRequestSchema, 'input').properties as object),
            profile: ref('Profile'),
          },
        },
      },
    },
  };
}
