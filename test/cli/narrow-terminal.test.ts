/** @module The CLI in an 80-column terminal, as a user meets it: every command's --help and `gorust decide` on every example fit 80 columns (a URL, which cannot wrap, alone on its line excepted), with no figure cut from its unit and no short code span cut in two; the summary takes the terminal's own width when COLUMNS is not exported. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/capture-io.test-helpers.ts';
import { COMMAND_LOADERS } from '../../src/cli/command-list.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run.ts';
import { ROOT } from './helpers.ts';

const cache = mkdtempSync(join(tmpdir(), 'gorust-narrow-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** Runs gorust in-process on a terminal `columns` wide that does not export COLUMNS (as most shells do not). */
async function atTerminal(args: string[], columns: number | undefined) {
  return inProcess(args, { isTTY: columns !== undefined, columns });
}

/** Runs gorust in-process with the terminal and environment given (NO_COLOR and a cache of its own always). */
async function inProcess(
  args: string[],
  terminal: { isTTY?: boolean; columns?: number | undefined; env?: Record<string, string> },
) {
  const { io, output } = captureIo({
    isTTY: terminal.isTTY === true,
    columns: terminal.columns,
    env: { XDG_CACHE_HOME: cache, NO_COLOR: '1', ...terminal.env },
    cwd: ROOT,
  });
  // Each command's registration takes the io after the program (RegisterCommand names only the program).
  const registrations = (await Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()))) as ((
    program: Command,
    io: CliIo,
  ) => void)[];
  const code = await runCli(
    args,
    registrations.map((register) => (program: Command) => register(program, io)),
    io,
  );
  const { stdout, stderr } = output();
  return { code, stdout: stripVTControlCharacters(stdout), stderr };
}

/** What a reader at `width` columns would see cut: lines too long, a figure cut from its unit, a code span cut. */
function problems(text: string, width: number): string[] {
  const lines = text.split('\n');
  const found: string[] = [];
  const unit =
    /^(ns|µs|ms|s|KiB|MiB|GiB|KB|MB|GB|req\/s|requests\/s|weeks?|years?|months?|days?|people|points?|of)\b/;
  lines.forEach((line, i) => {
    const url = /^\s*(\S+ )?https?:\/\/\S+$/.test(line) && !/\s\S+\s+https?:/.test(line.trim());
    if ([...line].length > width && !url) found.push(`${[...line].length} columns: ${line}`);
    const next = lines[i + 1]?.trim() ?? '';
    if (/(^|\s)[~(]?\d[\d,.]*$/.test(line) && unit.test(next))
      found.push(`figure cut from its unit: ${line} / ${next}`);
    if ((line.match(/`/g)?.length ?? 0) % 2 === 1 && /`[^`\s]+$/.test(line))
      found.push(`code span cut: ${line}`);
  });
  return found;
}

const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('gorust in an 80-column terminal', () => {
  it("fits every command's --help in 80 columns", async () => {
    const commands = [
      [],
      ...Object.keys(COMMAND_LOADERS).map((c) => [c]),
      ...['doctor', 'setup', 'run', 'runs', 'show', 'compare'].map((c) => ['lab', c]),
    ];
    for (const command of commands) {
      const help = await atTerminal([...command, '--help'], 80);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/^Usage: gorust/);
      expect(problems(help.stdout, 80), `gorust ${command.join(' ')} --help`).toEqual([]);
    }
  });

  it('fits the knowledge base listings and the lab doctor in 80 columns', async () => {
    for (const command of [
      ['kb'],
      ...['criteria', 'claims', 'evidence', 'projects'].map((s) => ['kb', s]),
      ['lab', 'doctor'],
    ]) {
      const out = await atTerminal(command, 80);
      expect(out.stdout.length, `gorust ${command.join(' ')}`).toBeGreaterThan(0);
      expect(problems(out.stdout, 80), `gorust ${command.join(' ')}`).toEqual([]);
    }
  });

  it.each(EXAMPLES)("fits `gorust decide examples/%s` in the terminal's 80 columns", async (example) => {
    const out = await atTerminal(['decide', join('examples', example), '--seed', '1'], 80);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Verdict: /);
    expect(problems(out.stdout, 80)).toEqual([]);
  });

  it("uses the terminal's width: a wider terminal gets longer lines, a pipe the default 100", async () => {
    const example = join('examples', 'startup-rest-api.yaml');
    const longest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
    const wide = await atTerminal(['decide', example], 120);
    expect(longest(wide.stdout)).toBeGreaterThan(100);
    const piped = await atTerminal(['decide', example], undefined);
    expect(problems(piped.stdout, 100)).toEqual([]);
    expect(longest(piped.stdout)).toBeGreaterThan(80);
  });

  it("wraps a bad profile's problems to the terminal, each whole, and keeps them one line each in a pipe", async () => {
    const bad = join(cache, 'bad.yaml');
    writeFileSync(
      bad,
      'version: 1\nproject: {name: x}\nworkload: {kind: io-bund}\nteam: {size: 3, go: strng, rust: some}\ntargets: [servr]\n',
    );
    const narrow = await atTerminal(['decide', bad], 80);
    expect(narrow.code).toBe(2);
    expect(problems(narrow.stderr, 80)).toEqual([]);
    // Each problem starts at two spaces, its continuation lines at four; nothing of it is lost.
    expect(narrow.stderr).toMatch(/\n {2}targets\[0\]: expected one of server \|[^\n]*\n {4}\S/);
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    const piped = await atTerminal(['decide', bad], undefined);
    expect(piped.code).toBe(2);
    expect(words(narrow.stderr)).toEqual(words(piped.stderr));
    expect(piped.stderr).toMatch(/\n {2}targets\[0\]: expected one of [^\n]* \(did you mean "server"\?\)\n/);
  });

  it("wraps a bad profile's problems at COLUMNS when stdout is not a terminal, one problem per item", async () => {
    const bad = join(cache, 'bad-columns.yaml');
    writeFileSync(
      bad,
      'version: 1\nproject: {name: x}\nworkload: {kind: io-bond}\nteam: {size: 3, go: strng, rust: none}\ncomponents: [{name: a, role: api, platforms: [linux-amd64]}]\n',
    );
    const { code, stderr } = await inProcess(['decide', bad], { env: { COLUMNS: '80' } });
    expect(code).toBe(2);
    expect(problems(stderr, 80)).toEqual([]);
    // Each problem starts at two spaces, its further lines at four: three problems, three items.
    const items = stderr.split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(items.map((line) => line.split(':')[0])).toEqual([
      '  workload.kind',
      '  team.go',
      '  components[0].platforms',
    ]);
    expect(stderr).toMatch(/\n {2}components\[0\]\.platforms: expected one of the keys[^\n]*\n {4}\S/);
  });
});
