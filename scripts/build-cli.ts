/** @module `npm run build:cli`: bundles the CLI with esbuild into dist/cli/ (one small entry, a chunk per command loaded on demand) and writes the knowledge base parsed and validated (dist/kb.json), so the built CLI does no YAML or schema work for it at run time. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { parseKnowledgeBase } from '../src/core/index.ts';
import {
  defaultKnowledgeBaseDir,
  kbTextsHash,
  type PrebuiltKnowledgeBase,
  readKnowledgeBaseTexts,
} from '../src/io/kb-files.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'cli');

/**
 * Packages left to node_modules: native code (better-sqlite3), and big libraries only a few commands load
 * (ECharts for HTML reports, the HdrHistogram decoder of lab reports), which the package lists as dependencies.
 */
export const EXTERNAL = ['better-sqlite3', 'echarts', 'hdr-histogram-js'];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// The knowledge base: parse and validate now (a problem fails the build), ship the result as JSON.
const texts = readKnowledgeBaseTexts(defaultKnowledgeBaseDir());
const prebuilt: PrebuiltKnowledgeBase = {
  format: 1,
  hash: kbTextsHash(texts),
  kb: parseKnowledgeBase(texts),
};
writeFileSync(join(ROOT, 'dist', 'kb.json'), JSON.stringify(prebuilt));

/**
 * gorust's own modules do nothing when imported but define things (the entry, main.ts, is the exception), so the
 * bundler may drop any module whose exports a command does not use: importing one name from the core's index does
 * not build every zod schema of the core at start-up.
 */
const sideEffectFreeSources: Plugin = {
  name: 'gorust-side-effect-free-sources',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (!path.startsWith(join(ROOT, 'src')) || !/\.ts$/.test(path)) return undefined;
      return { path, sideEffects: false };
    });
  },
};

/** In the CLI build, the server is an import of the separately built server bundle (package.json `imports`). */
const serverAsSeparateBundle: Plugin = {
  name: 'gorust-server-bundle',
  setup(builder) {
    builder.onResolve({ filter: /server\/bundle-entry\.ts$/ }, () => ({
      path: '#gorust/server',
      external: true,
    }));
  },
};

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  external: EXTERNAL,
  // Bundled CommonJS packages (commander) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

rmSync(join(ROOT, 'dist', 'server'), { recursive: true, force: true });
const server = await build({
  ...common,
  // The decide worker is an entry of its own: decide-pool.ts starts dist/server/decide-worker.js.
  entryPoints: {
    index: join(ROOT, 'src', 'server', 'bundle-entry.ts'),
    'decide-worker': join(ROOT, 'src', 'server', 'decide-worker.ts'),
  },
  outdir: join(ROOT, 'dist', 'server'),
  plugins: [sideEffectFreeSources],
});

const result = await build({
  entryPoints: { main: join(ROOT, 'src', 'cli', 'main.ts') },
  ...common,
  outdir: OUT,
  plugins: [serverAsSeparateBundle, sideEffectFreeSources],
});

if (process.env.GORUST_BUILD_META)
  writeFileSync(process.env.GORUST_BUILD_META, JSON.stringify(result.metafile));
const size = (metafile: Metafile) => {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
  return `${outputs.length} files, ${(outputs.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024).toFixed(0)} KiB`;
};
console.log(
  `dist/cli: ${size(result.metafile)}; dist/server: ${size(server.metafile)}; dist/kb.json: the knowledge base, prebuilt`,
);
