/** @module Tests of the draws kept in the cache folder (draws-cache.ts): what is saved reads back as the same numbers, off under GORUST_NO_CACHE, and a folder that cannot be written or a damaged file costs only time. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileDrawsStore } from './draws-cache.ts';

const DIR = mkdtempSync(join(tmpdir(), 'gorust-draws-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('fileDrawsStore', () => {
  it('reads back what it saved, one file per shape whatever the seed', () => {
    const store = fileDrawsStore({ GORUST_CACHE_DIR: join(DIR, 'a') });
    expect(store).toBeDefined();
    expect(store?.load(1, 4, 2)).toBeUndefined();
    const data = Float64Array.from({ length: 4 * 7 }, (_, i) => Math.sin(i) * 1e-3 - 0);
    store?.save(1, 4, 2, data);
    expect(store?.load(1, 4, 2)).toEqual(data);
    // The seed is not in the name: the core checks the cells against the seed (smaa.ts), and another seed replaces it.
    store?.save(
      2,
      4,
      2,
      data.map((x) => x + 1),
    );
    expect(readdirSync(join(DIR, 'a', 'draws'))).toEqual(['draws-4x2.f64']);
    expect(store?.load(1, 4, 2)?.[0]).toBe((data[0] ?? 0) + 1);
  });

  it('is off under GORUST_NO_CACHE', () => {
    expect(fileDrawsStore({ GORUST_CACHE_DIR: join(DIR, 'b'), GORUST_NO_CACHE: '1' })).toBeUndefined();
  });

  it('gives nothing for a file that is not whole numbers of 8 bytes, and ignores a folder it cannot write', () => {
    const store = fileDrawsStore({ GORUST_CACHE_DIR: join(DIR, 'c') });
    mkdirSync(join(DIR, 'c', 'draws'), { recursive: true });
    writeFileSync(join(DIR, 'c', 'draws', 'draws-4x2.f64'), 'not draws');
    expect(store?.load(1, 4, 2)).toBeUndefined();
    // A cache folder that cannot be made (its path is a file; root ignores permissions, so not chmod).
    const blocked = join(DIR, 'd');
    writeFileSync(blocked, 'a file');
    const unwritable = fileDrawsStore({ GORUST_CACHE_DIR: blocked });
    expect(() => unwritable?.save(1, 4, 2, new Float64Array(28))).not.toThrow();
    expect(unwritable?.load(1, 4, 2)).toBeUndefined();
  });
});
