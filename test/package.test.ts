/** @module The package as a new user gets it: `npm pack`, install the tarball into an empty folder with production dependencies only, then run `gorust decide` and `gorust serve` from there. Slow: better-sqlite3 compiles from source on this machine (about two minutes on two cores). */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const NPM = 'npm';

/** npm's environment: Node's headers from Debian's nodejs (/usr/include/node) when present, so node-gyp need not download them. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' };
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

describe('the npm package', { tags: ['slow'] }, () => {
  let dir: string;
  let gorust: string;
  let server: ChildProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gorust-package-'));
    // The build that `npm ci` (prepare) made is what gets packed; --ignore-scripts keeps other tests' dist/ in place.
    expect(existsSync(join(ROOT, 'dist', 'cli', 'main.cjs')), 'run npm run build:cli first').toBe(true);
    const packed = JSON.parse(
      execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
        cwd: ROOT,
        encoding: 'utf8',
        env: npmEnv(),
        timeout: 120_000,
      }),
    ) as { filename: string; files: { path: string }[] }[];
    const tarball = join(dir, packed[0]?.filename ?? '');
    const app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'try-gorust', private: true }));
    // Production dependencies only, from npm's cache where it has them (the registry otherwise).
    execFileSync(NPM, ['install', '--omit=dev', '--prefer-offline', '--no-package-lock', tarball], {
      cwd: app,
      env: npmEnv(),
      stdio: 'pipe',
      timeout: 900_000,
    });
    gorust = join(app, 'node_modules', '.bin', 'gorust');
  }, 1_000_000);

  afterAll(() => {
    if (server?.pid !== undefined && server.exitCode === null) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships the bundled CLI, the server bundle, the prebuilt knowledge base and kb/, and no sources or tests', () => {
    const installed = join(dir, 'app', 'node_modules', 'gorust');
    for (const file of [
      'bin/gorust.js',
      'dist/cli/main.cjs',
      'bin/package.json',
      'dist/cli/gorust.cjs',
      'dist/server/index.js',
      'dist/kb.json',
      'kb/criteria.yaml',
    ]) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    expect(existsSync(join(installed, 'src'))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { private?: boolean };
    expect(pkg.private).toBeUndefined();
    // Only production dependencies were installed: no test runner, no TypeScript.
    const modules = readdirSync(join(dir, 'app', 'node_modules'));
    expect(modules).not.toContain('vitest');
    expect(modules).not.toContain('typescript');
  });

  it('decides a profile', () => {
    const out = execFileSync(
      gorust,
      ['decide', join(ROOT, 'examples', 'service-mesh.yaml'), '--format', 'json'],
      {
        cwd: join(dir, 'app'),
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), XDG_DATA_HOME: join(dir, 'data') },
        timeout: 60_000,
      },
    );
    expect((JSON.parse(out) as { verdict: string }).verdict).toBe('hybrid');
  });

  it('serves the API and the page, and stops on SIGTERM', async () => {
    server = spawn(gorust, ['serve', '--port', '0', '--db', join(dir, 'serve.db')], {
      cwd: join(dir, 'app'),
      env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), XDG_DATA_HOME: join(dir, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = server;
    let output = '';
    const url = await new Promise<string>((found, failed) => {
      const timer = setTimeout(() => failed(new Error(`no URL within 30 s: ${output}`)), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /serving on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          found(match[1]);
        }
      });
      child.on('exit', (code) => failed(new Error(`gorust serve exited with ${code}: ${output}`)));
    });
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({ ok: true });
    const page = await fetch(`${url}/`);
    expect(await page.text()).toContain('gorust');
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
