/** @module The decision JSON written in a given key order, without the decision schema: the built CLI gets the order from its build (scripts/build-cli.ts derives it from the schema with decisionKeyOrder()), so printing JSON builds no zod schema at start-up. */
import type { Decision } from '../decision/schema.ts';

/**
 * The keys of an object in order, each with the order of its value; the order of an array's items; or null for a
 * value written as it is.
 */
export type KeyOrder = { keys: [string, KeyOrder][] } | { items: KeyOrder } | null;

/** A value in the given key order, without the keys the order does not name. */
function inOrder(value: unknown, order: KeyOrder): unknown {
  if (value === undefined || value === null || order === null) return value;
  if ('items' in order) {
    return Array.isArray(value) ? value.map((v) => inOrder(v, order.items)) : value;
  }
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of order.keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = inOrder(v, field);
  }
  return out;
}

/**
 * A decision as contract JSON (2-space indent, trailing newline) in `order`, unchecked: what renderJson(d, { validate:
 * false }) prints when `order` is decisionKeyOrder().
 * @example
 * process.stdout.write(renderJsonInOrder(decision, decisionKeyOrder()));
 */
export function renderJsonInOrder(decision: Decision, order: KeyOrder): string {
  return `${JSON.stringify(inOrder(decision, order), null, 2)}\n`;
}
