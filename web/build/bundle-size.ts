/** @module The web app's JavaScript size, measured one way for the size test (bundle-size.test.ts) and `npm run bench`: every chunk gzipped at level 9, in KB of 1,024 bytes, and apart the chunks index.html loads before the first paint. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 11: at most this much gzipped JavaScript in all, lazily loaded chunks included. */
export const GZIP_BUDGET_KB = 250;

export type BundleSize = {
  files: number;
  raw_kb: number;
  gzip_kb: number;
  /** Each chunk, largest gzipped first. */
  chunks: { name: string; raw_kb: number; gzip_kb: number }[];
  /** The chunks index.html loads (its module script and modulepreload links). */
  initial: { files: string[]; raw_kb: number; gzip_kb: number };
};

/**
 * Measure a built web app (a `vite build` output folder); null when it has no assets.
 * @example
 * measureBundle('dist/web')?.gzip_kb; // 212.2
 */
export function measureBundle(webDir: string): BundleSize | null {
  const assets = join(webDir, 'assets');
  let names: string[];
  let html: string;
  try {
    names = readdirSync(assets).filter((name) => name.endsWith('.js'));
    html = readFileSync(join(webDir, 'index.html'), 'utf8');
  } catch {
    return null;
  }
  // What the page loads by itself: the module entry and any modulepreload links (dynamic imports come later).
  const initialNames = new Set(
    [
      ...html.matchAll(
        /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?assets\/([^"]+\.js)"/g,
      ),
    ].map((m) => m[1] ?? ''),
  );
  const sizes = names.map((name) => {
    const bytes = readFileSync(join(assets, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (list: typeof sizes, key: 'raw' | 'gzip') => list.reduce((total, s) => total + s[key], 0);
  const initial = sizes.filter((s) => initialNames.has(s.name));
  return {
    files: names.length,
    raw_kb: kb(sum(sizes, 'raw')),
    gzip_kb: kb(sum(sizes, 'gzip')),
    chunks: [...sizes]
      .sort((a, b) => b.gzip - a.gzip)
      .map((s) => ({ name: s.name, raw_kb: kb(s.raw), gzip_kb: kb(s.gzip) })),
    initial: {
      files: initial.map((s) => s.name),
      raw_kb: kb(sum(initial, 'raw')),
      gzip_kb: kb(sum(initial, 'gzip')),
    },
  };
}

function kb(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}
