/** @module createApp(): the Hono app of `gorust serve`: the JSON API under /api (problem+json errors, body limit, Host, token and Origin checks, decide() in worker threads) and the built web UI from dist/web with a single-page fallback. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type KnowledgeBase, UserError } from '../core/index.ts';
import { readKnowledgeBase } from '../io/kb-files.ts';
import { packagePath, packageVersion } from '../io/paths.ts';
import type { Store } from '../store/db.ts';
import { DamagedDecisionError } from '../store/decisions.ts';
import { healthRoute, openApiRoute } from './api-schema.ts';
import { createDecidePool, type Decider, inlineDecider } from './decide-pool.ts';
import type { ServerDeps } from './deps.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { ProblemError, problem } from './problem.ts';
import { BODY_LIMIT_BYTES, problemHook } from './request.ts';
import { methodNotAllowed, queryGuard } from './request-guards.ts';
import { decideRoutes } from './routes-decide.ts';
import { decisionRoutes } from './routes-decisions.ts';
import { labRoutes } from './routes-lab.ts';
import { hostGuard, LOOPBACK_HOSTS, originGuard, securityHeaders, tokenGuard } from './security.ts';

/** Request bodies above this are refused with 413: the profile size limit (PROFILE_LIMITS.maxBytes) plus a margin. */
export const DEFAULT_BODY_LIMIT_BYTES = BODY_LIMIT_BYTES;

export type AppOptions = {
  /** The store (lab runs and saved decisions); `openStore(':memory:')` in tests. */
  db?: Store | undefined;
  /** Alias of `db` (the e2e harness passes `store`). */
  store?: Store | undefined;
  /** The knowledge base; read from the package's kb/ when absent. */
  kb?: KnowledgeBase | undefined;
  /** The built UI folder; default `<package>/dist/web`; null serves the API only. */
  webRoot?: string | null | undefined;
  /** Host names the server answers to (DNS-rebinding guard; `.domain` allows subdomains); default the loopback names and `.localhost`; 'any' turns the check off (tests only). */
  allowedHosts?: readonly string[] | 'any' | undefined;
  /** The API token (required on every /api call, see tokenGuard); `gorust serve` sets one when bound beyond loopback. */
  token?: string | undefined;
  /** Origins besides the server's own that may POST/DELETE (e.g. the Vite dev server). */
  allowedOrigins?: readonly string[] | undefined;
  bodyLimitBytes?: number | undefined;
  now?: (() => Date) | undefined;
  /**
   * Who runs decide(): by default a pool of worker threads shared by the apps of one knowledge base (idle workers
   * never keep the process alive); `gorust serve` passes its own pool and closes it on shutdown; 'inline' decides on
   * the event loop.
   */
  decider?: Decider | 'inline' | undefined;
};

/** One default pool per knowledge base, so apps built in a loop (tests) do not each start workers. */
const sharedPools = new WeakMap<KnowledgeBase, Decider>();

function defaultDecider(kb: KnowledgeBase): Decider {
  let pool = sharedPools.get(kb);
  if (pool === undefined) {
    pool = createDecidePool(kb);
    sharedPools.set(kb, pool);
  }
  return pool;
}

/** The default location of the built UI. */
export function defaultWebRoot(): string {
  return packagePath('dist', 'web');
}

const UI_MISSING = `<!doctype html><meta charset="utf-8"><title>gorust</title>
<p>The web UI is not built. Run <code>npm run build</code> (or <code>npm start</code>), then reload. The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>`;

/**
 * Build the Hono app. No socket is opened: `serveApp()` does that, and tests call `app.request()`.
 * @example
 * const app = createApp({ db: openStore(':memory:'), webRoot: null });
 * const res = await app.request('/api/questions');
 */
