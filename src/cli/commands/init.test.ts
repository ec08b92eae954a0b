/** @module Tests of `gorust init` through a scripted prompter (the prompt seam): the file it writes, overwrite confirmation, cancel, re-asking answers that do not fit together, and the no-terminal path. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, parseProfileText, UserError } from '../../core/index.ts';
import { readKnowledgeBase } from '../../io/kb-files.ts';
import type { CliIo } from '../output.ts';
import { CANCEL, type Cancel, type Prompter } from '../prompts.ts';
import { CancelledError } from '../run.ts';
import { runInit } from './init-run.ts';

type Call = { kind: string; message: string };

/**
 * A prompter that answers from a script keyed by a fragment of the question's message; unscripted questions
 * take their initial value (the question's default), or blank.
 */
function scripted(answers: [fragment: string, answer: unknown][]) {
  const calls: Call[] = [];
  const notes: string[] = [];
  const queue = [...answers];
  const answer = <T>(kind: string, message: string, fallback: T): T | Cancel => {
    calls.push({ kind, message });
    const index = queue.findIndex(([fragment]) => message.includes(fragment));
    if (index === -1) return fallback;
    const [[, value]] = queue.splice(index, 1) as [[string, unknown]];
    return value as T | Cancel;
  };
  const prompter: Prompter = {
    intro: () => {},
    outro: (message) => notes.push(message),
    note: (message, title) => notes.push(`${title ?? ''}: ${message}`),
    text: async ({ message, initialValue, validate }) => {
      const value = answer('text', message, initialValue ?? '');
      if (typeof value === 'string' && validate) {
        const problem = validate(value);
        if (problem !== undefined)
          throw new Error(`script gave an invalid answer to "${message}": ${problem}`);
      }
      return value;
    },
    select: async ({ message, options, initialValue }) =>
      answer('select', message, initialValue ?? options[0]?.value ?? ''),
    multiselect: async ({ message, initialValues }) => answer('multiselect', message, initialValues ?? []),
    confirm: async ({ message, initialValue }) => answer('confirm', message, initialValue ?? false),
  };
  return { prompter, calls, notes };
}

