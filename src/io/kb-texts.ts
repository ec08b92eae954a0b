/** @module The knowledge base's files as texts (`kb/*.yaml` of the package or a given folder), and the prebuilt parse the build writes (dist/kb.json). No parser or schema here: the built CLI reads the prebuilt knowledge base without loading them. kb-files.ts parses the texts. */
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
 * The knowledge base parsed and validated at build time (scripts/build-cli.ts), with the texts it came from: comparing
 * them with the files is exact and costs nothing at start-up, where digesting them would load node:crypto (about
 * 6 ms of a CLI process).
 */
export type PrebuiltKnowledgeBase = { format: 2; texts: Partial<Record<string, string>>; kb: KnowledgeBase };

/**
 * The prebuilt form of a parsed knowledge base and the texts it was parsed from.
 * @example
 * writeFileSync(prebuiltKnowledgeBaseFile(), prebuiltKnowledgeBaseJson(texts, parseKnowledgeBase(texts)));
 */
export function prebuiltKnowledgeBase(
  texts: Partial<Record<string, string>>,
  kb: KnowledgeBase,
): PrebuiltKnowledgeBase {
  return { format: 2, texts, kb };
}

/**
 * The prebuilt knowledge base as the build writes it: JSON in ASCII (every other character escaped), which Node reads
 * into a one-byte string: about 1.3 ms less than decoding the UTF-8 of a few non-ASCII characters in 300 KB.
 * @example
 * writeFileSync(prebuiltKnowledgeBaseFile(), prebuiltKnowledgeBaseJson(texts, kb));
 */
export function prebuiltKnowledgeBaseJson(texts: Partial<Record<string, string>>, kb: KnowledgeBase): string {
  return JSON.stringify(prebuiltKnowledgeBase(texts, kb)).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Whether two sets of kb texts name the same files with the same contents. */
function sameTexts(a: Partial<Record<string, string>>, b: Partial<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  );
}

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
  return prebuilt?.format === 2 &&
    typeof prebuilt.texts === 'object' &&
    prebuilt.texts !== null &&
    sameTexts(prebuilt.texts, texts)
    ? prebuilt.kb
    : undefined;
}