export function createApp(options: AppOptions = {}): Hono {
  const db = options.db ?? options.store;
  if (db === undefined) throw new TypeError('createApp needs a store: createApp({ db: openStore() })');
  const kb = options.kb ?? readKnowledgeBase();
  const decider = options.decider === 'inline' ? inlineDecider(kb) : (options.decider ?? defaultDecider(kb));
  const deps: ServerDeps = { kb, db, now: options.now ?? (() => new Date()), decider };
  const app = new Hono();
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  app.use('*', securityHeaders());
  app.use('*', hostGuard(options.allowedHosts ?? [...LOOPBACK_HOSTS, '.localhost']));
  if (options.token !== undefined) app.use('*', tokenGuard(options.token));
  app.use('/api/*', originGuard(options.allowedOrigins ?? []));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: limit,
      onError: (c) =>
        problem(
          c,
          413,
          'payload-too-large',
          `the request body is larger than ${Math.round(limit / 1024)} KiB`,
        ),
    }),
  );

  app.use('/api/*', queryGuard());
  const api = apiRoutes(deps, packageVersion(), { token: options.token !== undefined });
  app.route('/', api);
  app.all('/api/*', methodNotAllowed(api.routes));

  const webRoot = options.webRoot === undefined ? defaultWebRoot() : options.webRoot;
  if (webRoot !== null) mountUi(app, webRoot);

  app.onError((error, c) => {
    if (error instanceof ProblemError)
      return problem(c, error.status, error.kind, error.message, error.errors);
    if (error instanceof UserError) return problem(c, 400, 'invalid-request', error.message, error.problems);
    if (error instanceof HTTPException) {
      return problem(
        c,
        error.status as ContentfulStatusCode,
        'invalid-request',
        error.message || 'bad request',
      );
    }
    if (error instanceof DamagedDecisionError) {
      // Not our bug but the store's: one line for the operator, and the client learns which row and what to do.
      console.error(`gorust serve: ${error.message}`);
      return problem(
        c,
        500,
        'damaged-record',
        `${error.message}; delete it (DELETE /api/decisions/${error.id}) or restore the store from a backup`,
      );
    }
    // Our bug: log it for the operator, tell the client nothing about the internals.
    console.error(`gorust serve: internal error on ${c.req.method} ${c.req.path}:`, error);
    return problem(c, 500, 'internal', 'the server failed to handle this request; see its log');
  });
  app.notFound((c) =>
    c.req.path.startsWith('/api/') || c.req.path === '/api'
      ? problem(c, 404, 'not-found', `no API route ${c.req.method} ${c.req.path}`)
      : c.text('not found', 404),
  );
  return app;
}

/**
 * Every API route under /api, typed: the web's client is `hc<ApiRoutes>` (web/src/lib/api.ts), so each request
 * and response type comes from the route schemas in src/server/api-schema.ts.
 * @example
 * app.route('/', apiRoutes(deps, '0.1.0'));
 */
export function apiRoutes(deps: ServerDeps, version: string, options: { token?: boolean } = {}) {
  const meta = new OpenAPIHono({ defaultHook: problemHook() }).openapi(healthRoute, (c) =>
    c.json({ ok: true as const }, 200),
  );
  const api = new OpenAPIHono({ defaultHook: problemHook() })
    .route('/api', decideRoutes(deps))
    .route('/api', decisionRoutes(deps))
    .route('/api', labRoutes(deps))
    .route('/api', meta);
  let document: Record<string, unknown> | undefined;
  return api.route(
    '/api',
    new OpenAPIHono().openapi(openApiRoute, (c) => {
      document ??= buildOpenApiDocument(api, version, options);
      return c.json(document, 200);
    }),
  );
}

/** The API's routes with their request and response types, for Hono's typed client (`hc<ApiRoutes>`). */
export type ApiRoutes = ReturnType<typeof apiRoutes>;

/** Static files of the built UI, hashed assets cached for a year, and index.html for every other page path. */
function mountUi(app: Hono, webRoot: string): void {
  const index = join(webRoot, 'index.html');
  if (existsSync(webRoot)) {
    // Vite names assets by content hash, so they never change under the same name.
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root: webRoot }));
  }
  app.get('*', (c) => {
    // A missing file with an extension (a stale asset) is a 404, not the page.
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return c.text('not found', 404);
    if (!existsSync(index)) return c.html(UI_MISSING, 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(index, 'utf8'));
  });
}
