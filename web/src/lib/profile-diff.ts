/** @module What changed in the inputs between two saved decisions: the profiles flattened to dotted paths (components and stakeholders keyed by name, so a reorder is no change), compared leaf by leaf; a component or stakeholder on one side only is one row, not one per field. */

export type InputChange = { path: string; a: string | null; b: string | null };

/**
 * The fields that differ between two profiles; `null` means absent on that side.
 * @example
 * diffProfiles({ team: { size: 4 } }, { team: { size: 6 } }); // [{ path: 'team.size', a: '4', b: '6' }]
 */
export function diffProfiles(a: unknown, b: unknown): InputChange[] {
  const left = flatten(a);
  const right = flatten(b);
  // A named item (component, stakeholder) on one side only is one row with its summary: its fields, defaults
  // filled in by the parser among them, are not changes of their own.
  const alone = [...left.items.keys(), ...right.items.keys()].filter(
    (item) => !left.items.has(item) || !right.items.has(item),
  );
  const under = (path: string) =>
    alone.some((item) => path.startsWith(`${item}.`) || path.startsWith(`${item}[`));
  const changes: InputChange[] = alone.map((item) => ({
    path: item,
    a: left.items.get(item) ?? null,
    b: right.items.get(item) ?? null,
  }));
  for (const path of new Set([...left.leaves.keys(), ...right.leaves.keys()])) {
    if (under(path)) continue;
    const before = left.leaves.get(path) ?? null;
    const after = right.leaves.get(path) ?? null;
    if (before !== after) changes.push({ path, a: before, b: after });
  }
  return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

type Flat = {
  leaves: Map<string, string>;
  /** Named items by path, with a one-line summary ("role api, workload io-bound"). */
  items: Map<string, string>;
};

/** Up to three of a named item's plain fields, its name and unset flags (`false`) left out. */
function summary(item: Record<string, unknown>): string {
  const fields = Object.entries(item).filter(
    ([key, value]) => key !== 'name' && value !== null && value !== false && typeof value !== 'object',
  );
  return fields.length === 0
    ? 'present'
    : fields
        .slice(0, 3)
        .map(([key, value]) => `${key} ${String(value)}`)
        .join(', ');
}

function flatten(value: unknown, prefix = '', out: Flat = { leaves: new Map(), items: new Map() }): Flat {
  if (Array.isArray(value)) {
    const named = value.every(
      (item) =>
        item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string',
    );
    if (named && value.length > 0) {
      for (const item of value as { name: string }[]) {
        const path = `${prefix}[${item.name}]`;
        out.items.set(path, summary(item));
        flatten(item, path, out);
      }
    } else if (value.every((item) => item === null || typeof item !== 'object')) {
      if (value.length > 0) out.leaves.set(prefix, value.map(String).join(', '));
    } else {
      value.forEach((item, i) => {
        flatten(item, `${prefix}[${i}]`, out);
      });
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'version') continue;
      flatten(child, prefix === '' ? key : `${prefix}.${key}`, out);
    }
    return out;
  }
  if (value !== undefined) out.leaves.set(prefix, String(value));
  return out;
}
