/** @module The built CLI (bin/gorust.js -> dist/cli/main.cjs, src/cli/start.ts): its static help is commander's, its V8 code cache is written once per command, keyed by the bundle, skipped under GORUST_NO_CACHE, changes no output (byte for byte what the sources print, for valid and invalid profiles); `decide` of a valid profile loads no zod and none of the Node modules it never uses (not even the stdout stream's); its draws are kept in the cache folder and checked before use. */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultKnowledgeBaseDir,
  readKnowledgeBaseTexts,
  readPrebuiltKnowledgeBase,
} from '../../src/io/kb-texts.ts';
import { ROOT, runGorust, SPAWN_TIMEOUT_MS } from './helpers.ts';

const BIN = join(ROOT, 'bin', 'gorust.js');
const DIR = mkdtempSync(join(tmpdir(), 'gorust-built-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function built(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  input = '',
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, GORUST_NO_CACHE: undefined, GORUST_CACHE_DIR: undefined, ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cacheFiles = (dir: string) => (existsSync(join(dir, 'v8')) ? readdirSync(join(dir, 'v8')).sort() : []);

describe('the built CLI', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('is built (npm run build:cli)', () => {
    expect(existsSync(join(ROOT, 'dist', 'cli', 'main.cjs')), 'run npm run build:cli first').toBe(true);
  });

  it('prints the help it was built with, as commander prints it, and the version', () => {
    const cache = join(DIR, 'help');
    const fromCommander = built(['help'], { GORUST_CACHE_DIR: cache });
    expect(fromCommander.code).toBe(0);
    expect(fromCommander.stdout).toMatch(/^Usage: gorust \[options\] \[command\]/);
    for (const args of [['--help'], ['-h'], []]) {
      const r = built(args, { GORUST_CACHE_DIR: cache });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toBe(fromCommander.stdout);
    }
    // The static help and --version run no command code, so they leave no cache behind.
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}-other\.bin$/)]);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(built(['--version']).stdout).toBe(`${version}\n`);
  });

  it('caches the compiled code per command on the first run and gives the same decision from it as the sources do', () => {
    const cache = join(DIR, 'decide');
    const args = ['decide', 'examples/service-mesh.yaml', '--format', 'json', '--seed', '5'];
    const first = built(args, { GORUST_CACHE_DIR: cache });
    expect(first.code, first.stderr).toBe(0);
    const files = cacheFiles(cache);
    expect(files).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}-decide\.bin$/)]);
    const file = join(cache, 'v8', files[0] ?? '');
    const written = readFileSync(file);
    const second = built(args, { GORUST_CACHE_DIR: cache });
    expect(second).toEqual(first);
    // An accepted cache is not rewritten.
    expect(readFileSync(file).equals(written)).toBe(true);
    expect(first.stdout).toBe(runGorust(args).stdout);
  });

  it('loads the vendored packages (zod, yaml) only for an invalid profile, each through a code cache of its own', () => {
    const cache = join(DIR, 'vendor');
    const bad = join(DIR, 'vendor-bad.yaml');
    writeFileSync(
      bad,
      'version: 1\nproject: {name: x}\nworkload: {kind: mixd}\nteam: {size: 3, go: some, rust: none}\n',
    );
    expect(
      built(['decide', 'examples/close-call.yaml', '--format', 'json'], { GORUST_CACHE_DIR: cache }).code,
    ).toBe(0);
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}-decide\.bin$/)]);
    const first = built(['decide', bad, '--format', 'json'], { GORUST_CACHE_DIR: cache });
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('workload.kind: expected one of io-bound | cpu-bound | mixed');
    expect(cacheFiles(cache).map((name) => name.replace(/^cli-[0-9a-f]{16}-/, ''))).toEqual([
      'decide-yaml.bin',
      'decide-zod.bin',
      'decide.bin',
    ]);
    // From the caches, the same answer.
    expect(built(['decide', bad, '--format', 'json'], { GORUST_CACHE_DIR: cache })).toEqual(first);
  });

  it('replaces a cache V8 rejects, and removes the caches of other builds unused for a week', () => {
    const cache = join(DIR, 'stale');
    const args = ['decide', '-', '--format', 'json'];
    const profile = readFileSync(join(ROOT, 'examples', 'close-call.yaml'), 'utf8');
    const clean = built(args, { GORUST_NO_CACHE: '1' }, profile);
    built(['kb', 'criteria'], { GORUST_CACHE_DIR: cache });
    const [name] = cacheFiles(cache);
    const file = join(cache, 'v8', (name ?? '').replace('-kb.bin', '-decide.bin'));
    writeFileSync(file, 'not a code cache');
    const old = join(cache, 'v8', 'cli-0123456789abcdef-decide.bin');
    writeFileSync(old, 'an older build');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    utimesSync(old, eightDaysAgo, eightDaysAgo);
    // Another build in use (another installed version sharing the folder) keeps its cache.
    writeFileSync(join(cache, 'v8', 'cli-fedcba9876543210-decide.bin'), 'a build in use');
    expect(built(args, { GORUST_CACHE_DIR: cache }, profile)).toEqual(clean);
    expect(cacheFiles(cache)).toEqual(
      ['cli-fedcba9876543210-decide.bin', name, (name ?? '').replace('-kb.bin', '-decide.bin')].sort(),
    );
    expect(readFileSync(file).length).toBeGreaterThan(10_000);
  });

  it("decides a valid profile without loading zod or the Node modules decide never uses; an invalid one gets the sources' messages", () => {
    // A preload that reports, when the process ends, whether zod ran and which of Node's own modules were loaded
    // (written to the descriptor, so it builds no stream itself).
    const probe = join(DIR, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => require('node:fs').writeSync(2, 'probe ' + JSON.stringify({ zod: '__zod_globalConfig' in globalThis, builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)) }) + '\\n'));",
    );
    const probed = (args: string[]) => {
      const r = built(['decide', ...args], { NODE_OPTIONS: `--require ${probe}` });
      const line = r.stderr.split('\n').find((l) => l.startsWith('probe ')) ?? 'probe {}';
      return { ...r, stderr: r.stderr.replace(`${line}\n`, ''), probe: JSON.parse(line.slice(6)) };
    };
    // A kb/ newer than dist/kb.json is parsed with its schema (zod) by design: the build must be current here.
    expect(
      readPrebuiltKnowledgeBase(readKnowledgeBaseTexts(defaultKnowledgeBaseDir())),
      'dist/kb.json is older than kb/: run npm run build:cli',
    ).toBeDefined();
    const valid = probed(['examples/service-mesh.yaml', '--format', 'json']);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.probe.zod).toBe(false);
    // stdout and stderr are pipes here: writing the decision builds no stream (node:stream, node:net; stdio.ts).
    const heavy = ['child_process', 'crypto', 'readline', 'dgram', 'net', 'stream'];
    expect(valid.probe.builtins.filter((m: string) => heavy.includes(m))).toEqual([]);

    const bad = join(DIR, 'bad.yaml');
    writeFileSync(
      bad,
      'version: 1\nproject: {name: x}\nworkload: {kind: mixd}\nteam: {size: 0, go: some, rust: none}\n',
    );
    const invalid = probed([bad, '--format', 'json']);
    expect(invalid.code).toBe(2);
    expect(invalid.probe.zod).toBe(true);
    const sources = runGorust(['decide', bad, '--format', 'json']);
    expect(sources.code).toBe(2);
    expect(invalid.stderr).toBe(sources.stderr);
    expect(invalid.stderr).toContain('workload.kind: expected one of io-bound | cpu-bound | mixed');
  });

  it('prints byte for byte what the sources print, exit code and stderr included, for every example, corpus cases and edge cases', {
    tags: ['slow'],
    timeout: 300_000,
  }, () => {
    const corpus = readdirSync(join(ROOT, 'test', 'fixtures', 'real-decisions'))
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .filter((_, i) => i % 40 === 0)
      .map((name) => join('test', 'fixtures', 'real-decisions', name));
    const examples = readdirSync(join(ROOT, 'examples'))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join('examples', name));
    const base =
      'version: 1\nproject: {name: x}\nworkload: {kind: mixed}\nteam: {size: 3, go: some, rust: none}\n';
    const edges: Record<string, string> = {
      // Every optional field, fractional numbers, unicode and aliases: the fast path.
      'full.yaml': `version: 1
project: {name: "  Ünïcödé 服务 ✓  ", summary: every field}
workload: {kind: mixed, peak_rps: 12500.5, latency_slo: &slo {p99_ms: 2.5, p999_ms: 7.25}, hard_realtime: false, live_heap_gib: 1.5, memory_budget_mib: 512.5}
team: {size: 7, go: strong, rust: some, turnover: high}
delivery: {deadline_weeks: 10.5, prototype_first: true, lifetime_years: 7.5}
safety_critical: false
targets: [server, wasm-edge]
platforms: [linux-arm64, linux-amd64]
domain: [networking]
interop: [c-libraries, existing-go-code]
existing_code: {language: go, kloc: 120.5, plan: extend}
priorities: &p {runtime_performance: 4.5, safety_guarantees: 3, interop: 0, build_speed: 5}
stakeholders:
  - {name: " SRE ", role: SRE lead, weight: 1000, priorities: *p}
  - {name: Dev, weight: 0.001, priorities: {}}
components:
  - {name: gateway, role: api, workload: io-bound, latency_critical: true, latency_slo: *slo, live_heap_gib: 0, memory_budget_mib: 64, peak_rps: 0, targets: [server], interop: [], calls: [{to: worker, per_request: 0.5}]}
  - {name: worker, role: worker, calls: []}
`,
      'null.yaml': `${base}priorities: null\n`,
      'yes.yaml': `${base}safety_critical: yes\n`,
      'text-number.yaml': base.replace('size: 3', "size: '3'"),
      'unknown-key.yaml': `${base}components: [{name: a, role: api, colour: red}]\n`,
      'over-cap.yaml': `${base}stakeholders: [${Array.from({ length: 51 }, (_, i) => `{name: s${i}, priorities: {}}`).join(', ')}]\n`,
      'duplicate-key.yaml': `${base}team: {size: 4, go: some, rust: none}\n`,
    };
    const edgeFiles = Object.entries(edges).map(([name, text]) => {
      const file = join(DIR, name);
      writeFileSync(file, text);
      return file;
    });
    const codes: number[] = [];
    for (const file of [...examples, ...corpus, ...edgeFiles]) {
      const args = ['decide', file, '--format', 'json'];
      const fromBundle = built(args);
      const fromSources = runGorust(args, { timeoutMs: 60_000 });
      expect(fromBundle.stdout, file).toBe(fromSources.stdout);
      expect(fromBundle.stderr, file).toBe(fromSources.stderr);
      expect(fromBundle.code, file).toBe(fromSources.code);
      codes.push(fromBundle.code ?? -1);
    }
    // The valid ones decide, and each bad edge case is the user's mistake (exit 2), never a crash.
    expect(codes.slice(0, examples.length + corpus.length + 1).every((c) => c === 0)).toBe(true);
    expect(codes.slice(examples.length + corpus.length + 1)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it("keeps the decision's draws in the cache folder and decides the same from them, or from damaged ones", () => {
    const cache = join(DIR, 'draws');
    const args = ['decide', 'examples/close-call.yaml', '--format', 'json'];
    const clean = built(args, { GORUST_NO_CACHE: '1' });
    expect(clean.code, clean.stderr).toBe(0);
    const first = built(args, { GORUST_CACHE_DIR: cache });
    const file = join(cache, 'draws', 'draws-10000x12.f64');
    expect(readFileSync(file).length).toBe(10_000 * 27 * 8);
    expect(first).toEqual(clean);
    expect(built(args, { GORUST_CACHE_DIR: cache })).toEqual(clean);
    // Another seed's draws in the file are refused (made again and saved), and so are damaged ones.
    const otherSeed = built([...args, '--seed', '9'], { GORUST_CACHE_DIR: cache });
    expect(otherSeed).toEqual(built([...args, '--seed', '9'], { GORUST_NO_CACHE: '1' }));
    expect(built(args, { GORUST_CACHE_DIR: cache })).toEqual(clean);
    const bytes = readFileSync(file);
    bytes.fill(0, bytes.length - 8);
    writeFileSync(file, bytes);
    expect(built(args, { GORUST_CACHE_DIR: cache })).toEqual(clean);
    expect(readFileSync(file).subarray(-8).equals(Buffer.alloc(8))).toBe(false);
  });

  it('is ASCII, so Node reads the 650 KB bundle into a one-byte string (about 2 ms less per run than decoding UTF-8)', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'cli', 'gorust.cjs'), 'utf8');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range starts at the first non-ASCII character.
    const other = /[^\u0000-\u007f]/.exec(bundle);
    expect(
      other === null ? '' : bundle.slice(Math.max(0, other.index - 60), other.index + 20),
      'write non-ASCII characters in the sources as \\u escapes',
    ).toBe('');
  });

  it('writes no cache under GORUST_NO_CACHE', () => {
    const cache = join(DIR, 'none');
    const r = built(['decide', 'examples/close-call.yaml', '--format', 'json'], {
      GORUST_CACHE_DIR: cache,
      GORUST_NO_CACHE: '1',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(cache)).toBe(false);
  });
});
