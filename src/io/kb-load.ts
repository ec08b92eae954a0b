/** @module loadKnowledgeBase(): the package's knowledge base for the CLI at the lowest start-up cost: the bundled build reads dist/kb.json (parsed and validated when it was built), loading no YAML parser and no schema; anything else parses kb/*.yaml through the cache. */
import type { KnowledgeBase } from '../core/decide-entry.ts';
import { defaultKnowledgeBaseDir, readKnowledgeBaseTexts, readPrebuiltKnowledgeBase } from './kb-texts.ts';

/** Whether this is the bundled build (dist/cli/gorust.cjs, dist/server/…js), not the TypeScript sources (tsx, tests), which may be newer than the build. */
const RUNNING_BUILT = /\.c?js$/.test(import.meta.filename);

/**
 * The package's knowledge base: prebuilt when this is the build and kb/*.yaml is what it was built from, else parsed
 * (and cached) from the YAML, which loads the parser only then.
 * @example
 * const kb = await loadKnowledgeBase();
 */
export async function loadKnowledgeBase(): Promise<KnowledgeBase> {
  if (RUNNING_BUILT) {
    const prebuilt = readPrebuiltKnowledgeBase(readKnowledgeBaseTexts(defaultKnowledgeBaseDir()));
    if (prebuilt !== undefined) return prebuilt;
  }
  const { readKnowledgeBaseCached } = await import('./kb-cache.ts');
  return readKnowledgeBaseCached();
}
