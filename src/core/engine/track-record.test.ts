/** @module Tests of the track record: which band a verdict's probability falls in. */
import { describe, expect, it } from 'vitest';
import { TRACK_RECORD, trackRecordFor } from './track-record.ts';

describe('trackRecordFor', () => {
  it('puts a probability in the band whose lower edge it reaches, the last band including 1', () => {
    const from = (p: number) => trackRecordFor(p).from;
    expect([0, 0.69, 0.7, 0.89, 0.9, 1].map(from)).toEqual([0, 0, 0.7, 0.7, 0.9, 0.9]);
    expect(trackRecordFor(0.95)).toMatchObject({ to: 1, cases: TRACK_RECORD.cases });
  });
});
