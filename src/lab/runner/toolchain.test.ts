/** @module Tests of tool discovery, doctor's install commands and version parsing. */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { goTools, loadManifest, workloadsDir } from './manifest.ts';
import { makeTempDir, removeTempDir } from './process.ts';
import {
  doctor,
  findTool,
  installCommand,
  loadgenSourceHash,
  manifestTools,
  packageRoot,
  parseGoVersion,
  parseRustVersion,
  requiredVersions,
  setup,
  toolsDir,
} from './toolchain.ts';

const saved = process.env.GORUST_TOOLS;
afterEach(() => {
  if (saved === undefined) delete process.env.GORUST_TOOLS;
  else process.env.GORUST_TOOLS = saved;
});

describe('toolsDir and findTool', () => {
  it('defaults to <package root>/.tools/bin and honours GORUST_TOOLS', () => {
    delete process.env.GORUST_TOOLS;
    expect(toolsDir()).toBe(join(packageRoot(), '.tools', 'bin'));
    process.env.GORUST_TOOLS = '/opt/gorust-tools';
    expect(toolsDir()).toBe('/opt/gorust-tools');
  });

  it('prefers the tools folder over PATH and ignores non-executable files', () => {
    const tools = makeTempDir('tools');
    const onPath = makeTempDir('path');
    try {
      process.env.GORUST_TOOLS = tools;
      writeFileSync(join(onPath, 'vegeta'), '#!/bin/sh\n');
      chmodSync(join(onPath, 'vegeta'), 0o755);
      expect(findTool('vegeta', { pathEnv: onPath, extraDirs: [] })).toBe(join(onPath, 'vegeta'));
      writeFileSync(join(tools, 'vegeta'), '#!/bin/sh\n');
      expect(findTool('vegeta', { pathEnv: onPath, extraDirs: [] })).toBe(join(onPath, 'vegeta'));
      chmodSync(join(tools, 'vegeta'), 0o755);
      expect(findTool('vegeta', { pathEnv: onPath, extraDirs: [] })).toBe(join(tools, 'vegeta'));
      expect(findTool('no-such-tool', { pathEnv: onPath, extraDirs: [] })).toBeNull();
    } finally {
      removeTempDir(tools);
      removeTempDir(onPath);
    }
  });
});

describe('parseGoVersion', () => {
  it('reads release and short versions', () => {
    expect(parseGoVersion('go version go1.26.8 linux/amd64')).toEqual([1, 26, 8]);
    expect(parseGoVersion('go version go1.22 darwin/arm64')).toEqual([1, 22, 0]);
    expect(parseGoVersion('bash: go: not found')).toBeNull();
  });
});

