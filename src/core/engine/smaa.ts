/**
 * @module SMAA-2 acceptability (Lahdelma and Salminen 2001): the share of an uncertainty space in which each verdict
 * wins. Each draw perturbs every criterion's weight (x a factor in [1 - spread, 1 + spread]), every rating difference
 * (+ sd x a standard-normal deviate, sd from the evidence's confidence), the uncertain models behind the soft gates
 * (GC tail, Go memory need; log-normal), and, for a group, picks one stakeholder's weights by their weight. The
 * draws are generated once per decision from the seed and reused (common random numbers), so comparisons between
 * variants of a profile (decisive facts, stakeholders) are not blurred by sampling noise.
 */
import type { Language } from '../profile/vocabulary.ts';
import type { SoftGate } from './gates.ts';

/** One decision unit (the project, or a component) as SMAA sees it. */
export type SmaaUnit = {
  /** Set when a hard gate decided the unit. */
  fixed: Language | undefined;
  /** Gates on uncertain models: a unit goes Rust in any draw where one holds. */
  soft: readonly SoftGate[];
  /** Raw weights in criterion order, one vector per stakeholder (one vector without stakeholders). */
  rawBy: readonly (readonly number[])[];
  /** The unit's own rating differences, when they differ from the model's (its interop counterpart). */
  diffs?: readonly number[] | undefined;
};

export type SmaaModel = {
  units: readonly SmaaUnit[];
  /** Go-minus-Rust rating differences and their standard deviations, in criterion order. */
  diffs: readonly number[];
  sds: readonly number[];
  /** Relative weight of each stakeholder (length of rawBy); empty or one entry without stakeholders. */
  groupWeights: readonly number[];
};

/** The random draws of one decision: `samples` rows of `width` numbers. */
export type Draws = { samples: number; criteria: number; data: Float64Array };

/** Columns of a draw row: criteria weight factors (uniform in [-1, 1)), criteria rating deviates (N(0,1)), then gc, memory, group. */
function width(criteria: number): number {
  return 2 * criteria + 3;
}

/**
 * Generate the draws for a seed (deterministic: same seed, same draws).
 * @example
 * const draws = makeDraws(1, 10_000, 12);
 */
export function makeDraws(seed: number, samples: number, criteria: number): Draws {
  // The draws depend on (seed, samples, criteria) alone: the last set is kept, so the web app's re-runs on every
  // slider move (same seed) do not regenerate them. They are never written after creation.
  const cached = LAST_DRAWS;
  if (
    cached !== undefined &&
    cached.seed === seed &&
    cached.draws.samples === samples &&
    cached.draws.criteria === criteria
  ) {
    return cached.draws;
  }
  const stored = DRAWS_STORE?.load(seed, samples, criteria);
  let draws: Draws;
  if (stored !== undefined && storedDrawsHold(seed, samples, criteria, stored)) {
    draws = { samples, criteria, data: stored };
  } else {
    draws = generateDraws(seed, samples, criteria);
    DRAWS_STORE?.save(seed, samples, criteria, draws.data);
  }
  LAST_DRAWS = { seed, draws };
  return draws;
}

let LAST_DRAWS: { seed: number; draws: Draws } | undefined;

/**
 * Where draws made by an earlier process are kept, so a short-lived one (the CLI) does not make them again: about
 * 20 ms of a cold `gorust decide`, three hot loops compiled for 2 MB of numbers. The core keeps none itself (it does
 * no I/O); src/io/draws-cache.ts keeps them in the cache folder.
 */
export type DrawsStore = {
  /** The draws kept for these parameters, if any (checked before use: see storedDrawsHold). */
  load: (seed: number, samples: number, criteria: number) => Float64Array | undefined;
  /** Keep freshly made draws; a store that cannot write ignores it. */
  save: (seed: number, samples: number, criteria: number, data: Float64Array) => void;
};

let DRAWS_STORE: DrawsStore | undefined;

/**
 * Use a store for the draws of later decisions (undefined: none, the default).
 * @example
 * setDrawsStore(fileDrawsStore(cacheFolder));
 */
export function setDrawsStore(store: DrawsStore | undefined): void {
  DRAWS_STORE = store;
}

/** Cells checked in stored draws: spread over every row range and column. */
const CHECKED_CELLS = 257;

/**
 * Whether stored draws are the ones generateDraws would make: the right length, and 257 cells spread over the whole
 * array, each of every kind of column, equal to drawCell's value for them. A store written by a build whose
 * generator differed, for another seed, or damaged in those places, is refused and the draws made again.
 */
