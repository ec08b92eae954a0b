/** @module The repository's README passes markdownlint-cli2 under the repository's own settings (.markdownlint.jsonc: prose wrapped at 120 columns, tables and code blocks exempt from the line length), and those settings never reach the reports and ADRs gorust writes, which keep markdownlint's defaults. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MARKDOWNLINT = join(ROOT, 'node_modules', '.bin', 'markdownlint-cli2');

function lint(cwd: string, ...files: string[]) {
  return spawnSync(MARKDOWNLINT, ['--no-globs', ...files], { cwd, encoding: 'utf8', timeout: 60_000 });
}

describe('markdownlint on the repository', () => {
  it('passes README.md (wrap prose at 120 columns; tables and code blocks may run longer)', () => {
    const result = lint(ROOT, 'README.md');
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it('applies the 120-column limit to prose and exempts tables and code, as .markdownlint.jsonc says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-markdownlint-'));
    try {
      copyFileSync(join(ROOT, '.markdownlint.jsonc'), join(dir, '.markdownlint.jsonc'));
      const long = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
      writeFileSync(
        join(dir, 'ok.md'),
        `# Title\n\n${long(15)}\n\n| a | b |\n| --- | --- |\n| ${long(30)} | x |\n\n\`\`\`sh\n${long(30)}\n\`\`\`\n`,
      );
      writeFileSync(join(dir, 'long.md'), `# Title\n\n${long(30)}\n`);
      expect(lint(dir, 'ok.md').status).toBe(0);
      const refused = lint(dir, 'long.md');
      expect(refused.status).toBe(1);
      expect(`${refused.stdout}${refused.stderr}`).toContain('MD013/line-length');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
