/** @module The lint rule that keeps the lab's analysis pure: a file in src/lab/analysis that imports the runner or a process-spawning module fails `biome lint`, and a pure one passes. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const biome = join(root, 'node_modules', '.bin', 'biome');

function lint(folder: string, source: string): { code: number | null; output: string } {
  const file = join(root, folder, `layering-fixture-${randomBytes(4).toString('hex')}.ts`);
  writeFileSync(file, source);
  try {
    const r = spawnSync(biome, ['lint', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(file, { force: true });
  }
}

describe('lab layering', () => {
  it('rejects the runner and node:child_process in the analysis part', () => {
    const bad = lint(
      'src/lab/analysis',
      "import { spawn } from 'node:child_process';\nimport { runLab } from '../runner/run.ts';\n\nexport const used = [spawn, runLab];\n",
    );
    expect(bad.code).not.toBe(0);
    expect(bad.output.match(/lab\/analysis must stay pure/g)?.length).toBe(2);
  });

  it('rejects the lab runner in the server', () => {
    const bad = lint(
      'src/server',
      "import { runLab } from '../lab/runner/run.ts';\n\nexport const used = runLab;\n",
    );
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/import the lab's analysis only/);
  });

  it('accepts an analysis file that imports only analysis', () => {
    const good = lint(
      'src/lab/analysis',
      "import { median } from './stats.ts';\n\nexport const used = median;\n",
    );
    expect(good.output).not.toMatch(/noRestrictedImports/);
    expect(good.code).toBe(0);
  });
});
