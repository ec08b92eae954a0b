/** @module The team's own Go/Rust pair (`gorust lab run --workload FILE`): the workload file's schema (zod, exported as a JSON Schema), reading it as YAML or JSON with every problem named, its content hash, and the manifest-shaped workload and vegeta targets the lab runs it with. */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import { didYouMean, UserError } from '../../core/index.ts';
import type { ManifestWorkload } from './manifest.ts';

/** The built-in workloads: a team's workload may not take their names (their summaries differ). */
export const BUILT_IN_WORKLOADS = ['http-json', 'gc-cache', 'cpu', 'build', 'boundary'] as const;

const MAX_BYTES = 256 * 1024;

/**
 * A string whose `{name}` placeholders are all ones the lab fills there: an unknown one ("{mode}") is a mistake in the
 * file, named with its field before anything runs (it failed mid-run, as an internal error, until 2026-12-07).
 */
function placeholders(known: readonly string[], min = 1) {
  return (min > 0 ? z.string().min(min) : z.string()).refine(
    (text) => [...text.matchAll(/\{([a-z_]+)\}/g)].every((m) => known.includes(m[1] ?? '')),
    {
      message: `has a placeholder the lab does not fill here; it fills ${known.map((k) => `"{${k}}"`).join(', ')}`,
    },
  );
}

const programSchema = z
  .strictObject({
    cwd: z.string().min(1).describe('folder of the program, relative to the workload file'),
    build: z
      .array(z.array(placeholders(['threads'])).min(1))
      .optional()
      .describe('commands run in order in cwd before measuring, each an argv array (no shell)'),
    run: z
      .array(placeholders(['port', 'host', 'threads']))
      .min(1)
      .refine((argv) => argv.some((a) => a.includes('{port}')), {
        message: 'must pass the port the lab picks: put "{port}" in an argument',
      })
      .describe(
        'the server command, an argv array run in cwd; "{port}" becomes a free port the lab picks, "{host}" the address to bind (127.0.0.1, or with lab run --loadgen ssh:// this machine\'s address the generators reach) and "{threads}" the number of cores the plan gives the server',
      ),
    env: z
      .record(z.string(), placeholders(['threads'], 0))
      .optional()
      .describe('extra environment of the build and run commands'),
  })
  .describe('one program of the pair');

const requestSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']),
  path: z.string().regex(/^\/\S*$/, 'a path starting with "/" (no spaces)'),
  body_file: z.string().min(1).optional().describe('file sent as the body, relative to the workload file'),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name'), z.string().regex(/^[^\r\n]*$/))
    .optional(),
  weight: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('how many times this request appears per cycle of the mix (default 1)'),
});

export const workloadFileSchema = z
  .strictObject({
    version: z.literal(1),
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes (at most 63)')
      .refine((n) => !(BUILT_IN_WORKLOADS as readonly string[]).includes(n), {
        message: `must differ from the built-in workloads (${BUILT_IN_WORKLOADS.join(', ')})`,
      }),
    programs: z
      .strictObject({ go: programSchema.optional(), rust: programSchema.optional() })
      .refine((p) => p.go !== undefined || p.rust !== undefined, { message: 'needs a go or a rust program' }),
    ready: z.strictObject({
      path: z.string().regex(/^\/\S*$/, 'a path starting with "/"'),
      timeout_s: z
        .number()
        .positive()
        .max(600)
        .optional()
        .describe('how long to wait for a 200 (default 30)'),
    }),
    requests: z.array(requestSchema).min(1).max(1000).describe('the load mix, cycled in order'),
    slo: z.strictObject({ p99_ms: z.number().positive().max(600_000) }),
  })
  .describe('A Go/Rust pair of the team, measured by `gorust lab run --workload FILE`');

export type WorkloadFile = z.infer<typeof workloadFileSchema>;

/** A workload file read and checked: its content, where it is, and its SHA-256. */
export type LoadedWorkloadFile = {
  path: string;
  dir: string;
  sha256: string;
  spec: WorkloadFile;
};

/**
 * The JSON Schema of the workload file (draft 2020-12), as committed in lab/workload-file.schema.json.
 * @example
 * writeFileSync('schema.json', JSON.stringify(workloadFileJsonSchema(), null, 2));
 */
export function workloadFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(workloadFileSchema, { io: 'input' }),
    $id: 'https://gorust.dev/schemas/lab-workload-file-v1.json',
    title: 'gorust lab workload file v1',
  };
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0
    ? '(file)'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

/**
 * Read a workload file (YAML or JSON) and check it, including that its folders and body files exist. Any problem
 * is a UserError (exit 2) that lists every problem found, each with its field.
 * @example
 * const file = loadWorkloadFile('bench/sum-service.yaml');
 */
