/** @module What the API handlers need from outside: the knowledge base, the store, a clock and the decider (injected so tests control them). */
import type { KnowledgeBase } from '../core/index.ts';
import type { Store } from '../store/db.ts';
import type { Decider } from './decide-pool.ts';

export type ServerDeps = {
  kb: KnowledgeBase;
  db: Store;
  /** The clock used for saved decisions' timestamps. */
  now: () => Date;
  /** Runs decide(): a pool of worker threads (off the event loop), or inline in tests that ask for it. */
  decider: Decider;
};
