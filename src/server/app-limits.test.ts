/** @module API tests of bounded input: bodies nested too deeply, too large, or with more components than PROFILE_CAPS are refused with a 4xx problem before anything walks or decides them. */
import { describe, expect, it } from 'vitest';
import { PROFILE_CAPS, PROFILE_LIMITS } from '../core/index.ts';
import { makeApp, PROFILE, postJson, problemOf } from './app.test-helpers.ts';
import { BODY_LIMIT_BYTES, MAX_BODY_DEPTH, memberText } from './request.ts';

/** `[[[...1...]]]` nested `depth` deep, as JSON text (built without recursion). */
function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

describe('bounded request bodies', () => {
  it('answers seed, samples or lab nested 5,000 deep with a 400, not a 500', async () => {
    const { app } = makeApp();
    for (const key of ['seed', 'samples', 'lab', 'profile', 'decision']) {
      const body = `{"profile": ${JSON.stringify(PROFILE)}, "${key === 'profile' ? 'x' : key}": ${nestedJson(5000)}}`;
      const res = await app.request('/api/decisions', postJson(body));
      expect(res.status, key).toBe(400);
      const problem = await problemOf(res);
      expect(problem.detail).toContain(`nests more than ${MAX_BODY_DEPTH} levels`);
    }
    const decide = await app.request('/api/decide', postJson(nestedJson(5000)));
    expect(decide.status).toBe(400);
  });

  it('names the value that is not a whole number without walking it', async () => {
    const { app } = makeApp();
    const res = await app.request('/api/decisions', postJson({ profile: PROFILE, seed: [[1, 2], 3] }));
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors?.[0]).toMatchObject({ path: 'seed', found: 'a list of 2 items' });
  });

  it('refuses a 3,000-component profile with the cap named, within a second, on decide and on save', async () => {
    const { app, db } = makeApp();
    const components = Array.from({ length: 3000 }, (_, i) => ({ name: `svc-${i}`, role: 'api' }));
    const profile = { ...PROFILE, components };
    for (const [path, body, field] of [
      ['/api/decide', profile, 'components'],
      ['/api/decisions', { profile }, 'profile.components'],
    ] as const) {
      const started = performance.now();
      const res = await app.request(path, postJson(body));
      const ms = performance.now() - started;
      expect(res.status, path).toBe(400);
      expect(ms, path).toBeLessThan(1000);
      const problem = await problemOf(res);
      expect(problem.errors).toContainEqual(
        expect.objectContaining({
          path: field,
          expected: `at most ${PROFILE_CAPS.maxComponents} items`,
          found: 'a list of 3000 items',
        }),
      );
    }
    expect(db.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 0 });
  });

  it('takes a profile up to the one size limit, and refuses a body over it with 413 before reading it', async () => {
    expect(BODY_LIMIT_BYTES).toBeGreaterThan(PROFILE_LIMITS.maxBytes);
    const { app } = makeApp();
    // A profile just under the limit: padded with a long summary (900 KB, the size the web app imports) (a field the schema allows).
    const big = { ...PROFILE, project: { ...PROFILE.project, summary: 'x'.repeat(900_000) } };
    const ok = await app.request('/api/decide?samples=100', postJson(big));
    expect(ok.status).toBe(200);
    const over = await app.request('/api/decide', postJson(' '.repeat(BODY_LIMIT_BYTES + 1)));
    expect(over.status).toBe(413);
    expect((await problemOf(over)).detail).toContain(`${Math.round(BODY_LIMIT_BYTES / 1024)} KiB`);
  });
});

/** JSON text of PROFILE padded (its summary) to exactly `bytes` bytes. */
function profileTextOf(bytes: number): string {
  const bare = JSON.stringify({ ...PROFILE, project: { ...PROFILE.project, summary: '' } });
  return JSON.stringify({
    ...PROFILE,
    project: { ...PROFILE.project, summary: 'x'.repeat(bytes - bare.length) },
  });
}

describe('the profile size limit on JSON bodies', () => {
  it('takes a JSON profile of exactly the limit on decide and save, and refuses one byte more (400, as the CLI)', async () => {
    const { app, db } = makeApp();
    const atLimit = profileTextOf(PROFILE_LIMITS.maxBytes);
    const over = profileTextOf(PROFILE_LIMITS.maxBytes + 1);
    expect(Buffer.byteLength(atLimit)).toBe(PROFILE_LIMITS.maxBytes);
    // The save request's own fields and spacing around the profile do not count: the profile's text does.
    const save = (profile: string) => `{ "seed": 7,\n  "samples": 100,\n  "profile": ${profile} }`;
    expect((await app.request('/api/decide?samples=100', postJson(atLimit))).status).toBe(200);
    expect((await app.request('/api/decisions', postJson(save(atLimit)))).status).toBe(201);
    const expected = 'a profile of at most 1024 KiB';
    const decide = await app.request('/api/decide', postJson(over));
    expect(decide.status).toBe(400);
    expect((await problemOf(decide)).errors).toEqual([
      expect.objectContaining({ path: '(body)', expected, found: '1025 KiB' }),
    ]);
    const saved = await app.request('/api/decisions', postJson(save(over)));
    expect(saved.status).toBe(400);
    const problem = await problemOf(saved);
    expect(problem.type).toBe('urn:gorust:problem:invalid-profile');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'profile', expected, found: '1025 KiB' }),
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 1 });
  });

  it('finds the text of a member as sent, past strings with escaped quotes and braces, the last of repeated keys', () => {
    expect(memberText('{"profile": {"version": 1}, "seed": 3}', 'profile')).toBe('{"version": 1}');
    expect(memberText('{"a": "x\\"}{", "profile" :[1, {"b": "]"}] }', 'profile')).toBe('[1, {"b": "]"}]');
    expect(memberText('{"profile": 1, "seed": 2, "profile": {"v": "2"}}', 'profile')).toBe('{"v": "2"}');
    expect(memberText('{"seed": 12}', 'seed')).toBe('12');
    expect(memberText('{"seed": 12}', 'profile')).toBeUndefined();
    expect(memberText('[1]', 'profile')).toBeUndefined();
  });
});

