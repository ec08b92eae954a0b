/** @module Every committed Markdown file passes markdownlint-cli2 under the repository's own settings (.markdownlint.jsonc: prose wrapped at 120 columns, tables and code blocks exempt from the line length, Go code keeps its tabs), and those settings never reach the reports and ADRs gorust writes, which keep markdownlint's defaults: the committed report snapshots and a report with lab lines are linted with the defaults. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHybridDecision } from '../../src/core/report/decision-fixture.test-helpers.ts';
import { renderMarkdown } from '../../src/core/report/markdown.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MARKDOWNLINT = join(ROOT, 'node_modules', '.bin', 'markdownlint-cli2');
/** gorust's own output, checked under markdownlint's defaults below rather than the repository's settings. */
const SNAPSHOTS = 'src/core/report/__snapshots__/';

function lint(cwd: string, ...files: string[]) {
  return spawnSync(MARKDOWNLINT, ['--no-globs', ...files], { cwd, encoding: 'utf8', timeout: 60_000 });
}

/** The Markdown files git tracks in the repository. */
function committedMarkdown(): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--', '*.md'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(listed.status, listed.stderr).toBe(0);
  return listed.stdout.split('\0').filter((f) => f !== '');
}

/** Lints files with markdownlint's defaults: copied into a folder without the repository's settings. */
function lintWithDefaults(files: { name: string; text?: string; from?: string }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'gorust-markdownlint-'));
  try {
    for (const f of files) {
      if (f.from !== undefined) copyFileSync(f.from, join(dir, f.name));
      else writeFileSync(join(dir, f.name), f.text ?? '');
    }
    return lint(dir, ...files.map((f) => f.name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('markdownlint on the repository', () => {
  it('passes every committed Markdown file (wrap prose at 120 columns; tables and code blocks may run longer)', () => {
    const files = committedMarkdown().filter((f) => !f.startsWith(SNAPSHOTS));
    // The docs a newcomer reads first are among them (a broken listing would otherwise pass vacuously).
    expect(files).toEqual(expect.arrayContaining(['README.md', 'ARCHITECTURE.md', 'CONTRACT.md']));
    const result = lint(ROOT, ...files);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it("passes the committed report and ADR snapshots with markdownlint's defaults, as gorust's users lint them", () => {
    const snapshots = committedMarkdown().filter((f) => f.startsWith(SNAPSHOTS));
    expect(snapshots.length).toBeGreaterThan(0);
    const result = lintWithDefaults(snapshots.map((f) => ({ name: basename(f), from: join(ROOT, f) })));
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it("keeps a report's lab notes (measured, prior kept) from reading as headings written in emphasis", () => {
    const hybrid = buildHybridDecision();
    const decision = {
      ...hybrid,
      criteria: hybrid.criteria.map((row, i) =>
        i === 0
          ? {
              ...row,
              lab: {
                use: 'prior_kept' as const,
                prior: { go: row.go, rust: row.rust },
                used: [],
                not_significant: ['http-json Go p99 2.1 ms vs Rust 2.0 ms (p = 0.3)'],
              },
            }
          : row,
      ),
    };
    const report = renderMarkdown(decision);
    expect(report).toContain('*Measured on this machine: Go p99 4.1 ms vs Rust 3.2 ms at 5,000 req/s.*');
    expect(report).toMatch(/\*Lab: prior kept \(Go [\d.]+, Rust [\d.]+\); not significant/);
    const result = lintWithDefaults([{ name: 'report.md', text: report }]);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it('applies the 120-column limit to prose and exempts tables and code, as .markdownlint.jsonc says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gorust-markdownlint-'));
    try {
      copyFileSync(join(ROOT, '.markdownlint.jsonc'), join(dir, '.markdownlint.jsonc'));
      const long = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
      writeFileSync(
        join(dir, 'ok.md'),
        `# Title\n\n${long(15)}\n\n| a | b |\n| --- | --- |\n| ${long(30)} | x |\n\n\`\`\`sh\n${long(30)}\n\`\`\`\n\n\`\`\`go\nfunc main() {\n\tprintln()\n}\n\`\`\`\n`,
      );
      writeFileSync(join(dir, 'long.md'), `# Title\n\n${long(30)}\n`);
      writeFileSync(join(dir, 'tabs.md'), `# Title\n\n\`\`\`sh\nif true; then\n\techo x\nfi\n\`\`\`\n`);
      expect(lint(dir, 'ok.md').status).toBe(0);
      const refused = lint(dir, 'long.md');
      expect(refused.status).toBe(1);
      expect(`${refused.stdout}${refused.stderr}`).toContain('MD013/line-length');
      // Only Go's code blocks keep tabs (gofmt's indentation).
      const tabs = lint(dir, 'tabs.md');
      expect(tabs.status).toBe(1);
      expect(`${tabs.stdout}${tabs.stderr}`).toContain('MD010/no-hard-tabs');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
