/** @module The example profiles shipped in examples/*.yaml, validated at build time and bundled as JSON, so the UI opens them without a server or a YAML parser. */
import examples from 'virtual:gorust/examples';
import type { Profile } from '../../../src/core/browser.ts';

export type ExampleProfile = { id: string; profile: Profile };

/**
 * The bundled examples, sorted by id (the file name without `.yaml`).
 * @example
 * listExamples().find((example) => example.id === 'close-call');
 */
export function listExamples(): ExampleProfile[] {
  return examples;
}
