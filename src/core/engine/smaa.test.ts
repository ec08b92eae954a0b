import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_MODULE_BASE64, wasmCountKernel } from './count-wasm.ts';
import { countModuleBytes } from './count-wasm-assemble.ts';
import { normalCdf, type SoftGate } from './gates.ts';
import {
  acceptability,
  type Draws,
  type DrawsStore,
  drawCell,
  inverseNormal,
  makeDraws,
  type SmaaModel,
  type SmaaOptions,
  type SmaaResult,
  type SmaaUnit,
  setCountKernel,
  setDrawsStore,
  type VerdictCounts,
} from './smaa.ts';

const diffs = [-2, -1, 3, -1];
const noSd = [0, 0, 0, 0];
const unit = (raw: number[], extra: Partial<SmaaUnit> = {}): SmaaUnit => ({
  fixed: undefined,
  soft: [],
  rawBy: [raw],
  ...extra,
});
const model = (units: SmaaUnit[], sds = noSd, groupWeights: number[] = []): SmaaModel => ({
  units,
  diffs,
  sds,
  groupWeights,
});

describe('makeDraws', () => {
  it('is deterministic for a seed and gives standard-normal rating deviates', () => {
    const a = makeDraws(3, 20_000, 4);
    expect(makeDraws(3, 20_000, 4).data).toEqual(a.data);
    const z: number[] = [];
    for (let s = 0; s < a.samples; s++) z.push(a.data[s * 11 + 4] as number);
    const mean = z.reduce((x, y) => x + y, 0) / z.length;
    const sd = Math.sqrt(z.reduce((x, y) => x + (y - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeCloseTo(1, 1);
    expect(inverseNormal(0.975)).toBeCloseTo(1.96, 3);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
  });
});

/** The generator as first written (one closure call per 16-bit half), kept to pin the faster one to the same draws. */
function referenceDraws(seed: number, samples: number, criteria: number): Float64Array {
  const w = 2 * criteria + 3;
  const data = new Float64Array(samples * w);
  let a = seed >>> 0;
  let spare = -1;
  const half = (): number => {
    if (spare >= 0) {
      const h = spare;
      spare = -1;
      return h;
    }
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const x = (t ^ (t >>> 14)) >>> 0;
    spare = x & 0xffff;
    return x >>> 16;
  };
  for (let s = 0; s < samples; s++) {
    const row = s * w;
    for (let c = 0; c < criteria; c++) data[row + c] = (2 * half() + 1) / 65536 - 1;
    for (let c = 0; c <= criteria + 1; c++)
      data[row + criteria + c] = inverseNormal(((half() >>> 3) + 0.5) / 8192);
    data[row + 2 * criteria + 2] = (half() + 0.5) / 65536;
  }
  return data;
}

describe('makeDraws, pinned', () => {
  it.each([
    [1, 10_000, 12],
    [7, 333, 5],
    [4_294_967_295, 2, 1],
  ])(
    'gives for seed %i, %i samples and %i criteria the draws of the reference generator',
    (seed, samples, n) => {
      expect(makeDraws(seed, samples, n).data).toEqual(referenceDraws(seed, samples, n));
    },
  );
});

describe('makeDraws with a store of draws made earlier', () => {
  it('drawCell gives every cell generateDraws makes, so the cells it checks in stored draws mean what they should', () => {
    for (const [seed, samples, n] of [
      [1, 400, 12],
      [4_294_967_295, 7, 3],
    ] as const) {
      const data = referenceDraws(seed, samples, n);
      for (let i = 0; i < data.length; i++) expect(drawCell(seed, n, i), `cell ${i}`).toBe(data[i]);
    }
  });

  it('takes stored draws that hold, makes and saves draws when there are none or they are wrong', () => {
    const saved: [number, number, number, Float64Array][] = [];
    let stored: Float64Array | undefined;
    const store: DrawsStore = {
      load: () => stored,
      save: (seed, samples, criteria, data) => saved.push([seed, samples, criteria, data]),
    };
    setDrawsStore(store);
    try {
      // None stored: made, and saved once.
      const made = makeDraws(101, 2_000, 12);
      expect(saved.map(([seed, samples, criteria]) => [seed, samples, criteria])).toEqual([[101, 2_000, 12]]);
      expect(made.data).toEqual(referenceDraws(101, 2_000, 12));
      // Stored and right: used as is, nothing saved.
      stored = Float64Array.from(made.data);
      expect(makeDraws(101, 2_001, 12).data).not.toBe(stored); // another length: refused, made again
      expect(saved).toHaveLength(2);
      stored = Float64Array.from(made.data);
      expect(makeDraws(101, 2_000, 12).data).toBe(stored);
      expect(saved).toHaveLength(2);
      // Another seed's draws, the right length: refused by the checked cells, made again.
      stored = Float64Array.from(made.data);
      expect(makeDraws(102, 2_000, 12).data).toEqual(referenceDraws(102, 2_000, 12));
      expect(saved).toHaveLength(3);
      // Damaged at the end (the last cell is always checked), or in a checked cell of each kind of column (for
      // 2,000 x 27 cells the checks fall every 210 cells plus k mod 27: a weight factor at 844, a rating deviate
      // at 211, the group pick at 2,321).
      for (const index of [made.data.length - 1, 0, 844, 211, 2_321]) {
        stored = Float64Array.from(made.data);
        stored[index] = 0.123;
        const again = makeDraws(101, 2_000, 12);
        expect(again.data, `damaged cell ${index}`).not.toBe(stored);
        expect(again.data).toEqual(made.data);
        // Alternate the seed so the next call does not return the draws kept from this one.
        makeDraws(999, 3, 1);
      }
    } finally {
      setDrawsStore(undefined);
    }
  });
});

describe('acceptability', () => {
  const draws = makeDraws(1, 5000, 4);
  it('counts every draw, a dominant unit wins them all, and units in both languages make a hybrid', () => {
    const go = unit([0, 0, 1, 1]);
    const rust = unit([1, 1, 0, 0]);
    expect(acceptability(model([go]), draws, { spread: 0.3 }).go).toBe(5000);
    expect(acceptability(model([go, rust]), draws, { spread: 0.3 }).hybrid).toBe(5000);
    expect(acceptability(model([go, unit([], { fixed: 'rust' })]), draws, { spread: 0.3 }).hybrid).toBe(5000);
  });
  it('spreads a unit over both languages in proportion to its rating uncertainty', () => {
    // Margin 1 with sd 2 on one criterion: P(go) = Phi(0.5) = 0.69, before weight noise.
    const m: SmaaModel = {
      units: [unit([1, 0, 0, 0])],
      diffs: [1, 0, 0, 0],
      sds: [2, 0, 0, 0],
      groupWeights: [],
    };
    const r = acceptability(m, draws, { spread: 0 });
    expect(r.go / r.samples).toBeCloseTo(normalCdf(0.5), 1);
    expect(r.weightsOnly.go).toBe(5000);
  });
  it('fires a soft gate in the share of draws its model uncertainty gives', () => {
    const gate: SoftGate = {
      model: 'gc',
      lnMargin: 0.35,
      sd: 0.7,
      gate: { id: 'g', favors: 'rust', reason: 'r' },
    };
    const r = acceptability(model([unit([0, 0, 1, 1], { soft: [gate] })]), draws, { spread: 0.3 });
    expect(r.rust / r.samples).toBeCloseTo(1 - normalCdf(0.5), 1);
    expect(r.weightsOnly.rust).toBe(0);
  });
  it('counts the same without the weights-only pass, and its checkpoint is a run limited to that many draws', () => {
    const gate: SoftGate = {
      model: 'memory',
      lnMargin: 0.2,
      sd: 0.5,
      gate: { id: 'g', favors: 'rust', reason: 'r' },
    };
    const m = model([unit([1, 2, 1, 1], { soft: [gate] }), unit([2, 1, 1, 3])], [1, 0.5, 1, 2]);
    const full = acceptability(m, draws, { spread: 0.3, checkpoint: 1000 });
    const lean = acceptability(m, draws, { spread: 0.3, weightsOnly: false });
    expect([lean.go, lean.rust, lean.hybrid, lean.unitGo]).toEqual([
      full.go,
      full.rust,
      full.hybrid,
      full.unitGo,
    ]);
    expect(lean.weightsOnly).toEqual({ go: 0, rust: 0, hybrid: 0 });
    const first = acceptability(m, draws, { spread: 0.3, limit: 1000 });
    expect(full.atCheckpoint).toEqual({
      go: first.go,
      rust: first.rust,
      hybrid: first.hybrid,
      samples: 1000,
    });
    expect(acceptability(m, draws, { spread: 0.3, checkpoint: 5000 }).atCheckpoint?.samples).toBe(5000);
  });
  it('samples a group member per draw by weight', () => {
    const member = (raw: number[]) => raw;
    const m = model(
      [{ fixed: undefined, soft: [], rawBy: [member([0, 0, 1, 1]), member([1, 1, 0, 0])] }],
      noSd,
      [3, 1],
    );
    const r = acceptability(m, draws, { spread: 0 });
    expect(r.go / r.samples).toBeCloseTo(0.75, 1);
  });
  it('with the weights alone perturbed, never lowers a language when a criterion rated higher for it weighs more', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 1.01, max: 4, noNaN: true }),
        (raw, c, factor) => {
          const raised = raw.map((w, i) => (i === c ? w * factor : w));
          const before = acceptability(model([unit(raw)], [1, 1, 1, 1]), draws, { spread: 0.3, limit: 500 });
          const after = acceptability(model([unit(raised)], [1, 1, 1, 1]), draws, {
            spread: 0.3,
            limit: 500,
          });
          if ((diffs[c] ?? 0) > 0) expect(after.weightsOnly.go).toBeGreaterThanOrEqual(before.weightsOnly.go);
          else expect(after.weightsOnly.rust).toBeGreaterThanOrEqual(before.weightsOnly.rust);
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });
});

/** The counting loop as first written (objects, one pass, every unit), kept to pin the typed-array one to the same counts. */
function referenceAcceptability(model: SmaaModel, draws: Draws, options: SmaaOptions): SmaaResult {
  const n = draws.criteria;
  const w = 2 * n + 3;
  const samples = Math.min(draws.samples, options.limit ?? draws.samples);
  const units = model.units;
  const unitCount = units.length;
  const groups = Math.max(1, model.groupWeights.length);
  const cumulative = new Float64Array(groups);
  const totalWeight = model.groupWeights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let g = 0; g < groups; g++) {
    acc += groups === 1 || totalWeight <= 0 ? 1 / groups : (model.groupWeights[g] ?? 0) / totalWeight;
    cumulative[g] = acc;
  }
  // Per unit, group and criterion: raw weight x rating difference (P) and raw weight x its sd (Q), so a draw's
  // margin is sum_c f_c (P_c + Q_c z_c) and the weights-only margin sum_c f_c P_c.
  const P = new Float64Array(unitCount * groups * n);
  const Q = new Float64Array(unitCount * groups * n);
  for (let u = 0; u < unitCount; u++) {
    const unit = units[u] as SmaaUnit;
    const diffs = unit.diffs ?? model.diffs;
    for (let g = 0; g < groups; g++) {
      const vector = unit.rawBy[Math.min(g, unit.rawBy.length - 1)] ?? [];
      for (let c = 0; c < n; c++) {
        const r = vector[c] ?? 0;
        P[(u * groups + g) * n + c] = r * (diffs[c] ?? 0);
        Q[(u * groups + g) * n + c] = r * (model.sds[c] ?? 0);
      }
    }
  }
  const fixed = units.map((u) => (u.fixed === undefined ? 0 : u.fixed === 'go' ? 1 : 2));
  const softs = units.map((u) => u.soft);
  const unitGo = new Array<number>(unitCount).fill(0);
  const full = { go: 0, rust: 0, hybrid: 0 };
  const only = { go: 0, rust: 0, hybrid: 0 };
  const withOnly = options.weightsOnly !== false;
  const checkpoint = options.checkpoint ?? -1;
  let atCheckpoint: (VerdictCounts & { samples: number }) | undefined;
  const spread = options.spread;
  const data = draws.data;
  // A draw's weight factors, the same for every unit: computed once per draw.
  const factors = new Float64Array(n);
  for (let s = 0; s < samples; s++) {
    if (s === checkpoint) atCheckpoint = { ...full, samples: s };
    const row = s * w;
    const zGc = data[row + 2 * n] as number;
    const zMem = data[row + 2 * n + 1] as number;
    let g = 0;
    if (groups > 1) {
      const pick = data[row + 2 * n + 2] as number;
      while (g < groups - 1 && pick >= (cumulative[g] as number)) g++;
    }
    for (let c = 0; c < n; c++) factors[c] = 1 + spread * (data[row + c] as number);
    let anyGo = false;
    let anyRust = false;
    let onlyGo = false;
    let onlyRust = false;
    for (let u = 0; u < unitCount; u++) {
      const f0 = fixed[u] as number;
      if (f0 !== 0) {
        if (f0 === 1) {
          anyGo = true;
          onlyGo = true;
          unitGo[u] = (unitGo[u] as number) + 1;
        } else {
          anyRust = true;
          onlyRust = true;
        }
        continue;
      }
      let gatedFull = false;
      let gatedOnly = false;
      const soft = softs[u] as readonly SoftGate[];
      for (let k = 0; k < soft.length; k++) {
        const gate = soft[k] as SoftGate;
        if (gate.lnMargin < gate.sd * (gate.model === 'gc' ? zGc : zMem)) gatedFull = true;
        if (gate.lnMargin < 0) gatedOnly = true;
      }
      const base = (u * groups + g) * n;
      let m = 0;
      const z = row + n;
      for (let c = 0; c < n; c++) {
        m +=
          (factors[c] as number) *
          ((P[base + c] as number) + (Q[base + c] as number) * (data[z + c] as number));
      }
      if (gatedFull || m < 0) anyRust = true;
      else {
        anyGo = true;
        unitGo[u] = (unitGo[u] as number) + 1;
      }
      if (!withOnly) continue;
      let mo = 0;
      for (let c = 0; c < n; c++) mo += (factors[c] as number) * (P[base + c] as number);
      if (gatedOnly || mo < 0) onlyRust = true;
      else onlyGo = true;
    }
    if (anyGo && anyRust) full.hybrid++;
    else if (anyRust) full.rust++;
    else full.go++;
    if (!withOnly) continue;
    if (onlyGo && onlyRust) only.hybrid++;
    else if (onlyRust) only.rust++;
    else only.go++;
  }
  if (checkpoint === samples) atCheckpoint = { ...full, samples };
  if (atCheckpoint !== undefined) return { ...full, weightsOnly: only, unitGo, samples, atCheckpoint };
  return { ...full, weightsOnly: only, unitGo, samples };
}

