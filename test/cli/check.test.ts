/** @module End-to-end: `gorust check` re-decides the records of an ADR folder from their recorded profiles: exit 0 while every verdict holds, 3 when a profile change flips one (naming the record, both verdicts, the changed fact and the --supersedes command), 2 for bad input. */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  decide,
  diffFacts,
  parseProfileText,
  profileFacts,
  revisitTriggers,
  withChange,
} from '../../src/core/index.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';
import { ROOT, runGorust, SPAWN_TIMEOUT_MS, STACK_LINE, tempDir } from './helpers.ts';

const dir = tempDir();

function gorust(args: string[], cwd: string) {
  const result = runGorust(args, { cwd, env: { GORUST_DATE: '2026-12-05' } });
  expect(result.stderr).not.toMatch(STACK_LINE);
  return result;
}

describe('gorust check', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const root = join(dir, 'repo');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  mkdirSync(join(root, 'profiles'));
  const profile = join(root, 'profiles', 'gateway.yaml');
  copyFileSync(join(ROOT, 'examples', 'close-call.yaml'), profile);
  // The example's own nearest revisit trigger flips its verdict: the test follows the model, not hard-coded values.
  const kb = readKnowledgeBase();
  const original = parseProfileText(readFileSync(profile, 'utf8'), 'close-call.yaml');
  const before = decide(original, kb).verdict;
  const trigger = revisitTriggers(original, kb)[0];
  const label = (v: string | undefined) => (v === 'go' ? 'Go' : v === 'rust' ? 'Rust' : 'Hybrid');

  it('exits 0 on an unchanged repository, from a subfolder too', () => {
    expect(
      gorust(['decide', 'profiles/gateway.yaml', '--format', 'adr', '--out', 'docs/adr/'], root).code,
    ).toBe(0);
    const ok = gorust(['check'], root);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^holds +docs/adr/0001-.*\\.md: ${label(before)}$`, 'm'));
    expect(ok.stdout).toContain('1 record holds.');
    // The recorded path is repository-relative, so the check works from anywhere in the repository.
    expect(gorust(['check', '.'], join(root, 'docs', 'adr')).code).toBe(0);
  });

  it('exits 3 after the recorded profile changes so that the verdict flips, and says how to record it', () => {
    if (trigger === undefined) throw new Error('the close-call example has no revisit trigger');
    const changedProfile = withChange(original, trigger.path, trigger.value);
    writeFileSync(profile, stringify(changedProfile));
    const changed = gorust(['check', 'docs/adr'], root);
    expect(changed.code, changed.stderr).toBe(3);
    expect(changed.stdout).toMatch(
      new RegExp(
        `^CHANGED +docs/adr/0001-.*\\.md: recorded ${label(before)}, now ${label(trigger.verdict)}$`,
        'm',
      ),
    );
    const fact = diffFacts(profileFacts(original), profileFacts(changedProfile))[0];
    expect(changed.stdout).toContain(
      `what changed: ${fact?.label}: ${fact?.before ?? '(not set)'} -> ${fact?.after}`,
    );
    expect(changed.stdout).toContain(
      'record the new decision: gorust decide profiles/gateway.yaml --seed 1 --format adr --out docs/adr/ --supersedes 0001',
    );
    const json = JSON.parse(gorust(['check', 'docs/adr', '--format', 'json'], root).stdout);
    expect(json).toMatchObject({ holds: 0, weaker: 0, changed: 1, exit: 3 });
    expect(json.records[0]).toMatchObject({
      status: 'changed',
      recorded: { verdict: before },
      now: { verdict: trigger.verdict },
      command: 'gorust decide profiles/gateway.yaml --seed 1 --format adr --out docs/adr/ --supersedes 0001',
    });
    expect(json.records[0].changed).toContain(
      `${fact?.label}: ${fact?.before ?? '(not set)'} -> ${fact?.after}`,
    );
    // Doing what it says records the new decision, and the folder holds again.
    const next = gorust(
      [
        'decide',
        'profiles/gateway.yaml',
        '--seed',
        '1',
        '--format',
        'adr',
        '--out',
        'docs/adr/',
        '--supersedes',
        '0001',
      ],
      root,
    );
    expect(next.code, next.stderr).toBe(0);
    expect(gorust(['check'], root).code).toBe(0);
  });

  it('exits 2 for bad input: no folder, no gorust records, a recorded profile that is gone', () => {
    // A folder that is not there is named as such, a file as not a folder of ADRs.
    expect(gorust(['check', 'nowhere'], root).stderr).toContain('nowhere does not exist');
    expect(gorust(['check', 'profiles/gateway.yaml'], root).stderr).toContain(
      'gateway.yaml is not a folder of ADRs',
    );
    expect(gorust(['check', 'nowhere'], root).code).toBe(2);
    const bare = gorust(['check'], join(root, 'profiles'));
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('no ADR folder here: none of docs/adr, docs/decisions');
    // Its suggestion works as given where docs/ does not exist yet (--out creates one folder, never two).
    expect(bare.stderr).toContain(
      '`mkdir -p docs/adr && gorust decide PROFILE --format adr --out docs/adr/`',
    );
    const empty = gorust(['check', 'profiles'], root);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no gorust records in profiles');
    // A recorded profile that no longer validates is named with its record (exit 2), not reported bare.
    const text = readFileSync(profile, 'utf8');
    writeFileSync(profile, text.replace(/go: \w+/, 'go: sometimes'));
    const invalid = gorust(['check'], root);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(
      /docs\/adr\/0002-[\w-]+\.md was decided from profiles\/gateway\.yaml, which is no longer a valid profile:/,
    );
    expect(invalid.stderr).toContain('sometimes');
    expect(invalid.stderr).not.toMatch(STACK_LINE);
    rmSync(profile);
    const gone = gorust(['check'], root);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('was decided from profiles/gateway.yaml, which no longer exists');
  });
});

describe('gorust check on a tie the facts have settled', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const root = join(dir, 'settled');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  copyFileSync(join(ROOT, 'examples', 'close-call.yaml'), join(root, 'gorust.yaml'));

  it('says the record still chooses nothing, with the command to record it, and passes (QA: "holds" alone)', () => {
    expect(gorust(['decide', 'gorust.yaml', '--format', 'adr', '--out', 'docs/adr/'], root).code).toBe(0);
    const profile = readFileSync(join(root, 'gorust.yaml'), 'utf8');
    const strong = profile.replace(/go: \w+/, 'go: strong').replace(/rust: \w+/, 'rust: none');
    expect(strong).not.toBe(profile);
    writeFileSync(join(root, 'gorust.yaml'), strong);
    const text = gorust(['check', '--strict'], root);
    expect(text.code, text.stdout).toBe(0);
    expect(text.stdout).toMatch(
      /^holds +docs\/adr\/0001-.*: Go, no longer a tie: P\(verdict\) \d+% -> >?\d+%/m,
    );
    expect(text.stdout).toContain('while the record still chooses nothing');
    expect(text.stdout).toMatch(
      /to record it as it now stands: gorust decide gorust\.yaml .*--supersedes 0001/,
    );
    const json = JSON.parse(gorust(['check', '--format', 'json'], root).stdout);
    expect(json.records[0]).toMatchObject({
      status: 'holds',
      settled: expect.stringContaining('no longer a tie'),
    });
    expect(json.records[0].command).toContain('--supersedes 0001');
  });
});

describe('gorust check finds the records where ADR tools keep them', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const root = join(dir, 'madr');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  copyFileSync(join(ROOT, 'examples', 'close-call.yaml'), join(root, 'gorust.yaml'));

  it("reads MADR's docs/decisions without a folder, and from the root names the folder that has them", () => {
    const wrote = gorust(['decide', 'gorust.yaml', '--format', 'adr', '--out', 'docs/decisions/'], root);
    expect(wrote.code, wrote.stderr).toBe(0);
    const ok = gorust(['check'], root);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^holds +docs\/decisions\/0001-.*\.md: /m);
    const fromRoot = gorust(['check', '.'], root);
    expect(fromRoot.code).toBe(2);
    expect(fromRoot.stderr).toContain(
      'no gorust records in ., but docs/decisions has some: run `gorust check docs/decisions`.',
    );
  });
});

describe('gorust check of a verdict that holds but has weakened', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const root = join(dir, 'weaker');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  copyFileSync(join(ROOT, 'examples', 'close-call.yaml'), join(root, 'gorust.yaml'));
  const now = decide(
    parseProfileText(readFileSync(join(root, 'gorust.yaml'), 'utf8'), 'gorust.yaml'),
    readKnowledgeBase(),
  );

  it('records P(verdict), names a record that became a close call "weaker", and fails it with --strict', () => {
    expect(now.close_call).toBe(true);
    expect(gorust(['decide', 'gorust.yaml', '--format', 'adr', '--out', 'docs/adr/'], root).code).toBe(0);
    const adrDir = join(root, 'docs', 'adr');
    const file = join(adrDir, readdirSync(adrDir)[0] as string);
    const text = readFileSync(file, 'utf8');
    const recorded = /"confidence":([0-9.]+)/.exec(text)?.[1];
    expect(Number(recorded)).toBeCloseTo(now.confidence, 3);
    expect(gorust(['check'], root).stdout).toMatch(/^holds +docs\/adr\/0001-/m);
    // The same record as an earlier knowledge base would have written it: the same verdict, not yet a close call.
    writeFileSync(
      file,
      text
        .replace('"close_call":true', '"close_call":false')
        .replace(/"confidence":[0-9.]+/, '"confidence":0.95'),
    );
    const weaker = gorust(['check'], root);
    expect(weaker.code, weaker.stderr).toBe(0);
    expect(weaker.stdout).toMatch(
      new RegExp(
        `^weaker +docs/adr/0001-.*\\.md: \\w+, now a close call: P\\(verdict\\) 95% -> ${Math.round(now.confidence * 100)}%$`,
        'm',
      ),
    );
    // As --format json counts it (holds 0, weaker 1); the text said "1 record holds, 1 of them weaker".
    expect(weaker.stdout).toContain('1 record: 1 weaker (its verdict holds).');
    // Its next step, as a changed record gets: record the decision as it now stands.
    expect(weaker.stdout).toMatch(
      /^ {2}to record it as it now stands: gorust decide \S+ --seed \d+ --format adr --out docs\/adr\/ --supersedes 0001$/m,
    );
    const strict = gorust(['check', '--strict'], root);
    expect(strict.code, strict.stdout).toBe(3);
    expect(strict.stdout).toContain('1 record: 1 weaker (its verdict holds): exit 3 (--strict).');
    // The same for a machine: every record with its verdict and P(verdict) then and now, the counts and the exit.
    const json = gorust(['check', '--format', 'json', '--strict'], root);
    expect(json.code, json.stderr).toBe(3);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ folder: 'docs/adr', holds: 0, weaker: 1, changed: 0, exit: 3 });
    expect(report.records).toEqual([
      {
        path: expect.stringMatching(/^docs\/adr\/0001-.*\.md$/),
        number: 1,
        project: now.project?.name,
        status: 'weaker',
        recorded: { verdict: now.verdict, confidence: 0.95, close_call: false },
        // Three decimals, as the record keeps it.
        now: { verdict: now.verdict, confidence: Math.round(now.confidence * 1000) / 1000, close_call: true },
        changed: [],
        weaker: `now a close call: P(verdict) 95% -> ${Math.round(now.confidence * 100)}%`,
        command: expect.stringMatching(/ --supersedes 0001$/),
      },
    ]);
  });
});

describe('gorust check of a plan whose component became a near tie', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const root = join(dir, 'near-tie');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  // Podman's network stack: aardvark-dns is a near tie for Rust (the corpus profile, decided as it stands).
  copyFileSync(join(ROOT, 'test', 'fixtures', 'real-decisions', 'podman.yaml'), join(root, 'gorust.yaml'));
  const now = decide(
    parseProfileText(readFileSync(join(root, 'gorust.yaml'), 'utf8'), 'gorust.yaml'),
    readKnowledgeBase(),
  );

  it('keeps the near-tie components in the record, and names one that was not a near tie then as weaker', () => {
    const tied = now.components.filter((c) => c.near_tie).map((c) => c.name);
    expect(tied.length).toBeGreaterThan(0);
    expect(gorust(['decide', 'gorust.yaml', '--format', 'adr', '--out', 'docs/adr/'], root).code).toBe(0);
    const adrDir = join(root, 'docs', 'adr');
    const file = join(adrDir, readdirSync(adrDir)[0] as string);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`"near_ties":${JSON.stringify(tied)}`);
    expect(gorust(['check', '--strict'], root).code).toBe(0);
    // The same record as written when no component was a near tie: the verdict and the plan hold, but not as firmly.
    writeFileSync(file, text.replace(/"near_ties":\[[^\]]*\]/, '"near_ties":[]'));
    const weaker = gorust(['check', '--strict'], root);
    expect(weaker.code, weaker.stdout).toBe(3);
    expect(weaker.stdout).toMatch(new RegExp(`component ${tied[0]} is now a near tie \\(\\d+% (Go|Rust)\\)`));
  });
});

describe('gorust check of a damaged record', { timeout: SPAWN_TIMEOUT_MS }, () => {
  const root = join(dir, 'damaged');
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  copyFileSync(join(ROOT, 'examples', 'close-call.yaml'), join(root, 'gorust.yaml'));
  const adrDir = join(root, 'docs', 'adr');
  let original: string | undefined;

  it.each([
    ['invalid JSON', (t: string) => t.replace('{"v":1', '{"v":1,,'), 'is not valid JSON'],
    [
      'an unknown verdict',
      (t: string) => t.replace(/"verdict":"\w+"/, '"verdict":"gox"'),
      '"verdict" is "gox"',
    ],
    [
      'facts that are not a list',
      (t: string) => t.replace('"facts":[', '"facts":"x","x":['),
      '"facts" is "x"',
    ],
    [
      'a profile path that is not text',
      (t: string) => t.replace(/"profile":"[^"]*"/, '"profile":5'),
      '"profile" is 5',
    ],
    [
      'a probability that is not one',
      (t: string) => t.replace(/"confidence":[0-9.]+/, '"confidence":"high"'),
      '"confidence" is "high"',
    ],
    [
      'a seed that is not a whole number',
      (t: string) => t.replace(/"seed":\d+/, '"seed":1.5'),
      '"seed" is 1.5',
    ],
  ])('exits 2 naming the record and what is wrong: %s', (_what, damage, message) => {
    if (!existsSync(adrDir))
      expect(gorust(['decide', 'gorust.yaml', '--format', 'adr', '--out', 'docs/adr/'], root).code).toBe(0);
    const name = readdirSync(adrDir)[0] as string;
    const file = join(adrDir, name);
    original ??= readFileSync(file, 'utf8');
    const damaged = damage(original);
    expect(damaged).not.toBe(original);
    writeFileSync(file, damaged);
    const result = gorust(['check'], root);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toContain(`docs/adr/${name}: gorust's data at its end is damaged`);
    expect(result.stderr).toContain(message);
  });
});

