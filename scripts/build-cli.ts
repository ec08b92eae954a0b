/** @module `npm run build:cli`: bundles the CLI with esbuild into dist/cli/ (gorust.cjs, one CommonJS bundle of the commands whose modules run only when a command needs them, vendor/*.cjs, the npm packages only some paths load (VENDOR), and main.cjs, the small CommonJS entry that answers --version and the top-level help itself and runs the bundle through V8's code cache: src/cli/start.ts) and writes the knowledge base parsed and validated (dist/kb.json), so the built CLI does no YAML or schema work for it at run time. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin, transformSync } from 'esbuild';
import * as zod from 'zod';
import { COMMAND_LOADERS } from '../src/cli/command-list.ts';
import { decisionKeyOrder, parseKnowledgeBase } from '../src/core/index.ts';
import {
  defaultKnowledgeBaseDir,
  prebuiltKnowledgeBaseJson,
  readKnowledgeBaseTexts,
} from '../src/io/kb-files.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'cli');

/**
 * Packages left to node_modules: native code (better-sqlite3), and big libraries only a few commands load
 * (the HdrHistogram decoder of lab reports), which the package lists as dependencies.
 */
export const EXTERNAL = ['better-sqlite3', 'hdr-histogram-js'];

/**
 * npm packages that only some paths of some commands run (a profile the quick reader does not take, an invalid one,
 * `gorust init`'s prompts, the lab's files), each bundled on its own as dist/cli/vendor/NAME.cjs and loaded when first
 * required: the commands' bundle leaves them out, and so does the compiled code V8 reads back on every start (its
 * size is most of a start's cost of loading that code). start.ts runs each through V8's code cache too.
 */
export const VENDOR: Record<string, string> = { yaml: 'yaml', zod: 'zod', '@clack/prompts': 'clack-prompts' };

/**
 * A vendor bundle's entry: the package's every export, except zod's, whose whole build (every locale, the JSON Schema
 * tools behind its `core` namespace) is four times what gorust uses. Its entry names the members the sources use as
 * values (`z.NAME` once the types are stripped; they all import it as `import * as z from 'zod'`), so the bundler
 * keeps only those; a source that uses `z` any other way gets the whole package.
 */
