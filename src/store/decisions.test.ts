/** @module Tests of the saved-decision store: migration 2, save/list/get/delete, ids, user text stored verbatim, and rows damaged outside gorust. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProfileValue } from '../core/index.ts';
import { buildDecision, buildHybridDecision } from '../core/report/decision-fixture.test-helpers.ts';
import { openStore } from './db.ts';
import {
  DamagedDecisionError,
  deleteDecision,
  getDecision,
  listDecisions,
  saveDecision,
} from './decisions.ts';

const profile = (name: string) =>
  parseProfileValue({
    version: 1,
    project: { name },
    workload: { kind: 'io-bound' },
    team: { size: 4, go: 'strong', rust: 'none' },
  });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('decision store', () => {
  it('creates the decisions table at version 2', () => {
    const db = openStore(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    const columns = (db.prepare('PRAGMA table_info(decisions)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(
      expect.arrayContaining(['id', 'created_at', 'project_name', 'profile_json', 'decision_json', 'seed']),
    );
  });

  it('saves, lists newest first, gets and deletes', () => {
    const db = openStore(':memory:');
    const first = saveDecision(db, {
      profile: profile('First'),
      decision: buildDecision(),
      seed: 7,
      createdAt: '2026-11-01T10:00:00.000Z',
    });
    const second = saveDecision(db, {
      profile: profile('Second'),
      decision: buildHybridDecision(),
      createdAt: '2026-11-02T10:00:00.000Z',
    });
    expect(first.id).toBe('1');
    expect(second.id).toBe('2');
    expect(second.seed).toBe(1); // from decision.seed when not given

    expect(listDecisions(db)).toEqual([
      {
        id: '2',
        created_at: '2026-11-02T10:00:00.000Z',
        project: 'Second',
        verdict: 'hybrid',
        confidence: 0.64,
        close_call: true,
        seed: 1,
        lab_run: null,
      },
      {
        id: '1',
        created_at: '2026-11-01T10:00:00.000Z',
        project: 'First',
        verdict: 'go',
        confidence: 0.93,
        close_call: false,
        seed: 7,
        lab_run: null,
      },
    ]);

    const got = getDecision(db, '1');
    expect(got?.decision).toEqual(buildDecision());
    expect(got?.profile.project.name).toBe('First');
    expect(got?.profile.team.turnover).toBe('medium');

    expect(deleteDecision(db, '1')).toBe(true);
    expect(deleteDecision(db, '1')).toBe(false);
    expect(getDecision(db, '1')).toBeNull();
    expect(listDecisions(db).map((r) => r.id)).toEqual(['2']);
  });

  it('finds nothing for ids that are not positive integers', () => {
    const db = openStore(':memory:');
    saveDecision(db, { profile: profile('A'), decision: buildDecision() });
    for (const id of ['0', '-1', '1.0', '1e0', ' 1', '1 OR 1=1', '../1', '']) {
      expect(getDecision(db, id)).toBeNull();
      expect(deleteDecision(db, id)).toBe(false);
    }
    expect(listDecisions(db)).toHaveLength(1);
  });

  it('stores user text verbatim (escaping is the renderers’ job)', () => {
    const db = openStore(':memory:');
    const name = `<img src=x onerror=alert(1)> '; DROP TABLE decisions; --`;
    const saved = saveDecision(db, { profile: profile(name), decision: buildDecision() });
    expect(getDecision(db, saved.id)?.project).toBe(name);
  });

  it('keeps decisions in the same file as lab runs across reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-decisions-'));
    dirs.push(dir);
    const file = join(dir, 'gorust.db');
    const db = openStore(file);
    saveDecision(db, { profile: profile('Kept'), decision: buildDecision() });
    db.close();
    const again = openStore(file);
    expect(listDecisions(again).map((r) => r.project)).toEqual(['Kept']);
    const tables = (
      again.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['runs', 'decisions']));
    again.close();
  });

  it('lists every row when some are damaged, marks those, and refuses to read one, naming it and what is wrong', () => {
    const db = openStore(':memory:');
    for (const name of ['A', 'B', 'C', 'D', 'E'])
      saveDecision(db, { profile: profile(name), decision: buildDecision() });
    const damage = (id: number, column: 'profile_json' | 'decision_json', json: string) =>
      db.prepare(`UPDATE decisions SET ${column} = ? WHERE id = ?`).run(json, id);
    damage(2, 'decision_json', '{not json');
    damage(3, 'profile_json', '{"version":9}');
    damage(4, 'decision_json', '{"verdict":"go"}');
    damage(5, 'profile_json', JSON.stringify({ ...profile('E'), team: { size: 'four' } }));

    expect(listDecisions(db).map((row) => [row.id, row.project, row.damaged])).toEqual([
      ['5', 'E', undefined],
      ['4', 'D', undefined],
      ['3', 'C', 'its profile is not a version 1 profile'],
      ['2', 'B', 'its decision is not valid JSON'],
      ['1', 'A', undefined],
    ]);
    expect(getDecision(db, '1')?.project).toBe('A');
    const reasons = ['2', '3', '4', '5'].map((id) => {
      try {
        getDecision(db, id);
        return 'read';
      } catch (error) {
        expect(error).toBeInstanceOf(DamagedDecisionError);
        return (error as Error).message;
      }
    });
    expect(reasons[0]).toBe('saved decision 2 is damaged: its decision is not valid JSON');
    expect(reasons[1]).toMatch(
      /^saved decision 3 is damaged: its profile is not a valid profile \(version: expected 1, found 9; and \d+ more\)$/,
    );
    expect(reasons[2]).toMatch(
      /^saved decision 4 is damaged: its decision does not match the decision schema \(\w+: .+\)$/,
    );
    expect(reasons[3]).toMatch(
      /^saved decision 5 is damaged: its profile is not a valid profile \(team\.size: .+\)$/,
    );
    for (const reason of reasons) expect(reason).not.toContain('\n');
    // A damaged row can still be deleted.
    expect(deleteDecision(db, '2')).toBe(true);
  });
});
