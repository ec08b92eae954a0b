/** @module The decision's random draws kept in the cache folder between CLI runs (the DrawsStore of src/core/engine/smaa.ts): made by the first run, read back by later ones, and checked by the core before each use. One file per draws shape, whatever the seed: another seed replaces it, so the folder never holds more than one set (2 MB for 10,000 draws of 12 criteria). */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrawsStore } from '../core/decide-entry.ts';
import { usableCacheDir } from './paths.ts';

/**
 * A store of draws in `draws/` of the cache folder, or undefined when caching is off (GORUST_NO_CACHE). A file that
 * cannot be read or written costs only the time to make the draws again.
 * @example
 * setDrawsStore(fileDrawsStore(process.env));
 */
export function fileDrawsStore(env: NodeJS.ProcessEnv = process.env): DrawsStore | undefined {
  const dir = usableCacheDir(env);
  if (dir === undefined) return undefined;
  const folder = join(dir, 'draws');
  const file = (samples: number, criteria: number) => join(folder, `draws-${samples}x${criteria}.f64`);
  return {
    load(_seed, samples, criteria) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file(samples, criteria));
      } catch {
        return undefined;
      }
      if (bytes.byteLength % Float64Array.BYTES_PER_ELEMENT !== 0) return undefined;
      // A Float64Array view needs an 8-byte aligned offset; a copy has its own buffer at offset 0.
      const aligned = bytes.byteOffset % Float64Array.BYTES_PER_ELEMENT === 0 ? bytes : new Uint8Array(bytes);
      return new Float64Array(
        aligned.buffer,
        aligned.byteOffset,
        aligned.byteLength / Float64Array.BYTES_PER_ELEMENT,
      );
    },
    save(_seed, samples, criteria, data) {
      const target = file(samples, criteria);
      const temporary = `${target}.${process.pid}.tmp`;
      try {
        mkdirSync(folder, { recursive: true });
        writeFileSync(temporary, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        renameSync(temporary, target);
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Nothing was written there either.
        }
      }
    },
  };
}
