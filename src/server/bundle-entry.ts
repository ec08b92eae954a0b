/** @module What `gorust serve` loads from the server: the built CLI imports this as a separate bundle (dist/server/, `#gorust/server` in package.json), so the server's full zod and OpenAPI generator stay out of the chunks `gorust decide` loads. */
export { UserError } from '../core/index.ts';
export { readKnowledgeBase } from '../io/kb-files.ts';
export { openStore } from '../store/db.ts';
export { createApp } from './app.ts';
export { createDecidePool } from './decide-pool.ts';
export * as security from './security.ts';
export { isLoopbackHost, serveApp, urlFor } from './serve.ts';
