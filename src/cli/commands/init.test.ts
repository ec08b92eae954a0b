/** @module Tests of `gorust init` through a scripted prompter (the prompt seam): the file it writes, overwrite confirmation, cancel, re-asking answers that do not fit together, and the no-terminal path; and through the real clack prompts on a fake terminal, typed key by key as a user would: typed numbers, defaults, bad answers, Ctrl-C. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, parseProfileText, QUESTIONS, UserError } from '../../core/index.ts';
import { readKnowledgeBase } from '../../io/kb-files.ts';
import type { CliIo } from '../output.ts';
import { CANCEL, type Cancel, createClackPrompter, type Prompter } from '../prompts.ts';
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
  const refused: string[] = [];
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
    // As clack does: an empty answer is the default; text given as initialValue is already in the field.
    // As clack does, an answer its validate refuses is not returned: the problem is shown and the same prompt takes
    // the next answer (the script's next one for that prompt; none left is a script error).
    text: async ({ message, defaultValue, initialValue, validate }) => {
      for (;;) {
        const given = answer('text', message, initialValue ?? '');
        const value = given === '' && defaultValue !== undefined ? defaultValue : given;
        const problem = typeof value === 'string' && validate ? validate(value) : undefined;
        if (problem === undefined) return value;
        refused.push(`${message}: ${problem}`);
        if (!queue.some(([fragment]) => message.includes(fragment)))
          throw new Error(`script gave an invalid answer to "${message}": ${problem}`);
      }
    },
    select: async ({ message, options, initialValue }) =>
      answer('select', message, initialValue ?? options[0]?.value ?? ''),
    multiselect: async ({ message, initialValues }) => answer('multiselect', message, initialValues ?? []),
    confirm: async ({ message, initialValue }) => answer('confirm', message, initialValue ?? false),
  };
  return { prompter, calls, notes, refused };
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
    expect(text.split('\n')[1]).toMatch(/Decide with: gorust decide$/);
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

  it('refuses a folder as the profile path before any question, naming a file to give instead', async () => {
    mkdirSync(join(dir, 'profiles'));
    const { prompter, calls } = scripted([]);
    await expect(
      runInit({ file: 'profiles', io, interactive: true, prompter: async () => prompter }),
    ).rejects.toThrow("profiles is a folder; give the profile's file name, such as profiles/gorust.yaml.");
    expect(calls).toHaveLength(0);
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

  it('refuses a p99.9 target below the p99 one at its own prompt, naming the p99 target, not after the last question', async () => {
    const { prompter, notes, refused } = scripted([
      ...BASIC,
      ['p99.9 latency', '5'],
      ['p99.9 latency', '50'],
    ]);
    await runInit({ file: 'custom.yaml', io, interactive: true, prompter: async () => prompter });
    expect(refused).toEqual([
      expect.stringMatching(/p99\.9 latency.*: Enter at least 20 ms, the p99 target/),
    ]);
    expect(notes.some((n) => n.includes('do not fit together'))).toBe(false);
    const written = readFileSync(join(dir, 'custom.yaml'), 'utf8');
    // Not gorust.yaml: the header's command names the file, or it would decide another one.
    expect(written.split('\n')[1]).toMatch(/Decide with: gorust decide custom\.yaml$/);
    const profile = parseProfileText(written);
    expect(profile.workload.latency_slo).toEqual({ p99_ms: 20, p999_ms: 50 });
  });

  it('does not ask for a p99.9 target when the p99 one was left blank', async () => {
    const basic = BASIC.filter(([fragment]) => !fragment.startsWith('p99 latency'));
    const { prompter, calls, refused } = scripted([...basic, ['p99 latency', '']]);
    await runInit({ file: 'custom.yaml', io, interactive: true, prompter: async () => prompter });
    expect(calls.some((c) => c.message.includes('p99.9 latency'))).toBe(false);
    expect(refused).toEqual([]);
    const profile = parseProfileText(readFileSync(join(dir, 'custom.yaml'), 'utf8'));
    expect(profile.workload.latency_slo).toBeUndefined();
  });

  it('asks again about a figure decide would call implausible, unless told to keep it', async () => {
    const { prompter, calls, notes } = scripted([
      ...BASIC,
      ['Expected peak requests', '99999999999999999999999'],
      ['Write them as typed', false],
      ['Expected peak requests', '5000'],
    ]);
    await runInit({ file: 'custom.yaml', io, interactive: true, prompter: async () => prompter });
    expect(notes).toContainEqual(
      expect.stringMatching(
        /^Figures beyond any real system: workload\.peak_rps 1e\+23 \(a peak load over 10 billion requests\/s\)/,
      ),
    );
    expect(calls.filter((c) => c.message.includes('Expected peak requests'))).toHaveLength(2);
    expect(parseProfileText(readFileSync(join(dir, 'custom.yaml'), 'utf8')).workload.peak_rps).toBe(5000);
  });

  it('writes an implausible figure as typed when told to, and asks nothing for plausible ones', async () => {
    const big = BASIC.map(([fragment, answer]): [string, unknown] =>
      fragment === 'How many engineers' ? [fragment, '1000000'] : [fragment, answer],
    );
    const kept = scripted([...big, ['Write them as typed', true]]);
    await runInit({ file: 'big.yaml', io, interactive: true, prompter: async () => kept.prompter });
    expect(kept.notes).toContainEqual(
      expect.stringMatching(/team\.size 1,000,000 \(a team of over 100,000 people\)/),
    );
    expect(parseProfileText(readFileSync(join(dir, 'big.yaml'), 'utf8')).team.size).toBe(1_000_000);
    const plain = scripted(BASIC);
    await runInit({ file: 'plain.yaml', io, interactive: true, prompter: async () => plain.prompter });
    expect(plain.calls.some((c) => c.message.includes('Write them as typed'))).toBe(false);
  });

  it('asks for existing code and what matters most after the project questions, and writes existing_code and priorities', async () => {
    const { prompter, calls } = scripted([
      ...BASIC,
      ['ports, rewrites or extends', true],
      ['What is that code written in', 'go'],
      ['thousand lines', '40'],
      ['plan for it', 'rewrite'],
      ['matter most to your team', ['memory_efficiency', 'safety_guarantees']],
    ]);
    await runInit({ file: 'existing.yaml', io, interactive: true, prompter: async () => prompter });
    const profile = parseProfileText(readFileSync(join(dir, 'existing.yaml'), 'utf8'));
    expect(profile.existing_code).toEqual({ language: 'go', kloc: 40, plan: 'rewrite' });
    // What matters most to the team, as priority 4 of 5 each.
    expect(profile.priorities).toEqual({ memory_efficiency: 4, safety_guarantees: 4 });
    // Declined (the default), nothing of it is asked or written.
    const declined = scripted(BASIC);
    await runInit({ file: 'none.yaml', io, interactive: true, prompter: async () => declined.prompter });
    const none = parseProfileText(readFileSync(join(dir, 'none.yaml'), 'utf8'));
    expect(none.existing_code).toBeUndefined();
    expect(none.priorities).toBeUndefined();
    expect(declined.calls.some((c) => c.message.includes('written in'))).toBe(false);
    expect(calls.some((c) => c.message.includes('written in'))).toBe(true);
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
    const { prompter, notes, refused } = scripted([
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
      // A cap below the 12 GiB live heap is asked again, and so is a call made zero times per request.
      ['matcher: hard memory cap', '2048'],
      ['matcher: hard memory cap', '16384'],
      ['Where does matcher run', ['server']],
      ['What must matcher interoperate with', ['c-libraries']],
      ['Add another component', false],
      ['Which components does order api call', ['matcher']],
      ['How many calls to matcher does order api make', '0'],
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
        memory_budget_mib: 16384,
        targets: ['server'],
        interop: ['c-libraries'],
      },
    ]);
    expect(refused).toEqual([
      'matcher: hard memory cap per instance, in MiB (blank if none): Enter at least 12288 MiB, the 12 GiB live heap you gave matcher: no program keeps its live heap within a smaller cap (or leave this blank).',
      'How many calls to matcher does order api make per request it handles?: Enter a number of calls per request greater than 0.',
    ]);
    expect(notes.join('\n')).toContain('2 components written');
    const decision = decide(profile, readKnowledgeBase(), { seed: 1, samples: 500 });
    expect(decision.components.map((c) => c.name)).toEqual(['order api', 'matcher']);
    expect(decision.components.find((c) => c.name === 'matcher')?.language).toBe('rust');
  });

  it('lets a component state its own existing code behind one yes/no, skipped by default, and the decision reads it', async () => {
    const { prompter, calls, refused } = scripted([
      ...BASIC,
      ['Describe the components', true],
      ['Component 1: its name', 'node'],
      ['What does node do', 'data-plane'],
      ["limits node's speed", 'io-bound'],
      ['Does node have code of its own', true],
      ['node: what is that code written in', 'go'],
      ['node: roughly how many thousand lines', '0'],
      ['node: roughly how many thousand lines', '200'],
      ['node: what is the plan for it', 'extend'],
      ['Add another component', true],
      ['Component 2: its name', 'prover'],
      ['What does prover do', 'hot-path'],
      ["limits prover's speed", 'cpu-bound'],
      ['Is prover latency-critical', true],
      ['Add another component', false],
      ['Which components does node call', ['prover']],
      ['How many calls to prover does node make', '0.01'],
    ]);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter });
    const profile = parseProfileText(readFileSync(join(dir, 'gorust.yaml'), 'utf8'), 'gorust.yaml');
    expect(profile.existing_code).toBeUndefined();
    expect(refused).toEqual([
      'node: roughly how many thousand lines is it (kloc)?: Enter a size in thousands of lines greater than 0.',
    ]);
    expect(profile.components?.map((c) => [c.name, c.existing_code])).toEqual([
      ['node', { language: 'go', kloc: 200, plan: 'extend' }],
      ['prover', undefined],
    ]);
    // The project stated no existing code, so "no" means none; declined (the default), nothing more is asked.
    const gates = calls.filter((c) => c.message.includes('have code of its own'));
    expect(gates.map((c) => c.message)).toEqual([
      'Does node have code of its own already that it ports, rewrites or extends? (no: none)',
      'Does prover have code of its own already that it ports, rewrites or extends? (no: none)',
    ]);
    expect(calls.filter((c) => c.message.startsWith('prover: what is that code'))).toEqual([]);
    const decision = decide(profile, readKnowledgeBase(), { seed: 1, samples: 500 });
    const node = decision.components.find((c) => c.name === 'node');
    expect(node?.why).toContain('existing Go code to extend (200 kloc)');
    expect(node?.language).toBe('go');
  });

  it("says a component without existing code of its own keeps the project's", async () => {
    const { prompter, calls } = scripted([
      ...BASIC,
      ['ports, rewrites or extends', true],
      ['What is that code written in', 'go'],
      ['plan for it', 'rewrite'],
      ['Describe the components', true],
      ['Component 1: its name', 'api'],
      ['Add another component', false],
    ]);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter });
    expect(calls.find((c) => c.message.startsWith('Does api have code'))?.message).toMatch(
      /\(no: it keeps the project's\)$/,
    );
    const profile = parseProfileText(readFileSync(join(dir, 'gorust.yaml'), 'utf8'), 'gorust.yaml');
    expect(profile.existing_code).toEqual({ language: 'go', plan: 'rewrite' });
    expect(profile.components?.[0]?.existing_code).toBeUndefined();
  });

  it("lets a component state its own team's Go and Rust experience behind one yes/no, and the decision reads it", async () => {
    const { prompter, calls } = scripted([
      ...BASIC,
      ['Describe the components', true],
      ['Component 1: its name', 'proxy'],
      ['What does proxy do', 'data-plane'],
      ["limits proxy's speed", 'cpu-bound'],
      ['Is proxy latency-critical', true],
      ['Is proxy built by people', true],
      ['proxy: Go experience of its team', 'none'],
      ['proxy: Rust experience of its team', 'strong'],
      ['Add another component', true],
      ['Component 2: its name', 'cli'],
      ['What does cli do', 'cli'],
      // Yes, then Enter on both levels: the project's are kept, so no team of its own is written.
      ['Is cli built by people', true],
      ['Add another component', false],
    ]);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter });
    const profile = parseProfileText(readFileSync(join(dir, 'gorust.yaml'), 'utf8'), 'gorust.yaml');
    expect(profile.team).toMatchObject({ go: 'strong', rust: 'some' });
    expect(profile.components?.map((c) => [c.name, c.team])).toEqual([
      ['proxy', { go: 'none', rust: 'strong' }],
      ['cli', undefined],
    ]);
    // The gate names the project's levels that "no" keeps; each level offers them first, then the project team's words.
    expect(calls.find((c) => c.message.startsWith('Is proxy built by people'))?.message).toBe(
      "Is proxy built by people whose Go or Rust experience differs from the project team's? (no: it keeps the project's, Go strong, Rust some)",
    );
    const levels = calls.filter((c) => c.message.includes('experience of its team'));
    expect(levels.map((c) => `${c.kind} ${c.message}`)).toEqual([
      'select proxy: Go experience of its team',
      'select proxy: Rust experience of its team',
      'select cli: Go experience of its team',
      'select cli: Rust experience of its team',
    ]);
    const decision = decide(profile, readKnowledgeBase(), { seed: 1, samples: 500 });
    const proxy = decision.components.find((c) => c.name === 'proxy');
    expect(proxy?.why).toContain('its own team: Go none, Rust strong');
    expect(decision.components.find((c) => c.name === 'cli')?.why).not.toContain('its own team');
  });

  it("keeps the project's team for every component when the own-team question is declined (the default)", async () => {
    const { prompter, calls } = scripted([
      ...BASIC,
      ['Describe the components', true],
      ['Component 1: its name', 'api'],
      ['Add another component', true],
      ['Component 2: its name', 'store'],
      ['Add another component', false],
    ]);
    await runInit({ file: 'gorust.yaml', io, interactive: true, prompter: async () => prompter });
    const profile = parseProfileText(readFileSync(join(dir, 'gorust.yaml'), 'utf8'), 'gorust.yaml');
    expect(profile.components?.map((c) => [c.name, c.team])).toEqual([
      ['api', undefined],
      ['store', undefined],
    ]);
    const gates = calls.filter((c) => c.message.includes('built by people'));
    expect(gates.map((c) => [c.kind, c.message.slice(0, 27)])).toEqual([
      ['confirm', 'Is api built by people whos'],
      ['confirm', 'Is store built by people wh'],
    ]);
    expect(calls.filter((c) => c.message.includes('experience of its team'))).toEqual([]);
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

/**
 * A user at a terminal drawn by the real clack prompter: each step waits until its question is on the screen, then
 * types its keys (`\r` Enter, `\x7f` Backspace, `\x03` Ctrl-C; a yes/no question takes `y` or `n` alone, with no
 * Enter). Questions not in `typed` are answered with Enter.
 */
