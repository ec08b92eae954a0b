/** @module The API contract, fuzzed: Schemathesis (installed by .ci/run into .tools/schemathesis) runs every check against a live `gorust serve` on a free loopback port with a temporary store, and any failure fails this test. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const ST = join(ROOT, '.tools', 'schemathesis', 'bin', 'st');
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
/** Test cases per operation and phase (13 operations): a few minutes on a busy 2-core machine. */
const EXAMPLES = 10;

const dir = mkdtempSync(join(tmpdir(), 'gorust-fuzz-'));
let server: ChildProcess | undefined;
afterAll(() => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function serve(): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      TSX,
      join(ROOT, 'src', 'cli', 'main.ts'),
      'serve',
      '--port',
      '0',
      '--db',
      join(dir, 'gorust.db'),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server = child;
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (url) {
        clearTimeout(timer);
        done(url);
      }
    });
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${out}`)));
  });
}

// .ci/run installs Schemathesis (and fails CI when it cannot); a developer machine without it skips this test.
describe.skipIf(!existsSync(ST))('the API contract under Schemathesis', { tags: ['slow'] }, () => {
  it('has no failure: every status documented, every response matching its schema, 405 for wrong methods', async () => {
    // Not skipped when missing: the test stops at once with the command that installs it.
    expect(
      existsSync(ST),
      'Schemathesis is missing: run `apt-get install -y python3-venv && python3 -m venv .tools/schemathesis && .tools/schemathesis/bin/pip install "schemathesis==4.32.5"` (.ci/run does this)',
    ).toBe(true);
    const url = await serve();
    const result = spawnSync(
      ST,
      [
        '--config-file',
        join(ROOT, '.ci', 'schemathesis.toml'),
        'run',
        `${url}/api/openapi.json`,
        '--checks',
        'all',
        '--max-examples',
        String(EXAMPLES),
        '--seed',
        '1',
        // One worker: Schemathesis 4.32.5 with two hit an internal KeyError (its own bug, not the API's) once.
        '--workers',
        '1',
        '--no-color',
        '--request-timeout',
        '30',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 480_000, env: { ...process.env, NO_COLOR: '1' } },
    );
    const log = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    const summary = log.slice(log.lastIndexOf('SUMMARY') - 40);
    expect(result.error, log.slice(-3000)).toBeUndefined();
    expect(result.status, log.length > 12_000 ? `${log.slice(0, 8000)}\n...\n${summary}` : log).toBe(0);
    expect(log).toMatch(/Tested: 13/);
  }, 540_000);
});
