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
  options: { token?: boolean } = {},
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
  return withServerWideResponses(doc as unknown as OpenApiDocument, options.token === true);
}

type Operation = { responses?: Record<string, unknown>; security?: unknown[] };
type OpenApiDocument = Record<string, unknown> & {
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
};

/** Operations that decide: they wait for the decide pool, which answers 503 when its queue is full. */
const DECIDING = new Set(['post /decide', 'post /decisions']);

/**
 * The responses the server-wide guards add to every operation, so every status the server returns is documented:
 * 400 (no Host header, or a request that is not valid HTTP), 403 (the Host check), 408 and 431 (the socket server's
 * limits, serve.ts), 401 when the server has a token (bound beyond loopback), 503 where the decide pool may be busy.
 */
function withServerWideResponses(doc: OpenApiDocument, token: boolean): Record<string, unknown> {
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const responses = operation.responses ?? {};
      responses['400'] ??= problem(
        'the request is not valid: an HTTP/1.1 request without a Host header, or one that is not valid HTTP',
      );
      responses['408'] = problem('the request took too long to arrive (10 s for its headers, 30 s in all)');
      responses['431'] = problem(
        'the request line and headers are too large (at most 16 KiB together, e.g. a very long query string)',
      );
      responses['403'] ??= problem(
        'the Host header names a host this server does not answer to, or a cross-origin request would change data',
      );
      if (token) {
        responses['401'] = problem('the API token is missing or wrong');
        operation.security = [{ token: [] }];
      }
      if (DECIDING.has(`${method} ${path.replace(/^\/api/, '')}`)) {
        responses['503'] = problem(
          'the server is busy deciding other profiles (queue full or time limit), or is stopping; retry',
        );
      }
      operation.responses = responses;
    }
  }
  if (token) {
    doc.components ??= {};
    doc.components.securitySchemes = {
      token: {
        type: 'http',
        scheme: 'bearer',
        description:
          'the token gorust serve printed (or --token / GORUST_TOKEN); the web app sends it as a cookie',
      },
    };
  }
  return doc;
}