describe('gorust check of a record whose profile is outside the repository', {
  timeout: SPAWN_TIMEOUT_MS,
}, () => {
  it('exits 2 without reading it, after checking the other records', () => {
    const root = join(dir, 'escape');
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'docs'));
    copyFileSync(join(ROOT, 'examples', 'close-call.yaml'), join(root, 'gorust.yaml'));
    copyFileSync(join(ROOT, 'examples', 'search-cli.yaml'), join(root, 'search.yaml'));
    expect(gorust(['decide', 'gorust.yaml', '--format', 'adr', '--out', 'docs/adr/'], root).code).toBe(0);
    expect(gorust(['decide', 'search.yaml', '--format', 'adr', '--out', 'docs/adr/'], root).code).toBe(0);
    const adrDir = join(root, 'docs', 'adr');
    const file = join(adrDir, readdirSync(adrDir).sort()[0] as string);
    // A profile outside the repository that is a valid profile: only the path can refuse it.
    writeFileSync(join(dir, 'outside.yaml'), readFileSync(join(ROOT, 'examples', 'close-call.yaml')));
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/"profile":"[^"]*"/, '"profile":"../outside.yaml"'),
    );
    const result = gorust(['check'], root);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toContain('records its profile at ../outside.yaml, outside the repository');
    // One record that cannot be read no longer hides the others from CI.
    expect(result.stdout).toContain('1 record holds');
    expect(result.stderr).toContain('The other record was checked above.');
    // JSON keeps the contract: nothing on standard output with exit 2.
    const json = gorust(['check', '--format', 'json'], root);
    expect(json.code).toBe(2);
    expect(json.stdout).toBe('');
  });

  it('is said when such a record is written, not first in CI', () => {
    const root = join(dir, 'escape-write');
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(dir, 'outside-write.yaml'), readFileSync(join(ROOT, 'examples', 'close-call.yaml')));
    const wrote = gorust(['decide', '../outside-write.yaml', '--format', 'adr', '--out', 'docs/adr/'], root);
    expect(wrote.code).toBe(0);
    expect(wrote.stderr).toContain(
      'note: the profile (../outside-write.yaml) is outside the repository that holds docs/adr',
    );
    const inside = gorust(['decide', '../outside-write.yaml', '--format', 'adr'], root);
    // Printed, not kept: nothing to warn of, and Confirmation names the command that finds the folder.
    expect(inside.stderr).not.toContain('note:');
    expect(inside.stdout).toContain('Run `gorust check` in CI');
  });
});

