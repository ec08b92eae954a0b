/** @module End-to-end: `gorust decide` over the examples in every format, determinism, files written with --out, ADR numbering; plus schema, kb, help and version. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Decision, decisionSchema, renderJson } from '../../src/core/index.ts';
import { ROOT, runGorust, SPAWN_TIMEOUT_MS, STACK_LINE, tempDir } from './helpers.ts';

const dir = tempDir();
const EXAMPLE = join(ROOT, 'examples', 'read-states-cache.yaml');
const examples = readdirSync(join(ROOT, 'examples')).filter((name) => /\.ya?ml$/.test(name));

function ok(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): { stdout: string; stderr: string } {
  const result = runGorust(args, { cwd, env });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).not.toMatch(STACK_LINE);
  return result;
}

describe('gorust decide', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('decides examples/%s as contract JSON', (name) => {
    const { stdout } = ok(['decide', join('examples', name), '--format', 'json']);
    const parsed = decisionSchema.safeParse(JSON.parse(stdout));
    expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    expect(stdout.endsWith('}\n')).toBe(true);
    // The CLI prints without checking at run time: the same text as the checked rendering.
    expect(stdout).toBe(renderJson(parsed.data as Decision));
  });

  it('gives byte-identical JSON for the same profile and seed', () => {
    const a = ok(['decide', EXAMPLE, '--format', 'json', '--seed', '7']).stdout;
    const b = ok(['decide', EXAMPLE, '--format', 'json', '--seed', '7']).stdout;
    expect(a).toBe(b);
    expect(JSON.parse(a).seed).toBe(7);
    // The knowledge-base cache must not change the decision.
    expect(
      ok(['decide', EXAMPLE, '--format', 'json', '--seed', '7'], ROOT, { GORUST_NO_CACHE: '1' }).stdout,
    ).toBe(a);
  });

  it('prints a plain-text summary without colour when stdout is not a terminal', () => {
    const { stdout } = ok(['decide', EXAMPLE]);
    expect(stdout).toContain('gorust: Read states service');
    expect(stdout).toMatch(/Verdict: (GO|RUST|HYBRID)/);
    expect(stdout).not.toContain('\u001b[');
    expect(ok(['decide', EXAMPLE], ROOT, { FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
  });

  it('wraps the terminal summary to COLUMNS with hanging indents (100 when unknown); only URLs run over', () => {
    for (const name of ['service-mesh.yaml', 'close-call.yaml']) {
      const narrow = ok(['decide', join('examples', name)], ROOT, { COLUMNS: '80' }).stdout.split('\n');
      const over = narrow.filter((line) => line.length > 80 && !/^\s*https?:\/\/\S+$/.test(line));
      expect(over).toEqual([]);
      expect(narrow.some((line) => /^ {2,}\S/.test(line))).toBe(true);
      const wide = ok(['decide', join('examples', name)], ROOT, { COLUMNS: 'junk' }).stdout.split('\n');
      expect(wide.filter((line) => line.length > 100 && !/^\s*https?:\/\/\S+$/.test(line))).toEqual([]);
      expect(wide.some((line) => line.length > 80)).toBe(true);
    }
  });

  it('leaves colour out with --no-color and with TERM=dumb', () => {
    expect(ok(['decide', EXAMPLE, '--no-color'], ROOT, { FORCE_COLOR: '1' }).stdout).not.toContain('\u001b[');
    expect(ok(['decide', EXAMPLE], ROOT, { TERM: 'dumb' }).stdout).not.toContain('\u001b[');
  });

  it('reads ./gorust.yaml when no profile is given', () => {
    writeFileSync(join(dir, 'gorust.yaml'), readFileSync(EXAMPLE));
    expect(ok(['decide', '--format', 'json'], dir).stdout).toBe(
      ok(['decide', EXAMPLE, '--format', 'json']).stdout,
    );
  });

  it('renders Markdown and a MADR ADR with the date passed in', () => {
    expect(ok(['decide', EXAMPLE, '--format', 'md']).stdout).toMatch(/^# gorust decision: /);
    const adr = ok(['decide', EXAMPLE, '--format', 'adr'], ROOT, { GORUST_DATE: '2026-01-02' }).stdout;
    expect(adr).toMatch(/^---\nstatus: "proposed"\ndate: 2026-01-02\n(.*\n){3}---\n# /);
    expect(adr).toContain('## Decision Outcome');
  });

  it('writes --out FILE into an existing folder, and prints nothing on stdout', () => {
    mkdirSync(join(dir, 'reports'));
    const out = join(dir, 'reports', 'decision.md');
    const { stdout, stderr } = ok(['decide', EXAMPLE, '--format', 'md', '--out', out]);
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote ${out}`);
    expect(readFileSync(out, 'utf8')).toMatch(/^# gorust decision: /);
    expect(readdirSync(join(dir, 'reports')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('reads the profile from stdin with -', () => {
    const fromStdin = runGorust(['decide', '-', '--format', 'json', '--seed', '3'], {
      input: readFileSync(EXAMPLE),
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toBe(ok(['decide', EXAMPLE, '--format', 'json', '--seed', '3']).stdout);
  });

  it('infers the format from --out (x.json is JSON) and refuses a contradicting --format', () => {
    const out = join(dir, 'decision.json');
    ok(['decide', EXAMPLE, '--out', out]);
    expect(decisionSchema.safeParse(JSON.parse(readFileSync(out, 'utf8'))).success).toBe(true);
    const html = join(dir, 'report.htm');
    ok(['decide', EXAMPLE, '--out', html]);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/i);
    const refused = runGorust(['decide', EXAMPLE, '--format', 'md', '--out', join(dir, 'x.json')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--format md does not match --out');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('writes an ADR into an existing --out DIR given without a trailing /', () => {
    const adrDir = join(dir, 'adr-no-slash');
    mkdirSync(adrDir);
    ok(['decide', EXAMPLE, '--format', 'adr', '--out', adrDir]);
    expect(readdirSync(adrDir)).toEqual([expect.stringMatching(/^0001-(use|split)-[a-z0-9-]+\.md$/)]);
  });

  it('numbers an ADR after the records already in --out DIR/', () => {
    // docs/ exists; docs/decisions/ is created (one level only).
    mkdirSync(join(dir, 'docs'));
    const adrDir = join(dir, 'docs', 'decisions');
    ok(['decide', EXAMPLE, '--format', 'adr', '--out', `${adrDir}/`]);
    writeFileSync(join(adrDir, '0007-use-postgres.md'), 'an earlier record\n');
    // Another project: a second record of the same project would be refused (test/cli/adr.test.ts).
    ok(['decide', join(ROOT, 'examples', 'search-cli.yaml'), '--format', 'adr', '--out', `${adrDir}/`]);
    const names = readdirSync(adrDir).sort();
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(/^0001-(use|split)-[a-z0-9-]+\.md$/);
    expect(names[1]).toBe('0007-use-postgres.md');
    expect(names[2]).toMatch(/^0008-(use|split)-[a-z0-9-]+\.md$/);
    expect(readFileSync(join(adrDir, '0007-use-postgres.md'), 'utf8')).toBe('an earlier record\n');
  });
});

describe('gorust schema, kb, help and version', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('prints the profile JSON Schema', () => {
    const schema = JSON.parse(ok(['schema']).stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['version', 'project', 'workload', 'team']);
  });

  it("prints the decision JSON Schema (draft 2020-12), which the examples' decisions satisfy", () => {
    const schema = JSON.parse(ok(['schema', 'decision']).stdout) as {
      $schema: string;
      required: string[];
      properties: Record<string, { enum?: string[] }>;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(
      expect.arrayContaining(['verdict', 'confidence', 'criteria', 'boundaries']),
    );
    expect(schema.properties.verdict?.enum).toEqual(['go', 'rust', 'hybrid']);
    const decision = JSON.parse(ok(['decide', EXAMPLE, '--format', 'json']).stdout) as Record<
      string,
      unknown
    >;
    for (const key of schema.required) expect(decision).toHaveProperty(key);
    for (const key of Object.keys(decision)) expect(schema.properties).toHaveProperty(key);
    // Open objects: CONTRACT.md lets later versions add optional fields, which a pinned schema must not refuse.
    expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
    // The bounds CONTRACT.md states, which a consumer pinned to the schema could not check until 2026-12-07.
    const props = schema.properties as unknown as Record<
      string,
      { properties?: Record<string, unknown>; maxItems?: number }
    >;
    expect(props.probabilities?.properties?.hybrid).toMatchObject({ minimum: 0, maximum: 1 });
    expect(props.decisive_facts?.maxItems).toBe(5);
    expect(props.disagreements?.maxItems).toBe(3);
    const bad = runGorust(['schema', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected profile or decision');
  });

  it('lists the knowledge base as tables, and as JSON records', () => {
    expect(ok(['kb']).stdout).toContain('List one: gorust kb criteria');
    const table = ok(['kb', 'criteria']).stdout;
    expect(table).toMatch(/^id\s+go\s+rust\s+evidence\s+meaning$/m);
    expect(table).toContain('latency_predictability');
    const criteria = JSON.parse(ok(['kb', 'criteria', '--json']).stdout) as { id: string }[];
    expect(criteria.map((c) => c.id)).toContain('development_speed');
    for (const section of ['claims', 'evidence', 'projects'])
      expect(ok(['kb', section]).stdout).toContain(`gorust kb ${section} --json`);
  });

  it('shows one record whole, claim and figures included, at any width; an unknown id exits 2 with a suggestion', () => {
    // Until 2026-12-07 the evidence table showed who, when and where, never the claim itself, except as --json.
    const one = ok(['kb', 'evidence', 'go-gc-guide'], ROOT, { COLUMNS: '80' }).stdout;
    expect(one).toMatch(/^claim: Go's GC is steered by two knobs/m);
    expect(one).toMatch(/^numbers: /m);
    expect(one).toMatch(/^compared_against: /m);
    expect(one.split('\n').every((line) => line.length <= 80)).toBe(true);
    expect(ok(['kb', 'weights', 'systems-domain']).stdout).toMatch(
      /^policy_for: memory_efficiency, ecosystem_fit$/m,
    );
    expect(ok(['kb', 'parameters', 'boundary_budget_share']).stdout).toMatch(/^value: 0\.1$/m);
    const json = JSON.parse(ok(['kb', 'projects', 'tailscale', '--json']).stdout) as { confidence: string };
    expect(json.confidence).toBe('low');
    const missing = runGorust(['kb', 'evidence', 'go-gc-guid'], { cwd: ROOT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no evidence record "go-gc-guid" (did you mean go-gc-guide?)');
  });

  it('lists every part the overview counts, each with as many rows as it counts', () => {
    const overview = ok(['kb']).stdout;
    const counts = [...overview.matchAll(/^([a-z]+)\s+(\d+)$/gm)].map(
      ([, part, n]) => [part ?? '', Number(n)] as const,
    );
    expect(counts.map(([part]) => part)).toEqual([
      'criteria',
      'claims',
      'evidence',
      'projects',
      'caveats',
      'tips',
      'checklist',
      'weights',
      'boundaries',
      'parameters',
    ]);
    for (const [part, n] of counts) {
      expect(overview).toContain(part);
      const table = ok(['kb', part], ROOT, { COLUMNS: '80' }).stdout;
      expect(table.replace(/\n/g, ' ')).toContain(
        `${n} ${part}. One record whole: gorust kb ${part} <id>; all of them: gorust kb ${part} --json`,
      );
      expect(table.split('\n').filter((l) => l.length > 80 && !/^ {4}https?:\/\/\S+$/.test(l))).toEqual([]);
    }
    const kb = JSON.parse(ok(['kb', '--json']).stdout) as {
      weights: { rules: { id: string; policy: boolean }[] };
    };
    const weights = ok(['kb', 'weights'], ROOT, { COLUMNS: '80' }).stdout;
    // Every weight rule is listed, a policy rule marked as one.
    for (const rule of kb.weights.rules) expect(weights).toMatch(new RegExp(`^${rule.id} `, 'm'));
    const policy = kb.weights.rules.find((r) => r.policy);
    expect(policy).toBeDefined();
    const block = weights.slice(weights.search(new RegExp(`^${policy?.id} `, 'm'))).split(/\n(?=\S)/)[0];
    expect(block).toContain('(policy)');
    // Piped (no COLUMNS, not a terminal): one whole line per rule, so `grep` finds each policy mark and evidence id.
    const piped = ok(['kb', 'weights'], ROOT, { COLUMNS: undefined }).stdout.split('\n');
    for (const rule of kb.weights.rules) {
      const line = piped.find((l) => l.startsWith(`${rule.id} `)) ?? '';
      expect(line).not.toContain('…');
      if (rule.policy) expect(line).toContain('(policy)');
    }
    expect(ok(['kb', 'parameters', '--json']).stdout).toContain('"gc_stw_pause_ms"');
  });

  it('fits the knowledge-base tables in an 80-column terminal, with every source URL whole', () => {
    const evidence = JSON.parse(ok(['kb', 'evidence', '--json']).stdout) as { id: string; source: string }[];
    const table = ok(['kb', 'evidence'], ROOT, { COLUMNS: '80' }).stdout;
    const lines = table.trimEnd().split('\n');
    expect(lines.filter((l) => l.length > 80 && !/^ {4}https?:\/\/\S+$/.test(l))).toEqual([]);
    for (const e of evidence) {
      expect(table).toContain(e.id);
      expect(lines).toContain(`    ${e.source}`);
    }
    const criteria = ok(['kb', 'criteria'], ROOT, { COLUMNS: '80' }).stdout;
    expect(criteria.split('\n').filter((l) => l.length > 80)).toEqual([]);
    expect(criteria).not.toContain('…');
  });

  it('has --help on every command and --version', () => {
    expect(ok(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(ok(['--help']).stdout).toContain('Usage: gorust');
    for (const command of ['init', 'decide', 'kb', 'schema']) {
      expect(ok([command, '--help']).stdout).toContain(`Usage: gorust ${command}`);
    }
    expect(ok([]).stdout).toContain('Usage: gorust');
  });

  it('does not leave files behind in the working folder', () => {
    expect(existsSync(join(ROOT, 'gorust.yaml'))).toBe(false);
  });
});
