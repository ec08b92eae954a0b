/** @module Scores the engine on the real-decision corpus: verdict and hybrid-split accuracy, experience-neutral accuracy, the multi-class Brier score, a reliability table and the confident misses, for one split at a time. */
import { decide, type KnowledgeBase, type Profile, VERDICTS, type Verdict } from '../../src/core/index.ts';
import type { CorpusCase, Split } from './corpus.ts';

/** A verdict given with at least this probability and wrong is a confident miss. */
export const CONFIDENT = 0.9;

/** Upper edges of the reliability bins of P(verdict); the last bin includes 1. */
export const BIN_EDGES = [0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;

export type CaseResult = {
  file: string;
  name: string;
  split: Split;
  expected: Verdict;
  verdict: Verdict;
  /** P(verdict) as the decision states it. */
  p: number;
  probabilities: Record<Verdict, number>;
  /** The decision's weighted scores (0 to 10). */
  scores: { go: number; rust: number };
  right: boolean;
  /** Sum over go, rust and hybrid of (p - outcome)^2. */
  brier: number;
  /** For hybrids: every component got the expected language. */
  splitRight: boolean | undefined;
  /** Components whose language differs from the expected one, as "name: got rust, expected go". */
  splitMisses: string[];
  /** Verdict with both teams' experience set to `some`. */
  neutralVerdict: Verdict;
  neutralRight: boolean;
  preRust: boolean;
  crossLanguage: boolean;
};

export type ReliabilityBin = {
  from: number;
  to: number;
  count: number;
  /** How many of the bin's verdicts were right. */
  right: number;
  meanP: number | null;
  accuracy: number | null;
};

export type Ratio = { right: number; total: number };

export type SplitSummary = {
  split: Split;
  cases: number;
  verdicts: Ratio;
  hybridSplits: Ratio;
  experienceNeutral: Ratio;
  postRust1: Ratio;
  crossLanguage: Ratio;
  brier: number;
  reliability: ReliabilityBin[];
  confidentMisses: { file: string; name: string; expected: Verdict; verdict: Verdict; p: number }[];
  misses: { file: string; name: string; expected: Verdict; verdict: Verdict; p: number }[];
};

/** The profile with both teams' experience set to `some`, everything else unchanged. */
export function experienceNeutral(profile: Profile): Profile {
  return { ...profile, team: { ...profile.team, go: 'some', rust: 'some' } };
}

/**
 * Decide one case (and its experience-neutral twin) and score it.
 * @example
 * scoreCase(c, kb, 2000);
 */
export function scoreCase(c: CorpusCase, kb: KnowledgeBase, samples?: number): CaseResult {
  const options = samples === undefined ? {} : { samples };
  const d = decide(c.profile, kb, options);
  const neutral = decide(experienceNeutral(c.profile), kb, options);
  const probabilities = d.probabilities as Record<Verdict, number>;
  const brier = VERDICTS.reduce(
    (sum, v) => sum + ((probabilities[v] ?? 0) - (v === c.expected ? 1 : 0)) ** 2,
    0,
  );
  const splitMisses: string[] = [];
  if (c.expectedComponents !== undefined) {
    for (const [name, language] of c.expectedComponents) {
      const got = d.components.find((row) => row.name === name)?.language;
      if (got !== language) splitMisses.push(`${name}: got ${got ?? 'nothing'}, expected ${language}`);
    }
  }
  return {
    file: c.file,
    name: c.profile.project.name,
    split: c.split,
    expected: c.expected,
    verdict: d.verdict,
    p: probabilities[d.verdict] ?? 0,
    probabilities,
    scores: d.scores,
    right: d.verdict === c.expected,
    brier,
    splitRight: c.expectedComponents === undefined ? undefined : splitMisses.length === 0,
    splitMisses,
    neutralVerdict: neutral.verdict,
    neutralRight: neutral.verdict === c.expected,
    preRust: c.preRust,
    crossLanguage: c.crossLanguage,
  };
}

function ratio(results: readonly CaseResult[], pick: (r: CaseResult) => boolean): Ratio {
  return { right: results.filter(pick).length, total: results.length };
}

/**
 * Reliability bins of P(verdict) against how often the verdict was right, by the bins' upper edges (the last bin
 * includes 1): the eval's table by default, the reports' track-record bands with `[0.7, 0.9, 1]`.
 * @example
 * reliability([{ p: 0.95, right: true }]);
 */
export function reliability(
  results: readonly Pick<CaseResult, 'p' | 'right'>[],
  edges: readonly number[] = BIN_EDGES,
): ReliabilityBin[] {
  let from = 0;
  return edges.map((to, i) => {
    const last = i === edges.length - 1;
    const inBin = results.filter((r) => r.p >= from && (last ? r.p <= to : r.p < to));
    const right = inBin.filter((r) => r.right).length;
    const bin: ReliabilityBin = {
      from,
      to,
      count: inBin.length,
      right,
      meanP: inBin.length === 0 ? null : inBin.reduce((s, r) => s + r.p, 0) / inBin.length,
      accuracy: inBin.length === 0 ? null : right / inBin.length,
    };
    from = to;
    return bin;
  });
}

/**
 * Summarise the results of one split.
 * @example
 * summarize(results, 'holdout');
 */
export function summarize(all: readonly CaseResult[], split: Split): SplitSummary {
  const results = all.filter((r) => r.split === split);
  const hybrids = results.filter((r) => r.splitRight !== undefined);
  const miss = (r: CaseResult) => ({
    file: r.file,
    name: r.name,
    expected: r.expected,
    verdict: r.verdict,
    p: r.p,
  });
  return {
    split,
    cases: results.length,
    verdicts: ratio(results, (r) => r.right),
    hybridSplits: ratio(hybrids, (r) => r.splitRight === true),
    experienceNeutral: ratio(results, (r) => r.neutralRight),
    postRust1: ratio(
      results.filter((r) => !r.preRust),
      (r) => r.right,
    ),
    crossLanguage: ratio(
      results.filter((r) => r.crossLanguage),
      (r) => r.right,
    ),
    brier: results.length === 0 ? 0 : results.reduce((s, r) => s + r.brier, 0) / results.length,
    reliability: reliability(results),
    confidentMisses: results.filter((r) => !r.right && r.p >= CONFIDENT).map(miss),
    misses: results.filter((r) => !r.right).map(miss),
  };
}
