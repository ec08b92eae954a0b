/** @module What the API handlers need from outside: the knowledge base, the store and a clock (injected so tests control them). */
import type { KnowledgeBase } from '../core/index.ts';
import type { Store } from '../store/db.ts';

export type ServerDeps = {
  kb: KnowledgeBase;
  db: Store;
  /** The clock used for saved decisions' timestamps. */
  now: () => Date;
};