let dir: string;
let io: CliIo;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gorust-init-'));
  io = { stdout: () => {}, stderr: () => {}, isTTY: true, env: {}, cwd: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BASIC: [string, unknown][] = [
  ['project called', 'Read states'],
  ['limits its speed', 'io-bound'],
  ['p99 latency', '20'],
  ['How many engineers', '8'],
  ["team's Go", 'strong'],
  ["team's Rust", 'some'],
  ['Where will it run', ['server', 'kubernetes']],
];

describe('gorust init', () => {
  it('asks every question and writes a valid gorust.yaml', async () => {
    const { prompter, calls, notes } = scripted(BASIC);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter });
    const text = readFileSync(join(dir, 'gorust.yaml'), 'utf8');
    expect(text).toMatch(/^# gorust project profile, version 1/);
    const profile = parseProfileText(text, 'gorust.yaml');
    expect(profile).toMatchObject({
      version: 1,
      project: { name: 'Read states' },
      workload: { kind: 'io-bound', latency_slo: { p99_ms: 20 }, hard_realtime: false },
      team: { size: 8, go: 'strong', rust: 'some', turnover: 'medium' },
      targets: ['server', 'kubernetes'],
    });
    expect(profile.domain).toBeUndefined();
    expect(calls.map((c) => c.kind)).toContain('multiselect');
    expect(notes.at(-1)).toBe('Wrote gorust.yaml. Next: gorust decide');
  });

  it('asks before replacing an existing file, and keeps it when told to', async () => {
    writeFileSync(join(dir, 'gorust.yaml'), 'mine\n');
    const { prompter, calls } = scripted([['already exists', false]]);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter });
    expect(readFileSync(join(dir, 'gorust.yaml'), 'utf8')).toBe('mine\n');
    expect(calls).toHaveLength(1);
  });

  it('replaces an existing file when confirmed', async () => {
    writeFileSync(join(dir, 'gorust.yaml'), 'mine\n');
    const { prompter } = scripted([['already exists', true], ...BASIC]);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter });
    expect(readFileSync(join(dir, 'gorust.yaml'), 'utf8')).toContain('name: Read states');
  });

  it('writes nothing when the user cancels', async () => {
    const { prompter } = scripted([...BASIC.slice(0, 3), ['How many engineers', CANCEL]]);
    await expect(
      runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter }),
    ).rejects.toThrow(CancelledError);
    expect(existsSync(join(dir, 'gorust.yaml'))).toBe(false);
  });

  it('refuses a file in a missing folder before asking anything', async () => {
    const { prompter, calls } = scripted(BASIC);
    await expect(
      runInit({ file: 'no-such-folder/gorust.yaml', io, interactive: true, prompter: async () => prompter }),
    ).rejects.toThrow(`folder ${join(dir, 'no-such-folder')} does not exist`);
    expect(calls).toEqual([]);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('re-asks answers that do not fit together (p99.9 below p99)', async () => {
    const { prompter, notes } = scripted([...BASIC, ['p99.9 latency', '5'], ['p99.9 latency', '50']]);
    await runInit({ file: 'custom.yaml', io, interactive: true, prompter: async () => prompter });
    expect(notes.some((n) => n.includes('workload.latency_slo.p999_ms'))).toBe(true);
    const profile = parseProfileText(readFileSync(join(dir, 'custom.yaml'), 'utf8'));
    expect(profile.workload.latency_slo).toEqual({ p99_ms: 20, p999_ms: 50 });
  });

  it('without a terminal, explains how to write the file and never prompts', async () => {
    let prompted = false;
    const run = runInit({
      file: 'gorust.yaml',
      io,
      interactive: false,
      prompter: async () => {
        prompted = true;
        throw new Error('must not prompt');
      },
    });
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(/gorust schema/);
    expect(prompted).toBe(false);
    expect(existsSync(join(dir, 'gorust.yaml'))).toBe(false);
  });

  it('asks for components one by one, then the calls between them, and writes a plan the engine splits', async () => {
    const { prompter, notes } = scripted([
      ...BASIC,
      ['Describe the components', true],
      ['Component 1: its name', 'order api'],
      ['What does order api do', 'api'],
      ["limits order api's speed", 'io-bound'],
      ['order api: peak requests', '20000'],
      ['Add another component', true],
      ['Component 2: its name', 'matcher'],
      ['What does matcher do', 'hot-path'],
      ["limits matcher's speed", 'cpu-bound'],
      ['Is matcher latency-critical', true],
      ['matcher: its own p99', '0.5'],
      ['matcher: long-lived', '12'],
      ['matcher: hard memory cap', '2048'],
      ['Where does matcher run', ['server']],
      ['What must matcher interoperate with', ['c-libraries']],
      ['Add another component', false],
      ['Which components does order api call', ['matcher']],
      ['How many calls to matcher does order api make', '3'],
    ]);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter });
    const profile = parseProfileText(readFileSync(join(dir, 'gorust.yaml'), 'utf8'), 'gorust.yaml');
    expect(profile.components).toEqual([
      {
        name: 'order api',
        role: 'api',
        workload: 'io-bound',
        latency_critical: false,
        peak_rps: 20000,
        calls: [{ to: 'matcher', per_request: 3 }],
      },
      {
        name: 'matcher',
        role: 'hot-path',
        workload: 'cpu-bound',
        latency_critical: true,
        latency_slo: { p99_ms: 0.5 },
        live_heap_gib: 12,
        memory_budget_mib: 2048,
        targets: ['server'],
        interop: ['c-libraries'],
      },
    ]);
    expect(notes.join('\n')).toContain('2 component(s) written');
    const decision = decide(profile, readKnowledgeBase(), { seed: 1, samples: 500 });
    expect(decision.components.map((c) => c.name)).toEqual(['order api', 'matcher']);
    expect(decision.components.find((c) => c.name === 'matcher')?.language).toBe('rust');
  });

  it('leaves components out when declined, and refuses a component name already taken', async () => {
    const declined = scripted(BASIC);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => declined.prompter });
    const profile = parseProfileText(readFileSync(join(dir, 'gorust.yaml'), 'utf8'), 'gorust.yaml');
    expect(profile.components).toBeUndefined();
    expect(declined.calls.some((call) => call.message.startsWith('Describe the components'))).toBe(true);

    const twice = scripted([
      ...BASIC,
      ['Describe the components', true],
      ['Component 1: its name', 'api'],
      ['Add another component', true],
      ['Component 2: its name', 'api'],
    ]);
    await expect(
      runInit({ file: 'again.yaml', io, interactive: true, prompter: async () => twice.prompter }),
    ).rejects.toThrow(/"api" is taken: choose another name/);
    expect(existsSync(join(dir, 'again.yaml'))).toBe(false);
  });
});
