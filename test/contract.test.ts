/** @module Tests of CONTRACT.md against the code: the optional fields the decision JSON carries beyond §2 are each listed, and nothing listed is missing from the schema; §3 (the re-check's JSON) follows them. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { decisionSchema } from '../src/core/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const HEADING = '## Optional fields this version adds';

/** The optional keys of an object schema, prefixed (`boundaries[].chatty`). */
function optionalKeys(shape: Record<string, z.ZodType>, prefix = ''): string[] {
  return Object.entries(shape)
    .filter(([, field]) => field.safeParse(undefined).success)
    .map(([key]) => `${prefix}${key}`);
}

/** Every optional field of the decision: top level and inside its arrays of objects. */
function decisionOptionalFields(): string[] {
  const shape = decisionSchema.shape as unknown as Record<string, z.ZodType>;
  const fields = optionalKeys(shape);
  for (const [key, field] of Object.entries(shape)) {
    const element = (field as { element?: { shape?: Record<string, z.ZodType> } }).element;
    if (element?.shape) fields.push(...optionalKeys(element.shape, `${key}[].`));
  }
  return fields.sort();
}

describe('CONTRACT.md', () => {
  const text = readFileSync(join(ROOT, 'CONTRACT.md'), 'utf8');
  const start = text.indexOf(HEADING);
  // The section runs to the next heading of its level: §3, the re-check's JSON, follows it.
  const next = text.indexOf('\n## ', start + HEADING.length);
  const section = text.slice(start, next === -1 ? undefined : next);

  it('has the optional fields section right after §2, before §3', () => {
    expect(start).toBeGreaterThan(text.indexOf('## 2. The decision'));
    expect(text.slice(text.indexOf('## 2. The decision') + 3, start)).not.toContain('\n## ');
    expect(text.indexOf('## 3. The re-check')).toBe(next + 1);
  });

  it('lists every optional decision field, one line each, and no field the schema lacks', () => {
    const listed = [...section.matchAll(/^- `([a-z_[\].]+)`:/gm)].map((m) => m[1] ?? '').sort();
    expect(listed).toEqual(decisionOptionalFields());
    expect(listed).toContain('boundaries[].chatty');
  });
});
