/** @module `npm run eval`: scores the engine on the real-decision corpus, training and holdout separately (see test/fixtures/real-decisions/SPLIT.md). Options: --json, --cases, --samples N. */
import { loadKnowledgeBase } from '../engine/load-fixtures.ts';
import { loadCorpus } from './corpus.ts';
import { scoreCase, summarize } from './metrics.ts';
import { type Evaluation, renderJson, renderText } from './render.ts';

const USAGE = 'usage: npm run eval -- [--json] [--cases] [--samples N]';

function main(argv: string[]): number {
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
        console.error(`--samples needs a whole number >= 1, found "${argv[i] ?? ''}"\n${USAGE}`);
        return 2;
      }
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`unknown option "${arg}"\n${USAGE}`);
      return 2;
    }
  }
  let corpus: ReturnType<typeof loadCorpus>;
  try {
    corpus = loadCorpus();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const kb = loadKnowledgeBase();
  const results = corpus.map((c) => scoreCase(c, kb, samples));
  const evaluation: Evaluation = {
    training: summarize(results, 'training'),
    holdout: summarize(results, 'holdout'),
    cases: results,
  };
  process.stdout.write(json ? renderJson(evaluation) : renderText(evaluation, { cases }));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
