/** @module Tests of the input diff between two saved decisions' profiles. */
import { describe, expect, it } from 'vitest';
import { diffProfiles } from './profile-diff.ts';

describe('diffProfiles', () => {
  it('lists changed, added and removed fields by dotted path', () => {
    const a = {
      version: 1,
      project: { name: 'Billing' },
      team: { size: 4, go: 'strong' },
      targets: ['server'],
    };
    const b = {
      version: 1,
      project: { name: 'Billing' },
      team: { size: 6, go: 'strong' },
      targets: ['server', 'kubernetes'],
      safety_critical: true,
    };
    expect(diffProfiles(a, b)).toEqual([
      { path: 'safety_critical', a: null, b: 'true' },
      { path: 'targets', a: 'server', b: 'server, kubernetes' },
      { path: 'team.size', a: '4', b: '6' },
    ]);
  });

  it('keys components by name, so a reorder is no change and a rename shows as one gone and one new', () => {
    const api = { name: 'api', role: 'api', calls: [{ to: 'db', per_request: 2 }] };
    const db = { name: 'db', role: 'storage-engine' };
    expect(diffProfiles({ components: [api, db] }, { components: [db, api] })).toEqual([]);
    const changed = diffProfiles(
      { components: [api, db] },
      { components: [{ ...api, calls: [{ to: 'db', per_request: 5 }] }, db] },
    );
    expect(changed).toEqual([{ path: 'components[api].calls[0].per_request', a: '2', b: '5' }]);
    const renamed = diffProfiles({ components: [api, db] }, { components: [api, { ...db, name: 'store' }] });
    expect(renamed).toEqual([
      { path: 'components[db]', a: 'role storage-engine', b: null },
      { path: 'components[store]', a: null, b: 'role storage-engine' },
    ]);
  });

  it('shows a component added with its defaults filled in as one row, not one per default', () => {
    const api = { name: 'api', role: 'api', workload: 'io-bound', latency_critical: false, calls: [] };
    const cache = {
      name: 'cache',
      role: 'data-plane',
      workload: 'mixed',
      latency_critical: false,
      calls: [{ to: 'api', per_request: 1 }],
    };
    expect(
      diffProfiles({ team: { size: 3 }, components: [api] }, { team: { size: 4 }, components: [api, cache] }),
    ).toEqual([
      { path: 'components[cache]', a: null, b: 'role data-plane, workload mixed' },
      { path: 'team.size', a: '3', b: '4' },
    ]);
  });

  it('finds nothing between equal profiles', () => {
    expect(diffProfiles({ team: { size: 3 } }, { team: { size: 3 } })).toEqual([]);
  });
});
