/** @module Tests of the track record's bands: which band a probability falls in, and how bands are counted. */
import { describe, expect, it } from 'vitest';
import { TRACK_RECORD, trackRecordBands, trackRecordFor } from './track-record.ts';

describe('trackRecordFor', () => {
  it('puts a probability in the band whose lower edge it reaches, the last band including 1', () => {
    const from = (p: number) => trackRecordFor(p).from;
    expect([0, 0.69, 0.7, 0.89, 0.9, 1].map(from)).toEqual([0, 0, 0.7, 0.7, 0.9, 0.9]);
    expect(trackRecordFor(0.95)).toMatchObject({ to: 1, cases: TRACK_RECORD.cases });
  });
});

describe('trackRecordBands', () => {
  it('counts the verdicts in each band, the right ones, and their mean probability', () => {
    const bands = trackRecordBands([
      { p: 0.55, right: false },
      { p: 0.65, right: true },
      { p: 0.8, right: true },
      { p: 0.9, right: true },
      { p: 1, right: false },
    ]);
    expect(bands).toEqual([
      { from: 0, to: 0.7, right: 1, total: 2, meanP: 0.6 },
      { from: 0.7, to: 0.9, right: 1, total: 1, meanP: 0.8 },
      { from: 0.9, to: 1, right: 1, total: 2, meanP: 0.95 },
    ]);
  });
  it('gives empty bands for no verdicts', () => {
    expect(trackRecordBands([]).map((b) => b.total)).toEqual([0, 0, 0]);
  });
});
