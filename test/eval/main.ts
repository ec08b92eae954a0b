/** @module `npm run eval`: scores the engine on the real-decision corpus, training and holdout separately (see test/fixtures/real-decisions/SPLIT.md). Options: --json, --cases, --samples N. */
import { pathToFileURL } from 'node:url';
import { loadKnowledgeBase } from '../engine/load-fixtures.ts';
import { CORPUS_DIR, loadCorpus } from './corpus.ts';
import { scoreCase, summarize } from './metrics.ts';
import { type Evaluation, renderJson, renderText } from './render.ts';

const USAGE = 'usage: npm run eval -- [--json] [--cases] [--samples N]';

export type EvalIo = { out: (text: string) => void; err: (text: string) => void; dir?: string };

/**
 * Run the evaluation for command-line arguments; returns the exit code (0 done, 2 bad input).
 * @example
 * runEval(['--json'], { out: (t) => process.stdout.write(t), err: console.error });
 */
export function runEval(argv: readonly string[], io: EvalIo): number {
  let json = false;
  let cases = false;
  let samples: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--cases') cases = true;
    else if (arg === '--samples') {
      samples = Number(argv[++i]);
      if (!Number.isInteger(samples) || samples < 1) {
        io.err(`--samples needs a whole number >= 1, found "${argv[i] ?? ''}"\n${USAGE}`);
        return 2;
      }
    } else if (arg === '--help' || arg === '-h') {
      io.out(`${USAGE}\n`);
      return 0;
    } else {
      io.err(`unknown option "${arg}"\n${USAGE}`);
      return 2;
    }
  }
  let corpus: ReturnType<typeof loadCorpus>;
  try {
    corpus = loadCorpus(io.dir ?? CORPUS_DIR);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const kb = loadKnowledgeBase();
  const results = corpus.map((c) => scoreCase(c, kb, samples));
  const evaluation: Evaluation = {
    training: summarize(results, 'training'),
    holdout: summarize(results, 'holdout'),
    cases: results,
  };
  io.out(json ? renderJson(evaluation) : renderText(evaluation, { cases }));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = runEval(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => console.error(text),
  });
}
