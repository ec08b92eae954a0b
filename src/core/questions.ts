/** @module The profile questionnaire as data: one list of questions shared by `gorust init` (terminal) and the web form, and the mapping between answers and a profile. */
import type { Profile, ProfileInput } from './profile/schema.ts';
import {
  DOMAINS,
  EXISTING_CODE_LANGUAGE_NAMES,
  EXISTING_CODE_LANGUAGES,
  EXISTING_CODE_PLANS,
  INTEROPS,
  LEVELS,
  TARGETS,
  TURNOVERS,
  WORKLOAD_KINDS,
} from './profile/vocabulary.ts';
import type { Question, QuestionOption } from './question-schema.ts';

export type { Question, QuestionOption } from './question-schema.ts';

const LEVEL_HINTS: Record<(typeof LEVELS)[number], string> = {
  none: 'nobody has shipped it',
  some: 'a few people, or small projects',
  strong: 'several people have shipped production code in it',
};

const optionsOf = (values: readonly string[], hints: Record<string, string> = {}): QuestionOption[] =>
  values.map((value) => {
    const hint = hints[value];
    return hint === undefined ? { value, label: value } : { value, label: value, hint };
  });

/** The experience levels with their plain words, one list for the project's team and a component's own. */
const LEVEL_OPTIONS = optionsOf(LEVELS, LEVEL_HINTS);

/** Common OS/arch pairs; the profile accepts any `os-arch` pair, the web form and `init` offer these. */
export const COMMON_PLATFORMS = [
  'linux-amd64',
  'linux-arm64',
  'darwin-arm64',
  'darwin-amd64',
  'windows-amd64',
  'windows-arm64',
] as const;

/** The questions as written: each one's profile path is its dotted id, so only the id is stated. */
const ASKED: Omit<Question, 'path'>[] = [
  { id: 'project.name', prompt: 'What is the project called?', kind: 'text' },
  {
    id: 'project.summary',
    prompt: 'In one sentence, what does it do?',
    kind: 'text',
    optional: true,
  },
  {
    id: 'workload.kind',
    prompt: 'What mostly limits its speed?',
    kind: 'select',
    options: optionsOf(WORKLOAD_KINDS, {
      'io-bound': 'waiting on the network, disks or other services',
      'cpu-bound': 'computing: parsing, compression, crypto, encoding',
      mixed: 'both',
    }),
  },
  {
    id: 'workload.peak_rps',
    prompt: 'Expected peak requests per second (blank if not a service)',
    kind: 'number',
    unit: 'a number of requests per second',
    optional: true,
    min: 0,
  },
  {
    id: 'workload.latency_slo.p99_ms',
    prompt: 'p99 latency target in milliseconds (blank if none)',
    kind: 'number',
    unit: 'a number of milliseconds',
    optional: true,
    min: 0,
    exclusiveMin: true,
  },
  {
    id: 'workload.latency_slo.p999_ms',
    prompt: 'p99.9 latency target in milliseconds (blank if none; at least the p99 target)',
    kind: 'number',
    unit: 'a number of milliseconds',
    optional: true,
    min: 0,
    exclusiveMin: true,
  },
  {
    id: 'workload.hard_realtime',
    prompt: 'Is a missed deadline a failure (audio, control loops, games)?',
    kind: 'confirm',
    default: false,
  },
  {
    id: 'workload.live_heap_gib',
    prompt: 'Long-lived in-memory state per instance, in GiB (caches, indexes; blank if small)',
    kind: 'number',
    unit: 'a size in GiB',
    optional: true,
    min: 0,
  },
  {
    id: 'workload.memory_budget_mib',
    prompt: 'Hard memory cap per instance, in MiB (blank if none)',
    kind: 'number',
    unit: 'a size in MiB',
    optional: true,
    min: 0,
    exclusiveMin: true,
  },
  {
    id: 'team.size',
    prompt: 'How many engineers will work on it?',
    kind: 'number',
    unit: 'a whole number of engineers',
    min: 1,
    integer: true,
    default: 5,
  },
  {
    id: 'team.go',
    prompt: "The team's Go experience",
    kind: 'select',
    options: LEVEL_OPTIONS,
  },
  {
    id: 'team.rust',
    prompt: "The team's Rust experience",
    kind: 'select',
    options: LEVEL_OPTIONS,
  },
  {
    id: 'team.turnover',
    prompt: 'How often do new people join the team?',
    kind: 'select',
    options: optionsOf(TURNOVERS),
    default: 'medium',
  },
  {
    id: 'delivery.deadline_weeks',
    prompt: 'Weeks until the first production release (blank if open)',
    kind: 'number',
    unit: 'a number of weeks',
    optional: true,
    min: 0,
    exclusiveMin: true,
  },
  {
    id: 'delivery.prototype_first',
    prompt: 'Will you build a throw-away prototype first?',
    kind: 'confirm',
    default: false,
  },
  {
    id: 'delivery.lifetime_years',
    prompt: 'Years it will be maintained (blank if unknown)',
    kind: 'number',
    unit: 'a number of years',
    optional: true,
    min: 0,
    exclusiveMin: true,
  },
  {
    id: 'safety_critical',
    prompt: 'Do failures cost money, safety or security?',
    kind: 'confirm',
    default: false,
  },
  {
    id: 'targets',
    prompt: 'Where will it run?',
    kind: 'multiselect',
    options: optionsOf(TARGETS),
    default: ['server'],
  },
  {
    id: 'platforms',
    prompt: 'Which OS/arch pairs must you ship binaries for?',
    help: 'Other os-arch pairs can be added in the file.',
    kind: 'multiselect',
    options: optionsOf(COMMON_PLATFORMS),
    optional: true,
  },
  {
    id: 'domain',
    prompt: 'Which domains describe it?',
    kind: 'multiselect',
    options: optionsOf(DOMAINS),
    optional: true,
  },
  {
    id: 'interop',
    prompt: 'What must it interoperate with?',
    kind: 'multiselect',
    options: optionsOf(INTEROPS, {
      'c-libraries': 'call existing C libraries',
      'bindings-for-other-languages': 'be called from Python, Node, ...',
      'embed-in-host': "run inside another program's process (a host not written in Go)",
      'existing-go-code': 'link with Go code in one process: existing Go code, or a package for Go programs',
      'existing-rust-code': 'link with existing Rust crates in one process',
    }),
    optional: true,
  },
];