function storedDrawsHold(seed: number, samples: number, criteria: number, data: Float64Array): boolean {
  const w = width(criteria);
  if (data.length !== samples * w) return false;
  const step = Math.max(1, Math.floor(data.length / CHECKED_CELLS));
  for (let k = 0; k < CHECKED_CELLS; k++) {
    // Odd strides and an offset per k reach every column over the checks.
    const index = Math.min(data.length - 1, k * step + (k % w));
    if (!Object.is(data[index], drawCell(seed, criteria, index))) return false;
  }
  return Object.is(data[data.length - 1], drawCell(seed, criteria, data.length - 1));
}

/**
 * One cell of generateDraws's output computed on its own (mulberry32's state after n steps is seed + n x its
 * increment): what storedDrawsHold checks stored draws against. smaa.test.ts pins it to generateDraws cell by cell.
 */
export function drawCell(seed: number, criteria: number, index: number): number {
  const w = width(criteria);
  const a = ((seed >>> 0) + Math.imul(Math.floor(index / 2) + 1, 0x6d2b79f5)) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const x = (t ^ (t >>> 14)) >>> 0;
  const half = index % 2 === 0 ? x >>> 16 : x & 0xffff;
  const c = index % w;
  if (c < criteria) return (2 * half + 1) / 65536 - 1;
  if (c < w - 1) return inverseNormal(((half >>> 3) + 0.5) / NORMAL_TABLE_SIZE);
  return (half + 0.5) / 65536;
}

function generateDraws(seed: number, samples: number, criteria: number): Draws {
  const w = width(criteria);
  const data = new Float64Array(samples * w);
  // mulberry32 (same generator as robustness.ts), each 32-bit output split into two 16-bit halves, the high one first:
  // 65,536 levels are plenty for a weight factor and for picking one of the normal table's 8,192 cells. Every draw
  // row takes w halves in column order, so the halves are made in one tight loop first, then mapped. The length is
  // even so the loop never writes past the end (an out-of-bounds write would throw V8's optimised code away).
  const halves = new Uint16Array((samples * w + 2) & ~1);
  fillHalves(halves, seed);
  mapDraws(halves, data, normalTable(), samples, criteria);
  return { samples, criteria, data };
}

/*
 * The hot loops of a decision are small functions over typed arrays and numbers only: a CLI process lives a few
 * hundred milliseconds, so V8 compiles each of them once, early, and nothing after a loop sends it back to the
 * interpreter for want of type feedback.
 */

function fillHalves(halves: Uint16Array, seed: number): void {
  let a = seed >>> 0;
  for (let i = 0; i < halves.length; i += 2) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const x = (t ^ (t >>> 14)) >>> 0;
    halves[i] = x >>> 16;
    halves[i + 1] = x & 0xffff;
  }
}

function mapDraws(
  halves: Uint16Array,
  data: Float64Array,
  table: Float64Array,
  samples: number,
  criteria: number,
): void {
  const w = width(criteria);
  for (let s = 0; s < samples; s++) {
    const row = s * w;
    for (let c = 0; c < criteria; c++) data[row + c] = (2 * (halves[row + c] as number) + 1) / 65536 - 1;
    for (let c = criteria; c < w - 1; c++) data[row + c] = table[(halves[row + c] as number) >>> 3] as number;
    data[row + w - 1] = ((halves[row + w - 1] as number) + 0.5) / 65536;
  }
}

let NORMAL_TABLE: Float64Array | undefined;
const NORMAL_TABLE_SIZE = 8192;

/**
 * Standard-normal deviates by inverse transform from a table of 8,192 equiprobable quantiles (the midpoints of
 * equal-probability cells): one uniform and one lookup per deviate, several times cheaper than Box-Muller; the
 * table's tails reach +-3.9 sd, far enough for acceptabilities reported to 4 decimals.
 */
function normalTable(): Float64Array {
  if (NORMAL_TABLE !== undefined) return NORMAL_TABLE;
  const size = NORMAL_TABLE_SIZE;
  const table = new Float64Array(size);
  for (let i = 0; i < size; i++) table[i] = inverseNormal((i + 0.5) / size);
  NORMAL_TABLE = table;
  return table;
}

