/** @module Tests of CONTRACT.md against the code: the optional fields the decision JSON carries beyond §2 are each listed, and nothing listed is missing from the schema. */
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
  const section = text.slice(text.indexOf(HEADING));

  it('ends with the optional fields section, after §2', () => {
    expect(text.indexOf(HEADING)).toBeGreaterThan(text.indexOf('## 2. The decision'));
    expect(section.slice(HEADING.length)).not.toContain('\n## ');
  });

  it('lists every optional decision field, one line each, and no field the schema lacks', () => {
    const listed = [...section.matchAll(/^- `([a-z_[\].]+)`:/gm)].map((m) => m[1] ?? '').sort();
    expect(listed).toEqual(decisionOptionalFields());
    expect(listed).toContain('boundaries[].chatty');
  });
});
