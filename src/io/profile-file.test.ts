/** @module Tests of reading a profile from a stream (`gorust decide -`): the file guards apply, an endless stream stops at the limit, a terminal is refused. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PROFILE_LIMITS, UserError } from '../core/index.ts';
import { readProfileStream } from './profile-file.ts';

describe('readProfileStream', () => {
  it('reads the text across chunks', async () => {
    const text = 'version: 1\nproject: {name: Ünïcode}\n';
    const bytes = Buffer.from(text);
    const chunks = [bytes.subarray(0, 25), bytes.subarray(25)]; // splits inside a multi-byte character
    expect(await readProfileStream(Readable.from(chunks))).toBe(text);
  });

  it('stops reading an endless stream past the size limit', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024, 0x61));
      },
    });
    await expect(readProfileStream(endless)).rejects.toThrow(UserError);
    expect(produced).toBeLessThan(PROFILE_LIMITS.maxBytes * 2);
  });

  it('refuses bytes that are not UTF-8, and a terminal', async () => {
    await expect(readProfileStream(Readable.from([Buffer.from([0xff, 0xfe])]))).rejects.toMatchObject({
      problems: [expect.objectContaining({ found: expect.stringContaining('not UTF-8') })],
    });
    const tty = Object.assign(Readable.from([]), { isTTY: true });
    await expect(readProfileStream(tty, 'stdin')).rejects.toThrow('stdin is a terminal');
  });
});
