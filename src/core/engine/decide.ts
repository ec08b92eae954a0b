/** @module decide(): profile + knowledge base (+ measured lab evidence) -> Decision. Pure and deterministic. */

import type { LabEvidence } from '../decision/lab-evidence.ts';
import type { Decision } from '../decision/schema.ts';
import type { KnowledgeBase } from '../kb/schema.ts';
import type { Profile } from '../profile/schema.ts';

export type DecideOptions = {
  /** Seed of the Monte-Carlo robustness analysis; same profile and seed give byte-identical output. Default 1. */
  seed?: number | undefined;
  /** Monte-Carlo samples; default 10,000 (the web app's sliders use fewer). */
  samples?: number | undefined;
  /** Measured figures from a lab run; they replace the knowledge base's priors where present. */
  lab?: LabEvidence | undefined;
};

/**
 * Decide Go, Rust or hybrid for a validated profile.
 * @example
 * const decision = decide(profile, kb, { seed: 1 });
 */
export function decide(_profile: Profile, _kb: KnowledgeBase, _options: DecideOptions = {}): Decision {
  // Placeholder until the engine lands (issue 2); replaced, not extended.
  throw new Error('decide() is not implemented yet');
}