describe('doctor', () => {
  it('gives an exact install command for every missing tool', async () => {
    const empty = makeTempDir('empty-tools');
    try {
      process.env.GORUST_TOOLS = empty;
      const checks = await doctor({ pathEnv: empty, extraDirs: [] });
      expect(checks.map((c) => c.name)).toEqual(['go', 'cargo', 'rustc', 'labload']);
      for (const check of checks) {
        expect(check.ok).toBe(false);
        expect(check.problem).toBe('not found');
        expect(check.install.length).toBeGreaterThan(10);
      }
      expect(checks.find((c) => c.name === 'labload')?.install).toBe('gorust lab setup');
      expect(checks.find((c) => c.name === 'go')?.install).toMatch(/go\.dev\/dl\/go1\.\d+\.\d+\./);
    } finally {
      removeTempDir(empty);
    }
  });

  it('reports a Go that is too old', async () => {
    const bin = makeTempDir('old-go');
    try {
      process.env.GORUST_TOOLS = bin;
      writeFileSync(join(bin, 'go'), '#!/bin/sh\necho "go version go1.19.8 linux/amd64"\n');
      chmodSync(join(bin, 'go'), 0o755);
      const go = (await doctor({ pathEnv: bin, extraDirs: [] })).find((c) => c.name === 'go');
      expect(go).toMatchObject({ ok: false, version: '1.19.8' });
      expect(go?.problem).toMatch(/^found Go 1\.19\.8, too old: lab\/workloads\/go\.mod needs go 1\.\d+/);
      expect(go?.install).toContain('go.dev/dl');
    } finally {
      removeTempDir(bin);
    }
  });

  it('checks Go against go.mod and rustc/cargo against Cargo.toml rust-version, with the exact fix', async () => {
    const bin = makeTempDir('old-rust');
    const workloads = makeTempDir('workloads');
    try {
      process.env.GORUST_TOOLS = bin;
      writeFileSync(join(workloads, 'go.mod'), 'module example.com/lab\n\ngo 1.26.0\n');
      writeFileSync(
        join(workloads, 'Cargo.toml'),
        '[workspace.package]\nedition = "2024"\nrust-version = "1.95"\n',
      );
      const tool = (name: string, out: string) => {
        writeFileSync(join(bin, name), `#!/bin/sh\necho "${out}"\n`);
        chmodSync(join(bin, name), 0o755);
      };
      tool('go', 'go version go1.25.3 linux/amd64');
      tool('rustc', 'rustc 1.80.0 (051478957 2024-07-21)');
      tool('cargo', 'cargo 1.95.0 (f2d3ce0bd 2026-03-21)');
      const checks = await doctor({ pathEnv: bin, extraDirs: [], workloadsDir: workloads });
      const go = checks.find((c) => c.name === 'go');
      expect(go).toMatchObject({ ok: false, need: 'Go >= 1.26.0 (lab/workloads/go.mod)' });
      expect(go?.problem).toBe('found Go 1.25.3, too old: lab/workloads/go.mod needs go 1.26.0');
      expect(go?.install).toMatch(/go\.dev\/dl\/go1\.26\.\d+\./);
      const rustc = checks.find((c) => c.name === 'rustc');
      expect(rustc?.ok).toBe(false);
      expect(rustc?.problem).toBe(
        'found rustc 1.80.0, too old: lab/workloads/Cargo.toml rust-version is 1.95',
      );
      // No rustup on PATH: the fix is installing rustup (a distro rustc cannot be updated in place).
      expect(rustc?.install).toContain('sh.rustup.rs');
      expect(checks.find((c) => c.name === 'cargo')?.ok).toBe(true);

      tool('rustup', 'rustup 1.28.2');
      const again = await doctor({ pathEnv: bin, extraDirs: [], workloadsDir: workloads });
      expect(again.find((c) => c.name === 'rustc')?.install).toBe('rustup update stable');

      tool('go', 'go version go1.26.0 linux/amd64');
      tool('rustc', 'rustc 1.95.0 (59807616e 2026-04-14)');
      const fixed = await doctor({ pathEnv: bin, extraDirs: [], workloadsDir: workloads });
      expect(fixed.find((c) => c.name === 'go')?.ok).toBe(true);
      expect(fixed.find((c) => c.name === 'rustc')).toMatchObject({
        ok: true,
        need: 'the Rust compiler >= 1.95',
      });
    } finally {
      removeTempDir(bin);
      removeTempDir(workloads);
    }
  });

  it('reads the floors the lab programs declare', () => {
    const real = requiredVersions(join(packageRoot(), 'lab', 'workloads'));
    expect(real.go.source).toBe('lab/workloads/go.mod');
    expect(real.rust?.source).toBe('lab/workloads/Cargo.toml rust-version');
    expect(parseRustVersion('rustc 1.95.0 (59807616e 2026-04-14)')).toEqual([1, 95, 0]);
    expect(parseRustVersion('cargo 1.95.0 (f2d3ce0bd 2026-03-21)')).toEqual([1, 95, 0]);
  });

  it('names the install command of Rust, and none for protoc (the lab no longer needs it)', () => {
    expect(installCommand('protoc')).toBe('');
    expect(installCommand('cargo')).toContain('sh.rustup.rs');
  });
});

