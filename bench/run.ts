/** @module `npm run bench`: benchmarks that are reported, not asserted (sections: decide, UI). Run `npx vite build` first for the bundle size. */
import { readKnowledgeBase } from '../src/io/kb-files.ts';
import { benchDecide, formatDecideBench } from './decide.ts';
import { benchUi, formatUiBench } from './ui.ts';

function section(title: string, lines: string[]): void {
  console.log(`\n== ${title}`);
  for (const line of lines) console.log(line);
}

const kb = readKnowledgeBase();
section('decide() per example', formatDecideBench(benchDecide(kb, { runs: 50, examplesDir: 'examples' })));
section('UI', formatUiBench(benchUi(kb, { runs: 200, webDir: 'dist/web' })));