async function atTerminal(
  file: string,
  typed: Record<string, string>,
  before: [string, string][] = [],
  components: [string, string][] = [['Describe the components', '\r']],
  existing: [string, string][] = [
    ['ports, rewrites or extends', '\r'],
    ['matter most to your team', '\r'],
  ],
) {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => {
    screen += stripVTControlCharacters(chunk.toString('utf8'));
  });
  const steps: [string, string][] = [
    ...before,
    // The start of each question: a long one wraps at the terminal's width.
    ...QUESTIONS.map((q): [string, string] => [q.prompt.slice(0, 30), typed[q.id] ?? '\r']),
    ...existing,
    ...components,
  ];
  const prompter = await createClackPrompter({ input, output });
  const run = runInit({ file, io, interactive: true, prompter: async () => prompter });
  let finished = false;
  const outcome = run.then(
    () => {
      finished = true;
    },
    (error: unknown) => {
      finished = true;
      throw error;
    },
  );
  // Handled here too: it may fail while the user is still typing, before it is awaited below.
  outcome.catch(() => {});
  let from = 0;
  const pause = () => new Promise((done) => setTimeout(done, 5));
  for (const [fragment, keys] of steps) {
    const deadline = Date.now() + 5_000;
    while (!finished && !screen.includes(fragment, from)) {
      if (Date.now() > deadline)
        throw new Error(`"${fragment}" never asked; the screen:\n${screen.slice(from)}`);
      await pause();
    }
    if (finished) break;
    from = screen.indexOf(fragment, from) + fragment.length;
    // Let the prompt finish drawing and start listening.
    await new Promise((done) => setTimeout(done, 30));
    // One key at a time, each once the prompt has redrawn for the one before (or after 500 ms).
    for (const key of keys) {
      const drawn = screen.length;
      input.write(key);
      const until = Date.now() + 500;
      while (!finished && screen.length === drawn && Date.now() < until) await pause();
    }
  }
  await outcome.finally(() => input.end());
  return screen;
}

