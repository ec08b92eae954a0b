/** @module API tests through app.request() (no socket), with an in-memory store and the real knowledge base: decide, KB, saved decisions, exports, OpenAPI, static UI, and the guards (bad and oversized bodies, wrong Origin or Host, XSS text). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { captureIo } from '../cli/capture-io.test-helpers.ts';
import { registerCheckCommand } from '../cli/commands/check.ts';
import { runCli } from '../cli/run.ts';
import {
  decide,
  decisionDiffSchema,
  parseProfileText,
  profileFileName,
  questionSchema,
  renderJson,
  revisitTriggers,
  triggerSentence,
} from '../core/index.ts';
import { makeApp, NOW, PROFILE, PROFILE_YAML, postJson, problemOf, testKb, XSS } from './app.test-helpers.ts';
import { BODY_LIMIT_BYTES } from './request.ts';

const kb = testKb();
const ROOT = join(import.meta.dirname, '..', '..');

describe('POST /api/decide', () => {
  it('decides a JSON profile exactly as the core does, in contract key order', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/decide?seed=7&samples=500', postJson(PROFILE));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(renderJson(decide(PROFILE, kb, { seed: 7, samples: 500 })));
  });

  it('accepts YAML text', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/decide', {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: PROFILE_YAML,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { verdict: string }).verdict).toBe('go');
  });

  it('answers malformed JSON with a problem', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/decide', postJson('{"version": 1,'));
    expect(res.status).toBe(400);
    const body = await problemOf(res);
    expect(body.type).toBe('urn:gorust:problem:invalid-json');
    expect(body.errors?.[0]?.path).toBe('(body)');
  });

  it('lists every profile problem with its field path and a did-you-mean', async () => {
    const { app } = makeApp();
    const bad = { ...PROFILE, team: { size: 0, go: 'strnog', rust: 'none' }, workload: { kind: 'io-bund' } };
    const res = await app.request('/api/decide', postJson(bad));
    expect(res.status).toBe(400);
    const body = await problemOf(res);
    expect(body.type).toBe('urn:gorust:problem:invalid-profile');
    const paths = body.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['team.size', 'team.go', 'workload.kind']));
    expect(body.errors?.find((e) => e.path === 'team.go')?.suggestion).toBe('strong');
  });

  it('names the profile problems of a save request by their path in the body (profile.team.sise), and those of decide by the path in the profile', async () => {
    const { app } = makeApp();
    const bad = { ...PROFILE, team: { ...PROFILE.team, sise: 3 } };
    const saved = await problemOf(await app.request('/api/decisions', postJson({ profile: bad })));
    expect(saved.type).toBe('urn:gorust:problem:invalid-profile');
    expect(saved.errors).toEqual([
      expect.objectContaining({ path: 'profile.team.sise', suggestion: 'size' }),
    ]);
    const bare = await problemOf(await app.request('/api/decisions', postJson({ profile: 'a profile' })));
    expect(bare.errors?.[0]?.path).toBe('profile');
    const decided = await problemOf(await app.request('/api/decide', postJson(bad)));
    expect(decided.errors).toEqual([expect.objectContaining({ path: 'team.sise', suggestion: 'size' })]);
  });

  it('refuses other media types and bad query parameters', async () => {
    const { app } = makeApp();
    const text = await app.request('/api/decide', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(PROFILE),
    });
    expect(text.status).toBe(415);
    const seed = await app.request('/api/decide?seed=-1', postJson(PROFILE));
    expect(seed.status).toBe(400);
    expect((await problemOf(seed)).errors?.[0]?.path).toBe('(query) seed');
  });

  it('answers an oversized body with 413, with or without Content-Length', async () => {
    const { app } = makeApp();
    const huge = JSON.stringify({ ...PROFILE, project: { name: 'x'.repeat(BODY_LIMIT_BYTES + 1) } });
    const res = await app.request('/api/decide', postJson(huge, { 'content-length': String(huge.length) }));
    expect(res.status).toBe(413);
    expect((await problemOf(res)).type).toBe('urn:gorust:problem:payload-too-large');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge));
        controller.close();
      },
    });
    const chunked = await app.request('/api/decide', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });
});

describe('guards', () => {
  it('refuses state-changing requests from another origin', async () => {
    const { app } = makeApp();
    for (const origin of ['http://evil.example', 'null', 'http://localhost:9999']) {
      const res = await app.request(
        'http://localhost/api/decisions',
        postJson({ profile: PROFILE }, { origin }),
      );
      expect(res.status).toBe(403);
      expect((await problemOf(res)).type).toBe('urn:gorust:problem:forbidden-origin');
    }
    const crossSite = await app.request(
      '/api/decisions',
      postJson({ profile: PROFILE }, { 'sec-fetch-site': 'cross-site' }),
    );
    expect(crossSite.status).toBe(403);
  });

  it('allows the same origin, a configured dev origin, and clients that send no Origin', async () => {
    const { app } = makeApp({ allowedOrigins: ['http://127.0.0.1:5173'] });
    const same = await app.request(
      'http://localhost/api/decide',
      postJson(PROFILE, { origin: 'http://localhost' }),
    );
    expect(same.status).toBe(200);
    const dev = await app.request('/api/decide', postJson(PROFILE, { origin: 'http://127.0.0.1:5173' }));
    expect(dev.status).toBe(200);
    const curl = await app.request('/api/decide', postJson(PROFILE));
    expect(curl.status).toBe(200);
  });

  it('refuses a Host header it does not answer to (DNS rebinding)', async () => {
    const { app } = makeApp();
    const res = await app.request('http://rebind.example:5317/api/decisions');
    expect(res.status).toBe(403);
    expect((await problemOf(res)).type).toBe('urn:gorust:problem:forbidden-host');
    expect((await app.request('http://127.0.0.1:5317/api/decisions')).status).toBe(200);
  });

  it('sets security headers and answers unknown API routes with a problem', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect((await problemOf(res)).type).toBe('urn:gorust:problem:not-found');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('knowledge base and questions', () => {
  it('serves each part of the knowledge base, with a did-you-mean for a wrong part', async () => {
    const { app } = makeApp();
    const criteria = (await (await app.request('/api/kb/criteria')).json()) as { id: string }[];
    expect(criteria.map((c) => c.id)).toContain('latency_predictability');
    expect(((await (await app.request('/api/kb/projects')).json()) as unknown[]).length).toBeGreaterThan(0);
    const wrong = await app.request('/api/kb/critera');
    expect(wrong.status).toBe(404);
    expect((await problemOf(wrong)).errors?.[0]?.suggestion).toBe('criteria');
  });

  it('serves the questionnaire', async () => {
    const { app } = makeApp();
    const questions = (await (await app.request('/api/questions')).json()) as { id: string }[];
    expect(questions.map((q) => q.id)).toContain('team.go');
    // The schema the OpenAPI document is generated from describes every question, whole.
    expect(questionSchema.array().parse(questions)).toEqual(questions);
  });
});

describe('saved decisions', () => {
  it('names a profile posted bare, without {"profile": ...}, in one problem', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/decisions', postJson(PROFILE));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { detail: string; errors: { path: string }[] };
    expect(body.detail).toBe(
      'profile: missing: this looks like a bare profile; send it as {"profile": <the profile>}',
    );
    expect(body.errors.map((problem) => problem.path)).toEqual(['profile']);
  });

  it("exports the ADR with the same revisit triggers as the CLI's record, each of which flips the saved verdict", async () => {
    const { app } = makeApp();
    const closeCall = parseProfileText(readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'), 'x');
    const saved = await app.request('/api/decisions', postJson({ profile: closeCall }));
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    const adr = (await (await app.request(`/api/decisions/${id}/export?format=adr`)).text()).replace(
      /\n\s*/g,
      ' ',
    );
    const triggers = revisitTriggers(closeCall, kb);
    expect(triggers.length).toBeGreaterThan(0);
    expect(adr).toContain('Revisit this decision if');
    for (const t of triggers) expect(adr).toContain(triggerSentence(t).replace(/\n\s*/g, ' '));
  });

  it('exports an ADR that gorust check re-checks from the profile saved under the web export’s name', async () => {
    const { app } = makeApp();
    const closeCall = parseProfileText(readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8'), 'x');
    const { id } = (await (await app.request('/api/decisions', postJson({ profile: closeCall }))).json()) as {
      id: string;
    };
    const exported = await app.request(`/api/decisions/${id}/export?format=adr`);
    const file = /filename="([^"]+)"/.exec(exported.headers.get('content-disposition') ?? '')?.[1] as string;
    const repo = mkdtempSync(join(tmpdir(), 'gorust-web-adr-'));
    try {
      mkdirSync(join(repo, '.git'));
      mkdirSync(join(repo, 'docs', 'adr'), { recursive: true });
      writeFileSync(join(repo, 'docs', 'adr', file), await exported.text());
      // Where the web app's Export YAML names the profile, saved at the repository's root.
      writeFileSync(join(repo, profileFileName(closeCall.project.name)), stringify(closeCall));
      const { io, output } = captureIo({ cwd: repo });
      expect(await runCli(['check'], [(program) => registerCheckCommand(program, io)], io)).toBe(0);
      expect(output().stdout).toContain(`holds    docs/adr/${file}`);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('saves (recomputing the decision), lists, gets, exports and deletes, with user text kept as text', async () => {
    const { app } = makeApp();
    const evil = { ...PROFILE, project: { name: XSS, summary: `${XSS} summary` } };
    const saved = await app.request(
      '/api/decisions',
      postJson({ profile: evil, seed: 3, decision: { forged: true } }),
    );
    expect(saved.status).toBe(201);
    expect(saved.headers.get('location')).toBe('/api/decisions/1');
    const body = (await saved.json()) as {
      id: string;
      project: string;
      decision: unknown;
      created_at: string;
    };
    expect(body.id).toBe('1');
    expect(body.project).toBe(XSS);
    expect(body.created_at).toBe(NOW.toISOString());
    const expected = decide(parseProfileText(JSON.stringify(evil), 'x'), kb, { seed: 3 });
    expect(body.decision).toEqual(JSON.parse(renderJson(expected)));

    const list = (await (await app.request('/api/decisions')).json()) as { id: string; project: string }[];
    expect(list).toEqual([expect.objectContaining({ id: '1', project: XSS, verdict: expected.verdict })]);
    const one = (await (await app.request('/api/decisions/1')).json()) as {
      profile: { project: { name: string } };
    };
    expect(one.profile.project.name).toBe(XSS);

    for (const format of ['md', 'adr', 'html'] as const) {
      const res = await app.request(`/api/decisions/1/export?format=${format}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain('<img');
      expect(text).toContain('&lt;img');
    }
    const adr = await app.request('/api/decisions/1/export?format=adr');
    // The export reads the saved profile, so the record states the project's own facts.
    expect(await adr.clone().text()).toContain('team size 3 people');
    expect(adr.headers.get('content-disposition')).toMatch(
      /^attachment; filename="0001-use-go-for-img-src-x-onerror-alert-1\.md"$/,
    );
    const html = await app.request('/api/decisions/1/export?format=html');
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-disposition')).toBe(
      'attachment; filename="img-src-x-onerror-alert-1-decision-1.html"',
    );
    const json = await app.request('/api/decisions/1/export?format=json');
    expect(await json.text()).toBe(renderJson(expected));
    const badFormat = await app.request('/api/decisions/1/export?format=pdf');
    expect(badFormat.status).toBe(400);

    expect((await app.request('/api/decisions/1', { method: 'DELETE' })).status).toBe(204);
    expect((await app.request('/api/decisions/1', { method: 'DELETE' })).status).toBe(404);
    expect((await app.request('/api/decisions/1')).status).toBe(404);
  });

  it('rejects save requests with unknown keys, no profile or an invalid profile', async () => {
    const { app } = makeApp();
    const typo = await app.request('/api/decisions', postJson({ profil: PROFILE }));
    expect(typo.status).toBe(400);
    const body = await problemOf(typo);
    expect(body.errors?.map((e) => e.path)).toEqual(['profil', 'profile']);
    expect(body.errors?.[0]?.suggestion).toBe('profile');
    const invalid = await app.request('/api/decisions', postJson({ profile: { version: 2 } }));
    expect((await problemOf(invalid)).type).toBe('urn:gorust:problem:invalid-profile');
    const array = await app.request('/api/decisions', postJson([1]));
    expect(array.status).toBe(400);
  });

  it('diffs two saved decisions', async () => {
    const { app } = makeApp();
    await app.request('/api/decisions', postJson({ profile: PROFILE }));
    const rusty = {
      ...PROFILE,
      team: { ...PROFILE.team, go: 'none', rust: 'strong' },
      safety_critical: true,
    };
    await app.request('/api/decisions', postJson({ profile: rusty }));
    const res = await app.request('/api/decisions/diff?a=1&b=2');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      a: { id: string };
      b: { id: string };
      diff: { verdict: { a: string }; criteria: unknown[] };
    };
    expect(body.a.id).toBe('1');
    expect(body.b.id).toBe('2');
    expect(body.diff.verdict.a).toBe('go');
    expect(body.diff.criteria.length).toBeGreaterThan(0);
    // The schema the OpenAPI document is generated from describes the diff, whole.
    expect(decisionDiffSchema.parse(body.diff)).toEqual(body.diff);
    expect((await app.request('/api/decisions/diff?a=1')).status).toBe(400);
    expect((await app.request('/api/decisions/diff?a=1&b=9')).status).toBe(404);
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose references all resolve', async () => {
    const { app } = makeApp();
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/decide',
        '/api/decisions',
        '/api/decisions/{id}/export',
        '/api/lab/runs',
      ]),
    );
    expect(doc.components.schemas.Profile?.properties).toHaveProperty('team');
    expect(doc.components.schemas.Decision?.properties).toHaveProperty('verdict');
    expect(doc.components.schemas.Problem?.properties).toHaveProperty('errors');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    for (const name of refs) expect(doc.components.schemas).toHaveProperty(name ?? '');
  });

  it('documents on every operation the statuses the socket server answers itself (serve.ts): 400, 408, 431', async () => {
    const { app } = makeApp();
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ at: `${method} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const { at, operation } of operations) {
      expect(Object.keys(operation.responses), at).toEqual(expect.arrayContaining(['400', '408', '431']));
    }
  });
});

describe('web UI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gorust-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>gorust</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves files, index.html for page paths, and 404 for missing assets', async () => {
    const { app } = makeApp({ webRoot: dir });
    const root = await app.request('/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root">');
    const asset = await app.request('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const page = await app.request('/history/3');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await app.request('/assets/gone.js')).status).toBe(404);
    expect((await app.request('/../package.json')).status).not.toBe(200);
  });

  it('explains how to build the UI when it is missing', async () => {
    const { app } = makeApp({ webRoot: join(dir, 'missing') });
    const res = await app.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});
