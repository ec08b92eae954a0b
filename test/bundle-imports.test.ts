/** @module Guards of the CLI's start-up cost that a type-check cannot see: how gorust's sources import zod. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test(-helpers)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('imports the CLI bundle depends on', () => {
  it('imports zod as a namespace, so the bundle keeps only the parts in use (a named `z` keeps all 450 KB)', () => {
    const named = sources(join(ROOT, 'src'))
      .filter((file) => /^import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*'zod'/m.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(named, "write `import * as z from 'zod'`").toEqual([]);
  });
});