// Acklam's coefficients.
const A0 = -39.69683028665376;
const A1 = 220.9460984245205;
const A2 = -275.9285104469687;
const A3 = 138.357751867269;
const A4 = -30.66479806614716;
const A5 = 2.506628277459239;
const B0 = -54.47609879822406;
const B1 = 161.5858368580409;
const B2 = -155.6989798598866;
const B3 = 66.80131188771972;
const B4 = -13.28068155288572;
const C0 = -0.007784894002430293;
const C1 = -0.3223964580411365;
const C2 = -2.400758277161838;
const C3 = -2.549732539343734;
const C4 = 4.374664141464968;
const C5 = 2.938163982698783;
const D0 = 0.007784695709041462;
const D1 = 0.3224671290700398;
const D2 = 2.445134137142996;
const D3 = 3.754408661907416;

/** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
export function inverseNormal(p: number): number {
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) /
      ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) /
      ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) /
    (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1)
  );
}

export type SmaaOptions = {
  /** Weight spread: each weight times a factor in [1 - spread, 1 + spread]. */
  spread: number;
  /** Use at most this many draws (the first ones). */
  limit?: number | undefined;
  /** Also count with the weights alone perturbed (default true); a caller that reads only the full counts skips it. */
  weightsOnly?: boolean | undefined;
  /** Also report the full counts over the first this many draws (as a run with `limit` would give them). */
  checkpoint?: number | undefined;
};

export type VerdictCounts = { go: number; rust: number; hybrid: number };

export type SmaaResult = VerdictCounts & {
  /** The same draws with the ratings and the soft gates' models exact: weights only ("robustness to priorities"); all 0 with `weightsOnly: false`. */
  weightsOnly: VerdictCounts;
  /** Per unit, the number of draws in which it came out Go (full uncertainty). */
  unitGo: number[];
  /** Draws used. */
  samples: number;
  /** The full counts over the first `checkpoint` draws, when asked for and within the draws used. */
  atCheckpoint?: VerdictCounts & { samples: number };
};

/**
 * Count the verdicts over the draws, with every uncertainty and with the weights alone, in one pass.
 * @example
 * acceptability(model, draws, { spread: 0.3 }); // { go: 9120, rust: 880, hybrid: 0, weightsOnly: {...}, ... }
 */
export function acceptability(model: SmaaModel, draws: Draws, options: SmaaOptions): SmaaResult {
  const n = draws.criteria;
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
  const shape = unitShape(units, P, Q, groups * n);
  const unitGo = new Int32Array(unitCount);
  // full go, rust, hybrid; weights-only go, rust, hybrid.
  const counts = new Int32Array(6);
  const count = (from: number, to: number) =>
    (COUNT_KERNEL ?? countDraws)(
      from,
      to,
      n,
      groups,
      options.spread,
      options.weightsOnly !== false,
      draws.data,
      cumulative,
      P,
      Q,
      shape,
      unitGo,
      counts,
    );
  const checkpoint = options.checkpoint ?? -1;
  let atCheckpoint: (VerdictCounts & { samples: number }) | undefined;
  if (Number.isInteger(checkpoint) && checkpoint >= 0 && checkpoint <= samples) {
    count(0, checkpoint);
    atCheckpoint = { go: counts[0] ?? 0, rust: counts[1] ?? 0, hybrid: counts[2] ?? 0, samples: checkpoint };
    count(checkpoint, samples);
  } else {
    count(0, samples);
  }
  // A unit identical to an earlier one (same gates and weighted ratings) came out as that one in every draw.
  const unitGoCounts = Array.from(shape.same, (u) => unitGo[u] ?? 0);
  const full = { go: counts[0] ?? 0, rust: counts[1] ?? 0, hybrid: counts[2] ?? 0 };
  const only = { go: counts[3] ?? 0, rust: counts[4] ?? 0, hybrid: counts[5] ?? 0 };
  if (atCheckpoint !== undefined)
    return { ...full, weightsOnly: only, unitGo: unitGoCounts, samples, atCheckpoint };
  return { ...full, weightsOnly: only, unitGo: unitGoCounts, samples };
}

/** The units as the counting loop reads them: typed arrays, each distinct unit once. */
export type UnitShape = {
  /** The distinct units, by index (a unit equal to an earlier one is left out). */
  distinct: Int32Array;
  /** Per unit, the index of the first unit equal to it (itself when distinct). */
  same: Int32Array;
  /** Per unit: 0 free, 1 fixed to Go, 2 fixed to Rust. */
  fixed: Int8Array;
  /** Unit u's soft gates are entries softStart[u] to softStart[u + 1] - 1 of the soft arrays. */
  softStart: Int32Array;
  softLn: Float64Array;
  softSd: Float64Array;
  /** 1 when the gate's model is the GC tail's, 0 for the memory need's. */
  softGc: Uint8Array;
};