describe('the contract at the edges', () => {
  it('answers a known path asked with a wrong method with 405 and Allow, an unknown path with 404', async () => {
    const { app } = makeApp();
    const trace = await app.request('/api/questions', { method: 'PUT' });
    expect(trace.status).toBe(405);
    expect(trace.headers.get('allow')).toBe('GET, HEAD');
    const item = await app.request('/api/decisions/7', { method: 'PATCH' });
    expect(item.status).toBe(405);
    expect(item.headers.get('allow')).toBe('DELETE, GET, HEAD');
    expect((await problemOf(item)).type).toBe('urn:gorust:problem:method-not-allowed');
    const diff = await app.request('/api/decisions/diff', { method: 'PATCH' });
    expect(diff.status).toBe(405);
    expect(diff.headers.get('allow')).toBe('GET, HEAD');
    expect((await app.request('/api/nothing-here')).status).toBe(404);
  });

  it('refuses empty and repeated query parameters, naming them', async () => {
    const { app } = makeApp();
    const empty = await app.request('/api/decide?seed=', postJson(PROFILE));
    expect(empty.status).toBe(400);
    expect((await problemOf(empty)).errors?.[0]?.path).toBe('(query) seed');
    const twice = await app.request('/api/lab/runs?limit=1&limit=2');
    expect(twice.status).toBe(400);
    expect((await problemOf(twice)).detail).toContain('limit is given more than once');
  });

  it('says a query number must be a whole number, for a fraction and for text alike', async () => {
    const { app } = makeApp();
    for (const [path, name, found] of [
      ['/api/decisions?limit=1.5', 'limit', '"1.5"'],
      ['/api/decisions?before=ten', 'before', '"ten"'],
      ['/api/lab/runs?limit=2e1', 'limit', '"2e1"'],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const problem = await problemOf(res);
      expect(problem.detail, path).toBe(`(query) ${name}: expected a whole number, found ${found}`);
      expect(problem.errors, path).toEqual([
        expect.objectContaining({ path: `(query) ${name}`, expected: 'a whole number', found }),
      ]);
    }
    const seed = await app.request('/api/decide?seed=0.5', postJson(PROFILE));
    expect((await problemOf(seed)).errors?.[0]).toMatchObject({
      path: '(query) seed',
      expected: 'a whole number',
    });
  });

  it('documents 403 on every operation, 503 where deciding, and 401 only when the server has a token', async () => {
    type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const plain = (await (await makeApp().app.request('/api/openapi.json')).json()) as Doc & {
      components: { securitySchemes?: unknown };
    };
    for (const [path, item] of Object.entries(plain.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.responses, `${method} ${path}`).toHaveProperty('403');
        expect(operation.responses, `${method} ${path}`).not.toHaveProperty('401');
      }
    }
    expect(plain.paths['/api/decide']?.post?.responses).toHaveProperty('503');
    expect(plain.paths['/api/decisions']?.post?.responses).toHaveProperty('503');
    expect(plain.components.securitySchemes).toBeUndefined();
    const token = 'a-token-of-sixteen-plus';
    const guarded = (await (
      await makeApp({ token }).app.request('/api/openapi.json', {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as Doc;
    expect(guarded.paths['/api/health']?.get?.responses).toHaveProperty('401');
  });
});

describe('GET /api/decisions pages', () => {
  it('returns a page newest first, and the next one from before=<last id>, until a short page', async () => {
    const { app } = makeApp();
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/api/decisions', postJson({ profile: PROFILE, samples: 100 }))).status).toBe(
        201,
      );
    }
    const first = (await (await app.request('/api/decisions?limit=2')).json()) as { id: string }[];
    expect(first.map((r) => r.id)).toEqual(['5', '4']);
    const second = (await (
      await app.request(`/api/decisions?limit=2&before=${first.at(-1)?.id}`)
    ).json()) as {
      id: string;
    }[];
    expect(second.map((r) => r.id)).toEqual(['3', '2']);
    const last = (await (await app.request('/api/decisions?limit=2&before=2')).json()) as { id: string }[];
    expect(last.map((r) => r.id)).toEqual(['1']);
    expect((await app.request('/api/decisions?limit=0')).status).toBe(400);
    expect((await app.request('/api/decisions?before=x')).status).toBe(400);
  });
});
