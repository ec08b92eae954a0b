/** @module Tests of tool discovery, doctor's install commands and version parsing. */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from './process.ts';
import {
  doctor,
  findTool,
  installCommand,
  packageRoot,
  parseGoVersion,
  toolsDir,
  VEGETA_VERSION,
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
      expect(checks.map((c) => c.name)).toEqual([
        'go',
        'cargo',
        'rustc',
        'protoc',
        'vegeta',
        'protoc-gen-go',
        'protoc-gen-go-grpc',
      ]);
      for (const check of checks) {
        expect(check.ok).toBe(false);
        expect(check.problem).toBe('not found');
        expect(check.install.length).toBeGreaterThan(10);
      }
      expect(checks.find((c) => c.name === 'vegeta')?.install).toBe(
        `GOBIN=${empty} go install github.com/tsenart/vegeta/v12@${VEGETA_VERSION}`,
      );
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
      expect(go).toMatchObject({ ok: false, version: '1.19.8', problem: 'found Go 1.19.8, too old' });
      expect(go?.install).toContain('go.dev/dl');
    } finally {
      removeTempDir(bin);
    }
  });

  it('names the install command of protoc per platform', () => {
    expect(installCommand('protoc')).toMatch(/apt-get install -y protobuf-compiler|brew install protobuf/);
    expect(installCommand('cargo')).toContain('sh.rustup.rs');
  });
});
