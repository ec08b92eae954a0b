/** @module The optional component loop of `gorust init`: after the project's questions, the parts of the system one by one (name, role, workload, latency-critical, own p99, live heap, memory cap, peak rate, targets, interop, and behind one yes/no each its own existing code and its own team's Go and Rust experience), then the calls between them with their rate per request. Every answer is checked as it is typed, so the loop always yields a valid `components` list. */
import type { Question } from '../../core/index.ts';
import { memoryCapProblem, validateAnswer } from '../../core/index.ts';
import { INTEROPS, PROFILE_CAPS, ROLES, TARGETS, WORKLOAD_KINDS } from '../../core/profile/vocabulary.ts';
import { type Prompter, settled } from '../prompts.ts';
import { askExistingCode, type ExistingCodeAnswer } from './init-existing.ts';
import { askComponentTeam, type ComponentTeamAnswer, type ProjectTeam } from './init-team.ts';

/** A component as the profile writes it. */
export type ComponentAnswer = {
  name: string;
  role: string;
  workload?: string;
  latency_critical?: boolean;
  latency_slo?: { p99_ms: number };
  live_heap_gib?: number;
  memory_budget_mib?: number;
  peak_rps?: number;
  targets?: string[];
  interop?: string[];
  existing_code?: ExistingCodeAnswer;
  team?: ComponentTeamAnswer;
  calls?: { to: string; per_request: number }[];
};

const ROLE_HINTS: Record<string, string> = {
  api: 'serves requests from clients',
  'control-plane': 'configures and coordinates the others',
  orchestration: 'schedules and supervises work',
  'data-plane': 'carries the traffic itself',
  'hot-path': 'the latency- or CPU-critical inner loop',
  worker: 'processes jobs in the background',
  cli: 'a command people or scripts run',
  library: 'code linked into something else',
  'storage-engine': 'stores and indexes data',
};

/** The project's workload, shown as the first choice so Enter keeps it. */
const SAME_AS_PROJECT = 'same';

/** An optional number asked in a follow-up step (its id names it; validateAnswer checks its bounds). */
export const numberQuestion = (id: string, unit: string, exclusiveMin: boolean): Question => ({
  id,
  path: [id],
  prompt: id,
  kind: 'number',
  optional: true,
  min: 0,
  exclusiveMin,
  unit,
});

const NUMBERS = {
  p99: numberQuestion('p99_ms', 'a number of milliseconds', true),
  heap: numberQuestion('live_heap_gib', 'a size in GiB', false),
  memory: numberQuestion('memory_budget_mib', 'a size in MiB', true),
  rps: numberQuestion('peak_rps', 'a number of requests per second', false),
  // A call made zero times is no call: the component is left unticked in the list instead.
  rate: { ...numberQuestion('per_request', 'a number of calls per request', true), optional: false },
};

async function askNumber(
  prompter: Prompter,
  message: string,
  question: Question,
  defaultValue?: string,
  /** A check against earlier answers, run once the answer is a valid number on its own. */
  fits?: (n: number) => string | undefined,
): Promise<number | undefined> {
  const raw = settled(
    await prompter.text({
      message,
      ...(question.optional && defaultValue === undefined ? { placeholder: 'blank to skip' } : {}),
      // The default is what Enter alone gives, never text typed into the field (a prefilled 1 and a typed 3 made 13).
      ...(defaultValue === undefined ? {} : { defaultValue }),
      validate: (value) => {
        const own = validateAnswer(question, value);
        if (own !== undefined || fits === undefined || (value ?? '').trim() === '') return own;
        return fits(Number((value ?? '').trim()));
      },
    }),
  ).trim();
  return raw === '' ? undefined : Number(raw);
}

/** What a component falls back on when it states nothing of its own. */
export type ProjectDefaults = {
  /** The project's workload, offered first so Enter keeps it. */
  workload: string;
  /** Whether the project stated existing code (a component without its own keeps it). */
  hasExistingCode: boolean;
  /** The project team's levels (a component whose own team states none keeps them). */
  team: ProjectTeam;
};

/**
 * Ask whether to describe components and, if so, each one and the calls between them. Returns [] when declined.
 * @example
 * const components = await askComponents(prompter, {
 *   workload: 'mixed',
 *   hasExistingCode: false,
 *   team: { go: 'strong', rust: 'some' },
 * });
 */
