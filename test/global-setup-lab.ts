/** @module Vitest global setup: the lab's tools install themselves on first use. When labload (the load generator) is missing or built from older sources, it runs `gorust lab setup` once before any test, so a fresh clone's `npm test` runs the lab tests instead of skipping them; when Go or Rust is missing it fails at once with the exact install command. A run that excludes the slow tests (`--tags-filter='!slow'`, as `npm run test:fast` and landing do) needs no lab tools and installs nothing. */
import { doctor, LOADGEN_BIN, setup, type ToolCheck } from '../src/lab/runner/toolchain.ts';

/** True when this vitest run excludes the slow tests (the only ones that need the lab's tools). */
function slowTestsExcluded(argv: string[]): boolean {
  return argv.some((arg, i) => {
    const value = arg.startsWith('--tags-filter=')
      ? arg.slice('--tags-filter='.length)
      : arg === '--tags-filter'
        ? argv[i + 1]
        : undefined;
    return value !== undefined && /!\s*slow/.test(value);
  });
}

function commands(checks: ToolCheck[]): string {
  return checks
    .map((c) => `  ${c.name} (${c.problem ?? 'not ok'}): ${c.install || 'see gorust lab doctor'}`)
    .join('\n');
}

export default async function labToolsSetup(): Promise<void> {
  if (slowTestsExcluded(process.argv)) return;
  const checks = await doctor();
  const toolchains = checks.filter((c) => ['go', 'cargo', 'rustc'].includes(c.name) && !c.ok);
  if (toolchains.length > 0) {
    throw new Error(
      `the lab tests need Go and Rust; install them, then run npm test again:\n${commands(toolchains)}`,
    );
  }
  const missing = checks.filter((c) => !c.ok);
  if (missing.length === 0) return;
  process.stderr.write(
    `lab tools missing or stale (${missing.map((c) => c.name).join(', ')}): running gorust lab setup once (building ${LOADGEN_BIN} takes a few minutes)\n`,
  );
  const steps = await setup();
  const failed = steps.filter((s) => s.action === 'failed' || s.action === 'manual');
  if (failed.length > 0) {
    throw new Error(
      `gorust lab setup could not install: ${failed.map((s) => `${s.name}: ${s.detail}`).join('; ')}\nrun: node bin/gorust.js lab setup (or npx tsx src/cli/main.ts lab setup)`,
    );
  }
}
