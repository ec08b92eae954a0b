/**
 * @module Out-of-sample check of the engine from the repository's history: each blind batch of real decisions is
 * scored by the engine as it stood just before the batch was added, so no rule had been made on those cases. Only
 * TRAINING cases are scored (the holdout has its own, single measurement in `npm run eval`). Prints verdict accuracy,
 * the multi-class Brier score, confident misses and the reliability of verdicts given at 0.9 or more, overall and per
 * batch; README "How right is it?" quotes it. Needs the git history (a full clone) and node_modules; it makes one
 * temporary worktree per batch and removes it. Run: `npx tsx scripts/out-of-sample.ts` (about two minutes).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

/** The blind batches, by their first and last commit (test/fixtures/real-decisions/SPLIT.md tells each one's story). */
const BATCHES = [
  { name: 'second', first: 'cbcc704', last: 'cbcc704' },
  { name: 'third', first: '22752ab', last: 'a3ce464' },
  { name: 'fourth', first: 'dcbaa4d', last: '4097935' },
  { name: 'fifth', first: 'f600b39', last: '26e8918' },
  { name: 'sixth', first: '24f9af5', last: 'b1c887c' },
  { name: 'seventh', first: 'e71fa1b', last: 'f1322a5' },
  { name: 'eighth', first: '293645e', last: '5477ac8' },
  { name: 'ninth and tenth', first: '3ccc614', last: '3a22242' },
  { name: 'eleventh and twelfth', first: '36eb649', last: '410c5ef' },
  { name: 'thirteenth and fourteenth', first: '509be7b', last: 'f32753b' },
  { name: 'fifteenth and sixteenth', first: '3bb5d4d', last: '9ed3a40' },
  { name: 'seventeenth and eighteenth', first: '2f72701', last: '5cdde3e' },
  { name: 'nineteenth and twentieth', first: 'fd62691', last: 'e09976a' },
  { name: 'twenty-first and -second', first: '9e5812f', last: '67966f0' },
  { name: 'twenty-third and -fourth', first: '7a17c48', last: '4fa7305' },
  { name: 'twenty-fifth and -sixth', first: 'ce94a32', last: '28e9eb3' },
  { name: 'twenty-seventh and -eighth', first: 'a5a2e0b', last: '49e1d75' },
  { name: 'twenty-ninth and thirtieth', first: 'efb10ab', last: '8e0ab5e' },
  { name: 'thirty-first and thirty-second', first: 'a7c6052', last: '98a1b79' },
  { name: 'thirty-third and -fourth', first: 'ad2585e', last: '712afe0' },
  { name: 'thirty-fifth and -sixth', first: 'df8b53f', last: 'cb4074c' },
  { name: 'thirty-seventh and -eighth', first: '4546a3e', last: '6b5b9f8' },
  { name: 'thirty-ninth and fortieth', first: 'd801859', last: 'e4062e6' },
  { name: 'forty-first to -fourth', first: '368e173', last: '359ad35' },
  { name: 'forty-fifth to -eighth', first: '7f118af', last: 'c3bb225' },
  { name: 'forty-ninth to fifty-second', first: 'ec9bc97', last: '9aad554' },
  { name: 'fifty-third to -sixth', first: 'df93e48', last: '602219b' },
  { name: 'fifty-seventh to sixtieth', first: '5bad0c1', last: '596869f' },
  { name: 'sixty-first to -fourth', first: 'ead7b68', last: 'ae1c595' },
] as const;

const CORPUS = 'test/fixtures/real-decisions';
const ROOT = resolve(import.meta.dirname, '..');
const VERDICTS = ['go', 'rust', 'hybrid'] as const;

/** Scores the cases of a folder with the worktree's own engine and corpus loader; one JSON line per case. */
const SCORER = `
import { loadKnowledgeBase } from '../engine/load-fixtures.ts';
import { loadCorpus } from './corpus.ts';
import { scoreCase } from './metrics.ts';
const kb = loadKnowledgeBase();
for (const c of loadCorpus(process.argv[2])) {
  const r = scoreCase(c, kb);
  console.log(JSON.stringify({ file: r.file, expected: r.expected, verdict: r.verdict, p: r.p, probabilities: r.probabilities }));
}
`;

type Scored = {
  batch: string;
  file: string;
  expected: string;
  verdict: string;
  p: number;
  probabilities: Record<string, number>;
};

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

function scoreBatch(batch: (typeof BATCHES)[number], work: string): Scored[] {
  const added = git(
    'log',
    '--diff-filter=A',
    '--name-only',
    '--format=',
    `${batch.first}^..${batch.last}`,
    '--',
    CORPUS,
  )
    .split('\n')
    .filter((f) => f.endsWith('.yaml'));
  const cases = join(work, `${batch.first}-cases`);
  mkdirSync(cases);
  // A case added and removed again within the batch (a duplicate dropped before scoring) is not in it.
  const kept = new Set(git('ls-tree', '--name-only', `${batch.last}:${CORPUS}`).split('\n'));
  for (const file of new Set(added)) {
    if (!kept.has(basename(file))) continue;
    const text = git('show', `${batch.last}:${file}`);
    if (/^# split: training$/m.test(text)) writeFileSync(join(cases, basename(file)), text);
  }
  const tree = join(work, batch.first);
  git('worktree', 'add', '--detach', tree, `${batch.first}^`);
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    writeFileSync(join(tree, 'test/eval/out-of-sample-scorer.ts'), SCORER);
    const out = execFileSync('npx', ['tsx', 'test/eval/out-of-sample-scorer.ts', cases], {
      cwd: tree,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => ({ batch: batch.name, ...(JSON.parse(line) as Omit<Scored, 'batch'>) }));
  } finally {
    git('worktree', 'remove', '--force', tree);
  }
}

function summary(label: string, rows: readonly Scored[]): string {
  const right = rows.filter((r) => r.verdict === r.expected).length;
  const brier =
    rows.reduce(
      (sum, r) =>
        sum + VERDICTS.reduce((s, v) => s + ((r.probabilities[v] ?? 0) - (v === r.expected ? 1 : 0)) ** 2, 0),
      0,
    ) / Math.max(1, rows.length);
  const confident = rows.filter((r) => r.verdict !== r.expected && r.p >= 0.9).length;
  const top = rows.filter((r) => r.p >= 0.9);
  const topRight = top.filter((r) => r.verdict === r.expected).length;
  const topMean = top.reduce((s, r) => s + r.p, 0) / Math.max(1, top.length);
  return `${label.padEnd(16)} ${String(right).padStart(3)}/${String(rows.length).padEnd(3)} Brier ${brier.toFixed(3)}  confident misses ${confident}  at P >= 0.9: ${topRight}/${top.length} right, mean P ${topMean.toFixed(3)}`;
}

const work = mkdtempSync(join(tmpdir(), 'gorust-oos-'));
try {
  const all: Scored[] = [];
  for (const batch of BATCHES) {
    const rows = scoreBatch(batch, work);
    console.log(summary(batch.name, rows));
    all.push(...rows);
  }
  console.log(summary('all', all));
  for (const r of all.filter((x) => x.verdict !== x.expected))
    console.log(
      `  miss (${r.batch}): ${r.file} expected ${r.expected}, got ${r.verdict} at P ${r.p.toFixed(2)}`,
    );
} finally {
  rmSync(work, { recursive: true, force: true });
  git('worktree', 'prune');
}