function unitShape(units: readonly SmaaUnit[], P: Float64Array, Q: Float64Array, stride: number): UnitShape {
  const unitCount = units.length;
  const fixed = new Int8Array(unitCount);
  const softStart = new Int32Array(unitCount + 1);
  const gates: SoftGate[] = [];
  const keys = new Map<string, number>();
  const distinct: number[] = [];
  const same = new Int32Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const unit = units[u] as SmaaUnit;
    fixed[u] = unit.fixed === undefined ? 0 : unit.fixed === 'go' ? 1 : 2;
    softStart[u] = gates.length;
    gates.push(...unit.soft);
    const key = [
      fixed[u],
      unit.soft.map((g) => `${g.model}:${g.lnMargin}:${g.sd}`).join(','),
      P.subarray(u * stride, (u + 1) * stride).join(','),
      Q.subarray(u * stride, (u + 1) * stride).join(','),
    ].join('|');
    const first = keys.get(key);
    if (first === undefined) {
      keys.set(key, u);
      distinct.push(u);
      same[u] = u;
    } else {
      same[u] = first;
    }
  }
  softStart[unitCount] = gates.length;
  return {
    distinct: Int32Array.from(distinct),
    same,
    fixed,
    softStart,
    softLn: Float64Array.from(gates, (g) => g.lnMargin),
    softSd: Float64Array.from(gates, (g) => g.sd),
    softGc: Uint8Array.from(gates, (g) => (g.model === 'gc' ? 1 : 0)),
  };
}

/** What counts the draws: countDraws, or another implementation of it giving the same counts (setCountKernel). */
export type CountKernel = typeof countDraws;

let COUNT_KERNEL: CountKernel | undefined;

/**
 * Count the draws with this implementation of countDraws from now on (undefined: countDraws itself, the default).
 * The CLI passes count-wasm.ts's, which costs a short-lived process less CPU; it must give countDraws's counts.
 * @example
 * setCountKernel(wasmCountKernel());
 */
export function setCountKernel(kernel: CountKernel | undefined): void {
  COUNT_KERNEL = kernel;
}

/** Count draws from..to-1 into counts (full go, rust, hybrid, weights-only go, rust, hybrid) and unitGo. */
export function countDraws(
  from: number,
  to: number,
  n: number,
  groups: number,
  spread: number,
  withOnly: boolean,
  data: Float64Array,
  cumulative: Float64Array,
  P: Float64Array,
  Q: Float64Array,
  shape: UnitShape,
  unitGo: Int32Array,
  counts: Int32Array,
): void {
  const w = width(n);
  const { distinct, fixed, softStart, softLn, softSd, softGc } = shape;
  // A draw's weight factors, the same for every unit: computed once per draw.
  const factors = new Float64Array(n);
  for (let s = from; s < to; s++) {
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
    for (let k = 0; k < distinct.length; k++) {
      const u = distinct[k] as number;
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
      const softEnd = softStart[u + 1] as number;
      for (let j = softStart[u] as number; j < softEnd; j++) {
        const ln = softLn[j] as number;
        if (ln < (softSd[j] as number) * (softGc[j] === 1 ? zGc : zMem)) gatedFull = true;
        if (ln < 0) gatedOnly = true;
      }
      const base = (u * groups + g) * n;
      if (gatedFull) {
        anyRust = true;
      } else {
        let m = 0;
        const z = row + n;
        for (let c = 0; c < n; c++) {
          m +=
            (factors[c] as number) *
            ((P[base + c] as number) + (Q[base + c] as number) * (data[z + c] as number));
        }
        if (m < 0) anyRust = true;
        else {
          anyGo = true;
          unitGo[u] = (unitGo[u] as number) + 1;
        }
      }
      if (!withOnly) continue;
      if (gatedOnly) {
        onlyRust = true;
      } else {
        let mo = 0;
        for (let c = 0; c < n; c++) mo += (factors[c] as number) * (P[base + c] as number);
        if (mo < 0) onlyRust = true;
        else onlyGo = true;
      }
    }
    if (anyGo && anyRust) counts[2] = (counts[2] as number) + 1;
    else if (anyRust) counts[1] = (counts[1] as number) + 1;
    else counts[0] = (counts[0] as number) + 1;
    if (!withOnly) continue;
    if (onlyGo && onlyRust) counts[5] = (counts[5] as number) + 1;
    else if (onlyRust) counts[4] = (counts[4] as number) + 1;
    else counts[3] = (counts[3] as number) + 1;
  }
}
