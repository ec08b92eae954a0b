/** @module A real stored lab run for tests (fixtures/run-gc-cache-standard.json: a standard gc-cache run measured on the development machine, see fixtures/README.md), loaded into a store as the runner wrote it. */
import { readFileSync } from 'node:fs';
import type { Store } from '../../store/db.ts';
import { createRun, finishRun, type NewStep, type RunRecord, recordStep } from '../../store/lab-runs.ts';

type Fixture = {
  run: Pick<RunRecord, 'id' | 'started_at' | 'status' | 'mode' | 'workloads'> & {
    environment: Record<string, unknown>;
  };
  steps: NewStep[];
};

/**
 * Store the real gc-cache run (its id, mode, environment and all 50 steps) and close it as it closed; returns its id.
 * @example
 * const id = storeRealGcCacheRun(openStore(':memory:'));
 */
export function storeRealGcCacheRun(db: Store): string {
  const fixture = JSON.parse(
    readFileSync(new URL('./fixtures/run-gc-cache-standard.json', import.meta.url), 'utf8'),
  ) as Fixture;
  const { run, steps } = fixture;
  createRun(db, {
    id: run.id,
    mode: run.mode,
    workloads: run.workloads,
    environment: run.environment,
    startedAt: new Date(run.started_at),
  });
  for (const step of steps) recordStep(db, run.id, step);
  finishRun(db, run.id, 'completed');
  return run.id;
}