/**
 * A fake `go` in `bin`: `go version`, `go version -m BIN` (the module version `go install` recorded next to BIN) and
 * `go install PATH@VERSION` (writes an executable into $GOBIN and logs the argument to `log`).
 */
function fakeGo(bin: string, log: string): void {
  const script = `#!/bin/sh
case "$1" in
  version)
    if [ "$2" = "-m" ]; then
      printf '%s: go1.26.0\\n\\tpath\\tx\\n\\tmod\\tx\\t%s\\th1:x=\\n' "$3" "$(cat "$3.version")"
    else
      echo "go version go1.26.0 linux/amd64"
    fi ;;
  install)
    echo "$2" >> '${log}'
    pkg=\${2%@*}
    name=$(basename "$pkg")
    case "$name" in v[0-9]*) name=$(basename "$(dirname "$pkg")") ;; esac
    printf '#!/bin/sh\\n' > "$GOBIN/$name" && chmod 755 "$GOBIN/$name"
    echo "\${2##*@}" > "$GOBIN/$name.version" ;;
esac
`;
  writeFileSync(join(bin, 'go'), script);
  chmodSync(join(bin, 'go'), 0o755);
}

describe('labload, the load generator built from lab/workloads/loadgen', () => {
  it('is ok only when installed with the stamp of the current sources', async () => {
    const bin = makeTempDir('labload-doctor');
    try {
      process.env.GORUST_TOOLS = bin;
      const labload = () =>
        doctor({ pathEnv: bin, extraDirs: [] }).then((c) => c.find((x) => x.name === 'labload'));
      expect(await labload()).toMatchObject({ ok: false, problem: 'not found', install: 'gorust lab setup' });
      writeFileSync(join(bin, 'labload'), '#!/bin/sh\n');
      chmodSync(join(bin, 'labload'), 0o755);
      expect((await labload())?.problem).toMatch(/built from other sources \(stamp missing/);
      writeFileSync(join(bin, 'labload.stamp'), '0123456789abcdef\n');
      expect((await labload())?.ok).toBe(false);
      writeFileSync(join(bin, 'labload.stamp'), `${loadgenSourceHash()}\n`);
      expect(await labload()).toMatchObject({ ok: true, version: loadgenSourceHash() });
    } finally {
      removeTempDir(bin);
    }
  });

  it('hashes the generator sources: a changed source changes the stamp', () => {
    const copy = makeTempDir('labload-src');
    try {
      for (const f of ['Cargo.toml', 'Cargo.lock']) copyFileSync(join(workloadsDir(), f), join(copy, f));
      mkdirSync(join(copy, 'loadgen', 'src'), { recursive: true });
      copyFileSync(join(workloadsDir(), 'loadgen', 'Cargo.toml'), join(copy, 'loadgen', 'Cargo.toml'));
      const main = join(copy, 'loadgen', 'src', 'main.rs');
      copyFileSync(join(workloadsDir(), 'loadgen', 'src', 'main.rs'), main);
      expect(loadgenSourceHash(copy)).toBe(loadgenSourceHash());
      writeFileSync(main, `${readFileSync(main, 'utf8')}\n// changed\n`);
      expect(loadgenSourceHash(copy)).not.toBe(loadgenSourceHash());
    } finally {
      removeTempDir(copy);
    }
  });
});

describe('the lab Go tools (manifest.json tools, the one list)', () => {
  it('needs no protoc: the committed Go code matches the protobuf runtime in go.mod, and nothing runs protoc', () => {
    expect(manifestTools()).toEqual([]);
    // Generated .pb.go files check the runtime version they were generated for: keep the two in step.
    const goMod = readFileSync(join(workloadsDir(), 'go.mod'), 'utf8');
    const runtime = /google\.golang\.org\/protobuf (v\S+)/.exec(goMod)?.[1];
    const generated = readFileSync(join(workloadsDir(), 'boundary', 'go-client', 'pb', 'echo.pb.go'), 'utf8');
    expect(/protoc-gen-go (v\S+)/.exec(generated)?.[1]).toBe(runtime);
    expect(
      readFileSync(join(workloadsDir(), 'boundary', 'go-client', 'pb', 'echo_grpc.pb.go'), 'utf8'),
    ).toMatch(/func RegisterEchoServer/);
    expect(readFileSync(join(workloadsDir(), 'manifest.json'), 'utf8')).not.toMatch(/"protoc"/);
    expect(readFileSync(join(workloadsDir(), 'boundary', 'rust-server', 'build.rs'), 'utf8')).toMatch(
      /protox::compile/,
    );
  });

  it('doctor checks exactly the manifest tools at the manifest versions, and names a stale one', async () => {
    const bin = makeTempDir('tools-doctor');
    try {
      process.env.GORUST_TOOLS = bin;
      fakeGo(bin, join(bin, 'log'));
      const manifest = join(bin, 'manifest.json');
      writeFileSync(
        manifest,
        JSON.stringify({
          version: 1,
          tools: [
            { name: 'vegeta', go_install: 'github.com/tsenart/vegeta/v12@v12.13.0', bin: 'vegeta' },
            {
              name: 'stringer',
              go_install: 'golang.org/x/tools/cmd/stringer@v0.40.0',
              bin: 'stringer',
              needed_by: ['cpu'],
            },
          ],
          workloads: loadManifest().workloads,
        }),
      );
      writeFileSync(join(bin, 'vegeta'), '#!/bin/sh\n');
      chmodSync(join(bin, 'vegeta'), 0o755);
      writeFileSync(join(bin, 'vegeta.version'), 'v12.12.0\n');
      const checks = await doctor({ pathEnv: bin, extraDirs: [], manifestPath: manifest });
      expect(checks.map((c) => c.name).slice(4)).toEqual(['vegeta', 'stringer']);
      expect(checks.find((c) => c.name === 'vegeta')).toMatchObject({
        ok: false,
        version: 'v12.12.0',
        problem: 'found v12.12.0, need v12.13.0',
        install: `GOBIN=${bin} go install github.com/tsenart/vegeta/v12@v12.13.0`,
      });
      expect(checks.find((c) => c.name === 'stringer')).toMatchObject({
        ok: false,
        need: 'v0.40.0, needed by cpu',
        problem: 'not found',
        install: `GOBIN=${bin} go install golang.org/x/tools/cmd/stringer@v0.40.0`,
      });
    } finally {
      removeTempDir(bin);
    }
  });

  it('setup installs every manifest tool at its pinned version (replacing a stale one), then doctor passes them', async () => {
    const bin = makeTempDir('tools-setup');
    try {
      process.env.GORUST_TOOLS = bin;
      const log = join(bin, 'log');
      fakeGo(bin, log);
      const manifest = join(bin, 'manifest.json');
      writeFileSync(
        manifest,
        JSON.stringify({
          version: 1,
          tools: [
            { name: 'stringer', go_install: 'golang.org/x/tools/cmd/stringer@v0.40.0', bin: 'stringer' },
          ],
          workloads: loadManifest().workloads,
        }),
      );
      writeFileSync(join(bin, 'stringer'), '#!/bin/sh\n');
      chmodSync(join(bin, 'stringer'), 0o755);
      writeFileSync(join(bin, 'stringer.version'), 'v0.39.0\n');
      const steps = await setup({ pathEnv: bin, extraDirs: [], manifestPath: manifest });
      const tools = goTools(loadManifest(manifest));
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
        'golang.org/x/tools/cmd/stringer@v0.40.0',
      ]);
      expect(steps.filter((s) => s.action === 'installed').map((s) => s.detail)).toEqual(
        tools.map((t) => `${t.path}@${t.version} -> ${join(bin, t.bin)}`),
      );
      const after = await doctor({ pathEnv: bin, extraDirs: [], manifestPath: manifest });
      expect(after.find((c) => c.name === 'stringer')).toMatchObject({ ok: true, version: 'v0.40.0' });
    } finally {
      removeTempDir(bin);
    }
  });
});
