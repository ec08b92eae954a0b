/** @module `npm run bench`: benchmarks that are reported, not asserted (sections: decide, UI (slider re-run, gzipped JavaScript, first verdict on screen in Chromium), CLI start-up, lab floor, lab quick suite; `-- --no-lab` skips the lab). Run `npx vite build` first for the bundle size. */
import { readKnowledgeBase } from '../src/io/kb-files.ts';
import { benchCli, formatCliBench } from './cli.ts';
import { benchDecide, formatDecideBench } from './decide.ts';
import { benchFirstVerdict, formatFirstVerdict } from './first-verdict.ts';
import { benchUi, formatUiBench } from './ui.ts';

function section(title: string, lines: string[]): void {
  console.log(`\n== ${title}`);
  for (const line of lines) console.log(line);
}

const kb = readKnowledgeBase();
section('decide() per example', formatDecideBench(benchDecide(kb, { runs: 50, examplesDir: 'examples' })));
section('UI', [
  ...formatUiBench(benchUi(kb, { runs: 200, webDir: 'dist/web' })),
  formatFirstVerdict(await benchFirstVerdict({ webDir: 'dist/web', runs: 7 })),
]);
section(
  'CLI start-up (built bin vs node -e 0)',
  formatCliBench(benchCli({ root: '.', profile: 'examples/service-mesh.yaml', runs: 21 })),
);

if (process.argv.includes('--no-lab')) {
  console.log('\n(lab sections skipped: --no-lab)');
} else {
  const { benchHarnessFloor, benchQuickSuite } = await import('./lab.ts');
  section('lab: harness floor vs loopback round trip', await benchHarnessFloor());
  section('lab: quick suite wall time', await benchQuickSuite());
}
