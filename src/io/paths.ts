/** @module The one place that knows where things are: the package root (from src/ in development, from the bundled dist/ when built), and the per-user data and cache folders (XDG base directories, overridable). */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

let root: string | undefined;

/**
 * The gorust package root: the nearest folder above the running code whose package.json is named `gorust`. The
 * code may be src/io/paths.ts, a bundled chunk in dist/cli/, or an installed copy under node_modules/gorust.
 * @example
 * join(packageRoot(), 'lab', 'workloads');
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = import.meta.dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'gorust') {
          root = dir;
          return dir;
        }
      } catch {
        // Not a readable package.json: keep climbing.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      // No core import here (it would load the core at start-up): a plain Error is an internal error to run.ts.
      throw new Error(
        `cannot find the gorust package root (a package.json named "gorust") above ${import.meta.filename}`,
      );
    }
    dir = parent;
  }
}

/**
 * A path inside the package.
 * @example
 * packagePath('kb'); // '/…/gorust/kb'
 */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/**
 * The package's version, from its package.json.
 * @example
 * packageVersion(); // '0.1.0'
 */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

/** An XDG base directory variable if set to an absolute path (the spec says to ignore relative ones), else the fallback under the home folder. */
function xdg(env: NodeJS.ProcessEnv, variable: string, fallback: string[]): string {
  const value = env[variable];
  return value && value.length > 0 && value.startsWith('/') ? value : join(homedir(), ...fallback);
}

/**
 * gorust's per-user data folder: `$XDG_DATA_HOME/gorust`, else `~/.local/share/gorust` (the store lives there).
 * @example
 * join(dataDir(), 'gorust.db');
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(xdg(env, 'XDG_DATA_HOME', ['.local', 'share']), 'gorust');
}

/**
 * gorust's per-user cache folder: `$XDG_CACHE_HOME/gorust`, else `~/.cache/gorust` (the parsed knowledge base,
 * lab builds).
 * @example
 * join(cacheDir(), 'lab');
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(xdg(env, 'XDG_CACHE_HOME', ['.cache']), 'gorust');
}

/**
 * The cache folder gorust writes to (the parsed knowledge base, the CLI's compiled code): `$GORUST_CACHE_DIR`, else
 * cacheDir(); undefined (no cache at all) when GORUST_NO_CACHE is set.
 * @example
 * usableCacheDir(process.env); // '/home/me/.cache/gorust'
 */
export function usableCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GORUST_NO_CACHE) return undefined;
  return env.GORUST_CACHE_DIR || cacheDir(env);
}

/**
 * An override from an environment variable, resolved to an absolute path, or undefined when unset or empty.
 * @example
 * envPath(process.env, 'GORUST_LAB_CACHE') ?? join(cacheDir(), 'lab');
 */
export function envPath(env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const value = env[variable];
  return value && value.length > 0 ? resolve(value) : undefined;
}
