/** @module The core as `gorust decide` imports it (and the CLI's shared helpers): the part of index.ts the command needs, without the knowledge base's parser and schema (the built CLI reads the knowledge base prebuilt) or the decision's schema (the JSON's key order comes from the build), and with profiles read by parseProfileTextQuickly, which accepts a valid profile without zod. A separate list because a module that imports index.ts runs every module index.ts re-exports, and building those zod schemas is a good part of a cold process's start-up (test/cli/built.test.ts checks that `decide` of a valid profile loads no zod). */

export type { LabEvidence } from './decision/lab-evidence.ts';
export type { Decision } from './decision/schema.ts';
export { wasmCountKernel } from './engine/count-wasm.ts';
export { decide } from './engine/decide.ts';
export { type DrawsStore, setCountKernel, setDrawsStore } from './engine/smaa.ts';
export type { InputProblem } from './errors.ts';
export { InternalError, UserError } from './errors.ts';
export { KB_FILES } from './kb/files.ts';
export type { KnowledgeBase } from './kb/schema.ts';
export { PROFILE_LIMITS } from './profile/problems.ts';
export { parseProfileTextQuickly } from './profile/read-text-quick.ts';
export type { Profile } from './profile/schema.ts';
export type { AdrOptions, AdrRecordData, EvidenceSources } from './report/adr.ts';
export {
  adrFileName,
  adrRecordProblem,
  evidenceSources,
  readAdrRecordData,
  renderAdr,
  TIE_BREAKER,
  TIE_BREAKER_LABEL,
} from './report/adr.ts';
export { fileSlug } from './report/escape.ts';
export type { KeyOrder } from './report/json-order.ts';
export { renderJsonInOrder } from './report/json-order.ts';
export { renderMarkdown } from './report/markdown.ts';
export { renderText } from './report/text.ts';
export { revisitTriggers } from './report/triggers.ts';
