/** @module Proof that the web and the server share the API's types: the web's types are the server schemas' (checked by the type-check), and a change to a server response schema fails the web's type-check (checked on a copy of the sources). */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { z } from '@hono/zod-openapi';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RateStepRow, TimelinePoint } from '../src/lab/analysis/summary-types.ts';
import type { DecisionSummary, SavedDecision as SavedDecisionSchema } from '../src/server/api-schema.ts';
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
    // The Lab view draws the server's per-rate rows and GC timelines: their types reach the web through the client.
    type Detail<K> = Extract<LabRun['summary'][number], { kind: K }>['detail'];
    expectTypeOf<Detail<'latency'>['rate_steps'][number]>().toEqualTypeOf<RateStepRow>();
    expectTypeOf<Detail<'gc-cache'>['rate_steps'][number]>().toEqualTypeOf<RateStepRow>();
    expectTypeOf<
      Detail<'gc-cache'>['gc_timelines'][number]['latency'][number]
    >().toEqualTypeOf<TimelinePoint>();
  });

  // A whole type-check of the web (a few seconds on an idle machine), so it is tagged slow.
  it('fails the web type-check when a server response schema changes', { tags: ['slow'] }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-api-drift-'));
    try {
      for (const path of ['src', 'web', 'package.json']) {
        cpSync(join(ROOT, path), join(dir, path), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      // Rename a field of the history list's rows on the server only.
      const schemaFile = join(dir, 'src', 'server', 'api-schema.ts');
      const schema = readFileSync(schemaFile, 'utf8');
      const changed = schema.replace('    confidence: z.number(),\n', '    certainty: z.number(),\n');
      expect(changed).not.toBe(schema);
      writeFileSync(schemaFile, changed);

      let output = '';
      let failed = false;
      try {
        execFileSync(join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'web/tsconfig.json'], {
          cwd: dir,
          encoding: 'utf8',
          stdio: 'pipe',
          timeout: 120_000,
        });
      } catch (error) {
        failed = true;
        output = String((error as { stdout?: string }).stdout ?? '');
      }
      expect(failed).toBe(true);
      // The History view reads `row.confidence`, which the server no longer sends.
      expect(output).toMatch(/web\/src\/views\/history-view\.tsx.*'confidence'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