export function loadWorkloadFile(path: string): LoadedWorkloadFile {
  const full = resolve(path);
  let bytes: Buffer;
  try {
    if (statSync(full).size > MAX_BYTES) throw new UserError(`workload file ${path}: larger than 256 KiB`);
    bytes = readFileSync(full);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (error as Error).message;
    throw new UserError(`cannot read the workload file ${path}: ${why}`);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new UserError(
      `workload file ${path} is not valid YAML or JSON:\n${doc.errors.map((e) => `  - ${e.message.split('\n')[0]}`).join('\n')}`,
    );
  }
  const parsed = workloadFileSchema.safeParse(doc.toJS({ maxAliasCount: 50 }), { reportInput: true });
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issuePath(issue.path)}: ${issueText(issue)}`);
  }
  const dir = dirname(full);
  if (parsed.success) {
    for (const [lang, program] of Object.entries(parsed.data.programs)) {
      if (!program) continue;
      const cwd = resolve(dir, program.cwd);
      if (!existsSync(cwd) || !statSync(cwd).isDirectory())
        problems.push(`programs.${lang}.cwd: no folder ${cwd}`);
    }
    parsed.data.requests.forEach((request, i) => {
      if (request.body_file === undefined) return;
      const body = resolve(dir, request.body_file);
      if (!existsSync(body) || !statSync(body).isFile())
        problems.push(`requests[${i}].body_file: no file ${body}`);
    });
  }
  if (problems.length > 0 || !parsed.success) {
    throw new UserError(
      `workload file ${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'} (see \`gorust lab run --help\` and lab/workload-file.schema.json):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    path: full,
    dir,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    spec: parsed.data,
  };
}

/**
 * The manifest-shaped workload the orchestrator runs: programs with absolute folders, `{port}` left in the arguments
 * until a server starts.
 * @example
 * const workload = manifestWorkloadOf(file);
 */
export function manifestWorkloadOf(file: LoadedWorkloadFile): ManifestWorkload {
  const programs: ManifestWorkload['programs'] = {};
  for (const lang of ['go', 'rust'] as const) {
    const program = file.spec.programs[lang];
    if (!program) continue;
    const [exec = '', ...args] = program.run;
    programs[lang] = {
      cwd: resolve(file.dir, program.cwd),
      build: program.build ?? [],
      // `run: [svc, ...]` names the program its build wrote in `cwd` unless a command of that name is on PATH
      // (`python3`): a bare name was looked for in gorust's own folder until 2026-12-07.
      exec: exec.includes('/') || onPath(exec) ? exec : `./${exec}`,
      args,
      env: program.env ?? {},
      kind: 'server',
    };
  }
  return { name: file.spec.name, kind: 'service', summary: `team workload ${file.path}`, programs };
}

/** A zod issue in words, with the nearest known key or value for a misspelt one ("p99" -> p99_ms, "post" -> POST). */
function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(issue.path);
    return issue.keys
      .map((key) => {
        const near = didYouMean(key, known);
        return `unknown key "${key}"${near === undefined ? '' : ` (did you mean "${near}"?)`}${known.length > 0 ? `; known keys: ${known.join(', ')}` : ''}`;
      })
      .join('; ');
  }
  if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
    const values = issue.values.map(String);
    const near = didYouMean(issue.input, values);
    return `${issue.message}${near === undefined ? '' : ` (did you mean "${near}"?)`}`;
  }
  return issue.message;
}

/** The keys the schema allows at a path of the file (for a misspelt key's suggestion). */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = workloadFileSchema;
  for (const part of path) {
    const def = (
      schema as unknown as {
        def: {
          type: string;
          shape?: Record<string, z.ZodType>;
          valueType?: z.ZodType;
          element?: z.ZodType;
          innerType?: z.ZodType;
        };
      }
    ).def;
    if (def.type === 'optional' && def.innerType) schema = def.innerType;
    const current = (schema as unknown as { def: typeof def }).def;
    if (current.type === 'object' && current.shape && typeof part === 'string' && current.shape[part])
      schema = current.shape[part];
    else if (current.type === 'array' && current.element) schema = current.element;
    else if (current.type === 'record' && current.valueType) schema = current.valueType;
    else return [];
  }
  let def = (
    schema as unknown as { def: { type: string; shape?: Record<string, unknown>; innerType?: z.ZodType } }
  ).def;
  if (def.type === 'optional' && def.innerType) def = (def.innerType as unknown as { def: typeof def }).def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Whether an executable file of this name is in one of PATH's folders. */
function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return statSync(join(dir, name)).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * Write the request mix as a vegeta targets template (`{addr}` filled per server later): each request `weight`
 * times, in order, headers and `@body` with absolute paths.
 * @example
 * const template = writeTargetsTemplate(file, tempDir);
 */
export function writeTargetsTemplate(file: LoadedWorkloadFile, dir: string): string {
  const blocks = file.spec.requests.flatMap((request) => {
    const lines = [`${request.method} http://{addr}${request.path}`];
    for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
    if (request.body_file !== undefined) lines.push(`@${resolve(file.dir, request.body_file)}`);
    return Array.from({ length: request.weight ?? 1 }, () => lines.join('\n'));
  });
  const out = join(dir, `targets-${file.spec.name}.txt`);
  writeFileSync(out, `${blocks.join('\n\n')}\n`);
  return out;
}