/**
 * Every question of the questionnaire, in the order asked. Components and priorities are not asked:
 * they are edited in the file (the questionnaire says so at the end).
 */
export const QUESTIONS: Question[] = ASKED.map(({ id, ...rest }) => ({ id, path: id.split('.'), ...rest }));

/** What each plan for existing code means, in the words of CONTRACT.md (`existing_code.plan`). */
const EXISTING_CODE_PLAN_HINTS: Record<(typeof EXISTING_CODE_PLANS)[number], string> = {
  port: 'translate it file by file, keeping its structure',
  rewrite: 'redesign it from scratch',
  extend: 'keep it and add to it',
};

/**
 * The questions about code that already exists (`existing_code`, for the project or for one component), shared by
 * `gorust init` and the web form. Not in QUESTIONS: they belong together (a language without a plan is no answer), so
 * `init` asks them behind one yes/no question and the web form shows them as a group, once for the project and once in
 * each component's editor. Their ids are relative to the `existing_code` object.
 * @example
 * validateAnswer(EXISTING_CODE_QUESTIONS.kloc, '0'); // 'Enter a size in thousands of lines greater than 0.'
 */
export const EXISTING_CODE_QUESTIONS = {
  language: {
    id: 'language',
    path: ['language'],
    prompt: 'What is that code written in?',
    kind: 'select',
    options: EXISTING_CODE_LANGUAGES.map((value) => ({
      value,
      label: value === 'other' ? 'other' : EXISTING_CODE_LANGUAGE_NAMES[value],
    })),
  },
  kloc: {
    id: 'kloc',
    path: ['kloc'],
    prompt: 'Roughly how many thousand lines is it (kloc)?',
    kind: 'number',
    unit: 'a size in thousands of lines',
    optional: true,
    min: 0,
    exclusiveMin: true,
  },
  plan: {
    id: 'plan',
    path: ['plan'],
    prompt: 'What is the plan for it?',
    kind: 'select',
    options: optionsOf(EXISTING_CODE_PLANS, EXISTING_CODE_PLAN_HINTS),
  },
} satisfies Record<string, Question>;

/**
 * The questions about a component's own team (`components[].team`: the Go and Rust experience of the people who build
 * it, where it differs from the project's team), shared by `gorust init` and the web form, with the level words of the
 * project's `team.go` and `team.rust`. Not in QUESTIONS: they belong to one component, so `init` asks them behind one
 * yes/no question in its component loop and the web form shows them in each component's editor. Each is optional: left
 * blank, the component keeps the project's level. Their ids are relative to the `team` object.
 * @example
 * COMPONENT_TEAM_QUESTIONS.rust.options.map((o) => o.value); // ['none', 'some', 'strong']
 */
export const COMPONENT_TEAM_QUESTIONS = {
  go: {
    id: 'go',
    path: ['go'],
    prompt: 'Go experience of its team',
    kind: 'select',
    optional: true,
    options: LEVEL_OPTIONS,
  },
  rust: {
    id: 'rust',
    path: ['rust'],
    prompt: 'Rust experience of its team',
    kind: 'select',
    optional: true,
    options: LEVEL_OPTIONS,
  },
} satisfies Record<string, Question>;

/** Whether an answer counts as "left blank" (the field is then omitted). */
function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (typeof value === 'number' && Number.isNaN(value)) ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Whether a question is worth asking given the answers so far: a p99.9 target only after a p99 target (the profile
 * refuses one without the other, so asking would only refuse every answer but a blank).
 * @example
 * isAsked(QUESTIONS.find((q) => q.id === 'workload.latency_slo.p999_ms')!, { 'workload.latency_slo.p99_ms': '' }); // false
 */
export function isAsked(question: Question, answers: Readonly<Record<string, unknown>>): boolean {
  if (question.id === 'workload.latency_slo.p999_ms') return !isBlank(answers['workload.latency_slo.p99_ms']);
  return true;
}

