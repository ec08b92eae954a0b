/** @module Tests of what the web UI's first download can contain: the static import graph of web/src/main.tsx, the graph the bundler puts in the entry chunk. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Static `import ... from` / `export ... from` / `import '...'` specifiers of a source file. Type-only imports are
 * erased at build time, so they are left out; dynamic `import()` starts a lazily loaded chunk, so it is too.
 */
function staticSpecifiers(source: string): string[] {
  const found: string[] = [];
  // The clause between the keyword and `from` never holds a semicolon or a parenthesis, which keeps the match
  // inside one statement.
  for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;()]*?\bfrom\s+'([^']+)'/gm)) {
    found.push(match[1] ?? '');
  }
  for (const match of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(match[1] ?? '');
  return found;
}

/** Every source file and package the entry reaches through static imports. */
function firstLoadGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [resolve(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticSpecifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const target = resolve(dirname(file), spec);
      if (/\.tsx?$/.test(target) && existsSync(target)) pending.push(target);
    }
  }
  return { files: new Set([...files].map((f) => relative(ROOT, f))), packages };
}

describe('the web UI first load', () => {
  const graph = firstLoadGraph('web/src/main.tsx');

  it('validates profiles in the browser without the YAML parser', () => {
    expect(graph.files).toContain('src/core/profile/parse.ts');
    expect(graph.files).toContain('src/core/engine/decide.ts');
    // index.ts re-exports the text parser, and a bundler keeps every module an entry reaches: the first load
    // imports src/core/browser.ts instead, and profile-yaml.ts (loaded on demand) takes the text parser.
    expect(graph.files).not.toContain('src/core/index.ts');
    expect(graph.files).not.toContain('src/core/profile/parse-text.ts');
    expect(graph.files).not.toContain('web/src/lib/profile-yaml.ts');
    expect([...graph.packages].filter((p) => p === 'yaml' || p.startsWith('yaml/'))).toEqual([]);
  });

  it('carries only what the Decide view needs for its verdict: other views, charts and details load later', () => {
    expect(graph.files).toContain('web/src/views/decide-view.tsx');
    expect(graph.files).toContain('web/src/components/verdict-banner.tsx');
    // Split by view (React.lazy in app.tsx), and below the verdict (decision-panel.tsx, decide-view.tsx). (The
    // chart code itself, src/core/report/charts.ts, is re-exported by src/core/browser.ts, so it is in this static
    // graph; the bundle test checks that the build leaves it out of the chunks loaded before the first paint.)
    for (const later of [
      'web/src/views/lab-view.tsx',
      'web/src/views/history-view.tsx',
      'web/src/views/saved-decision-view.tsx',
      'web/src/components/decision-details.tsx',
      'web/src/components/decision-sections.tsx',
      'web/src/components/weight-sliders.tsx',
      'web/src/components/stakeholder-summary.tsx',
      'web/src/components/svg-chart.tsx',
    ])
      expect(graph.files).not.toContain(later);
  });

  it('draws its charts with the shared SVG chart code, not a chart library', () => {
    // The charts come with the decision's details, a lazily loaded chunk: its static graph.
    const details = firstLoadGraph('web/src/components/decision-details.tsx');
    expect(details.files).toContain('src/core/report/charts.ts');
    expect(details.files).toContain('web/src/components/svg-chart.tsx');
    const lab = firstLoadGraph('web/src/views/lab-view.tsx');
    for (const packages of [graph.packages, details.packages, lab.packages])
      expect([...packages].filter((p) => /echarts|zrender|chart/.test(p))).toEqual([]);
  });
});

describe('staticSpecifiers', () => {
  it('keeps value imports and re-exports, and skips type-only and dynamic imports', () => {
    const source = [
      "import { a, type B } from './a.ts';",
      "import type { C } from './c.ts';",
      "export type { D } from './d.ts';",
      "export { e } from './e.ts';",
      "import './side.css';",
      "const lazy = () => import('./lazy.ts');",
      'import {',
      '  f,',
      "} from 'pkg';",
    ].join('\n');
    expect(staticSpecifiers(source)).toEqual(['./a.ts', './e.ts', 'pkg', './side.css']);
  });
});