describe('gorust init in a terminal (the real clack prompts)', () => {
  const typed = {
    'project.name': 'Read states\r',
    'workload.latency_slo.p99_ms': '20\r',
  };

  it('takes a typed number as typed (a default of 5 and a typed 7 gave 57), and Enter alone the default', async () => {
    await atTerminal('typed.yaml', { ...typed, 'team.size': '7\r' });
    const profile = parseProfileText(readFileSync(join(dir, 'typed.yaml'), 'utf8'));
    expect(profile.team.size).toBe(7);
    expect(profile.workload.latency_slo).toEqual({ p99_ms: 20 });
    expect(profile.project.name).toBe('Read states');

    const screen = await atTerminal('defaults.yaml', typed);
    expect(parseProfileText(readFileSync(join(dir, 'defaults.yaml'), 'utf8')).team.size).toBe(5);
    // The default is on the screen, beside the question.
    expect(screen).toMatch(/How many engineers will work on it\?[\s\S]{0,40}5/);
    expect(decide(profile, readKnowledgeBase(), { seed: 1, samples: 200 }).verdict).toMatch(
      /^(go|rust|hybrid)$/,
    );
  });

  it('says what is wrong with a bad answer, in the terminal, and takes the corrected one', async () => {
    const screen = await atTerminal('fixed.yaml', { ...typed, 'team.size': 'x\r\x7f2.5\r\x7f\x7f\x7f3\r' });
    expect(screen).toContain('Enter a whole number of engineers.');
    expect(screen).toContain('Enter a whole number of engineers, without a fraction.');
    expect(parseProfileText(readFileSync(join(dir, 'fixed.yaml'), 'utf8')).team.size).toBe(3);
  });

  it('takes a typed number of calls between components as typed (a prefilled 1 and a typed 3 gave 13)', async () => {
    const component = (name: string, more: string): [string, string][] => [
      [`Component ${name === 'api' ? 1 : 2}: its name`, `${name}\r`],
      [`What does ${name} do`, '\r'],
      [`What mostly limits ${name}'s speed`, '\r'],
      [`Is ${name} latency-critical`, '\r'],
      [`${name}: its own p99`, '\r'],
      [`${name}: long-lived`, '\r'],
      [`${name}: hard memory cap`, '\r'],
      [`${name}: peak requests`, '\r'],
      [`Where does ${name} run`, '\r'],
      [`What must ${name} interoperate`, '\r'],
      [`Does ${name} have code of its own`, '\r'],
      [`Is ${name} built by people`, '\r'],
      ['Add another component', more],
    ];
    await atTerminal(
      'calls.yaml',
      typed,
      [],
      [
        ['Describe the components', 'y'],
        ...component('api', '\r'),
        ...component('store', 'n'),
        ['Which components does api call', ' \r'],
        ['How many calls to store does api make', '3\r'],
        ['Which components does store call', ' \r'],
        ['How many calls to api does store make', '\r'],
      ],
    );
    const profile = parseProfileText(readFileSync(join(dir, 'calls.yaml'), 'utf8'));
    expect(profile.components?.map((c) => [c.name, c.calls])).toEqual([
      ['api', [{ to: 'store', per_request: 3 }]],
      ['store', [{ to: 'api', per_request: 1 }]],
    ]);
  });

  it("asks for a component's own team in the terminal: yes, then a level picked with the keys for each", async () => {
    const screen = await atTerminal(
      'team.yaml',
      typed,
      [],
      [
        ['Describe the components', 'y'],
        ['Component 1: its name', 'proxy\r'],
        ['What does proxy do', '\r'],
        ["What mostly limits proxy's speed", '\r'],
        ['Is proxy latency-critical', '\r'],
        ['proxy: its own p99', '\r'],
        ['proxy: long-lived', '\r'],
        ['proxy: hard memory cap', '\r'],
        ['proxy: peak requests', '\r'],
        ['Where does proxy run', '\r'],
        ['What must proxy interoperate', '\r'],
        ['Does proxy have code of its own', '\r'],
        ['Is proxy built by people', 'y'],
        // The project's level first (Enter keeps it), then none, some, strong; j moves down, as the arrow key does.
        ['proxy: Go experience of its team', 'j\r'],
        ['proxy: Rust experience of its team', 'jjj\r'],
        ['Add another component', 'n'],
      ],
    );
    expect(screen).toContain("the project's (none)");
    const profile = parseProfileText(readFileSync(join(dir, 'team.yaml'), 'utf8'));
    expect(profile.components).toEqual([
      { name: 'proxy', role: 'api', latency_critical: false, team: { go: 'none', rust: 'strong' } },
    ]);
  });

  it('asks for existing code and priorities in the terminal: yes, a language, a typed size, a plan, one criterion', async () => {
    await atTerminal(
      'existing.yaml',
      typed,
      [],
      [['Describe the components', '\r']],
      [
        ['ports, rewrites or extends', 'y'],
        ['What is that code written in', 'j\r'],
        ['thousand lines', '12\r'],
        ['plan for it', 'jj\r'],
        ['matter most to your team', 'jjj \r'],
      ],
    );
    const profile = parseProfileText(readFileSync(join(dir, 'existing.yaml'), 'utf8'));
    expect(profile.existing_code).toEqual({ language: 'rust', kloc: 12, plan: 'extend' });
    // The fourth criterion (safety guarantees) picked with the space bar.
    expect(profile.priorities).toEqual({ safety_guarantees: 4 });
  });

  it('keeps the file it was about to replace when the user presses Ctrl-C', async () => {
    writeFileSync(join(dir, 'gorust.yaml'), 'mine\n');
    await expect(
      atTerminal('gorust.yaml', { ...typed, 'team.size': '7\x03' }, [['already exists', 'y']]),
    ).rejects.toThrow(CancelledError);
    expect(readFileSync(join(dir, 'gorust.yaml'), 'utf8')).toBe('mine\n');
  });
});
