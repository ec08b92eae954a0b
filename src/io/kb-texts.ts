/** @module The knowledge base's files as texts (`kb/*.yaml` of the package or a given folder), their digest, and the prebuilt parse the build writes (dist/kb.json). No parser or schema here: the built CLI reads the prebuilt knowledge base without loading them. kb-files.ts parses the texts. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KB_FILES, type KnowledgeBase, UserError } from '../core/decide-entry.ts';
import { packagePath } from './paths.ts';

/** A kb file larger than this is not ours; refuse it rather than parse megabytes of YAML. */
const MAX_KB_FILE_BYTES = 2 * 1024 * 1024;

/**
 * The package's own `kb/` folder.
 * @example
 * defaultKnowledgeBaseDir(); // '/path/to/gorust/kb'
 */
export function defaultKnowledgeBaseDir(): string {
  return packagePath('kb');
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

/**
 * A digest of the kb texts (every file's name and text), to tell whether a prebuilt or cached parse is of these texts.
 * @example
 * kbTextsHash(readKnowledgeBaseTexts('kb')); // '3f2a…' (64 hex digits)
 */
export function kbTextsHash(texts: Partial<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(texts).sort()) hash.update(`${key}\n${texts[key] ?? ''}\n`);
  return hash.digest('hex');
}

/** The knowledge base parsed and validated at build time (scripts/build-cli.ts), with the digest of the texts it came from. */
export type PrebuiltKnowledgeBase = { format: 1; hash: string; kb: KnowledgeBase };

/**
 * Where the build writes the prebuilt knowledge base.
 * @example
 * prebuiltKnowledgeBaseFile(); // '/…/gorust/dist/kb.json'
 */
export function prebuiltKnowledgeBaseFile(): string {
  return packagePath('dist', 'kb.json');
}

/**
 * The prebuilt knowledge base if there is one and it was built from exactly these texts (so editing kb/*.yaml
 * without rebuilding is never served stale), else undefined.
 * @example
 * const kb = readPrebuiltKnowledgeBase(readKnowledgeBaseTexts(defaultKnowledgeBaseDir())) ?? parse();
 */
export function readPrebuiltKnowledgeBase(
  texts: Partial<Record<string, string>>,
  file: string = prebuiltKnowledgeBaseFile(),
): KnowledgeBase | undefined {
  let prebuilt: PrebuiltKnowledgeBase;
  try {
    prebuilt = JSON.parse(readFileSync(file, 'utf8')) as PrebuiltKnowledgeBase;
  } catch {
    return undefined;
  }
  return prebuilt.format === 1 && prebuilt.hash === kbTextsHash(texts) ? prebuilt.kb : undefined;
}
