/** @module The CLI's WebAssembly counting kernel (count-wasm.ts) against countDraws on real decisions: every example (seeds 1 and 7) and every corpus profile (seed 1) give byte for byte the same decision JSON either way. */
import { describe, expect, it } from 'vitest';
import { wasmCountKernel } from '../../src/core/engine/count-wasm.ts';
import { setCountKernel } from '../../src/core/engine/smaa.ts';
import { decide, renderJson } from '../../src/core/index.ts';
import { loadKnowledgeBase, loadProfiles } from './load-fixtures.ts';

describe('the WebAssembly counting kernel', () => {
  it('gives the same decisions as countDraws on every example and corpus profile', () => {
    const kb = loadKnowledgeBase();
    const kernel = wasmCountKernel();
    expect(kernel).toBeDefined();
    const fixtures = [...loadProfiles('examples'), ...loadProfiles('test/fixtures/real-decisions')];
    expect(fixtures.length).toBeGreaterThan(190);
    for (const [i, { file, profile }] of fixtures.entries()) {
      for (const seed of i < 8 ? [1, 7] : [1]) {
        const expected = renderJson(decide(profile, kb, { seed }));
        setCountKernel(kernel);
        try {
          expect(renderJson(decide(profile, kb, { seed })), `${file} seed ${seed}`).toBe(expected);
        } finally {
          setCountKernel(undefined);
        }
      }
    }
  });
});
