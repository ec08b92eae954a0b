/** @module Tests of the build-time data plugin: the bundled knowledge base and examples are what the CLI reads. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/index.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';
import { EXAMPLES_MODULE, jsonModule, KB_MODULE, prebuiltData, readExamples } from './prebuilt-data.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Run the plugin's load hook the way Vite does, and evaluate the module's default export. */
function loadModule(id: string): unknown {
  const plugin = prebuiltData(ROOT);
  const resolveId = plugin.resolveId as (id: string) => string | null;
  const load = plugin.load as (this: { addWatchFile(path: string): void }, id: string) => string | null;
  const resolved = resolveId(id);
  expect(resolved).toBe(`\0${id}`);
  const code = load.call({ addWatchFile: () => undefined }, resolved as string) ?? '';
  const body = code.replace(/^export default /, 'return ');
  return new Function(body)();
}

describe('prebuiltData', () => {
  it('bundles the knowledge base the CLI reads, unchanged by the JSON round trip', () => {
    const kb = readKnowledgeBase(join(ROOT, 'kb'));
    const bundled = loadModule(KB_MODULE);
    expect(bundled).toEqual(kb);
    // The same decision from either copy.
    const profile = readExamples(join(ROOT, 'examples')).find((e) => e.id === 'close-call')?.profile;
    expect(profile).toBeDefined();
    if (profile) {
      const options = { seed: 1, samples: 500 };
      expect(decide(profile, bundled as typeof kb, options)).toEqual(decide(profile, kb, options));
    }
  });

  it('bundles every example profile, validated, sorted by id', () => {
    const examples = loadModule(EXAMPLES_MODULE) as { id: string; profile: { version: number } }[];
    const files = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.yaml'));
    expect(examples.map((e) => e.id)).toEqual(files.map((name) => name.replace(/\.yaml$/, '')).sort());
    expect(examples.every((e) => e.profile.version === 1)).toBe(true);
  });

  it('leaves other modules alone and writes JSON that parses back', () => {
    const plugin = prebuiltData(ROOT);
    expect((plugin.resolveId as (id: string) => string | null)('react')).toBeNull();
    expect(jsonModule({ a: '</script>"' })).toBe(
      'export default JSON.parse("{\\"a\\":\\"</script>\\\\\\"\\"}");\n',
    );
  });
});