export async function askComponents(
  prompter: Prompter,
  project: ProjectDefaults,
): Promise<ComponentAnswer[]> {
  const wanted = settled(
    await prompter.confirm({
      message:
        'Describe the components of the system one by one? (for a per-component plan: which language each gets, and how calls cross between them)',
      initialValue: false,
    }),
  );
  if (!wanted) return [];
  const components: ComponentAnswer[] = [];
  for (;;) {
    components.push(await askComponent(prompter, components, project));
    if (components.length >= PROFILE_CAPS.maxComponents) {
      prompter.note(`That is the most a profile holds (${PROFILE_CAPS.maxComponents}).`, 'Components');
      break;
    }
    const more = settled(await prompter.confirm({ message: 'Add another component?', initialValue: true }));
    if (!more) break;
  }
  if (components.length > 1) await askCalls(prompter, components);
  return components;
}

async function askComponent(
  prompter: Prompter,
  done: readonly ComponentAnswer[],
  project: ProjectDefaults,
): Promise<ComponentAnswer> {
  const n = done.length + 1;
  const taken = new Set(done.map((c) => c.name));
  const name = settled(
    await prompter.text({
      message: `Component ${n}: its name`,
      validate: (value) => {
        const trimmed = value.trim();
        if (trimmed === '') return 'Enter a name.';
        if (taken.has(trimmed)) return `"${trimmed}" is taken: choose another name.`;
        return undefined;
      },
    }),
  ).trim();
  const component: ComponentAnswer = {
    name,
    role: settled(
      await prompter.select({
        message: `What does ${name} do?`,
        options: ROLES.map((role) => ({ value: role, label: role, hint: ROLE_HINTS[role] ?? '' })),
      }),
    ),
  };
  const workload = settled(
    await prompter.select({
      message: `What mostly limits ${name}'s speed?`,
      options: [
        { value: SAME_AS_PROJECT, label: `same as the project (${project.workload})` },
        ...WORKLOAD_KINDS.map((kind) => ({ value: kind, label: kind })),
      ],
      initialValue: SAME_AS_PROJECT,
    }),
  );
  if (workload !== SAME_AS_PROJECT) component.workload = workload;
  if (
    settled(
      await prompter.confirm({
        message: `Is ${name} latency-critical (its tail latency is what users feel)?`,
        initialValue: false,
      }),
    )
  )
    component.latency_critical = true;
  const p99 = await askNumber(
    prompter,
    `${name}: its own p99 latency target in ms (blank if none)`,
    NUMBERS.p99,
  );
  if (p99 !== undefined) component.latency_slo = { p99_ms: p99 };
  const heap = await askNumber(
    prompter,
    `${name}: long-lived in-memory state per instance, in GiB (blank if small)`,
    NUMBERS.heap,
  );
  if (heap !== undefined) component.live_heap_gib = heap;
  // As for the project: no program keeps its live heap within a smaller cap, so the terminal asks again.
  const memory = await askNumber(
    prompter,
    `${name}: hard memory cap per instance, in MiB (blank if none)`,
    NUMBERS.memory,
    undefined,
    (n) => (heap === undefined ? undefined : memoryCapProblem(n, heap, name)),
  );
  if (memory !== undefined) component.memory_budget_mib = memory;
  const rps = await askNumber(prompter, `${name}: peak requests per second (blank if unknown)`, NUMBERS.rps);
  if (rps !== undefined) component.peak_rps = rps;
  const targets = settled(
    await prompter.multiselect({
      message: `Where does ${name} run? (none: the project's targets that suit its role)`,
      options: TARGETS.map((target) => ({ value: target, label: target })),
      required: false,
    }),
  );
  if (targets.length > 0) component.targets = targets;
  const interop = settled(
    await prompter.multiselect({
      message: `What must ${name} interoperate with? (none: nothing)`,
      options: INTEROPS.map((value) => ({ value, label: value })),
      required: false,
    }),
  );
  if (interop.length > 0) component.interop = interop;
  const existing = await askExistingCode(prompter, {
    component: name,
    projectHasCode: project.hasExistingCode,
  });
  if (existing !== undefined) component.existing_code = existing;
  const team = await askComponentTeam(prompter, name, project.team);
  if (team !== undefined) component.team = team;
  return component;
}

async function askCalls(prompter: Prompter, components: ComponentAnswer[]): Promise<void> {
  for (const component of components) {
    const others = components.filter((other) => other !== component).map((other) => other.name);
    const called = settled(
      await prompter.multiselect({
        message: `Which components does ${component.name} call? (none: it calls no other)`,
        options: others.map((name) => ({ value: name, label: name })),
        required: false,
      }),
    ).slice(0, PROFILE_CAPS.maxCallsPerComponent);
    const calls: { to: string; per_request: number }[] = [];
    for (const to of called) {
      const rate = await askNumber(
        prompter,
        `How many calls to ${to} does ${component.name} make per request it handles?`,
        NUMBERS.rate,
        '1',
      );
      calls.push({ to, per_request: rate ?? 1 });
    }
    if (calls.length > 0) component.calls = calls;
  }
}
