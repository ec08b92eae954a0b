/** @module The decision as the JSON of CONTRACT.md §2: 2-space indent, the contract's key order, a trailing newline, byte-identical for the same input. */
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import { type Decision, decisionSchema } from '../decision/schema.ts';
import { InternalError } from '../errors.ts';
import { type KeyOrder, renderJsonInOrder } from './json-order.ts';

/**
 * The key order of a zod schema, without the keys the schema does not define: what the schema's parse outputs for a
 * valid value (the decision schema has no defaults or transforms), as renderJsonInOrder() reads it.
 */
function schemaKeyOrder(schema: z.ZodType): KeyOrder {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return schemaKeyOrder(def.innerType as z.ZodType);
    case 'array':
      return { items: schemaKeyOrder(def.element as z.ZodType) };
    case 'object':
      return {
        keys: Object.entries(def.shape as Record<string, z.ZodType>).map(([key, field]) => [
          key,
          schemaKeyOrder(field),
        ]),
      };
    default:
      return null;
  }
}

let DECISION_ORDER: KeyOrder | undefined;

/**
 * The decision JSON's key order (CONTRACT.md §2), from the decision schema.
 * @example
 * renderJsonInOrder(decision, decisionKeyOrder()) === renderJson(decision); // for a valid decision
 */
export function decisionKeyOrder(): KeyOrder {
  DECISION_ORDER ??= schemaKeyOrder(decisionSchema);
  return DECISION_ORDER;
}

/**
 * Render a decision as contract JSON: the keys in the contract's order (whatever order the engine built them in),
 * anything the contract does not define dropped. By default the decision is checked against the schema first;
 * `validate: false` skips the check, for the CLI's start-up (the tests check every example's decision).
 * @example
 * process.stdout.write(renderJson(decision));
 */
export function renderJson(decision: Decision, options: { validate?: boolean } = {}): string {
  if (options.validate === false) {
    return renderJsonInOrder(decision, decisionKeyOrder());
  }
  const result = decisionSchema.safeParse(decision);
  if (!result.success) {
    // The engine produced a decision that breaks the public contract: our bug, not the user's input.
    const first = result.error.issues[0];
    throw new InternalError(
      `the decision does not match the contract at ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`,
    );
  }
  return `${JSON.stringify(result.data, null, 2)}\n`;
}

/**
 * The JSON Schema (draft 2020-12) of the decision JSON, derived from the same zod schema that checks what
 * `renderJson` prints, so the two cannot disagree.
 * @example
 * writeFileSync('decision.schema.json', JSON.stringify(decisionJsonSchema(), null, 2));
 */
export function decisionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(decisionSchema, { io: 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    $id: 'https://gorust.dev/schema/decision.json',
    title: 'gorust decision',
    description:
      'The decision printed by `gorust decide PROFILE --format json`. See CONTRACT.md §2. Objects accept properties ' +
      'this schema does not list: later versions add optional fields, and a validator pinned to this schema keeps ' +
      'accepting their output.',
    ...openObjects(rest),
  };
}

/**
 * The schema with every `additionalProperties: false` left out, so it describes the fields it knows without refusing
 * the optional ones CONTRACT.md lets later versions add (zod writes closed objects).
 */
function openObjects<T>(node: T): T {
  if (Array.isArray(node)) return node.map(openObjects) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = openObjects(value);
  }
  return out as T;
}
