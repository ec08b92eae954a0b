/**
 * @module The SMAA counting loop (smaa.ts's countDraws) as a small WebAssembly function, for short-lived processes:
 * V8 compiles WebAssembly at once with its baseline compiler (well under a millisecond here), where the JavaScript
 * loop runs interpreted until V8 compiles it with TurboFan on the main thread, about 9 ms of a cold `gorust decide`'s
 * CPU. The module (about 1 KB) is assembled by count-wasm-assemble.ts from the same steps in the same order as
 * countDraws, and kept here as its bytes: WebAssembly's f64 arithmetic is IEEE 754's, as JavaScript's is, and neither fuses a multiply
 * and an add, so every margin, and every count, is the same (count-wasm.test.ts checks it against countDraws). The
 * CLI uses it (smaa.ts setCountKernel); the web app and the server, where TurboFan's code pays off, keep countDraws.
 */
import type { CountKernel } from './smaa.ts';

/** count-wasm-assemble.ts's countModuleBytes(), in base64 (count-wasm.test.ts checks they agree). */
export const COUNT_MODULE_BASE64 =
  'AGFzbQEAAAABGQFgFX9/f398f39/f39/f39/f39/f39/fwADAgEABQMBAAEHEgIGbWVtb3J5AgAFY291bnQAAAraBwHXBwIVfwZ8IAAhFQJAA0AgFSABTg0BIBUgBmwhFiAHIBYgAkECbEEAampBA3RqKwMAISogByAWIAJBAmxBAWpqQQN0aisDACErQQAhFyADQQFKBEAgByAWIAJBAmxBAmpqQQN0aisDACEsAkADQCAXIANBAWtODQEgLCAIIBdBA3RqKwMAZkUNASAXQQFqIRcMAAsLCyALIAJBA3RqISkgCyElIAcgFkEDdGohKAJAA0AgJSApTg0BICVEAAAAAAAA8D8gBCAoKwMAoqA5AwAgJUEIaiElIChBCGohKAwACwtBACEfQQAhIEEAISFBACEiQQAhGAJAA0AgGCANTg0BIAwgGEECdGooAgAhGSAOIBlBAnRqKAIAIRogGkEARwRAIBpBAUYEQEEBIR9BASEhIBMgGUECdGogEyAZQQJ0aigCAEEBajYCAAVBASEgQQEhIgsFQQAhI0EAISQgDyAZQQFqQQJ0aigCACEcIA8gGUECdGooAgAhGwJAA0AgGyAcTg0BIBAgG0EDdGorAwAhLyAvIBEgG0EDdGorAwAgKiArIBIgG0ECdGooAgBBAUYbomMEQEEBISMLIC9EAAAAAAAAAABjBEBBASEkCyAbQQFqIRsMAAsLIBkgA2wgF2ogAmwhHSAjBEBBASEgBUQAAAAAAAAAACEtIBYgAmohHiALISUgCSAdQQN0aiEmIAogHUEDdGohJyAHIB5BA3RqISgCQANAICUgKU4NASAtICUrAwAgJisDACAnKwMAICgrAwCioKKgIS0gJUEIaiElICZBCGohJiAnQQhqIScgKEEIaiEoDAALCyAtRAAAAAAAAAAAYwRAQQEhIAVBASEfIBMgGUECdGogEyAZQQJ0aigCAEEBajYCAAsLIAUEQCAkBEBBASEiBUQAAAAAAAAAACEuIAshJSAJIB1BA3RqISYCQANAICUgKU4NASAuICUrAwAgJisDAKKgIS4gJUEIaiElICZBCGohJgwACwsgLkQAAAAAAAAAAGMEQEEBISIFQQEhIQsLCwsgGEEBaiEYDAALCyAfICBxBEAgFEECQQJ0aiAUQQJBAnRqKAIAQQFqNgIABSAgBEAgFEEBQQJ0aiAUQQFBAnRqKAIAQQFqNgIABSAUQQBBAnRqIBRBAEECdGooAgBBAWo2AgALCyAFBEAgISAicQRAIBRBBUECdGogFEEFQQJ0aigCAEEBajYCAAUgIgRAIBRBBEECdGogFEEEQQJ0aigCAEEBajYCAAUgFEEDQQJ0aiAUQQNBAnRqKAIAQQFqNgIACwsLIBVBAWohFQwACwsL';

