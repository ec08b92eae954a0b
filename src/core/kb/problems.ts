/** @module Helpers that turn knowledge-base validation issues into readable problems: record paths, value descriptions, "did you mean". */
import type { z } from 'zod';

type PathKey = PropertyKey;

/**
 * Name a place inside a kb file: the record index, its id when it has one, then the field path.
 * @example
 * formatPath('evidence.yaml', [3, 'year'], records); // "evidence.yaml[3](go-gc-guide).year"
 */
export function formatPath(fileName: string, path: readonly PathKey[], root: unknown): string {
  let out = fileName;
  let node: unknown = root;
  path.forEach((key, depth) => {
    out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
    node = childOf(node, key);
    if (depth === 0 && typeof key === 'number') {
      const id = recordId(node);
      if (id !== undefined) out += `(${id})`;
    }
  });
  return out;
}

function childOf(node: unknown, key: PathKey): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  return (node as Record<PropertyKey, unknown>)[key];
}

function recordId(node: unknown): string | undefined {
  const id = childOf(node, 'id') ?? childOf(node, 'mechanism');
  return typeof id === 'string' ? id : undefined;
}

/**
 * Describe a value found in a file in a few words, for the "found" part of a problem.
 * @example
 * describeValue('fast'); // '"fast"'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

type LooseDef = {
  type: string;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
};

function defOf(schema: z.ZodType): LooseDef {
  return (schema as unknown as { _zod: { def: LooseDef } })._zod.def;
}

/** Strip wrappers (optional, default, lazy, pipe...) that do not change the shape of the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = defOf(current);
    const next =
      def.innerType ??
      (def.type === 'lazy' ? def.getter?.() : undefined) ??
      (def.type === 'pipe' ? def.in : undefined);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/**
 * The keys an object schema accepts at a path, so an unknown key can be answered with "did you mean".
 * @example
 * knownKeysAt(z.array(evidenceSchema), [0]); // ['id', 'claim', 'numbers', ...]
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PathKey[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (current === undefined) return [];
    const def = defOf(current);
    if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else if (def.type === 'object') current = def.shape?.[String(key)];
    else return [];
    if (current !== undefined) current = unwrap(current);
  }
  if (current === undefined) return [];
  const def = defOf(current);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
