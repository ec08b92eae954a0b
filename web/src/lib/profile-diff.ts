/** @module What changed in the inputs between two saved decisions: the profiles flattened to dotted paths (components and stakeholders keyed by name, so a reorder is no change), compared leaf by leaf. */

export type InputChange = { path: string; a: string | null; b: string | null };

/**
 * The fields that differ between two profiles; `null` means absent on that side.
 * @example
 * diffProfiles({ team: { size: 4 } }, { team: { size: 6 } }); // [{ path: 'team.size', a: '4', b: '6' }]
 */
export function diffProfiles(a: unknown, b: unknown): InputChange[] {
  const left = flatten(a);
  const right = flatten(b);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  const changes: InputChange[] = [];
  for (const path of paths) {
    const before = left.get(path) ?? null;
    const after = right.get(path) ?? null;
    if (before !== after) changes.push({ path, a: before, b: after });
  }
  return changes;
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    const named = value.every(
      (item) =>
        item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string',
    );
    if (named && value.length > 0) {
      for (const item of value as { name: string }[]) flatten(item, `${prefix}[${item.name}]`, out);
    } else if (value.every((item) => item === null || typeof item !== 'object')) {
      if (value.length > 0) out.set(prefix, value.map(String).join(', '));
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
  if (value !== undefined) out.set(prefix, String(value));
  return out;
}
