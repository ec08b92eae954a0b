/** @module A content-addressed cache of the parsed knowledge base for the built CLI: parsing ~120 KB of kb/*.yaml costs most of a `gorust decide` run, while JSON.parse of the validated result costs about a millisecond. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KnowledgeBase, parseKnowledgeBase } from '../core/index.ts';
import { defaultKnowledgeBaseDir, readKnowledgeBaseTexts } from './kb-files.ts';
import { usableCacheDir } from './paths.ts';

/** Bump when the cached shape changes. */
const CACHE_FORMAT = 1;

/**
 * The cache folder: `$GORUST_CACHE_DIR`, else `$XDG_CACHE_HOME/gorust`, else `~/.cache/gorust`; undefined (no
 * cache) when GORUST_NO_CACHE is set.
 * @example
 * kbCacheDir(process.env); // '/home/me/.cache/gorust'
 */
export function kbCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return usableCacheDir(env);
}

/**
 * Read the knowledge base, reusing a cached parse when the kb texts and the parser are unchanged.
 * The key hashes every kb file's text plus the modification times of the parser and schema modules, so
 * editing either re-parses. A cache that cannot be read or written is ignored: the cache only saves time.
 * @example
 * const kb = readKnowledgeBaseCached();
 */
export function readKnowledgeBaseCached(
  dir: string = defaultKnowledgeBaseDir(),
  cacheDir: string | undefined = kbCacheDir(),
): KnowledgeBase {
  const texts = readKnowledgeBaseTexts(dir);
  if (cacheDir === undefined) return parseKnowledgeBase(texts);
  const file = join(cacheDir, `kb-${cacheKey(texts)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as KnowledgeBase;
  } catch {
    // A miss, or a damaged entry: parse (which validates) and try to store the result.
  }
  const kb = parseKnowledgeBase(texts);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(kb));
    renameSync(temp, file);
  } catch {
    try {
      rmSync(`${file}.${process.pid}.tmp`, { force: true });
    } catch {
      // Nothing was written.
    }
  }
  return kb;
}

function cacheKey(texts: Record<string, string | undefined>): string {
  const hash = createHash('sha256');
  hash.update(`format ${CACHE_FORMAT}\n`);
  for (const module of ['../core/kb/parse', '../core/kb/schema', '../core/kb/cross-references']) {
    hash.update(`${module} ${moduleStamp(module)}\n`);
  }
  for (const key of Object.keys(texts).sort()) hash.update(`${key}\n${texts[key] ?? ''}\n`);
  return hash.digest('hex').slice(0, 32);
}

/** The mtime and size of a core module beside this one (`.ts` in development, `.js` when built). */
function moduleStamp(module: string): string {
  for (const ext of ['.js', '.ts']) {
    try {
      const stat = statSync(fileURLToPath(new URL(`${module}${ext}`, import.meta.url)));
      return `${stat.mtimeMs} ${stat.size}`;
    } catch {
      // Try the other extension.
    }
  }
  return 'missing';
}