function vendorEntry(specifier: string): string {
  const all = `export * from ${JSON.stringify(specifier)};`;
  if (specifier !== 'zod') return all;
  const names = new Set<string>();
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  for (const file of sources) {
    const text = readFileSync(join(ROOT, 'src', file), 'utf8');
    if (!/^import \* as z from 'zod';$/m.test(text)) continue;
    const code = transformSync(text, { loader: 'ts' }).code.replace(/^import \* as z from "zod";$/m, '');
    for (const [, name] of code.matchAll(/(?<![\w$.])z\.([A-Za-z_$][\w$]*)/g)) names.add(name ?? '');
    if (/(?<![\w$.'"-])z(?![\w$.'"-])/.test(code)) {
      console.warn(
        `build-cli: src/${file} uses zod's namespace other than as z.NAME: the whole of zod is bundled`,
      );
      return all;
    }
  }
  const values = [...names].filter((name) => name in zod).sort();
  return `export { ${values.join(', ')} } from 'zod';`;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// The knowledge base: parse and validate now (a problem fails the build), ship the result as JSON.
const texts = readKnowledgeBaseTexts(defaultKnowledgeBaseDir());
writeFileSync(join(ROOT, 'dist', 'kb.json'), prebuiltKnowledgeBaseJson(texts, parseKnowledgeBase(texts)));

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

/**
 * commander requires node:child_process when it loads, for subcommands that are separate executables, which gorust
 * has none of; loading it costs a few milliseconds of every command's start-up. Here commander gets it on first use.
 */
const lazyChildProcessForCommander: Plugin = {
  name: 'gorust-lazy-child-process',
  setup(builder) {
    builder.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'node:child_process', namespace: 'gorust-lazy-builtin' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'gorust-lazy-builtin' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get: (_, key) => require(${JSON.stringify(args.path)})[key] });`,
      loader: 'js',
    }));
  },
};

/** In the CLI build, each VENDOR package is a require of its own bundle (built below, before the commands' bundle). */
const vendorAsSeparateBundles: Plugin = {
  name: 'gorust-vendor-bundles',
  setup(builder) {
    const names = Object.keys(VENDOR).map((name) => name.replace(/[/]/g, '\\/'));
    builder.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
      path: `./vendor/${VENDOR[args.path]}.cjs`,
      external: true,
    }));
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

/**
 * import.meta in the CommonJS bundles: the file and folder are Node's own __filename and __dirname; the URL is made
 * only when read (pathToFileURL costs about a millisecond of a cold start, and the decide path never reads it).
 */
const CJS_IMPORT_META = {
  banner:
    'var __gorust_import_meta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };',
  define: {
    'import.meta.url': '__gorust_import_meta.url',
    'import.meta.filename': '__filename',
    'import.meta.dirname': '__dirname',
  },
} as const;

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

// The commands: one CommonJS bundle (V8 caches compiled code for scripts, not for ES modules). esbuild turns each
// import() of a gorust module into a lazy initialiser, so a command still runs only the modules it needs.
const BUNDLE = join(OUT, 'gorust.cjs');
const vendorFiles = Object.values(VENDOR).map((name) => join(OUT, 'vendor', `${name}.cjs`));
const vendorBuilds: Metafile[] = [];
for (const [specifier, name] of Object.entries(VENDOR)) {
  const vendor = await build({
    ...common,
    stdin: { contents: vendorEntry(specifier), resolveDir: ROOT, loader: 'js' },
    splitting: false,
    format: 'cjs',
    outfile: join(OUT, 'vendor', `${name}.cjs`),
    banner: { js: CJS_IMPORT_META.banner },
    define: CJS_IMPORT_META.define,
  });
  vendorBuilds.push(vendor.metafile);
}
const result = await build({
  ...common,
  entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
  splitting: false,
  format: 'cjs',
  outfile: BUNDLE,
  banner: {
    js: [
      CJS_IMPORT_META.banner,
      // start.ts passes its own import() (a script run with V8's cached code has none without an experimental flag).
      'var __gorust_dynamic_import = typeof __gorust_import === "function" ? __gorust_import : (s) => import(s);',
    ].join('\n'),
  },
  define: {
    ...CJS_IMPORT_META.define,
    // The decision JSON's key order (decide-run.ts), so `--format json` builds no decision schema at run time.
    GORUST_DECISION_ORDER: JSON.stringify(decisionKeyOrder()),
  },
  plugins: [
    serverAsSeparateBundle,
    vendorAsSeparateBundles,
    sideEffectFreeSources,
    lazyChildProcessForCommander,
  ],
});
// Each import() left in the bundle (the server bundle, node: modules) goes through start.ts's import().
const bundled = readFileSync(BUNDLE, 'utf8');
const imports = /\bimport\(("[#\w:/.-]+")\)/g;
if (!bundled.includes('import("#gorust/server")'))
  throw new Error('the server import is missing from gorust.cjs');
// A vendor bundle is CommonJS: an import() of one is its require, in a promise, as esbuild writes an import() of a
// bundled module.
writeFileSync(
  BUNDLE,
  bundled.replace(imports, (_call, specifier: string) =>
    specifier.startsWith('"./vendor/')
      ? `Promise.resolve().then(() => require(${specifier}))`
      : `__gorust_dynamic_import(${specifier})`,
  ),
);

/** `gorust --help` as commander prints it when stdout is not a terminal (80 columns), for start.ts to print as is. */
const HELP_WIDTH = 80;
const help = spawnSync(process.execPath, [BUNDLE, '--help'], {
  encoding: 'utf8',
  env: { ...process.env, GORUST_NO_CACHE: '1' },
});
if (help.status !== 0 || help.stdout === '')
  throw new Error(`gorust --help failed in the build: ${help.stderr}`);

// The entry is CommonJS too (bin/gorust.js requires it): loading an ES module starts Node's ESM loader, which
// costs about a tenth of a bare node's start-up.
const entry = await build({
  ...common,
  entryPoints: [join(ROOT, 'src', 'cli', 'start.ts')],
  splitting: false,
  format: 'cjs',
  outfile: join(OUT, 'main.cjs'),
  banner: { js: CJS_IMPORT_META.banner },
  define: {
    ...CJS_IMPORT_META.define,
    GORUST_BUILD: JSON.stringify({
      hash: [BUNDLE, ...vendorFiles]
        .reduce((hash, file) => hash.update(readFileSync(file)), createHash('sha256'))
        .digest('hex')
        .slice(0, 16),
      help: help.stdout,
      helpWidth: HELP_WIDTH,
      commands: Object.keys(COMMAND_LOADERS),
    }),
  },
});

if (process.env.GORUST_BUILD_META)
  writeFileSync(process.env.GORUST_BUILD_META, JSON.stringify(result.metafile));
const size = (metafile: Metafile) => {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => /\.c?js$/.test(file));
  return `${outputs.length} files, ${(outputs.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024).toFixed(0)} KiB`;
};
console.log(
  `dist/cli: ${size(result.metafile)} + ${size(entry.metafile)} + vendor ${vendorBuilds.map(size).join(', ')}; dist/server: ${size(server.metafile)}; dist/kb.json: the knowledge base, prebuilt`,
);
