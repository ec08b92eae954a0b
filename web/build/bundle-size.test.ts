/** @module The size budget of issue 11: a production `vite build` of the web app, into a temporary folder, ships at most 250 KB of gzipped JavaScript in all (lazily loaded chunks included), and the chunks loaded before the first paint carry neither the chart code, nor the other views, nor the YAML parser. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { GZIP_BUDGET_KB, measureBundle } from './bundle-size.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('the web app bundle', { tags: ['slow'] }, () => {
  const outDir = mkdtempSync(join(tmpdir(), 'gorust-web-size-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  /** What the build wrote (the first test builds it): each chunk's file, static imports and source modules. */
  const built: { fileName: string; isEntry: boolean; imports: string[]; moduleIds: string[] }[] = [];

  it(`ships at most ${GZIP_BUDGET_KB} KB of gzipped JavaScript in all`, async () => {
    // A production build, as `npm run build` makes it, into its own folder so dist/web is left alone. Vitest sets
    // NODE_ENV=test, which would make Vite bundle React's development build: production for the build only.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const output = await build({
        configFile: join(ROOT, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'error',
        build: { outDir, emptyOutDir: true },
      });
      for (const result of Array.isArray(output) ? output : [output])
        if ('output' in result)
          for (const item of result.output)
            if (item.type === 'chunk')
              built.push({
                fileName: item.fileName,
                isEntry: item.isEntry,
                imports: item.imports,
                moduleIds: item.moduleIds,
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

  it('loads before the first paint only what the verdict needs: no chart code, no other view, no YAML parser', () => {
    expect(built.length, 'the first test did not build').toBeGreaterThan(0);
    // The entry chunk and every chunk it imports statically: what the page runs before it can show a verdict.
    const byName = new Map(built.map((chunk) => [chunk.fileName, chunk]));
    const initial = new Set<string>();
    const pending = built.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (initial.has(name)) continue;
      initial.add(name);
      pending.push(...(byName.get(name)?.imports ?? []));
    }
    const modules = [...initial]
      .flatMap((name) => byName.get(name)?.moduleIds ?? [])
      .map((id) => relative(ROOT, id));
    expect(modules).toContain('web/src/components/verdict-banner.tsx');
    expect(modules).toContain('src/core/engine/decide.ts');
    const later = modules.filter((id) =>
      /^(src\/core\/report\/charts\.ts|web\/src\/views\/(lab|history|saved-decision)-view\.tsx|web\/src\/components\/(decision-details|decision-sections|svg-chart|weight-sliders)\.tsx)$|node_modules\/yaml\//.test(
        id,
      ),
    );
    expect(later).toEqual([]);
  });
});
