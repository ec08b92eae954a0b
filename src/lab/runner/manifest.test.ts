/** @module Tests of the lab manifest: schema, duplicate names, unknown workloads and placeholder expansion. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expandPlaceholders,
  findWorkload,
  goTools,
  labCacheDir,
  loadManifest,
  parseManifest,
  resolveProgram,
  workloadsDir,
} from './manifest.ts';

const values = {
  bin: '/cache/bin',
  cargo_target: '/cache/target',
  tools: '/tools',
  workloads: '/w',
  threads: 1,
};

const sample = {
  version: 1,
  workloads: [
    {
      name: 'http-json',
      kind: 'server',
      programs: {
        go: {
          cwd: 'http-json/go',
          build: [['go', 'build', '-o', '{bin}/http-json-go', '.']],
          exec: '{bin}/http-json-go',
          args: ['--threads', '{threads}'],
        },
      },
      targets: 'http-json/targets.txt',
    },
  ],
};

describe('lab manifest', () => {
  it('validates and fills defaults', () => {
    const manifest = parseManifest(sample);
    expect(manifest.workloads[0]?.programs.go?.env).toEqual({});
  });

  it('lists every problem of a bad manifest as a user error', () => {
    expect(() => parseManifest({ version: 2, workloads: [{ name: 'X Y', kind: 'nope' }] })).toThrow(
      /invalid lab manifest/,
    );
    expect(() => parseManifest({ ...sample, workloads: [sample.workloads[0], sample.workloads[0]] })).toThrow(
      /appears twice/,
    );
  });

  it('names the known workloads when one is unknown', () => {
    expect(() => findWorkload(parseManifest(sample), 'grpc')).toThrow(/known workloads are http-json/);
  });

  it('reads the Go tools list and refuses a tool without a pinned version or listed twice', () => {
    const tool = { name: 'vegeta', go_install: 'github.com/tsenart/vegeta/v12@v12.13.0', bin: 'vegeta' };
    expect(goTools(parseManifest({ ...sample, tools: [tool] }))).toEqual([
      {
        name: 'vegeta',
        path: 'github.com/tsenart/vegeta/v12',
        version: 'v12.13.0',
        bin: 'vegeta',
        neededBy: [],
      },
    ]);
    expect(goTools(parseManifest(sample))).toEqual([]);
    expect(() =>
      parseManifest({ ...sample, tools: [{ ...tool, go_install: 'github.com/tsenart/vegeta/v12@latest' }] }),
    ).toThrow(/pinned version/);
    expect(() => parseManifest({ ...sample, tools: [tool, tool] })).toThrow(/tool "vegeta" appears twice/);
  });

  it('suggests the nearest workload for a typo, and nothing for a name far from every workload', () => {
    const manifest = loadManifest();
    expect(() => findWorkload(manifest, 'htp-json')).toThrow(
      /^unknown workload "htp-json" \(did you mean http-json\?\): known workloads are http-json, gc-cache/,
    );
    expect(() => findWorkload(manifest, 'GC_cache')).toThrow(/\(did you mean gc-cache\?\)/);
    expect(() => findWorkload(manifest, 'grpc')).toThrow(/^unknown workload "grpc": known workloads are /);
  });

  it('expands placeholders and makes paths absolute', () => {
    const program = resolveProgram(findWorkload(parseManifest(sample), 'http-json'), 'go', values);
    expect(program).toEqual({
      name: 'go',
      kind: 'server',
      cwd: '/w/http-json/go',
      build: [['go', 'build', '-o', '/cache/bin/http-json-go', '.']],
      exec: '/cache/bin/http-json-go',
      args: ['--threads', '1'],
      env: {},
      buildEnv: {},
    });
    expect(() => expandPlaceholders('{entries}', values)).toThrow(/no value/);
  });

  it('keeps the lab cache where GORUST_LAB_CACHE says', () => {
    expect(labCacheDir({ GORUST_LAB_CACHE: '/x/y' })).toBe('/x/y');
    expect(labCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe('/c/gorust/lab');
  });

  it.skipIf(!existsSync(join(workloadsDir(), 'manifest.json')))('accepts the committed manifest', () => {
    const manifest = loadManifest();
    expect(manifest.workloads.map((w) => w.name)).toEqual(expect.arrayContaining(['http-json']));
  });
});

describe('partial resolution', () => {
  it('keeps run-time placeholders such as {addr} until they are known', () => {
    const manifest = parseManifest({
      version: 1,
      workloads: [
        {
          name: 'boundary',
          kind: 'mixed',
          programs: {
            grpc: {
              kind: 'batch',
              cwd: 'b',
              exec: '{bin}/c',
              args: ['--addr', '{addr}', '--calls', '{requests}'],
            },
          },
        },
      ],
    });
    const workload = findWorkload(manifest, 'boundary');
    expect(resolveProgram(workload, 'grpc', values, { partial: true }).args).toEqual([
      '--addr',
      '{addr}',
      '--calls',
      '{requests}',
    ]);
    expect(resolveProgram(workload, 'grpc', { ...values, addr: '127.0.0.1:9', requests: 5 }).args).toEqual([
      '--addr',
      '127.0.0.1:9',
      '--calls',
      '5',
    ]);
  });
});
