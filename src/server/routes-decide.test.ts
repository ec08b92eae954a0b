/** @module Tests of POST /api/decide?lab=: the figures a lab run left out come back as `lab_excluded`, added after the decision's own fields, and the OpenAPI document describes it. */
import { describe, expect, it } from 'vitest';
import { decide, renderJson } from '../core/index.ts';
import { labEvidenceFromRun } from '../lab/analysis/evidence.ts';
import { createRun, finishRun, recordStep, requireRun } from '../store/lab-runs.ts';
import { makeApp, NOW, PROFILE, postJson, storeFlaggedBoundaryRun, testKb } from './app.test-helpers.ts';

const decideUrl = (query: string) => `/api/decide?seed=7&samples=500${query}`;

describe('POST /api/decide?lab=', () => {
  it('returns the figures the run left out as lab_excluded, after the unchanged decision', async () => {
    const { app, db } = makeApp();
    const id = storeFlaggedBoundaryRun(db);
    const res = await app.request(decideUrl(`&lab=${id}`), postJson(PROFILE));
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as Record<string, unknown> & {
      lab_run?: string;
      lab_excluded: { figure: string; reason: string }[];
    };
    // Its one figure left out, the run replaced no prior: the decision names no lab run (CONTRACT.md `lab_run`).
    expect(body.lab_run).toBeUndefined();
    expect(body.lab_excluded).toEqual([
      { figure: 'boundary grpc_p99_us', reason: expect.stringContaining('probable harness problem') },
    ]);
    expect(Object.keys(body).at(-1)).toBe('lab_excluded');
    // Additive: without the new key, the body is the decision JSON the CLI prints for the same run.
    const lab = labEvidenceFromRun(requireRun(db, id), { sloP99Ms: PROFILE.workload.latency_slo?.p99_ms });
    const { lab_excluded: _excluded, ...decision } = body;
    expect(`${JSON.stringify(decision, null, 2)}\n`).toBe(
      renderJson(decide(PROFILE, testKb(), { seed: 7, samples: 500, lab })),
    );
  });

  it('says [] when the run left nothing out, and adds nothing without ?lab=', async () => {
    const { app, db } = makeApp();
    const run = createRun(db, { mode: 'standard', workloads: ['boundary'], id: 'run-clean' });
    recordStep(db, run.id, {
      workload: 'boundary',
      lang: 'go',
      variant: 'go-cgo',
      kind: 'batch',
      repeat: 0,
      valid: true,
      reasons: [],
      metrics: { ffi_empty_ns: 40, ffi_1k_ns: 80, wall_s: 3 },
      started_at: NOW.toISOString(),
      duration_ms: 1000,
    });
    finishRun(db, run.id, 'completed');
    const clean = (await (await app.request(decideUrl('&lab=run-clean'), postJson(PROFILE))).json()) as {
      lab_excluded?: unknown;
    };
    expect(clean.lab_excluded).toEqual([]);
    const plain = await app.request(decideUrl(''), postJson(PROFILE));
    expect(await plain.text()).toBe(renderJson(decide(PROFILE, testKb(), { seed: 7, samples: 500 })));
  });

  it('is described in the OpenAPI document: the 200 response allows every key the route returns', async () => {
    const { app, db } = makeApp();
    storeFlaggedBoundaryRun(db);
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post?: { responses: Record<string, { content: Record<string, unknown> }> } }>;
      components: {
        schemas: Record<string, { properties: Record<string, unknown>; additionalProperties?: boolean }>;
      };
    };
    expect(doc.paths['/api/decide']?.post?.responses['200']?.content['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/DecideResponse' },
    });
    const schema = doc.components.schemas.DecideResponse;
    expect(schema?.properties.lab_excluded).toMatchObject({ type: 'array' });
    // Every Decision field is still there, so a client of the Decision schema reads the response unchanged.
    expect(Object.keys(schema?.properties ?? {})).toEqual([
      ...Object.keys(doc.components.schemas.Decision?.properties ?? {}),
      'lab_excluded',
    ]);
    const body = (await (await app.request(decideUrl('&lab=latest'), postJson(PROFILE))).json()) as object;
    for (const key of Object.keys(body)) expect(schema?.properties).toHaveProperty(key);
  });
});