/**
 * Check one raw answer against its question; returns an error message or undefined when valid.
 * The terminal and the web form both call it while the user types. Given the answers so far, it also checks the
 * answer against the earlier ones it must fit (a p99.9 target of at least the p99 target), so the terminal refuses it
 * at once rather than after the last question.
 * @example
 * validateAnswer(QUESTIONS.find((q) => q.id === 'team.size')!, '0'); // 'Enter a whole number of engineers of at least 1.'
 */
export function validateAnswer(
  question: Question,
  raw: unknown,
  answers?: Readonly<Record<string, unknown>>,
): string | undefined {
  const own = ownProblem(question, raw);
  if (own !== undefined || answers === undefined || isBlank(raw)) return own;
  if (question.id === 'workload.latency_slo.p999_ms') {
    const p99raw = answers['workload.latency_slo.p99_ms'];
    if (isBlank(p99raw)) return 'Leave this blank: a p99.9 target needs a p99 target, which was left blank.';
    const p99 = Number(String(p99raw).trim());
    const n = Number(String(raw).trim());
    if (Number.isFinite(p99) && n < p99)
      return `Enter at least ${p99} ms, the p99 target: the p99.9 latency cannot be lower.`;
  }
  if (question.id === 'workload.memory_budget_mib') {
    // The profile allows it (decide then says so first among its caveats), but no program keeps a live heap within a
    // smaller cap: the terminal asks again rather than write figures that contradict each other.
    const heap = Number(String(answers['workload.live_heap_gib'] ?? '').trim());
    if (!isBlank(answers['workload.live_heap_gib']) && Number.isFinite(heap))
      return memoryCapProblem(Number(String(raw).trim()), heap);
  }
  return undefined;
}

/**
 * Why a memory cap cannot hold the live heap given with it (the project's, or a component's, named by `whose`), or
 * undefined when it can: the terminal and the web form ask again rather than write figures that contradict each other.
 * @example
 * memoryCapProblem(1024, 2, 'matcher'); // 'Enter at least 2048 MiB, the 2 GiB live heap you gave matcher: ...'
 */
export function memoryCapProblem(capMib: number, heapGib: number, whose?: string): string | undefined {
  if (!(capMib < heapGib * 1024)) return undefined;
  const given = whose === undefined ? 'you gave' : `you gave ${whose}`;
  return `Enter at least ${heapGib * 1024} MiB, the ${heapGib} GiB live heap ${given}: no program keeps its live heap within a smaller cap (or leave this blank).`;
}

function ownProblem(question: Question, raw: unknown): string | undefined {
  if (isBlank(raw)) {
    if (question.optional || question.kind === 'confirm') return undefined;
    return question.kind === 'multiselect' ? 'Choose at least one.' : 'This answer is needed.';
  }
  if (question.kind === 'number') {
    const what = question.unit ?? 'a number';
    const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (!Number.isFinite(n)) return `Enter ${what}.`;
    if (question.integer && !Number.isInteger(n)) return `Enter ${what}, without a fraction.`;
    if (question.min !== undefined) {
      if (question.exclusiveMin && n <= question.min) return `Enter ${what} greater than ${question.min}.`;
      if (!question.exclusiveMin && n < question.min) return `Enter ${what} of at least ${question.min}.`;
    }
    if (question.max !== undefined && n > question.max) return `Enter ${what} of at most ${question.max}.`;
  }
  if ((question.kind === 'select' || question.kind === 'multiselect') && question.options) {
    const allowed = new Set(question.options.map((o) => o.value));
    const values = Array.isArray(raw) ? raw : [raw];
    const bad = values.find((v) => !allowed.has(String(v)));
    if (bad !== undefined) return `Choose one of the listed answers ("${String(bad)}" is not one).`;
  }
  return undefined;
}

/**
 * Turn questionnaire answers (keyed by question id) into a profile as the user would write it.
 * Blank optional answers are left out; numbers given as text are converted. Validate the result with
 * `parseProfileValue`.
 * @example
 * const input = answersToProfile({ 'project.name': 'Proxy', 'workload.kind': 'io-bound', 'team.size': 4, 'team.go': 'strong', 'team.rust': 'none' });
 */
export function answersToProfile(answers: Record<string, unknown>): ProfileInput {
  const profile: Record<string, unknown> = { version: 1 };
  for (const question of QUESTIONS) {
    const raw = answers[question.id];
    if (isBlank(raw)) continue;
    const value = question.kind === 'number' && typeof raw === 'string' ? Number(raw.trim()) : raw;
    setPath(profile, question.path, value);
  }
  return profile as ProfileInput;
}

/**
 * The answers that reproduce a profile in the questionnaire (for editing an existing file in the web form).
 * @example
 * const answers = profileToAnswers(profile); // { 'project.name': 'Proxy', 'team.go': 'strong', ... }
 */
export function profileToAnswers(profile: Profile | ProfileInput): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of QUESTIONS) {
    let node: unknown = profile;
    for (const key of question.path) {
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (node !== undefined) answers[question.id] = node;
  }
  return answers;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === undefined || next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
}
