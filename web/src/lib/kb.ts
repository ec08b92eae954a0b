/** @module The knowledge base in the browser: kb/*.yaml bundled as text by Vite and validated by the same parser the CLI uses. */
import { KB_FILES, type KnowledgeBase, parseKnowledgeBase } from '../../../src/core/index.ts';

const texts = import.meta.glob('../../../kb/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

let cached: KnowledgeBase | null = null;

/**
 * Parse the bundled knowledge base once and keep it.
 * @example
 * const kb = loadKnowledgeBase();
 */
export function loadKnowledgeBase(): KnowledgeBase {
  if (cached) return cached;
  const files: Partial<Record<keyof typeof KB_FILES, string>> = {};
  for (const [key, fileName] of Object.entries(KB_FILES) as [keyof typeof KB_FILES, string][]) {
    const text = texts[`../../../kb/${fileName}`];
    if (text !== undefined) files[key] = text;
  }
  cached = parseKnowledgeBase(files);
  return cached;
}
