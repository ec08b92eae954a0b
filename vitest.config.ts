import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The lab tests that time real programs under load. They judge their own runs (a step where other processes took
 * more than 5% of the machine's CPU is flagged), so beside the parallel suite on a 2-core machine they fail for
 * the suite's load, not for the lab's: on 2026-12-07 a clean-clone run read the fixed 4 ms server at 7.2 ms while
 * the API fuzz test and the package test ran beside it. They run last, one file at a time, with nothing else.
 */
const LAB_TIMING = [
  'src/lab/runner/accuracy.test.ts',
  'src/lab/runner/loadgen.test.ts',
  'src/lab/runner/remote-lab.test.ts',
  'src/lab/runner/remote-loadgen.test.ts',
  'src/lab/runner/run.test.ts',
  'src/lab/runner/selftest.test.ts',
  'src/lab/runner/service.test.ts',
];

export default defineConfig({
  test: {
    setupFiles: ['test/setup-fail-on-console.ts'],
    // The lab's tools (labload) install themselves before the slow tests need them, or the run fails with the command.
    globalSetup: ['test/global-setup-lab.ts'],
    restoreMocks: true,
    testTimeout: 20_000,
    tags: [
      { name: 'slow', description: 'builds or runs real Go/Rust programs or a browser', timeout: 1_800_000 },
    ],
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          // Each project names its own files: `extends` would add the root's include to lab-timing's.
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...LAB_TIMING],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'lab-timing',
          include: LAB_TIMING,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
