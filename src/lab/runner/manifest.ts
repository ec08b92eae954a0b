/** @module lab/workloads/manifest.json: where it is, its schema (zod), and the placeholder expansion that turns a program entry into a build and a command line. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import { didYouMean, InternalError, UserError } from '../../core/index.ts';
import { cacheDir, envPath, packagePath } from '../../io/paths.ts';

const programSchema = z.looseObject({
  /** Folder of the program, relative to lab/workloads. */
  cwd: z.string().min(1),
  /** Build commands run in order in `cwd`; empty when the program needs no build. */
  build: z.array(z.array(z.string()).min(1)).default([]),
  /** Absent for a library that is only built (the Rust static library the cgo benchmark links). */
  exec: z.string().min(1).optional(),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  /** Extra environment of the build commands only (cgo flags). */
  build_env: z.record(z.string(), z.string()).optional(),
  /** `server` prints a listening line and serves; `batch` prints one JSON object and exits; `library` is only built. Defaults from the workload's kind. */
  kind: z.string().optional(),
  /** The server program a client runs against. */
  server: z.string().optional(),
});

/** Placeholder values per mode: `{ quick: { entries: '20000' }, full: { ... } }`. */
const paramsSchema = z.record(z.string(), z.record(z.string(), z.string())).optional();

const caseSchema = z.looseObject({
  name: z.string().min(1),
  program: z.string().optional(),
  params: paramsSchema,
});

const workloadSchema = z.looseObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.string().min(1),
  summary: z.string().optional(),
  programs: z.record(z.string(), programSchema),
  /** Targets file in vegeta's http format (labload reads it through the lab), relative to lab/workloads. */
  targets: z.string().optional(),
  params: paramsSchema,
  cases: z.array(caseSchema).optional(),
  start_timeout_ms: z.number().int().positive().optional(),
});

/**
 * A Go tool `gorust lab setup` installs (`GOBIN=<tools> go install <go_install>`) and `doctor` checks. The version is
 * pinned (no `@latest`) so every machine generates the same code and builds with the same code generators.
 */
const toolSchema = z.looseObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  go_install: z
    .string()
    .regex(/^[^\s@]+@v\d+\.\d+\.\d+\S*$/, 'a Go package path and a pinned version: <path>@vX.Y.Z'),
  /** The executable `go install` writes (the package's last path element, minus a /vN major-version suffix). */
  bin: z.string().regex(/^[A-Za-z0-9._-]+$/),
  needed_by: z.array(z.string()).default([]),
});

