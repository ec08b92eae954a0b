/** @module API tests of a store with rows damaged outside gorust: the list still answers and marks them, and a damaged row's own endpoints answer a one-line problem naming it, never a stack trace. */
import { describe, expect, it, vi } from 'vitest';
import { makeApp, PROFILE, postJson, problemOf } from './app.test-helpers.ts';

/** An app whose store holds four saved decisions, the second with malformed decision JSON and the third with a version 9 profile. */
async function damagedStore() {
  const { app, db } = makeApp({ decider: 'inline' });
  for (let i = 0; i < 4; i++) {
    expect((await app.request('/api/decisions', postJson({ profile: PROFILE, samples: 100 }))).status).toBe(
      201,
    );
  }
  db.prepare(`UPDATE decisions SET decision_json = '{not json' WHERE id = 2`).run();
  db.prepare(`UPDATE decisions SET profile_json = '{"version":9}' WHERE id = 3`).run();
  return app;
}

describe('saved decisions damaged in the store', () => {
  it('lists every row, marking the damaged ones with what is wrong', async () => {
    const app = await damagedStore();
    const res = await app.request('/api/decisions');
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { id: string; damaged?: string }[];
    expect(rows.map((row) => [row.id, row.damaged])).toEqual([
      ['4', undefined],
      ['3', 'its profile is not a version 1 profile'],
      ['2', 'its decision is not valid JSON'],
      ['1', undefined],
    ]);
  });

  it('answers a damaged row, its export and a diff with it with a 500 damaged-record naming the row, logged in one line', async () => {
    const app = await damagedStore();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cases = [
      ['/api/decisions/2', 'saved decision 2 is damaged: its decision is not valid JSON'],
      [
        '/api/decisions/3',
        'saved decision 3 is damaged: its profile is not a valid profile (version: expected 1',
      ],
      ['/api/decisions/3/export?format=adr', 'saved decision 3 is damaged'],
      ['/api/decisions/3/export?format=json', 'saved decision 3 is damaged'],
      ['/api/decisions/diff?a=1&b=2', 'saved decision 2 is damaged'],
    ] as const;
    for (const [path, detail] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(500);
      const problem = await problemOf(res);
      expect(problem.type, path).toBe('urn:gorust:problem:damaged-record');
      expect(problem.detail, path).toContain(detail);
      expect(problem.detail, path).toContain('DELETE /api/decisions/');
    }
    expect(log).toHaveBeenCalledTimes(cases.length);
    for (const [line] of log.mock.calls) {
      expect(typeof line).toBe('string');
      expect(line).toMatch(/^gorust serve: saved decision \d is damaged: [^\n]+$/);
    }
    // The sound rows still read, and a damaged one can be deleted.
    expect((await app.request('/api/decisions/1')).status).toBe(200);
    expect((await app.request('/api/decisions/2', { method: 'DELETE' })).status).toBe(204);
  });
});
