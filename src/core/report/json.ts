/** @module The decision as the JSON of CONTRACT.md §2: 2-space indent, the contract's key order, a trailing newline, byte-identical for the same input. */
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import { type Decision, decisionSchema } from '../decision/schema.ts';
import { InternalError } from '../errors.ts';

/**
 * Render a decision as contract JSON. Parsing through the decision schema puts keys in the contract's order
 * (whatever order the engine built them in) and drops anything the contract does not define.
 * @example
 * process.stdout.write(renderJson(decision));
 */
export function renderJson(decision: Decision): string {
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
    description: 'The decision printed by `gorust decide PROFILE --format json`. See CONTRACT.md §2.',
    ...rest,
  };
}