describe('acceptability, pinned', () => {
  const n = 5;
  const draws = makeDraws(11, 3000, n);
  const gateArb = fc.record({
    model: fc.constantFrom('gc' as const, 'memory' as const),
    lnMargin: fc.double({ min: -1, max: 1.5, noNaN: true }),
    sd: fc.double({ min: 0, max: 1, noNaN: true }),
    gate: fc.constant({ id: 'g', favors: 'rust' as const, reason: 'r' }),
  });
  const vectorArb = fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: n, maxLength: n });
  const unitArb = (groups: number) =>
    fc.record({
      fixed: fc.constantFrom(undefined, undefined, undefined, 'go' as const, 'rust' as const),
      soft: fc.array(gateArb, { maxLength: 2 }),
      rawBy: fc.array(vectorArb, { minLength: groups, maxLength: groups }),
      diffs: fc.option(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
        {
          nil: undefined,
        },
      ),
    });
  const modelArb = fc.integer({ min: 0, max: 3 }).chain((people) =>
    fc.record({
      // Units repeated on purpose: the loop counts each distinct unit once and copies its counts.
      units: fc
        .array(unitArb(Math.max(1, people)), { minLength: 1, maxLength: 5 })
        .chain((us) => fc.shuffledSubarray([...us, ...us], { minLength: 1 })),
      diffs: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
      sds: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: n, maxLength: n }),
      groupWeights: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), {
        minLength: people,
        maxLength: people,
      }),
    }),
  );
  const optionsArb = fc.record({
    spread: fc.double({ min: 0, max: 0.5, noNaN: true }),
    limit: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
    weightsOnly: fc.option(fc.boolean(), { nil: undefined }),
    checkpoint: fc.option(fc.integer({ min: -1, max: 3500 }), { nil: undefined }),
  });
  it('counts exactly as the loop as first written, over random models, groups, gates and options', () => {
    fc.assert(
      fc.property(modelArb, optionsArb, (m, options: SmaaOptions) => {
        expect(acceptability(m, draws, options)).toEqual(referenceAcceptability(m, draws, options));
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('counts the same with the WebAssembly kernel (count-wasm.ts) as with countDraws, over random models, groups, gates and options', () => {
    const kernel = wasmCountKernel();
    expect(kernel).toBeDefined();
    fc.assert(
      fc.property(modelArb, optionsArb, (m, options: SmaaOptions) => {
        const expected = acceptability(m, draws, options);
        setCountKernel(kernel);
        try {
          expect(acceptability(m, draws, options)).toEqual(expected);
        } finally {
          setCountKernel(undefined);
        }
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it("keeps the WebAssembly kernel's bytes as count-wasm-assemble.ts assembles them (npx tsx scripts/count-wasm.ts prints them)", () => {
    expect(COUNT_MODULE_BASE64).toBe(Buffer.from(countModuleBytes()).toString('base64'));
  });
});
