/** @module Vite plugin: the knowledge base and the example profiles, parsed and validated at build time by the same code the CLI uses, and handed to the browser as JSON (virtual modules), so the browser never parses YAML for them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { KB_FILES, type KnowledgeBase, type Profile, parseProfileText } from '../../src/core/index.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';

export const KB_MODULE = 'virtual:gorust/kb';
export const EXAMPLES_MODULE = 'virtual:gorust/examples';

export type PrebuiltExample = { id: string; profile: Profile };

/**
 * The example profiles of a folder (`*.yaml`), validated, sorted by id (the file name without `.yaml`).
 * @example
 * readExamples('examples').find((e) => e.id === 'close-call');
 */
export function readExamples(dir: string): PrebuiltExample[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({
      id: name.replace(/\.yaml$/, ''),
      profile: parseProfileText(readFileSync(join(dir, name), 'utf8'), `examples/${name}`),
    }));
}

/**
 * A module whose default export is `value`, as JSON.parse of a string literal (parsed faster than an object literal).
 * @example
 * jsonModule({ a: 1 }); // 'export default JSON.parse("{\"a\":1}");'
 */
export function jsonModule(value: unknown): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});\n`;
}

/**
 * The plugin: `import kb from 'virtual:gorust/kb'` and `import examples from 'virtual:gorust/examples'`. A broken
 * knowledge base or example fails the build with the parser's message, as the CLI would.
 * @example
 * defineConfig({ plugins: [react(), prebuiltData(rootDir)] });
 */
export function prebuiltData(root: string): Plugin {
  const kbDir = resolve(root, 'kb');
  const examplesDir = resolve(root, 'examples');
  return {
    name: 'gorust-prebuilt-data',
    resolveId(id) {
      return id === KB_MODULE || id === EXAMPLES_MODULE ? `\0${id}` : null;
    },
    load(id) {
      if (id === `\0${KB_MODULE}`) {
        for (const name of Object.values(KB_FILES)) this.addWatchFile(join(kbDir, name));
        const kb: KnowledgeBase = readKnowledgeBase(kbDir);
        return jsonModule(kb);
      }
      if (id === `\0${EXAMPLES_MODULE}`) {
        const examples = readExamples(examplesDir);
        for (const example of examples) this.addWatchFile(join(examplesDir, `${example.id}.yaml`));
        return jsonModule(examples);
      }
      return null;
    },
  };
}
