/** @module readKnowledgeBase(): reads `kb/*.yaml` from the package (or a given folder) and hands the texts to the core parser. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KB_FILES, type KnowledgeBase, parseKnowledgeBase, UserError } from '../core/index.ts';

/** A kb file larger than this is not ours; refuse it rather than parse megabytes of YAML. */
const MAX_KB_FILE_BYTES = 2 * 1024 * 1024;

/**
 * The package's own `kb/` folder. This file sits at `src/io/` in development and `dist/io/` when built; both
 * are two levels below the package root.
 * @example
 * defaultKnowledgeBaseDir(); // '/path/to/gorust/kb'
 */
export function defaultKnowledgeBaseDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'kb');
}

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

/**
 * The raw YAML texts of the kb files present in a folder, keyed like KB_FILES.
 * @example
 * Object.keys(readKnowledgeBaseTexts('kb')); // ['criteria', 'claims', ...]
 */
export function readKnowledgeBaseTexts(dir: string): Partial<Record<keyof typeof KB_FILES, string>> {
  const texts: Partial<Record<keyof typeof KB_FILES, string>> = {};
  for (const [key, fileName] of Object.entries(KB_FILES) as [keyof typeof KB_FILES, string][]) {
    const path = join(dir, fileName);
    if (!existsSync(path)) continue;
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > MAX_KB_FILE_BYTES) {
      throw new UserError(`not a readable knowledge base file: ${path}`, [
        {
          path,
          expected: `a YAML file under ${MAX_KB_FILE_BYTES / 1024 / 1024} MiB`,
          found: stats.isFile() ? `${stats.size} bytes` : 'a folder',
          message: 'cannot read this kb file',
        },
      ]);
    }
    texts[key] = readFileSync(path, 'utf8');
  }
  return texts;
}
