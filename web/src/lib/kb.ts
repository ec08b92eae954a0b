/** @module The knowledge base in the browser: kb/*.yaml parsed and validated at build time by the CLI's own parser (web/build/prebuilt-data.ts) and bundled as JSON. */
import kb from 'virtual:gorust/kb';
import type { KnowledgeBase } from '../../../src/core/browser.ts';

/**
 * The bundled knowledge base (validated when the UI was built).
 * @example
 * const kb = loadKnowledgeBase();
 */
export function loadKnowledgeBase(): KnowledgeBase {
  return kb;
}
