/**
 * @module The engine's track record: how often its verdicts were right on real decisions it was not tuned on (the
 * holdout of test/fixtures/real-decisions), by the probability it gave them. A reader of "Confidence 93%" learns from
 * it how far such a figure has held on real projects. The figures are measured, not set: a test
 * (test/engine/real-decisions.test.ts) recomputes them from the holdout and fails when they no longer match, so a
 * change of the engine or of the corpus has to update them here.
 */
import { InternalError } from '../errors.ts';

/** Verdicts given with a probability in [from, to) (the last band includes 1), and how many of them were right. */
export type TrackRecordBand = {
  from: number;
  to: number;
  right: number;
  total: number;
  /** The mean probability the engine gave the band's verdicts. */
  meanP: number;
};

/** Lower edges of the bands: below 0.7 is what reports call a close call. */
export const TRACK_RECORD_EDGES = [0, 0.7, 0.9] as const;

/**
 * Measured with `npm run eval` at main 9ed3a40 (2026-12-06): the 164 holdout cases of the real-decision corpus,
 * default seed and 10,000 draws per decision.
 */
export const TRACK_RECORD: { cases: number; bands: readonly TrackRecordBand[] } = {
  cases: 164,
  bands: [
    { from: 0, to: 0.7, right: 11, total: 18, meanP: 0.57 },
    { from: 0.7, to: 0.9, right: 25, total: 32, meanP: 0.81 },
    { from: 0.9, to: 1, right: 107, total: 114, meanP: 0.98 },
  ],
};

/** The decision JSON's `track_record`: the band of the verdict's probability. */
export type TrackRecordRow = { from: number; to: number; right: number; total: number; cases: number };

/**
 * The bands of a set of scored decisions (P(verdict) and whether the verdict was right), in TRACK_RECORD's shape.
 * @example
 * trackRecordBands([{ p: 0.95, right: true }, { p: 0.6, right: false }]);
 * // [{ from: 0, to: 0.7, right: 0, total: 1, meanP: 0.6 }, { from: 0.7, ... total: 0 }, { from: 0.9, ... right: 1, total: 1 }]
 */
export function trackRecordBands(results: readonly { p: number; right: boolean }[]): TrackRecordBand[] {
  return TRACK_RECORD_EDGES.map((from, i) => {
    const to = TRACK_RECORD_EDGES[i + 1] ?? 1;
    const inBand = results.filter((r) => bandIndex(r.p) === i);
    const meanP = inBand.length === 0 ? 0 : inBand.reduce((sum, r) => sum + r.p, 0) / inBand.length;
    return {
      from,
      to,
      right: inBand.filter((r) => r.right).length,
      total: inBand.length,
      meanP: Math.round(meanP * 100) / 100,
    };
  });
}

function bandIndex(p: number): number {
  let index = 0;
  for (const [i, edge] of TRACK_RECORD_EDGES.entries()) if (p >= edge) index = i;
  return index;
}

/**
 * The track record of the band a verdict's probability falls in.
 * @example
 * trackRecordFor(0.93); // { from: 0.9, to: 1, right: 107, total: 114, cases: 164 }
 */
export function trackRecordFor(p: number): TrackRecordRow {
  const band = TRACK_RECORD.bands[bandIndex(p)] ?? TRACK_RECORD.bands[0];
  if (band === undefined) throw new InternalError('TRACK_RECORD has no bands');
  return { from: band.from, to: band.to, right: band.right, total: band.total, cases: TRACK_RECORD.cases };
}