type CountFunction = (...args: number[]) => void;

/** The part of the WebAssembly API used here (the core's type-check has no DOM or WebAssembly library types). */
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
  ) => {
    exports: { memory: { buffer: ArrayBuffer; grow: (pages: number) => number }; count: CountFunction };
  };
};

/**
 * A CountKernel running countDraws as WebAssembly, or undefined where WebAssembly is not available. The draws are
 * copied into the module's memory once per draws array; each call copies the unit arrays (a few KB) and the counts.
 * @example
 * setCountKernel(wasmCountKernel());
 */
export function wasmCountKernel(): CountKernel | undefined {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return undefined;
  let instance: InstanceType<WasmApi['Instance']>;
  try {
    instance = new wasm.Instance(
      new wasm.Module(Uint8Array.from(atob(COUNT_MODULE_BASE64), (ch) => ch.charCodeAt(0))),
    );
  } catch {
    return undefined;
  }
  const { memory, count } = instance.exports;
  let loaded: Float64Array | undefined;
  return (from, to, n, groups, spread, withOnly, data, cumulative, P, Q, shape, unitGo, counts) => {
    // Layout: the draws at 0, then each array 8-byte aligned.
    let end = data.byteLength;
    const place = (bytes: number) => {
      const at = end;
      end += Math.ceil(bytes / 8) * 8;
      return at;
    };
    const at = {
      cumulative: place(cumulative.byteLength),
      P: place(P.byteLength),
      Q: place(Q.byteLength),
      factors: place(n * 8),
      distinct: place(shape.distinct.length * 4),
      fixed: place(shape.fixed.length * 4),
      softStart: place(shape.softStart.length * 4),
      softLn: place(shape.softLn.byteLength),
      softSd: place(shape.softSd.byteLength),
      softGc: place(shape.softGc.length * 4),
      unitGo: place(unitGo.byteLength),
      counts: place(counts.byteLength),
    };
    const pages = Math.ceil(end / 65_536);
    if (memory.buffer.byteLength < pages * 65_536) {
      memory.grow(pages - memory.buffer.byteLength / 65_536);
      loaded = undefined;
    }
    const buffer = memory.buffer;
    if (loaded !== data) {
      new Float64Array(buffer, 0, data.length).set(data);
      loaded = data;
    }
    const f64 = (offset: number, values: Float64Array) =>
      new Float64Array(buffer, offset, values.length).set(values);
    const i32 = (offset: number, values: ArrayLike<number>) =>
      new Int32Array(buffer, offset, values.length).set(values);
    f64(at.cumulative, cumulative);
    f64(at.P, P);
    f64(at.Q, Q);
    i32(at.distinct, shape.distinct);
    i32(at.fixed, shape.fixed);
    i32(at.softStart, shape.softStart);
    f64(at.softLn, shape.softLn);
    f64(at.softSd, shape.softSd);
    i32(at.softGc, shape.softGc);
    i32(at.unitGo, unitGo);
    i32(at.counts, counts);
    count(
      from,
      to,
      n,
      groups,
      spread,
      withOnly ? 1 : 0,
      2 * n + 3,
      0,
      at.cumulative,
      at.P,
      at.Q,
      at.factors,
      at.distinct,
      shape.distinct.length,
      at.fixed,
      at.softStart,
      at.softLn,
      at.softSd,
      at.softGc,
      at.unitGo,
      at.counts,
    );
    unitGo.set(new Int32Array(buffer, at.unitGo, unitGo.length));
    counts.set(new Int32Array(buffer, at.counts, counts.length));
  };
}
