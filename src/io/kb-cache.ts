/** @module A content-addressed cache of the parsed knowledge base for the built CLI: parsing ~120 KB of kb/*.yaml costs most of a `gorust decide` run, while JSON.parse of the validated result costs about a millisecond. Bounded: every edit of a kb file makes a new entry, so each write keeps only the most recently used few (KB_CACHE_KEEP). */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KnowledgeBase, parseKnowledgeBase } from '../core/index.ts';
import { defaultKnowledgeBaseDir, readKnowledgeBaseTexts } from './kb-files.ts';
import { usableCacheDir } from './paths.ts';

/** Bump when the cached shape changes. */
const CACHE_FORMAT = 1;

/**
 * How many parsed knowledge bases the cache folder keeps (about 140 KB each): the package's own and a few of
 * the user's kb folders or versions. Older entries are removed when a new one is written.
 */
export const KB_CACHE_KEEP = 4;

/** A temporary file this old was left by a process that died while writing: no writer is still at it. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

const ENTRY = /^kb-[0-9a-f]{32}\.json$/;
const TEMPORARY = /^kb-[0-9a-f]{32}\.json\.\d+\.tmp$/;

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
    const kb = JSON.parse(readFileSync(file, 'utf8')) as KnowledgeBase;
    touch(file);
    return kb;
  } catch {
    // A miss, or a damaged entry: parse (which validates) and try to store the result.
  }
  const kb = parseKnowledgeBase(texts);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(kb));
    renameSync(temp, file);
    pruneKnowledgeBaseCache(cacheDir, KB_CACHE_KEEP);
  } catch {
    try {
      rmSync(`${file}.${process.pid}.tmp`, { force: true });
    } catch {
      // Nothing was written.
    }
  }
  return kb;
}

/** Mark an entry as just used, so pruning keeps the entries in use (a failure costs only an early re-parse). */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Read-only cache: the entry stays as old as it was.
  }
}

/**
 * Keep the `keep` most recently used knowledge-base entries of a cache folder and remove the others, with the
 * temporary files of writers that died over an hour ago. Each entry is written whole under a temporary name and
 * renamed into place, and removing one only makes a later run parse again (a reader that already opened it reads
 * it to the end), so pruning while another process reads or writes is safe. Other files in the folder (the draws,
 * the V8 code cache, the lab's builds) are not touched.
 * @example
 * pruneKnowledgeBaseCache('/home/me/.cache/gorust', 4); // ['/home/me/.cache/gorust/kb-0a1b….json', ...] removed
 */
export function pruneKnowledgeBaseCache(cacheDir: string, keep: number, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return [];
  }
  const entries: { path: string; used: number }[] = [];
  const remove: string[] = [];
  for (const name of names) {
    const entry = ENTRY.test(name);
    if (!entry && !TEMPORARY.test(name)) continue;
    const path = join(cacheDir, name);
    let used: number;
    try {
      used = statSync(path).mtimeMs;
    } catch {
      continue; // Removed meanwhile by another process.
    }
    if (entry) entries.push({ path, used });
    else if (now - used > STALE_TEMPORARY_MS) remove.push(path);
  }
  entries.sort((a, b) => b.used - a.used || (a.path < b.path ? -1 : 1));
  remove.push(...entries.slice(Math.max(keep, 0)).map((e) => e.path));
  const removed: string[] = [];
  for (const path of remove) {
    try {
      rmSync(path, { force: true });
      removed.push(path);
    } catch {
      // Not ours to remove (permissions): it stays, and costs only space.
    }
  }
  return removed;
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
