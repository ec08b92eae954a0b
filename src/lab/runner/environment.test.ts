/** @module Tests of environment capture on this machine (real tools, no mocks) and of the one-line description. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_PROFILE, describeEnvironment } from '../analysis/environment.ts';
import { captureEnvironment } from './environment.ts';
import { findTool } from './toolchain.ts';

describe('captureEnvironment', () => {
  it('records the machine, the GC settings the servers get and the build profile', async () => {
    const env = await captureEnvironment({ env: { GOGC: '400', GOMEMLIMIT: '512MiB' } });
    expect(env.cores).toBeGreaterThan(0);
    expect(env.cpu_model.length).toBeGreaterThan(0);
    expect(env.kernel.length).toBeGreaterThan(0);
    expect(env.gogc).toBe('400');
    expect(env.gomemlimit).toBe('512MiB');
    expect(env.gomaxprocs).toBe('default');
    expect(env.build_profile).toEqual(DEFAULT_BUILD_PROFILE);
    expect(env.loadgen).toBe('labload');
    expect(Number.isNaN(Date.parse(env.captured_at))).toBe(false);
  });

  it('reads the toolchain versions that are installed', async () => {
    const env = await captureEnvironment();
    if (findTool('go')) expect(env.go_version).toMatch(/^go\d+\.\d+/);
    else expect(env.go_version).toBeNull();
    if (findTool('rustc')) expect(env.rustc_version).toMatch(/^rustc \d+\.\d+/);
    if (findTool('labload')) expect(env.loadgen_version).toMatch(/^[0-9a-f]{16}$|^unknown$/);
    else expect(env.loadgen_version).toBeNull();
  });
});

describe('describeEnvironment', () => {
  it('names CPU, cores, kernel and toolchains on one line, skipping unknowns', async () => {
    const env = await captureEnvironment();
    const line = describeEnvironment({
      ...env,
      cpu_model: 'Test CPU',
      cores: 2,
      os: 'linux',
      kernel: '6.1.0',
      go_version: 'go1.26.8',
      rustc_version: 'rustc 1.95.0 (59807616e 2026-04-14)',
      loadgen_version: null,
    });
    expect(line).toBe('Test CPU, 2 cores, Linux 6.1.0, go1.26.8, rustc 1.95.0');
  });
});
