/** @module Robustness of the verdict: the nominal language of each unit, the verdict they make, and the weight at which it flips, per criterion (analytic). The probabilities come from smaa.ts. */
import { type Language, VERDICTS, type Verdict } from '../profile/vocabulary.ts';

/**
 * The mulberry32 PRNG: a tiny, fast, seedable generator of floats in [0, 1). Same seed, same sequence.
 * @example
 * const next = mulberry32(1); next(); // 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One decision unit as the robustness analysis sees it. */
export type RobustUnit = {
  /** Set when a gate decided the unit: weights cannot move it. */
  fixed: Language | undefined;
  /** Raw (unnormalised) weights in criterion order; only their ratios matter. */
  raw: readonly number[];
  /** The unit's own Go-minus-Rust rating differences, when they differ from the shared ones (its interop counterpart). */
  diffs?: readonly number[] | undefined;
};

/**
 * The verdict from each unit's language: all Go, all Rust, or hybrid.
 * @example
 * combineVerdict(['go', 'rust']); // 'hybrid'
 */
export function combineVerdict(languages: readonly Language[]): Verdict {
  const first = languages[0] ?? 'go';
  return languages.every((l) => l === first) ? first : 'hybrid';
}

/** A unit's language for a margin (Go minus Rust): a tie goes to Go, the simpler option to staff. */
export function languageOf(margin: number): Language {
  return margin >= 0 ? 'go' : 'rust';
}

function unitMargin(raw: readonly number[], diffs: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < diffs.length; i++) m += (raw[i] ?? 0) * (diffs[i] ?? 0);
  return m;
}

/**
 * The nominal language of every unit.
 * @example
 * assignUnits(units, diffs); // ['go', 'rust']
 */
export function assignUnits(units: readonly RobustUnit[], diffs: readonly number[]): Language[] {
  return units.map((u) => u.fixed ?? languageOf(unitMargin(u.raw, u.diffs ?? diffs)));
}

/**
 * For one criterion, the reference normalised weight at which the verdict flips and the verdict it flips to, or
 * null when no weight in [0, 1] flips it. The criterion's raw weight is scaled by k in every unit; each unit's margin
 * is linear in k, so it changes sides at k = -rest / own. The nearest crossing (in normalised weight) that changes
 * the verdict wins. `referenceWeight` is the criterion's displayed normalised weight, mapped through
 * w(k) = k w / (1 - w + k w).
 * @example
 * flipWeight(units, diffs, 5, 0.12); // { weight: 0.31, to: 'rust' }, or null
 */
export function flipWeight(
  units: readonly RobustUnit[],
  diffs: readonly number[],
  criterion: number,
  referenceWeight: number,
): { weight: number; to: Verdict } | null {
  const nominal = combineVerdict(assignUnits(units, diffs));
  const crossings: number[] = [];
  for (const unit of units) {
    if (unit.fixed !== undefined) continue;
    const d = unit.diffs ?? diffs;
    const own = (unit.raw[criterion] ?? 0) * (d[criterion] ?? 0);
    if (own === 0) continue;
    const rest = unitMargin(unit.raw, d) - own;
    const k = -rest / own;
    if (k > 0 && Number.isFinite(k) && k !== 1) crossings.push(k);
  }
  const languagesAt = (k: number): Verdict =>
    combineVerdict(
      units.map((u) => {
        if (u.fixed !== undefined) return u.fixed;
        const d = u.diffs ?? diffs;
        const own = (u.raw[criterion] ?? 0) * (d[criterion] ?? 0);
        return languageOf(unitMargin(u.raw, d) - own + k * own);
      }),
    );
  const w = referenceWeight;
  const weightAt = (k: number): number => (k * w) / (1 - w + k * w);
  let best: { weight: number; to: Verdict } | null = null;
  for (const k of crossings) {
    // Just beyond the crossing, away from today's weight.
    const beyond = k > 1 ? k * (1 + 1e-9) : k * (1 - 1e-9);
    const to = languagesAt(beyond);
    if (to === nominal) continue;
    const at = w >= 1 ? 1 : weightAt(k);
    if (best === null || Math.abs(at - w) < Math.abs(best.weight - w)) best = { weight: at, to };
  }
  return best;
}

/**
 * The verdict that more of the draws give than the stated one, if any. The verdict is decided at the central weights
 * and ratings and its probability counts the draws, so in a near tie the two can part (Trow, a real decision: Hybrid
 * at the centre, 46% of the draws, Go 50%). The close-call tip and the reports' confidence line both say so.
 * @example
 * moreProbableRival('hybrid', { go: 0.5, rust: 0.04, hybrid: 0.46 }); // 'go'
 */
export function moreProbableRival(
  verdict: Verdict,
  probabilities: Record<Verdict, number>,
): Verdict | undefined {
  const best = VERDICTS.reduce((a, b) => (probabilities[b] > probabilities[a] ? b : a));
  return probabilities[best] > probabilities[verdict] ? best : undefined;
}
