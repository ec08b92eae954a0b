/** @module The parts of the profile no single question covers (components with their calls and their own team, stakeholders, the project's existing code), edited as raw profile values inside the draft: add, rename (calls follow), remove (calls to it go too), reorder, set a field of existing code or of a component's team. Pure functions, so the editors stay thin and testable. */
import type { Draft } from './draft.ts';

/** `existing_code` (the project's or a component's) as the form holds it: a half-filled one is valid draft state, and the profile's check names what is missing. */
export type ExistingCodeValue = { language?: string; kloc?: number; plan?: string };

/** `components[].team` as the form holds it: the levels of the people who build the component, each left out to keep the project's. */
export type ComponentTeamValue = { go?: string; rust?: string };

/** A component as the profile writes it (CONTRACT.md §1); fields are optional here because a half-filled row is valid draft state. */
export type ComponentValue = {
  name: string;
  role: string;
  workload?: string;
  latency_critical?: boolean;
  latency_slo?: { p99_ms?: number; p999_ms?: number };
  live_heap_gib?: number;
  memory_budget_mib?: number;
  peak_rps?: number;
  targets?: string[];
  interop?: string[];
  existing_code?: ExistingCodeValue;
  team?: ComponentTeamValue;
  calls?: { to: string; per_request: number }[];
};

export type StakeholderValue = {
  name: string;
  role?: string;
  weight?: number;
  priorities: Record<string, number>;
};

/**
 * The draft's components (an empty list when none).
 * @example
 * componentsOf(draft).map((c) => c.name);
 */
export function componentsOf(draft: Draft): ComponentValue[] {
  const list = draft.extras.components;
  return Array.isArray(list) ? (list as ComponentValue[]) : [];
}

/**
 * The draft's stakeholders (an empty list when none).
 * @example
 * stakeholdersOf(draft).length;
 */
export function stakeholdersOf(draft: Draft): StakeholderValue[] {
  const list = draft.extras.stakeholders;
  return Array.isArray(list) ? (list as StakeholderValue[]) : [];
}

/**
 * A copy of the draft with `key` (components or stakeholders) replaced; an empty list leaves the key out of the profile.
 * @example
 * withList(draft, 'components', []);
 */
export function withList(draft: Draft, key: 'components' | 'stakeholders', list: unknown[]): Draft {
  const extras = { ...draft.extras };
  if (list.length === 0) delete extras[key];
  else extras[key] = list;
  return { ...draft, extras };
}

/**
 * The project's existing code in the draft (undefined when it states none).
 * @example
 * existingCodeOf(draft)?.language; // 'go'
 */
export function existingCodeOf(draft: Draft): ExistingCodeValue | undefined {
  const value = draft.extras.existing_code;
  return value !== null && typeof value === 'object' ? (value as ExistingCodeValue) : undefined;
}

/**
 * A copy of the draft with the project's existing code replaced; undefined leaves it out of the profile.
 * @example
 * withExistingCode(draft, { language: 'go', plan: 'port' });
 */
export function withExistingCode(draft: Draft, value: ExistingCodeValue | undefined): Draft {
  const extras = { ...draft.extras };
  if (value === undefined) delete extras.existing_code;
  else extras.existing_code = value;
  return { ...draft, extras };
}

/**
 * Set or clear one field of a nested optional object (existing code, a component's own team); once no field is left
 * the object is gone (undefined), so emptying the form's fields takes it out of the profile.
 * @example
 * setOptionalField({ rust: 'strong' }, 'go', 'none'); // { rust: 'strong', go: 'none' }
 * setOptionalField({ language: 'go' }, 'language', undefined); // undefined
 */
export function setOptionalField<T extends object, K extends keyof T>(
  value: T | undefined,
  key: K,
  next: T[K] | undefined,
): T | undefined {
  const copy = setField(value ?? ({} as T), key, next);
  return Object.keys(copy).length > 0 ? copy : undefined;
}

/**
 * A name not yet used in the list: "Component 3", "Component 4", ...
 * @example
 * freshName(['Component 1'], 'Component'); // 'Component 2'
 */
export function freshName(taken: readonly string[], stem: string): string {
  const used = new Set(taken);
  for (let i = taken.length + 1; ; i++) {
    const name = `${stem} ${i}`;
    if (!used.has(name)) return name;
  }
}

/**
 * Add a component with the fields a profile requires (name and role), at the end.
 * @example
 * addComponent(list); // [..., { name: 'Component 1', role: 'api' }]
 */
export function addComponent(list: readonly ComponentValue[]): ComponentValue[] {
  return [
    ...list,
    {
      name: freshName(
        list.map((c) => c.name),
        'Component',
      ),
      role: 'api',
    },
  ];
}

/**
 * Replace component `index`; a new name is carried into every call that pointed at the old one.
 * @example
 * updateComponent(list, 0, { ...list[0], name: 'gateway' });
 */
export function updateComponent(
  list: readonly ComponentValue[],
  index: number,
  next: ComponentValue,
): ComponentValue[] {
  const old = list[index];
  if (old === undefined) return [...list];
  const renamed = old.name !== next.name && old.name !== '';
  return list.map((component, i) => {
    const value = i === index ? next : component;
    if (!renamed || value.calls === undefined) return value;
    return {
      ...value,
      calls: value.calls.map((call) => (call.to === old.name ? { ...call, to: next.name } : call)),
    };
  });
}

/**
 * Remove component `index` and every call made to it.
 * @example
 * removeComponent(list, 2);
 */
export function removeComponent(list: readonly ComponentValue[], index: number): ComponentValue[] {
  const gone = list[index]?.name;
  return list
    .filter((_, i) => i !== index)
    .map((component) => {
      if (component.calls === undefined) return component;
      const calls = component.calls.filter((call) => call.to !== gone);
      if (calls.length === component.calls.length) return component;
      const { calls: _dropped, ...rest } = component;
      return calls.length > 0 ? { ...rest, calls } : rest;
    });
}

/**
 * Move item `index` by `delta` places (clamped at the ends).
 * @example
 * moveItem(['a', 'b', 'c'], 2, -1); // ['a', 'c', 'b']
 */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = Math.min(list.length - 1, Math.max(0, index + delta));
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item === undefined) return [...list];
  next.splice(to, 0, item);
  return next;
}

/**
 * Set or clear (undefined) one field of an object, leaving no `undefined` keys behind (profile values are compared as JSON).
 * @example
 * setField({ name: 'a', peak_rps: 3 }, 'peak_rps', undefined); // { name: 'a' }
 */
export function setField<T extends object, K extends keyof T>(value: T, key: K, next: T[K] | undefined): T {
  const copy = { ...value };
  if (next === undefined || (Array.isArray(next) && next.length === 0)) delete copy[key];
  else copy[key] = next;
  return copy;
}
