/**
 * @module Entry of the built CLI (dist/cli/main.cjs, what bin/gorust.js requires; CommonJS like bin/gorust.js, so no ES module loader starts): answers `--version` and the top-level
 * help without loading the command parser (the help text was generated when the CLI was built), and runs the rest
 * from dist/cli/gorust.cjs, the one CommonJS bundle of main.ts (and dist/cli/vendor/*.cjs, the npm packages it loads
 * only on some paths), through V8's code cache (the technique of
 * v8-compile-cache): the bytecode V8 compiled on an earlier run of the same command is kept in the cache folder,
 * keyed by the bundle's hash, so later runs skip parsing and compiling. Node 20 has no module compile cache, and
 * V8 takes cached code only for a script, not for an ES module. GORUST_NO_CACHE turns it off. Development
 * (`npx tsx src/cli/main.ts`) does not pass here.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { packageVersion, usableCacheDir } from '../io/paths.ts';
import { quietOnBrokenPipes, writeStdout } from './stdio.ts';

/** Facts of the build, set by scripts/build-cli.ts (esbuild `define`). */
declare const GORUST_BUILD: {
  /** The bundle's content hash: a new build never reads an old build's cache. */
  hash: string;
  /** `gorust --help` as commander prints it at helpWidth columns. */
  help: string;
  helpWidth: number;
  /** The command names, each with its own cache (a cache holds the code the command it was made by ran). */
  commands: string[];
};

/** The compiled-code cache of this command line, or undefined when caching is off. */
function codeCacheFile(
  argv: readonly string[],
  build: Pick<typeof GORUST_BUILD, 'hash' | 'commands'>,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const dir = usableCacheDir(env);
  if (dir === undefined) return undefined;
  const first = argv[0] ?? '';
  const command = build.commands.includes(first) ? first : 'other';
  return join(dir, 'v8', `cli-${build.hash}-${command}.bin`);
}

/**
 * Whether the built-in help text is what commander would print here: the same command line, and the width commander
 * would wrap to (the terminal's columns, or 80 when stdout is not a terminal). Standard output's stream is built only
 * when help was asked (stdio.ts).
 */
function staticHelpApplies(
  argv: readonly string[],
  stdout: () => NodeJS.WriteStream,
  width: number,
): boolean {
  const asked = argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h'));
  return asked && (stdout().isTTY ? stdout().columns : 80) === width;
}

/**
 * Another build's cache is removed once it is this old. Builds in use at the same time (two installed versions, or a
 * checkout and an install, sharing the user's cache folder) each keep theirs: removing every other build's cache at
 * once made them delete each other's on every run, so that neither was ever read.
 */
const OTHER_BUILD_CACHE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Write the cached data after the run (it then holds every function the command compiled), atomically; caches of other builds unused for a week go. */
function saveCodeCache(script: Script, file: string, hash: string): void {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, file);
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      if (!name.startsWith('cli-') || name.includes(hash)) continue;
      const path = join(dir, name);
      const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now;
      if (now - modified > OTHER_BUILD_CACHE_MAX_AGE_MS) rmSync(path, { force: true });
    }
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** A CommonJS module's function as Node wraps it, plus the import() the commands' bundle gets from here. */
type Wrapper = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
  dynamicImport?: (specifier: string) => Promise<unknown>,
) => void;

/**
 * Compile a CommonJS file with the compiled code cached in cacheFile, if any: read now; written when the process
 * exits (it then holds every function the command ran) when there was none or V8 rejected it.
 */
function compileCached(file: string, cacheFile: string | undefined): Wrapper {
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet: this run makes it.
    }
  }
  const source = readFileSync(file, 'utf8');
  // Node's own CommonJS wrapper, so the code sees require, module and __filename as when Node loads it, plus this
  // module's import() for the bundle's import() calls (the server bundle, an ES module).
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname, __gorust_import) { ${source}\n})`,
    { filename: file, cachedData },
  );
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => saveCodeCache(script, cacheFile, GORUST_BUILD.hash));
  }
  return script.runInThisContext() as Wrapper;
}

/**
 * The require the commands' bundle gets: Node's, except for the vendor bundles beside it (`./vendor/NAME.cjs`, see
 * scripts/build-cli.ts), which run through the code cache as the bundle does, each once.
 */
function bundleRequire(bundle: string, cacheFile: string | undefined): NodeJS.Require {
  const nodeRequire = createRequire(bundle);
  const loaded = new Map<string, object>();
  const require = (id: string): unknown => {
    if (!id.startsWith('./vendor/')) return nodeRequire(id);
    const done = loaded.get(id);
    if (done !== undefined) return done;
    const file = join(dirname(bundle), id);
    const name = id.slice('./vendor/'.length).replace(/\.cjs$/, '');
    const module = { exports: {} };
    // Set before it runs, as Node does, for a require cycle; again after, as the bundle replaces module.exports.
    loaded.set(id, module.exports);
    compileCached(file, cacheFile?.replace(/\.bin$/, `-${name}.bin`)).call(
      module.exports,
      module.exports,
      createRequire(file),
      module,
      file,
      dirname(file),
    );
    loaded.set(id, module.exports);
    return module.exports;
  };
  return Object.assign(require, nodeRequire);
}

function runBundle(argv: readonly string[]): void {
  const bundle = join(import.meta.dirname, 'gorust.cjs');
  const cacheFile = codeCacheFile(argv, GORUST_BUILD, process.env);
  const module = { exports: {} };
  compileCached(bundle, cacheFile).call(
    module.exports,
    module.exports,
    bundleRequire(bundle, cacheFile),
    module,
    bundle,
    dirname(bundle),
    (specifier) => import(specifier),
  );
}

// A reader that stops early (`gorust --help | head`) closes the pipe: stop quietly, as other Unix tools do.
quietOnBrokenPipes();

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  writeStdout(`${packageVersion()}\n`);
} else if (staticHelpApplies(argv, () => process.stdout, GORUST_BUILD.helpWidth)) {
  writeStdout(GORUST_BUILD.help);
} else {
  runBundle(argv);
}
