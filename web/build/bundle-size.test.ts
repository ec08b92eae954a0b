/** @module The size budget of issue 11: a production `vite build` of the web app, into a temporary folder, ships at most 250 KB of gzipped JavaScript in all (lazily loaded chunks included). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { GZIP_BUDGET_KB, measureBundle } from './bundle-size.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('the web app bundle', { tags: ['slow'] }, () => {
  const outDir = mkdtempSync(join(tmpdir(), 'gorust-web-size-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it(`ships at most ${GZIP_BUDGET_KB} KB of gzipped JavaScript in all`, async () => {
    // A production build, as `npm run build` makes it, into its own folder so dist/web is left alone. Vitest sets
    // NODE_ENV=test, which would make Vite bundle React's development build: production for the build only.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: join(ROOT, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'error',
        build: { outDir, emptyOutDir: true },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const size = measureBundle(outDir);
    expect(size, 'the build wrote no assets').not.toBeNull();
    if (!size) return;
    expect(size.files).toBeGreaterThan(0);
    // The message names the chunks, so a failure says what grew.
    const chunks = size.chunks.map((c) => `${c.name} ${c.gzip_kb} KB`).join(', ');
    expect(size.gzip_kb, `gzipped JavaScript ${size.gzip_kb} KB: ${chunks}`).toBeLessThanOrEqual(
      GZIP_BUDGET_KB,
    );
  });
});
