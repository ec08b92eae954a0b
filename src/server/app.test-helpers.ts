/** @module Shared fixtures of the API tests: an app over an in-memory store and the real knowledge base, a fixed clock, request builders. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { type KnowledgeBase, parseProfileText } from '../core/index.ts';
import { readKnowledgeBase } from '../io/kb-files.ts';
import { openStore } from '../store/db.ts';
import { createRun, finishRun, recordStep } from '../store/lab-runs.ts';
import { createApp } from './app.ts';

export const XSS = '<img src=x onerror=alert(1)>';
export const PROFILE_YAML = readFileSync(
  new URL('../../examples/startup-rest-api.yaml', import.meta.url),
  'utf8',
);
export const PROFILE = parseProfileText(PROFILE_YAML, 'startup-rest-api.yaml');
export const NOW = new Date('2026-11-27T09:30:00.000Z');

let cachedKb: KnowledgeBase | undefined;
/** The package's knowledge base, read once per test file. */
export function testKb(): KnowledgeBase {
  cachedKb ??= readKnowledgeBase();
  return cachedKb;
}

/** An app with no UI folder, a fresh in-memory store and a fixed clock. */
export function makeApp(extra: Parameters<typeof createApp>[0] = {}) {
  const db = openStore(':memory:');
  return { db, app: createApp({ db, kb: testKb(), webRoot: null, now: () => NOW, ...extra }) };
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** The problem+json body of a response, after checking its media type. */
export async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { path: string; expected: string; found: string; message: string; suggestion?: string }[];
  };
}

/** A boundary run whose gRPC p99 (4 ms on loopback) the anchors flag as a probable harness problem. */
export function storeFlaggedBoundaryRun(db: ReturnType<typeof openStore>, id = 'run-flagged'): string {
  const run = createRun(db, { mode: 'standard', workloads: ['boundary'], id });
  const batch = (variant: string, lang: string, metrics: Record<string, number | string>) =>
    recordStep(db, run.id, {
      workload: 'boundary',
      lang,
      variant,
      kind: 'batch',
      repeat: 0,
      valid: true,
      reasons: [],
      metrics,
      started_at: NOW.toISOString(),
      duration_ms: 1000,
    });
  batch('go-cgo', 'go', { ffi_empty_ns: 40, ffi_1k_ns: 80, wall_s: 3 });
  batch('grpc', 'go->rust', { mode: 'grpc', p50_us: 130, p99_us: 4000, wall_s: 2 });
  finishRun(db, run.id, 'completed');
  return run.id;
}