export const manifestSchema = z.object({
  version: z.literal(1),
  /** The Go tools of the lab: the one list setup installs and doctor checks. */
  tools: z.array(toolSchema).default([]),
  workloads: z.array(workloadSchema).min(1),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestWorkload = z.infer<typeof workloadSchema>;
export type ManifestProgram = z.infer<typeof programSchema>;
export type ManifestCase = z.infer<typeof caseSchema>;

/** A manifest `tools` entry split for use: `go install <path>@<version>` (path: a Go package) writes `bin`. */
export type GoTool = { name: string; path: string; version: string; bin: string; neededBy: string[] };

/** Values for the manifest's `{placeholders}`. */
export type PlaceholderValues = {
  bin: string;
  cargo_target: string;
  tools: string;
  workloads: string;
  threads?: number | string | undefined;
  entries?: number | string | undefined;
  [extra: string]: number | string | undefined;
};

/** A program entry with every placeholder filled and paths made absolute. */
export type ResolvedProgram = {
  name: string;
  kind: 'server' | 'batch' | 'library';
  cwd: string;
  build: string[][];
  /** Environment of the build commands (on top of `env`). */
  buildEnv: Record<string, string>;
  /** '' for a library (nothing to run). */
  exec: string;
  args: string[];
  env: Record<string, string>;
};

/**
 * Absolute path of lab/workloads.
 * @example
 * workloadsDir(); // '/…/gorust/lab/workloads'
 */
export function workloadsDir(): string {
  return packagePath('lab', 'workloads');
}

/**
 * Where lab builds are cached between runs (Go binaries and the shared cargo target dir): `GORUST_LAB_CACHE`,
 * else `$XDG_CACHE_HOME/gorust/lab`, else `~/.cache/gorust/lab`. Persisting it is what makes quick runs quick.
 * @example
 * join(labCacheDir(), 'cargo-target');
 */
export function labCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return envPath(env, 'GORUST_LAB_CACHE') ?? join(cacheDir(env), 'lab');
}

/**
 * Read and validate a manifest file; problems become a UserError listing each one.
 * @example
 * const manifest = loadManifest();
 */
export function loadManifest(path: string = join(workloadsDir(), 'manifest.json')): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read the lab manifest ${path}: ${(error as Error).message}`);
  }
  return parseManifest(raw, path);
}

/**
 * Validate a manifest value (already parsed JSON).
 * @example
 * parseManifest({ version: 1, workloads: [...] });
 */
export function parseManifest(value: unknown, source = 'manifest.json'): Manifest {
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    throw new UserError(`invalid lab manifest ${source}:\n${z.prettifyError(parsed.error)}`);
  }
  const names = new Set<string>();
  for (const workload of parsed.data.workloads) {
    if (names.has(workload.name))
      throw new UserError(`invalid lab manifest ${source}: workload "${workload.name}" appears twice`);
    names.add(workload.name);
  }
  const tools = new Set<string>();
  for (const tool of parsed.data.tools) {
    if (tools.has(tool.name))
      throw new UserError(`invalid lab manifest ${source}: tool "${tool.name}" appears twice`);
    tools.add(tool.name);
  }
  return parsed.data;
}

/**
 * The manifest's Go tools with `go_install` split into package path and version (the schema checked the shape).
 * @example
 * goTools(loadManifest()); // [{ name: 'stringer', path: 'golang.org/x/tools/cmd/stringer', version: 'v0.40.0', ... }, ...]
 */
export function goTools(manifest: Manifest): GoTool[] {
  return manifest.tools.map((tool) => {
    const at = tool.go_install.lastIndexOf('@');
    return {
      name: tool.name,
      path: tool.go_install.slice(0, at),
      version: tool.go_install.slice(at + 1),
      bin: tool.bin,
      neededBy: tool.needed_by,
    };
  });
}

/**
 * The workload named `name`, or a UserError listing the known ones (with the nearest name when it looks like a typo).
 * @example
 * findWorkload(manifest, 'http-json');
 * findWorkload(manifest, 'htp-json'); // throws: unknown workload "htp-json" (did you mean http-json?): known workloads are ...
 */
export function findWorkload(manifest: Manifest, name: string): ManifestWorkload {
  const workload = manifest.workloads.find((w) => w.name === name);
  if (!workload) {
    const known = manifest.workloads.map((w) => w.name);
    const guess = didYouMean(name, known);
    throw new UserError(
      `unknown workload "${name}"${guess === undefined ? '' : ` (did you mean ${guess}?)`}: known workloads are ${known.join(', ')}`,
    );
  }
  return workload;
}

/**
 * Replace `{name}` placeholders in one string; an unknown placeholder is a manifest bug.
 * @example
 * expandPlaceholders('{bin}/srv', { bin: '/b', cargo_target: '/t', tools: '/x', workloads: '/w' }); // '/b/srv'
 */
export function expandPlaceholders(text: string, values: PlaceholderValues, keepUnknown = false): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, key: string) => {
    const value = values[key];
    if (value !== undefined) return String(value);
    if (keepUnknown) return whole;
    throw new InternalError(`manifest placeholder ${whole} has no value here`);
  });
}

/**
 * A program entry of a workload with placeholders filled and `cwd` made absolute; with `partial`, placeholders
 * without a value yet are left in the arguments (for building, before a server's address is known).
 * @example
 * const go = resolveProgram(findWorkload(manifest, 'http-json'), 'go', values);
 */
export function resolveProgram(
  workload: ManifestWorkload,
  name: string,
  values: PlaceholderValues,
  options: { partial?: boolean } = {},
): ResolvedProgram {
  const program = workload.programs[name];
  if (!program) {
    throw new InternalError(`workload ${workload.name} has no program "${name}" in the manifest`);
  }
  const expand = (s: string) => expandPlaceholders(s, values);
  const exec = program.exec === undefined ? '' : expand(program.exec);
  const cwd = resolve(values.workloads, expand(program.cwd));
  return {
    name,
    kind: kindOf(program.kind ?? workload.kind),
    cwd,
    build: program.build.map((cmd) => cmd.map(expand)),
    buildEnv: Object.fromEntries(Object.entries(program.build_env ?? {}).map(([k, v]) => [k, expand(v)])),
    exec: exec.includes('/') ? resolve(cwd, exec) : exec,
    // Run-time values (`{addr}` of a server started later) stay as placeholders in a partial resolution.
    args: program.args.map((a) => expandPlaceholders(a, values, options.partial === true)),
    env: Object.fromEntries(Object.entries(program.env).map(([k, v]) => [k, expand(v)])),
  };
}

function kindOf(kind: string): ResolvedProgram['kind'] {
  return kind === 'server' || kind === 'library' ? kind : 'batch';
}

/**
 * The placeholder values a workload's `params` give for a mode (`quick` or `full`).
 * @example
 * modeParams(findWorkload(manifest, 'gc-cache'), true); // { entries: '20000', memlimit: '24MiB' }
 */
export function modeParams(
  source: { params?: Record<string, Record<string, string>> | undefined },
  quick: boolean,
): Record<string, string> {
  return source.params?.[quick ? 'quick' : 'full'] ?? {};
}
