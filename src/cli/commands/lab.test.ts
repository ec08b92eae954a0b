/** @module Tests of `gorust lab runs|show|compare` against a store holding a recorded run (no process is started), and of bad input. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunLabOptions } from '../../lab/runner/run.ts';
import { openStore } from '../../store/db.ts';
import { createRun, finishRun, recordStep } from '../../store/lab-runs.ts';
import { captureIo } from '../capture-io.test-helpers.ts';
import type { CliIo } from '../output.ts';
import { runCli } from '../run.ts';
import { registerDecideCommand } from './decide.ts';
import { registerLabCommand } from './lab.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function seedStore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gorust-lab-cli-'));
  dirs.push(dir);
  const path = join(dir, 'lab.db');
  const db = openStore(path);
  for (const [id, p99] of [
    ['20260101-000000-aaaa', 2],
    ['20260102-000000-bbbb', 3],
  ] as const) {
    createRun(db, {
      id,
      mode: 'standard',
      workloads: ['http-json'],
      environment: { cpu_model: 'Test CPU', cores: 2 },
      startedAt: new Date(`${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T00:00:00Z`),
    });
    // Five interleaved repeats, Go's p99 twice Rust's (medians 2 and 3 ms for Go): a significant difference, so the figures replace the priors.
    for (let repeat = 0; repeat < 5; repeat++)
      for (const lang of ['go', 'rust']) {
        recordStep(db, id, {
          workload: 'http-json',
          lang,
          variant: '',
          kind: 'rate',
          rate_rps: 100,
          repeat,
          valid: true,
          reasons: [],
          metrics: {
            p50_ms: 1,
            p99_ms: (lang === 'go' ? p99 : p99 / 2) + (repeat - 2) * 0.01,
            p999_ms: 4,
            max_ms: 5,
            achieved_rps: 100,
            requests: 300,
            errors: 0,
          },
          started_at: '2026-01-01T00:00:00.000Z',
          duration_ms: 3000,
        });
      }
    finishRun(db, id, 'completed');
  }
  db.close();
  return path;
}

async function cli(args: string[], register: (p: import('commander').Command, io: CliIo) => void) {
  const { io, output } = captureIo();
  const code = await runCli(args, [(p) => register(p, io)], io);
  return { code, ...output() };
}

const lab = (args: string[]) => cli(['lab', ...args], registerLabCommand);

describe('gorust lab (stored runs)', () => {
  it('lists runs newest first', async () => {
    const db = seedStore();
    const r = await lab(['runs', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf('20260102-000000-bbbb')).toBeLessThan(r.stdout.indexOf('20260101-000000-aaaa'));
  });

  it('shows a run as JSON with id, environment and per-language figures', async () => {
    const db = seedStore();
    const r = await lab(['show', 'latest', '--db', db, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      id: string;
      environment: unknown;
      workloads: { go: { p99_ms: number } }[];
    };
    expect(json.id).toBe('20260102-000000-bbbb');
    expect(json.environment).toEqual({ cpu_model: 'Test CPU', cores: 2 });
    expect(json.workloads[0]?.go.p99_ms).toBe(3);
  });

  it('writes the format the --out file names (.json, .md) unless --format says otherwise, as decide does', async () => {
    const db = seedStore();
    const dir = mkdtempSync(join(tmpdir(), 'gorust-lab-out-'));
    dirs.push(dir);
    expect((await lab(['show', 'latest', '--db', db, '--out', join(dir, 'run.json')])).code).toBe(0);
    // Until 2026-12-07 the .json file held the terminal text.
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).id).toBe('20260102-000000-bbbb');
    expect(
      (await lab(['compare', '20260101', '20260102', '--db', db, '--out', join(dir, 'c.md')])).code,
    ).toBe(0);
    expect(readFileSync(join(dir, 'c.md'), 'utf8')).toMatch(/^# Lab runs /);
    expect(
      (await lab(['show', 'latest', '--db', db, '--format', 'text', '--out', join(dir, 'x.json')])).code,
    ).toBe(0);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).not.toMatch(/^\{/);
  });

  it('compares two runs by prefix', async () => {
    const db = seedStore();
    const r = await lab(['compare', '20260101', '20260102', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/http-json\s+go\s+p99_ms\s+2\.00\s+3\.00\s+\+50\.0%/);
  });

  it('exits 2 with a clear message for an unknown run, workload or format', async () => {
    const db = seedStore();
    const missing = await lab(['show', 'nope', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no lab run "nope"');
    const unknown = await lab(['run', 'no-such-workload', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown workload "no-such-workload"|cannot read the lab manifest/);
    const typo = await lab(['run', 'htp-json', '--db', db]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^gorust: unknown workload "htp-json" \(did you mean http-json\?\): known workloads are /,
    );
    const format = await lab(['show', 'latest', '--db', db, '--format', 'xml']);
    expect(format.code).toBe(2);
  });

  it('exits 2 naming the file when --db is not a store (a YAML file, a directory, a path under no folder)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-lab-cli-'));
    dirs.push(dir);
    const junk = join(dir, 'junk.yaml');
    writeFileSync(junk, 'profile: 1\n'.repeat(100));
    const notDb = await lab(['runs', '--db', junk]);
    expect(notDb.code).toBe(2);
    expect(notDb.stderr).toContain(`${junk} as the store: it is not a SQLite database`);
    const folder = await lab(['runs', '--db', dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('is a directory');
    const nowhere = await lab(['runs', '--db', join(dir, 'nonexistent', 'x', 'y.db')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('does not exist');
    const decideJunk = await cli(
      ['decide', join(process.cwd(), 'examples', 'service-mesh.yaml'), '--lab', 'latest', '--db', junk],
      registerDecideCommand,
    );
    expect(decideJunk.code).toBe(2);
    expect(decideJunk.stderr).toContain('not a SQLite database');
  });

  it('reads without writing: a missing --db exits 2 and stays missing; another SQLite file is named, not given tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-lab-cli-'));
    dirs.push(dir);
    const missing = join(dir, 'typo.db');
    for (const args of [['runs'], ['show', 'latest'], ['compare', 'a', 'b']]) {
      const r = await lab([...args, '--db', missing]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(
        `gorust: no gorust store at ${missing}: the file does not exist (a command that only reads creates none; \`gorust lab run http-json --quick --db ${missing}\` makes one)\n`,
      );
      expect(existsSync(missing)).toBe(false);
    }
    const profile = join(process.cwd(), 'examples', 'service-mesh.yaml');
    const decided = await cli(['decide', profile, '--lab', 'latest', '--db', missing], registerDecideCommand);
    expect(decided.code).toBe(2);
    expect(existsSync(missing)).toBe(false);

    // Another program's SQLite database: named as such, and left as it was.
    const other = join(dir, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    foreign.close();
    const before = readFileSync(other);
    const r = await lab(['runs', '--db', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gorust: cannot use ${other} as the store: it is an SQLite database but not a gorust store (its tables: notes); give the store's file, or leave out --db for the default one\n`,
    );
    expect(readFileSync(other).equals(before)).toBe(true);
    const check = new Database(other, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([
      { name: 'notes' },
    ]);
    check.close();
  });

  it('reads a default store that does not exist yet as an empty one, and does not create it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-lab-cli-'));
    dirs.push(dir);
    vi.stubEnv('XDG_DATA_HOME', dir);
    try {
      const r = await lab(['runs']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('no lab runs stored yet: `gorust lab run http-json --quick` makes one\n');
      expect(existsSync(join(dir, 'gorust'))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('gorust decide --lab', () => {
  it('with an empty --db store, names that store in the command to run (or the lab would fill the default one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-lab-cli-'));
    dirs.push(dir);
    const db = join(dir, 'e.db');
    openStore(db).close();
    const profile = join(process.cwd(), 'examples', 'service-mesh.yaml');
    const latest = await cli(['decide', profile, '--lab', 'latest', '--db', db], registerDecideCommand);
    expect(latest.code).toBe(2);
    expect(latest.stderr).toBe(
      `gorust: no lab runs stored yet: run \`gorust lab run http-json --quick --db ${db}\` first\n`,
    );
    // `lab runs` on that store says the same (it named the default store's command until 2026-12-08).
    expect((await lab(['runs', '--db', db])).stdout).toBe(
      `no lab runs stored yet: \`gorust lab run http-json --quick --db ${db}\` makes one\n`,
    );
    const show = await lab(['show', 'nope', '--db', db]);
    expect(show.stderr).toContain(
      `no lab run "nope" in the store: \`gorust lab runs --db ${db}\` lists them`,
    );
    // The default store needs no --db.
    vi.stubEnv('XDG_DATA_HOME', dir);
    try {
      openStore().close();
      const fromDefault = await cli(['decide', profile, '--lab', 'latest'], registerDecideCommand);
      expect(fromDefault.stderr).toContain('run `gorust lab run http-json --quick` first');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses an empty --lab (exit 2) instead of looking for a run named ""', async () => {
    const profile = join(process.cwd(), 'examples', 'service-mesh.yaml');
    const r = await cli(['decide', profile, '--lab', '', '--db', seedStore()], registerDecideCommand);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give a lab run id (or a unique prefix of one), or latest');
    expect(r.stderr).not.toContain('no lab run');
  });

  it('replaces priors with the figures of the chosen run and says so', async () => {
    const db = seedStore();
    const profile = join(process.cwd(), 'examples', 'service-mesh.yaml');
    const r = await cli(
      ['decide', profile, '--lab', 'latest', '--db', db, '--format', 'md'],
      registerDecideCommand,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Measured on this machine: http-json');
    expect(r.stdout).toContain('20260102-000000-bbbb');
    const missing = await cli(['decide', profile, '--lab', 'nope', '--db', db], registerDecideCommand);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no lab run "nope"');
  });

  it('leaves out a figure the lab flags as a probable harness problem and says so on stderr', async () => {
    const db = seedStore();
    const store = openStore(db);
    const id = '20260103-000000-cccc';
    createRun(store, { id, mode: 'standard', workloads: ['boundary'], environment: { cores: 2 } });
    for (const repeat of [0, 1]) {
      recordStep(store, id, {
        workload: 'boundary',
        lang: 'go->rust',
        variant: 'grpc',
        kind: 'batch',
        repeat,
        valid: true,
        reasons: [],
        metrics: { mode: 'grpc', p50_us: 900, p99_us: 3710 },
        started_at: '2026-01-03T00:00:00.000Z',
        duration_ms: 1000,
      });
    }
    finishRun(store, id, 'completed');
    store.close();
    const profile = join(process.cwd(), 'examples', 'service-mesh.yaml');
    const r = await cli(
      ['decide', profile, '--lab', id, '--db', db, '--format', 'json'],
      registerDecideCommand,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: lab run ${id}: left out (the knowledge base's prior is used instead)`);
    expect(r.stderr).toMatch(/- boundary grpc_p99_us: 3,710 µs .*probable harness problem/);
    expect(r.stdout).not.toMatch(/3,?710/);
  });
});

describe('gorust lab doctor', () => {
  it('tells a wrong version from a missing tool, each with its install command, and exits 2', async () => {
    vi.resetModules();
    vi.doMock('../../lab/runner/toolchain.ts', async (original) => ({
      ...(await original<typeof import('../../lab/runner/toolchain.ts')>()),
      doctor: async () => [
        { name: 'go', ok: true, version: '1.26.8', need: 'Go >= 1.26.0', install: 'x' },
        {
          name: 'vegeta',
          ok: false,
          version: 'v12.12.0',
          need: 'v12.13.0',
          problem: 'found v12.12.0, need v12.13.0',
          install: 'GOBIN=/t go install github.com/tsenart/vegeta/v12@v12.13.0',
        },
        {
          name: 'protoc',
          ok: false,
          need: 'the protobuf compiler',
          problem: 'not found',
          install: 'apt-get install -y protobuf-compiler',
        },
      ],
    }));
    try {
      const r = await lab(['doctor']);
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/^ok {6}go 1\.26\.8/m);
      expect(r.stdout).toMatch(
        /^WRONG {3}vegeta v12\.12\.0 .*found v12\.12\.0, need v12\.13\.0\n\s+install: GOBIN=\/t go install/m,
      );
      expect(r.stdout).toMatch(/^MISSING protoc .*\n\s+install: apt-get install -y protobuf-compiler/m);
      expect(r.stderr).toContain('the lab cannot run yet: missing protoc; wrong version of vegeta');
    } finally {
      vi.doUnmock('../../lab/runner/toolchain.ts');
    }
  });
});

describe('gorust lab run, interrupted', () => {
  it('on Ctrl-C says the steps measured so far are stored and exits 130', async () => {
    // A run that measures until interrupted, then keeps its steps (what runLab does on abort).
    // Earlier tests loaded the real module: start from a fresh registry so the command's lazy import gets the mock.
    vi.resetModules();
    vi.doMock('../../lab/runner/run.ts', async (original) => ({
      ...(await original<typeof import('../../lab/runner/run.ts')>()),
      runLab: async (_names: string[], options: RunLabOptions) => {
        if (!options.signal?.aborted)
          await new Promise((resolve) => options.signal?.addEventListener('abort', resolve));
        const { LabAbortedError } = await import('../../lab/runner/workloads/types.ts');
        throw new LabAbortedError('lab run interrupted', '20260104-000000-dddd');
      },
    }));
    try {
      const before = process.listeners('SIGINT');
      const pending = lab(['run', 'http-json', '--quick']);
      // The CLI's own listener, not the test runner's: call it as Node would on Ctrl-C.
      const cliListener = await vi.waitFor(() => {
        const added = process.listeners('SIGINT').find((l) => !before.includes(l));
        if (!added) throw new Error('the CLI has not started listening yet');
        return added;
      });
      cliListener('SIGINT');
      const r = await pending;
      expect(r.code).toBe(130);
      expect(r.stderr).toContain('interrupted: stopping the servers and keeping the steps measured so far');
      expect(r.stderr).toContain(
        'lab run 20260104-000000-dddd interrupted; the steps it measured are stored (`gorust lab show 20260104-000000-dddd`)',
      );
      expect(process.listeners('SIGINT')).toEqual(before);
    } finally {
      vi.doUnmock('../../lab/runner/run.ts');
    }
  });
});

/**
 * The files and packages a module reaches through static imports: what Node loads before any action runs.
 * Type-only imports are erased and dynamic `import()` waits for an action, so both are left out.
 */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const root = process.cwd();
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    const specs = [
      ...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;()]*?\bfrom\s+'([^']+)'/gm),
      ...source.matchAll(/^\s*import\s+'([^']+)'/gm),
    ].map((m) => m[1] ?? '');
    for (const spec of specs) {
      if (!spec.startsWith('.')) packages.add(spec.split('/')[0] ?? spec);
      else if (existsSync(resolve(dirname(file), spec))) pending.push(resolve(dirname(file), spec));
    }
  }
  return { files: new Set([...files].map((f) => relative(root, f))), packages };
}

describe('gorust lab start-up', () => {
  it('registers the command without loading the core (zod, yaml), the store or the lab', () => {
    const graph = staticGraph('src/cli/commands/lab.ts');
    expect(graph.files).toContain('src/cli/run.ts');
    expect([...graph.files].filter((f) => f.startsWith('src/core/'))).toEqual([]);
    expect([...graph.files].filter((f) => /^src\/(lab|store)\//.test(f))).toEqual([]);
    // Node's own modules are part of node's start-up; of the packages, only commander.
    expect([...graph.packages].filter((name) => !name.startsWith('node:'))).toEqual(['commander']);
  });

  it('still exits 2 with the message when an action rejects bad input (the core loads on demand)', async () => {
    const r = await lab(['runs', '--limit', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gorust: --limit must be a positive integer, not "0"\n');
  });

  it('prints its help', async () => {
    const r = await lab(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gorust lab run http-json boundary --quick');
  });
});
