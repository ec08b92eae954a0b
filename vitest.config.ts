import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    setupFiles: ['test/setup-fail-on-console.ts'],
    // The lab's tools (labload) install themselves before the slow tests need them, or the run fails with the command.
    globalSetup: ['test/global-setup-lab.ts'],
    restoreMocks: true,
    testTimeout: 20_000,
    tags: [
      { name: 'slow', description: 'builds or runs real Go/Rust programs or a browser', timeout: 1_800_000 },
    ],
  },
});
