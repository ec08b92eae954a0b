/** @module The workload runners by manifest name: adding a workload means a manifest entry plus one runner here. */
import { boundaryRunner } from './boundary.ts';
import { buildRunner } from './build.ts';
import { cpuRunner } from './cpu.ts';
import { gcCacheRunner } from './gc-cache.ts';
import { httpJsonRunner } from './http-json.ts';
import type { WorkloadRunner } from './types.ts';

export const RUNNERS: Record<string, WorkloadRunner> = Object.fromEntries(
  [httpJsonRunner, gcCacheRunner, cpuRunner, buildRunner, boundaryRunner].map((r) => [r.name, r]),
);
