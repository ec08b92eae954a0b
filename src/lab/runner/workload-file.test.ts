/** @module Tests of the team's workload file: YAML and JSON read the same, every problem of a bad file is named (exit 2 through the CLI), the committed JSON Schema is the schema's, and the request mix becomes vegeta targets. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../core/index.ts';
import {
  loadWorkloadFile,
  manifestWorkloadOf,
  workloadFileJsonSchema,
  writeTargetsTemplate,
} from './workload-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gorust-wlfile-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'go'));
  mkdirSync(join(dir, 'rust'));
  writeFileSync(join(dir, 'body.json'), '{"n":3}');
  return dir;
}

const YAML = `version: 1
name: sum-service
programs:
  go:   { cwd: ./go,   build: [[go, build, -o, svc, .]], run: [./svc, --port, "{port}"] }
  rust: { cwd: ./rust, build: [[cargo, build, --release]], run: [target/release/svc, "{port}"], env: { RUST_LOG: warn } }
ready: { path: /healthz }
requests:
  - { method: POST, path: /v1/work, body_file: body.json, headers: { Content-Type: application/json }, weight: 2 }
  - { method: GET, path: /v1/health }
slo: { p99_ms: 50 }
`;

function problemsOf(path: string): string {
  try {
    loadWorkloadFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`${path} was accepted`);
}

describe('loadWorkloadFile', () => {
  it('reads the YAML of the issue, with paths relative to the file and the content hash', () => {
    const dir = folder();
    writeFileSync(join(dir, 'svc.yaml'), YAML);
    const file = loadWorkloadFile(join(dir, 'svc.yaml'));
    expect(file.spec.name).toBe('sum-service');
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const workload = manifestWorkloadOf(file);
    expect(workload.programs.go).toMatchObject({
      cwd: join(dir, 'go'),
      exec: './svc',
      args: ['--port', '{port}'],
    });
    expect(workload.programs.rust?.env).toEqual({ RUST_LOG: 'warn' });
    // The same content as JSON reads the same; a changed byte changes the hash.
    writeFileSync(join(dir, 'svc.json'), JSON.stringify(file.spec));
    expect(loadWorkloadFile(join(dir, 'svc.json')).spec).toEqual(file.spec);
    writeFileSync(join(dir, 'svc.yaml'), `${YAML}\n`);
    expect(loadWorkloadFile(join(dir, 'svc.yaml')).sha256).not.toBe(file.sha256);
  });

  it('accepts a file with one program only (measured against the SLO alone)', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'one.yaml'),
      'version: 1\nname: solo\nprograms: { rust: { cwd: rust, run: [svc, "{port}"] } }\nready: { path: / }\nrequests: [{ method: GET, path: / }]\nslo: { p99_ms: 5 }\n',
    );
    expect(Object.keys(manifestWorkloadOf(loadWorkloadFile(join(dir, 'one.yaml'))).programs)).toEqual([
      'rust',
    ]);
  });

  it('names every problem of a bad file, each with its field', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'bad.yaml'),
      `version: 2
name: http-json
programs:
  go: { cwd: ./nowhere, run: [./svc] }
  rust: { cwd: ./rust, run: [svc, "{port}"], bulid: [[cargo, build]] }
ready: { path: healthz }
requests:
  - { method: FETCH, path: /x, body_file: missing.json }
slo: { p99_ms: -1 }
`,
    );
    const message = problemsOf(join(dir, 'bad.yaml'));
    for (const expected of [
      /^workload file .*bad\.yaml has \d+ problems/,
      /- version: /,
      /- name: must differ from the built-in workloads/,
      /- programs\.go\.run: must pass the port the lab picks/,
      /- programs\.rust: unknown key "bulid" \(did you mean "build"\?\)/,
      /- ready\.path: a path starting with "\/"/,
      /- requests\[0\]\.method: /,
      /- slo\.p99_ms: /,
    ])
      expect(message).toMatch(expected);
  });

  it('suggests the key or value that was meant, as profiles do (p99 -> p99_ms, post -> POST, bulid -> build)', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'svc.yaml'),
      YAML.replace('slo: { p99_ms: 50 }', 'slo: { p99: 50 }')
        .replace('method: GET', 'method: get')
        .replace('build: [[go, build, -o, svc, .]]', 'bulid: [[go, build, -o, svc, .]]'),
    );
    const message = problemsOf(join(dir, 'svc.yaml'));
    expect(message).toContain('slo: unknown key "p99" (did you mean "p99_ms"?); known keys: p99_ms');
    expect(message).toContain('(did you mean "GET"?)');
    expect(message).toContain('programs.go: unknown key "bulid" (did you mean "build"?)');
  });

  it('names a placeholder the lab does not fill, with its field, before anything runs', () => {
    const dir = folder();
    const bad = YAML.replace(
      'run: [./svc, --port, "{port}"]',
      'run: [./svc, --port, "{port}", --mode, "{mode}"]',
    )
      .replace('build: [[go, build, -o, svc, .]]', 'build: [[go, build, -o, "svc-{port}", .]]')
      .replace(
        'run: [target/release/svc, "{port}"]',
        'run: [target/release/svc, "{port}", "{threads}", "{host}"]',
      );
    writeFileSync(join(dir, 'svc.yaml'), bad);
    const message = problemsOf(join(dir, 'svc.yaml'));
    expect(message).toContain(
      'programs.go.run[4]: has a placeholder the lab does not fill here; it fills "{port}", "{host}", "{threads}"',
    );
    expect(message).toContain(
      'programs.go.build[0][3]: has a placeholder the lab does not fill here; it fills "{threads}"',
    );
    expect(message).not.toContain('programs.rust');
  });

  it('runs a bare program name from the program folder unless a command of that name is on PATH', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'svc.yaml'),
      YAML.replace('run: [./svc, --port, "{port}"]', 'run: [svc, --port, "{port}"]').replace(
        'run: [target/release/svc, "{port}"]',
        'run: [sh, -c, "exec ./svc {port}"]',
      ),
    );
    const workload = manifestWorkloadOf(loadWorkloadFile(join(dir, 'svc.yaml')));
    // Until 2026-12-07 "svc" was looked for in gorust's own folder after the build.
    expect(workload.programs.go?.exec).toBe('./svc');
    expect(workload.programs.rust?.exec).toBe('sh');
  });

  it('names missing folders and body files once the shape is right', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'paths.yaml'),
      YAML.replace('./go', './gone').replace('body.json', 'nobody.json'),
    );
    const message = problemsOf(join(dir, 'paths.yaml'));
    expect(message).toContain('has 2 problems');
    expect(message).toContain(`programs.go.cwd: no folder ${join(dir, 'gone')}`);
    expect(message).toContain(`requests[0].body_file: no file ${join(dir, 'nobody.json')}`);
  });

  it('says when a file is not YAML, is empty of programs, or cannot be read', () => {
    const dir = folder();
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nname: [unclosed\n');
    expect(problemsOf(join(dir, 'broken.yaml'))).toMatch(/is not valid YAML or JSON/);
    writeFileSync(
      join(dir, 'none.yaml'),
      'version: 1\nname: x\nprograms: {}\nready: { path: / }\nrequests: [{ method: GET, path: / }]\nslo: { p99_ms: 5 }\n',
    );
    expect(problemsOf(join(dir, 'none.yaml'))).toContain('programs: needs a go or a rust program');
    expect(problemsOf(join(dir, 'absent.yaml'))).toBe(
      `cannot read the workload file ${join(dir, 'absent.yaml')}: no such file`,
    );
    expect(problemsOf(dir)).toBe(`cannot read the workload file ${dir}: it is a folder, not a file`);
  });
});

describe('writeTargetsTemplate', () => {
  it('writes the mix in order, each request as often as its weight, bodies by absolute path', () => {
    const dir = folder();
    writeFileSync(join(dir, 'svc.yaml'), YAML);
    const text = readFileSync(writeTargetsTemplate(loadWorkloadFile(join(dir, 'svc.yaml')), dir), 'utf8');
    const post = `POST http://{addr}/v1/work\nContent-Type: application/json\n@${join(dir, 'body.json')}`;
    expect(text).toBe(`${post}\n\n${post}\n\nGET http://{addr}/v1/health\n`);
  });
});

describe('the JSON Schema', () => {
  it('is committed as lab/workload-file.schema.json, generated from the zod schema', () => {
    const committed = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../lab/workload-file.schema.json', import.meta.url)), 'utf8'),
    );
    expect(committed).toEqual(workloadFileJsonSchema());
  });
});
