/** @module Proof that the web and the server share the API's types: the web's types are the server schemas' (checked by the type-check), and a change to a server response schema fails the web's type-check (checked on a copy of the sources). */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { z } from '@hono/zod-openapi';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  CpuKernelRow,
  HeadlineComparison,
  RateStepRow,
  TimelinePoint,
  WorkloadSummary,
} from '../src/lab/analysis/summary-types.ts';
import type {
  DecisionSummary,
  LabRun as LabRunSchema,
  SavedDecision as SavedDecisionSchema,
} from '../src/server/api-schema.ts';
import type { LabRun, SavedDecision, SavedDecisionSummary } from '../web/src/lib/api.ts';

const ROOT = resolve(import.meta.dirname, '..');

describe('the web API client', () => {
  it('returns exactly the types the server schemas declare', () => {
    // Checked by `npm run typecheck`: these fail to compile when the web's types are not the server's.
    expectTypeOf<SavedDecisionSummary>().toEqualTypeOf<z.output<typeof DecisionSummary>>();
    expectTypeOf<SavedDecision['decision']>().toEqualTypeOf<
      z.output<typeof SavedDecisionSchema>['decision']
    >();
    expectTypeOf<SavedDecisionSummary>().toHaveProperty('seed');
    expectTypeOf<SavedDecisionSummary>().toHaveProperty('lab_run');
    type Detail<K> = Extract<LabRun['summary'][number], { kind: K }>['detail'];
    // The lab run is a zod schema too: its summary is the lab's discriminated union (Hono's client maps the JSON
    // of fields typed `unknown` and optional ones, so the whole run is compared field by field where it is plain).
    expectTypeOf<LabRun['summary'][number]['kind']>().toEqualTypeOf<WorkloadSummary['kind']>();
    expectTypeOf<LabRun['steps'][number]['metrics']>().toEqualTypeOf<
      z.output<typeof LabRunSchema>['steps'][number]['metrics']
    >();
    expectTypeOf<LabRun['summary'][number]['comparison']>().toEqualTypeOf<HeadlineComparison | null>();
    expectTypeOf<Detail<'cpu'>['kernels'][number]>().toEqualTypeOf<CpuKernelRow>();
    // The Lab view draws the server's per-rate rows and GC timelines: their types reach the web through the client.
    expectTypeOf<Detail<'latency'>['rate_steps'][number]>().toEqualTypeOf<RateStepRow>();
    expectTypeOf<Detail<'gc-cache'>['rate_steps'][number]>().toEqualTypeOf<RateStepRow>();
    expectTypeOf<
      Detail<'gc-cache'>['gc_timelines'][number]['latency'][number]
    >().toEqualTypeOf<TimelinePoint>();
  });

  /** Copy the sources, change one schema file, and type-check the web: its output, or null when it passed. */
  function webTypecheckWith(file: string, from: string, to: string): string | null {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-api-drift-'));
    try {
      for (const path of ['src', 'web', 'package.json']) {
        cpSync(join(ROOT, path), join(dir, path), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const schema = readFileSync(join(dir, file), 'utf8');
      const changed = schema.replaceAll(from, to);
      expect(changed).not.toBe(schema);
      writeFileSync(join(dir, file), changed);
      try {
        execFileSync(join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'web/tsconfig.json'], {
          cwd: dir,
          encoding: 'utf8',
          stdio: 'pipe',
          timeout: 120_000,
        });
        return null;
      } catch (error) {
        return String((error as { stdout?: string }).stdout ?? '');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // A whole type-check of the web (a few seconds on an idle machine), so it is tagged slow.
  it('fails the web type-check when a server response schema changes', { tags: ['slow'] }, () => {
    // Rename a field of the history list's rows on the server only: the History view reads `row.confidence`.
    const output = webTypecheckWith(
      'src/server/api-schema.ts',
      '    confidence: z.number(),\n',
      '    certainty: z.number(),\n',
    );
    expect(output).toMatch(/web\/src\/views\/history-view\.tsx.*'confidence'/);
  });

  it('fails the web type-check when the lab summary schema changes', { tags: ['slow'] }, () => {
    // Rename the per-rate rows of the latency and gc-cache summaries: the Lab view's model reads `detail.rate_steps`.
    const output = webTypecheckWith(
      'src/lab/analysis/summary-types.ts',
      '      rate_steps: z',
      '      rate_rows: z',
    );
    expect(output).toMatch(/web\/src\/lib\/lab-model\.ts.*'rate_steps'/);
  });
});
