/** @module Tests of lab builds: a build runs once, is skipped while nothing changed, reruns after a change, and a failure names the command. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../core/index.ts';
import { buildProgram } from './build.ts';
import type { ResolvedProgram } from './manifest.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'gorust-build-test-'));
  dirs.push(root);
  const src = join(root, 'src');
  const out = join(root, 'out');
  mkdirSync(src);
  writeFileSync(join(src, 'main.go'), 'package main\n');
  const program: ResolvedProgram = {
    name: 'go',
    kind: 'server',
    cwd: src,
    build: [
      ['sh', '-c', `echo built >> ${join(root, 'count.log')}; mkdir -p ${out}; touch ${join(out, 'bin')}`],
    ],
    exec: join(out, 'bin'),
    args: [],
    env: {},
    buildEnv: {},
  };
  return { root, src, program, options: { workloadsDir: src, stampDir: join(root, 'stamps') } };
}

describe('buildProgram', () => {
  it('builds, then skips while the sources are unchanged, then rebuilds after a change', async () => {
    const { src, program, options } = setup();
    const first = await buildProgram('w', program, options);
    expect(first.skipped).toBe(false);
    expect(existsSync(program.exec)).toBe(true);
    expect((await buildProgram('w', program, options)).skipped).toBe(true);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(src, 'main.go'), later, later);
    expect((await buildProgram('w', program, options)).skipped).toBe(false);
    expect((await buildProgram('w', program, { ...options, force: true })).skipped).toBe(false);
  });

  it("rebuilds a team's program whose folder is outside lab/workloads when its sources change, not when its build output does", async () => {
    const { root, src, program, options } = setup();
    const team = join(root, 'team-go');
    mkdirSync(team);
    writeFileSync(join(team, 'main.go'), 'package main\n');
    const own = {
      ...program,
      cwd: team,
      build: [['sh', '-c', `echo built >> ${join(root, 'count.log')}; date +%N > svc`]],
      exec: join(team, 'svc'),
    };
    expect((await buildProgram('w', own, options)).skipped).toBe(false);
    // Its executable, written in its folder by each build, does not count as a change.
    expect((await buildProgram('w', own, options)).skipped).toBe(true);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(team, 'main.go'), later, later);
    // Until 2026-12-07 only lab/workloads was fingerprinted: the edited program was not rebuilt.
    expect((await buildProgram('w', own, options)).skipped).toBe(false);
    expect(readFileSync(join(root, 'count.log'), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(src).not.toBe(team);
  });

  it("names a build command that is not installed as the workload file's mistake (exit 2), not an internal error", async () => {
    const { program, options } = setup();
    const missing = { ...program, build: [['gobuild-no-such-command', 'build', '.']] };
    const failure = buildProgram('w', missing, options);
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toThrow(/the build command "gobuild-no-such-command" was not found/);
  });

  it('reports the failing command and its output as a user-facing error', async () => {
    const { program, options } = setup();
    const broken = { ...program, build: [['sh', '-c', 'echo "syntax error here" >&2; exit 3']] };
    await expect(buildProgram('w', broken, options)).rejects.toThrow(/exit code 3[\s\S]*syntax error here/);
  });
});
