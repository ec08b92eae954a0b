/** @module Tests of the pure helpers of the boundary and build runners: the boundary plan and the build-failure reason. */
import { describe, expect, it } from 'vitest';

describe('planBoundary', () => {
  it('runs the cgo benchmark alone and each client against its server', async () => {
    const { planBoundary } = await import('./boundary.ts');
    expect(
      planBoundary({
        cgo: { kind: 'batch', args: ['--reps', '5'] },
        grpc: { kind: 'batch', args: ['--addr', '{addr}', '--mode', 'grpc'] },
        http: { kind: 'batch', args: ['--addr', '{addr}', '--mode', 'http'] },
        server: { kind: 'server', args: [] },
      }),
    ).toEqual([{ name: 'cgo' }, { name: 'grpc', server: 'server' }, { name: 'http', server: 'server' }]);
    expect(() => planBoundary({ c: { kind: 'batch', args: ['{addr}'] } })).toThrow(/needs a server/);
  });
});

describe('failureReason', () => {
  it('keeps the lines that say why a cross build failed', async () => {
    const { failureReason } = await import('./build.ts');
    const stderr = [
      '   Compiling pin-project-lite v0.2.16',
      "error[E0463]: can't find crate for `core`",
      '  = note: the `aarch64-unknown-linux-gnu` target may not be installed',
      'For more information about this error, try `rustc --explain E0463`.',
      'error: could not compile `pin-project-lite` (lib) due to 1 previous error',
    ].join('\n');
    expect(failureReason(stderr)).toBe(
      "= note: the `aarch64-unknown-linux-gnu` target may not be installed | error[E0463]: can't find crate for `core`",
    );
  });
});
