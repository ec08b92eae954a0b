/** @module `npx tsx scripts/count-wasm.ts`: prints the counting loop's WebAssembly module (count-wasm-assemble.ts) in base64, the value of COUNT_MODULE_BASE64 in src/core/engine/count-wasm.ts. */
import { countModuleBytes } from '../src/core/engine/count-wasm-assemble.ts';

console.log(Buffer.from(countModuleBytes()).toString('base64'));
