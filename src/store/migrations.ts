/** @module The store's schema history: numbered migrations, never edited once released, only appended. */

export type Migration = { version: number; name: string; sql: string };

/**
 * Version 1 belongs to the lab (runs, steps, histograms, environments); version 2 to saved decisions.
 * Append new versions at the end; never renumber.
 */
export const MIGRATIONS: Migration[] = [];
