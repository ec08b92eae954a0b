/** @module The OpenAPI 3.1 document of the API, generated from the route definitions (src/server/api-schema.ts) that also validate the requests, so the document cannot drift from the code. */
import type { OpenAPIHono } from '@hono/zod-openapi';

/**
 * The OpenAPI 3.1 document served at /api/openapi.json, from the routes registered on `app` (mounted at /api).
 * @example
 * const doc = buildOpenApiDocument(app, '0.1.0');
 */
export function buildOpenApiDocument(
  app: Pick<OpenAPIHono, 'getOpenAPI31Document'>,
  version: string,
): Record<string, unknown> {
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'gorust API',
      version,
      description:
        'Decide Go, Rust or hybrid for a project profile; read the knowledge base; keep decisions; read lab runs. Errors are RFC 9457 problem details. State-changing requests from a browser must come from the same origin.',
    },
    servers: [{ url: '/' }],
  });
  return doc as unknown as Record<string, unknown>;
}