describe('an ADR decided from standard input', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('says gorust check cannot re-check it, and gives commands that read standard input', () => {
    const root = join(dir, 'stdin-record');
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'docs'));
    const input = readFileSync(join(ROOT, 'examples', 'close-call.yaml'));
    const result = runGorust(['decide', '-', '--format', 'adr', '--out', 'docs/adr/'], {
      cwd: root,
      env: { GORUST_DATE: '2026-12-05' },
      input,
    });
    expect(result.code, result.stderr).toBe(0);
    const adr = join(root, 'docs', 'adr');
    const text = readFileSync(join(adr, readdirSync(adr)[0] as string), 'utf8').replace(/\n\s*/g, ' ');
    expect(text).toContain('`gorust check` cannot re-check it');
    expect(text).not.toContain('Run `gorust check');
    expect(text).toContain('The facts, from standard input:');
    expect(text).toContain('`gorust decide - --seed 1 --lab latest`');
    expect(text).not.toContain('gorust.yaml');
  });
});

describe('an ADR printed outside any git repository', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('says its profile path is relative to where it is saved, and --out records it from there', () => {
    const root = join(dir, 'no-repo');
    mkdirSync(join(root, 'docs', 'adr'), { recursive: true });
    copyFileSync(join(ROOT, 'examples', 'close-call.yaml'), join(root, 'gorust.yaml'));
    const printed = gorust(['decide', 'gorust.yaml', '--format', 'adr'], root);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toContain('note: this folder is not in a git repository');
    expect(printed.stderr).toContain('write it with --out DIR/');
    // Saved elsewhere, the record cannot find its profile: the note said so before CI did.
    writeFileSync(join(root, 'docs', 'adr', '0001-printed.md'), printed.stdout);
    expect(gorust(['check', 'docs/adr'], root).code).toBe(2);
    rmSync(join(root, 'docs', 'adr', '0001-printed.md'));
    // Written with --out, the path is recorded from the record's folder and the check finds it.
    const written = gorust(['decide', 'gorust.yaml', '--format', 'adr', '--out', 'docs/adr/'], root);
    expect(written.stderr).not.toContain('note:');
    const checked = gorust(['check', 'docs/adr'], root);
    expect(checked.code, checked.stderr).toBe(0);
  });
});
