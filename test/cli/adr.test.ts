/** @module End-to-end: ADRs in a repository folder, as a team keeps them. Re-run rules (refuse, supersede, force), --out without an extension, accent-folding slugs, the repository-relative profile path; the real adr-log reads the titles and markdownlint-cli2 passes the records and the Markdown report. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runGorust, SPAWN_TIMEOUT_MS, STACK_LINE, tempDir } from './helpers.ts';

const dir = tempDir();
const DATE = { GORUST_DATE: '2026-12-05' };

/** A fresh repository (a folder with .git) holding the close-call profile and docs/. */
function repo(name: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  copyFileSync(join(ROOT, 'examples', 'close-call.yaml'), join(root, 'gorust.yaml'));
  return root;
}

function gorust(args: string[], cwd: string) {
  const result = runGorust(args, { cwd, env: DATE });
  expect(result.stderr).not.toMatch(STACK_LINE);
  return result;
}

const adrFiles = (folder: string) =>
  readdirSync(folder)
    .filter((f) => f.endsWith('.md'))
    .sort();

describe('gorust decide --format adr in a repository', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('refuses a second record for the same project, supersedes with --supersedes, replaces with --force', () => {
    const root = repo('rerun');
    const adr = join(root, 'docs', 'adr');
    expect(gorust(['decide', '--format', 'adr', '--out', 'docs/adr/'], root).code).toBe(0);
    const [first] = adrFiles(adr);
    expect(first).toMatch(/^0001-go-or-rust-for-metrics-ingestion-gateway/);
    const firstText = readFileSync(join(adr, first as string), 'utf8');
    // The recorded profile path is relative to the repository, never absolute.
    expect(firstText).toContain('from `gorust.yaml`');
    expect(firstText).not.toContain(root);

    const again = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/'], root);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      `docs/adr/${first} already records a decision for "Metrics ingestion gateway"`,
    );
    expect(again.stderr).toContain('--supersedes 0001');
    expect(adrFiles(adr)).toEqual([first]);

    const next = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--supersedes', '1'], root);
    expect(next.code, next.stderr).toBe(0);
    const files = adrFiles(adr);
    expect(files).toHaveLength(2);
    const second = files[1] as string;
    expect(second).toMatch(/^0002-/);
    const old = readFileSync(join(adr, first as string), 'utf8');
    expect(old).toContain('status: "superseded by ADR-0002"');
    expect(old).toContain(`Superseded by [ADR-0002](${second}).`);
    expect(readFileSync(join(adr, second), 'utf8').replace(/\n/g, ' ')).toContain(
      `This record supersedes [ADR-0001](${first}).`,
    );

    // The superseded record no longer stands, so the newest is the one a third run collides with.
    const third = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/'], root);
    expect(third.code).toBe(2);
    expect(third.stderr).toContain(`docs/adr/${second} already records`);
    writeFileSync(
      join(adr, second),
      'edited by hand\n<!-- gorust-adr\n{"v":1,"project":"Metrics ingestion gateway","verdict":"rust"}\n-->\n',
    );
    expect(gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--force'], root).code).toBe(0);
    expect(adrFiles(adr)).toEqual(files);
    expect(readFileSync(join(adr, second), 'utf8')).not.toContain('edited by hand');
  });

  it('--force refreshes the standing record but keeps its status, people and the record it supersedes', () => {
    const root = repo('force-keeps');
    const adr = join(root, 'docs', 'adr');
    const people = ['--decider', 'Ana Ruiz', '--consulted', 'SRE', '--informed', 'Support'];
    expect(gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', ...people], root).code).toBe(0);
    expect(gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--supersedes', '1'], root).code).toBe(
      0,
    );
    const [first, second] = adrFiles(adr) as [string, string];
    // The team accepts the record by hand, then a changed profile is decided again over it.
    const path = join(adr, second);
    // It also adds a section of its own, and a note at the very end, after gorust's data.
    const accepted = readFileSync(path, 'utf8')
      .replace('status: "proposed"', 'status: "accepted"')
      .replace(
        '## Pros and Cons of the Options',
        '## Team review\n\nReviewed with SRE.\n\n## Pros and Cons of the Options',
      );
    writeFileSync(path, `${accepted}\n## Team notes\n\nRevisit after the load test.\n`);
    const forced = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--force'], root);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('kept the 2 sections the team added');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('status: "accepted"');
    // Until 2026-12-07 --force dropped both without a word.
    // Where the team put it, before the section that followed it (until 2026-12-08 it moved to the end).
    expect(text).toContain('## Team review\n\nReviewed with SRE.\n\n## Pros and Cons of the Options');
    expect(text.trimEnd().endsWith('## Team notes\n\nRevisit after the load test.')).toBe(true);
    expect(text).toContain('decision-makers: "Ana Ruiz"');
    expect(text).toContain('consulted: "SRE"');
    expect(text).toContain('informed: "Support"');
    expect(text.replace(/\n/g, ' ')).toContain(`This record supersedes [ADR-0001](${first}).`);
    // Told otherwise, it says what it is told; the same holds for a file named by --out.
    expect(
      gorust(
        ['decide', '--format', 'adr', '--out', `docs/adr/${second}`, '--force', '--status', 'deprecated'],
        root,
      ).code,
    ).toBe(0);
    const named = readFileSync(path, 'utf8');
    expect(named).toContain('status: "deprecated"');
    expect(named).toContain('decision-makers: "Ana Ruiz"');
  });

  it('--force keeps a completed tie-breaker, and a renamed record keeps the links to it working', () => {
    const root = repo('tie');
    const adr = join(root, 'docs', 'adr');
    expect(gorust(['decide', '--format', 'adr', '--out', 'docs/adr/'], root).code).toBe(0);
    expect(gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--supersedes', '1'], root).code).toBe(
      0,
    );
    const [first, second] = adrFiles(adr) as [string, string];
    const path = join(adr, second);
    const filled =
      'Tie-breaker (the decision-makers fill this in): Ana Ruiz chose Go because on-call knows it.';
    const blank = 'Tie-breaker (the decision-makers fill this in): ____ chose ____ because ____.';
    expect(readFileSync(path, 'utf8')).toContain(blank);
    writeFileSync(path, readFileSync(path, 'utf8').replace(blank, filled));
    // Still a tie: the record the decision-makers completed keeps their words (until 2026-12-08 it was blanked).
    const same = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--force'], root);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toContain('kept the tie-breaker the decision-makers wrote');
    expect(readFileSync(path, 'utf8')).toContain(filled);
    // A stricter SLO settles it: the title, and so the file name, change; the record it superseded links to the new
    // name, and the tie-breaker the new record has no place for is shown, not lost without a word.
    const profile = readFileSync(join(root, 'gorust.yaml'), 'utf8');
    writeFileSync(join(root, 'gorust.yaml'), profile.replace('p99_ms: 15', 'p99_ms: 0.5'));
    const settled = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--force'], root);
    expect(settled.code, settled.stderr).toBe(0);
    const [, renamed] = adrFiles(adr) as [string, string];
    expect(renamed).not.toBe(second);
    expect(renamed).toMatch(/^0002-/);
    expect(settled.stderr).toContain(`updated the link to ${renamed} in ${join(adr, first)}`);
    expect(settled.stderr).toContain(`no longer a tie`);
    expect(settled.stderr).toContain(filled);
    const old = readFileSync(join(adr, first), 'utf8');
    expect(old).toContain(`Superseded by [ADR-0002](${renamed}).`);
    expect(old).not.toContain(second);
  });

  it('never overwrites an existing file without --force, and refuses an --out with no extension that does not exist', () => {
    const root = repo('files');
    const target = join(root, 'docs', 'decision.md');
    writeFileSync(target, 'keep me\n');
    const refused = gorust(['decide', '--format', 'adr', '--out', 'docs/decision.md'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('exists; add --force');
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
    expect(gorust(['decide', '--format', 'adr', '--out', 'docs/decision.md', '--force'], root).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^---\nstatus:/);

    const bare = gorust(['decide', '--format', 'adr', '--out', 'docs/newadr'], root);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('has no extension');
    expect(readdirSync(join(root, 'docs')).sort()).toEqual(['decision.md']);

    const orphan = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--supersedes', '0042'], root);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain('no record 0042-*.md');
    const word = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--supersedes', 'abc'], root);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('--supersedes abc is not a record number');
    // A status no ADR tool knows was written into the record as given.
    const status = gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--status', 'bogus'], root);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('--status bogus is not an ADR status');
    // Bad input writes nothing: not even the new ADR folder.
    expect(readdirSync(join(root, 'docs')).sort()).toEqual(['decision.md']);
  });

  it('folds accents in file names and takes the front matter from the flags', () => {
    const root = repo('accents');
    const profile = readFileSync(join(root, 'gorust.yaml'), 'utf8').replace(
      'name: Metrics ingestion gateway',
      'name: Ünïcode gateway',
    );
    writeFileSync(join(root, 'gorust.yaml'), profile);
    const args = ['decide', '--format', 'adr', '--out', 'docs/adr/', '--status', 'accepted'];
    const flags = [
      '--decider',
      'Ana Ruiz',
      '--decider',
      'Ben Ode',
      '--consulted',
      'SRE',
      '--informed',
      'Support',
    ];
    expect(gorust([...args, ...flags], root).code).toBe(0);
    const [file] = adrFiles(join(root, 'docs', 'adr'));
    expect(file).toBe('0001-go-or-rust-for-unicode-gateway-a-tie-for-the-team-to-break.md');
    const text = readFileSync(join(root, 'docs', 'adr', file as string), 'utf8');
    expect(text).toMatch(
      /^---\nstatus: "accepted"\ndate: 2026-12-05\ndecision-makers: "Ana Ruiz, Ben Ode"\nconsulted: "SRE"\ninformed: "Support"\n---\n# Go or Rust for Ünïcode gateway/,
    );
  });

  it('writes the Nygard layout for adr-tools and supersedes it in its Status section', () => {
    const root = repo('nygard');
    expect(
      gorust(['decide', '--format', 'adr', '--template', 'nygard', '--out', 'docs/adr/'], root).code,
    ).toBe(0);
    expect(
      gorust(
        ['decide', '--format', 'adr', '--template', 'nygard', '--out', 'docs/adr/', '--supersedes', '1'],
        root,
      ).code,
    ).toBe(0);
    const [first, second] = adrFiles(join(root, 'docs', 'adr'));
    const old = readFileSync(join(root, 'docs', 'adr', first as string), 'utf8');
    expect(old.split('\n')[0]).toBe(
      '# 1. Go or Rust for Metrics ingestion gateway: a tie for the team to break',
    );
    expect(old).toContain(`## Status\n\nSuperseded by [ADR-0002](${second})\n\n## Context`);
    const now = readFileSync(join(root, 'docs', 'adr', second as string), 'utf8');
    expect(now.replace(/Supersedes\n/, 'Supersedes ')).toContain(
      `## Status\n\nProposed\n\nSupersedes [ADR-0001](${first})`,
    );
  });

  it('keeps the people it is given in the Nygard layout, above its Status, and carries them to a superseding record', () => {
    const root = repo('nygard-people');
    const nygard = ['decide', '--format', 'adr', '--template', 'nygard', '--out', 'docs/adr/'];
    expect(gorust([...nygard, '--decider', 'Ana Ruiz', '--consulted', 'SRE'], root).code).toBe(0);
    const [first] = adrFiles(join(root, 'docs', 'adr'));
    expect(readFileSync(join(root, 'docs', 'adr', first as string), 'utf8')).toContain(
      'Date: 2026-12-05\n\nDeciders: Ana Ruiz\n\nConsulted: SRE\n\n## Status\n\nProposed\n',
    );
    expect(gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--supersedes', '1'], root).code).toBe(
      0,
    );
    const [, second] = adrFiles(join(root, 'docs', 'adr'));
    const now = readFileSync(join(root, 'docs', 'adr', second as string), 'utf8');
    expect(now).toContain('Deciders: Ana Ruiz\n\nConsulted: SRE\n\n## Status');
    expect(gorust(['check', 'docs/adr'], root).code).toBe(0);
  });

  it("marks a log4brains record superseded with the new record's slug as the link text, as log4brains reads it", () => {
    const root = repo('log4brains-slug');
    const l4b = ['decide', '--format', 'adr', '--template', 'log4brains', '--out', 'docs/adr/'];
    expect(gorust(l4b, root).code).toBe(0);
    const [first] = adrFiles(join(root, 'docs', 'adr'));
    const text = readFileSync(join(root, 'docs', 'adr', first as string), 'utf8');
    // Nobody named yet: no Deciders line (log4brains would read "(to be named)" as a person).
    expect(text).not.toContain('Deciders');
    expect(text).toContain('* Status: proposed\n* Date: 2026-12-05\n');
    expect(gorust([...l4b, '--supersedes', '1'], root).code).toBe(0);
    const [, second] = adrFiles(join(root, 'docs', 'adr')) as [string, string];
    expect(readFileSync(join(root, 'docs', 'adr', first as string), 'utf8')).toContain(
      `* Status: superseded by [${second.replace(/\.md$/, '')}](${second})\n`,
    );
  });
});

describe('a record that supersedes another', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it("keeps the old record's layout and people when the command names neither (gorust check's command does not)", () => {
    const root = repo('keep-layout');
    const first = ['decide', '--format', 'adr', '--template', 'log4brains', '--out', 'docs/adr/'];
    expect(gorust([...first, '--decider', 'Ana Ruiz', '--decider', 'Ben Ode'], root).code).toBe(0);
    expect(
      gorust(['decide', '--format', 'adr', '--out', 'docs/adr/', '--supersedes', '0001'], root).code,
    ).toBe(0);
    const [, second] = adrFiles(join(root, 'docs', 'adr'));
    const now = readFileSync(join(root, 'docs', 'adr', second as string), 'utf8');
    expect(now).not.toMatch(/^---\n/);
    expect(now).toContain('* Status: proposed\n* Deciders: Ana Ruiz, Ben Ode\n');
    // Named on the command line, the template and people are the command's.
    const madr = repo('keep-layout-madr');
    expect(gorust([...first, '--decider', 'Ana Ruiz'], madr).code).toBe(0);
    const args = [
      'decide',
      '--format',
      'adr',
      '--template',
      'madr',
      '--out',
      'docs/adr/',
      '--supersedes',
      '1',
    ];
    expect(gorust([...args, '--decider', 'Cy Lee'], madr).code).toBe(0);
    const [, madrSecond] = adrFiles(join(madr, 'docs', 'adr'));
    expect(readFileSync(join(madr, 'docs', 'adr', madrSecond as string), 'utf8')).toMatch(
      /^---\nstatus: "proposed"\ndate: 2026-12-05\ndecision-makers: "Cy Lee"\n/,
    );
  });

  it('is skipped by gorust check when adr-tools marked it superseded, and a folder of retired records passes', () => {
    const root = repo('adr-tools-supersede');
    expect(
      gorust(['decide', '--format', 'adr', '--template', 'nygard', '--out', 'docs/adr/'], root).code,
    ).toBe(0);
    const [file] = adrFiles(join(root, 'docs', 'adr'));
    const path = join(root, 'docs', 'adr', file as string);
    const text = readFileSync(path, 'utf8');
    // `adr new -s 1` keeps a Proposed status and adds the link under it (an Accepted one it removes).
    const link = 'Superseded by [2. Use Go everywhere](0002-use-go-everywhere.md)';
    for (const status of [`Proposed\n\n${link}`, link]) {
      writeFileSync(path, text.replace('## Status\n\nProposed\n', `## Status\n\n${status}\n`));
      const checked = gorust(['check', 'docs/adr'], root);
      expect(checked.code, checked.stderr).toBe(0);
      expect(checked.stdout).toBe(
        'No standing gorust record in docs/adr: 1 superseded, deprecated or rejected, so nothing to check.\n',
      );
      const json = JSON.parse(gorust(['check', 'docs/adr', '--format', 'json'], root).stdout);
      expect(json).toMatchObject({ records: [], holds: 0, changed: 0, exit: 0 });
    }
  });
});

describe('ADR tools read the records', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const root = repo('tools');
  const adr = join(root, 'docs', 'adr');
  const examples = ['close-call', 'service-mesh', 'search-cli', 'bare-metal-firmware'];

  it('adr-log lists every generated record with its title', () => {
    for (const name of examples) {
      const result = gorust(
        ['decide', join(ROOT, 'examples', `${name}.yaml`), '--format', 'adr', '--out', 'docs/adr/'],
        root,
      );
      expect(result.code, result.stderr).toBe(0);
    }
    // Without -i, adr-log prints the log (links relative to the ADR folder) between its markers.
    const log = spawnSync(join(ROOT, 'node_modules', '.bin', 'adr-log'), ['-d', 'docs/adr'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(log.status, log.stderr).toBe(0);
    const entries = log.stdout.split('\n').filter((l) => l.startsWith('* [ADR-'));
    expect(entries).toHaveLength(examples.length);
    for (const [i, file] of adrFiles(adr).entries()) {
      const title = readFileSync(join(adr, file), 'utf8').split('\n')[7]?.slice(2);
      expect(title).toMatch(/^(Use|Split|Go or Rust) /);
      expect(entries[i]).toBe(`* [ADR-${file.slice(0, 4)}](${file}) - ${title}`);
    }
  });

  it('markdownlint-cli2 passes the records and the Markdown reports with its defaults', () => {
    for (const name of examples) {
      const args = [
        'decide',
        join(ROOT, 'examples', `${name}.yaml`),
        '--format',
        'md',
        '--out',
        `docs/${name}.md`,
      ];
      const out = gorust(args, root);
      expect(out.code, out.stderr).toBe(0);
      // Every cited fact links to its source.
      expect(readFileSync(join(root, 'docs', `${name}.md`), 'utf8')).toMatch(
        /Sources: \[[^\]]+\]\(https:\/\//,
      );
    }
    const lint = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'markdownlint-cli2'),
      ['--no-globs', ...adrFiles(adr).map((f) => `docs/adr/${f}`), ...examples.map((n) => `docs/${n}.md`)],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0);
  });
});
