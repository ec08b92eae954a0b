/** @module Tests of the component and stakeholder list edits, and of the draft kept in storage and in a link. */
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, readStoredDraft, storeDraft } from './draft-store.ts';
import { addComponent, type ComponentValue, moveItem, removeComponent, updateComponent } from './parts.ts';

const LIST: ComponentValue[] = [
  { name: 'api', role: 'api', calls: [{ to: 'matcher', per_request: 3 }] },
  { name: 'matcher', role: 'hot-path', calls: [{ to: 'api', per_request: 0.1 }] },
  { name: 'store', role: 'storage-engine' },
];

describe('component list edits', () => {
  it('adds a component with a fresh name and the required role', () => {
    const next = addComponent([{ name: 'Component 2', role: 'api' }]);
    expect(next.at(-1)).toEqual({ name: 'Component 3', role: 'api' });
  });

  it('carries a rename into the calls that pointed at the old name', () => {
    const next = updateComponent(LIST, 1, { ...LIST[1], name: 'order matcher' } as ComponentValue);
    expect(next[0]?.calls).toEqual([{ to: 'order matcher', per_request: 3 }]);
    expect(next[1]?.name).toBe('order matcher');
  });

  it('removes a component together with every call made to it', () => {
    const next = removeComponent(LIST, 1);
    expect(next.map((c) => c.name)).toEqual(['api', 'store']);
    expect(next[0]).toEqual({ name: 'api', role: 'api' });
  });

  it('moves items, clamped at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('draft store', () => {
  it('packs a profile into a link and back, non-ASCII text included', () => {
    const profile = { version: 1, project: { name: 'Zahlungs-API — café ☕' } };
    const packed = encodeShare(profile);
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeShare(packed)).toEqual(profile);
    expect(() => decodeShare(packed.slice(0, -7))).toThrow();
  });

  it('keeps a draft in storage and ignores what it cannot read', () => {
    const memory = new Map<string, string>();
    const storage = {
      setItem: (key: string, value: string) => memory.set(key, value),
      getItem: (key: string) => memory.get(key) ?? null,
    };
    const kept = { draft: { answers: { 'team.size': 4 }, extras: {} }, overrides: { interop: 2 } };
    storeDraft(kept, storage);
    expect(readStoredDraft(storage)).toEqual(kept);
    memory.set('gorust.draft.v1', '{not json');
    expect(readStoredDraft(storage)).toBeNull();
  });
});
