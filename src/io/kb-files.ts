/** @module readKnowledgeBase(): reads `kb/*.yaml` from the package (or a given folder) and hands the texts to the core parser. The texts and the prebuilt knowledge base are kb-texts.ts's (re-exported here). */
import { existsSync, statSync } from 'node:fs';
import { type KnowledgeBase, parseKnowledgeBase, UserError } from '../core/index.ts';
import { defaultKnowledgeBaseDir, readKnowledgeBaseTexts } from './kb-texts.ts';

export {
  defaultKnowledgeBaseDir,
  type PrebuiltKnowledgeBase,
  prebuiltKnowledgeBase,
  prebuiltKnowledgeBaseFile,
  prebuiltKnowledgeBaseJson,
  readKnowledgeBaseTexts,
  readPrebuiltKnowledgeBase,
} from './kb-texts.ts';

/**
 * Read and validate the knowledge base. Missing files are left out so the parser reports them together with
 * every other problem; a missing or unreadable folder is a UserError of its own.
 * @example
 * const kb = readKnowledgeBase(); // the package's kb/
 * const custom = readKnowledgeBase('./my-kb');
 */
export function readKnowledgeBase(dir: string = defaultKnowledgeBaseDir()): KnowledgeBase {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(`knowledge base folder not found: ${dir}`, [
      {
        path: dir,
        expected: 'a folder holding the kb/*.yaml files',
        found: 'nothing there',
        message: 'no such folder',
      },
    ]);
  }
  return parseKnowledgeBase(readKnowledgeBaseTexts(dir));
}
