/**
 * @module The engine's track record: how often its verdicts were right on real decisions it was not tuned on (the
 * holdout of test/fixtures/real-decisions), by the probability it gave them. A reader of "Confidence 93%" learns from
 * it how far such a figure has held on real projects. The figures are measured, not set: a test
 * (test/engine/real-decisions.test.ts) recomputes them from the holdout and fails when they no longer match, so a
 * change of the engine or of the corpus has to update them here.
 */
import type { TrackRecord } from '../decision/schema.ts';
import { InternalError } from '../errors.ts';

/** Verdicts given with a probability in [from, to) (the last band includes 1), and how many of them were right. */
export type TrackRecordBand = { from: number; to: number; right: number; total: number };

/**
 * Measured with `npm run eval` on 2026-12-07 after the sixty-fourth blind batch (engine rules of b1b9f0c): the 362
 * holdout cases of the real-decision corpus, default seed and 10,000 draws per decision. Below 0.7 is what reports call a close call.
 */
export const TRACK_RECORD: { cases: number; bands: readonly TrackRecordBand[] } = {
  cases: 362,
  bands: [
    { from: 0, to: 0.7, right: 23, total: 40 },
    { from: 0.7, to: 0.9, right: 55, total: 71 },
    { from: 0.9, to: 1, right: 238, total: 251 },
  ],
};

/**
 * The decision JSON's `track_record`: the band a verdict's probability falls in.
 * @example
 * trackRecordFor(0.93); // { from: 0.9, to: 1, right: 238, total: 251, cases: 362 }
 */
export function trackRecordFor(p: number): TrackRecord {
  const band = TRACK_RECORD.bands.findLast((b) => p >= b.from);
  if (band === undefined) throw new InternalError(`no track-record band holds the probability ${p}`);
  return { ...band, cases: TRACK_RECORD.cases };
}
