/** @module Observable revisit triggers: the profile values at which the model's verdict flips, found by deciding again with one input changed at a time (a p99 SLO, the peak load, the live heap, the deadline, the team's experience...). Each trigger can be applied and re-decided, so a test can check that it really flips the verdict. */
import type { LabEvidence } from '../decision/lab-evidence.ts';
import { nominalPlan } from '../engine/decide.ts';
import type { KnowledgeBase } from '../kb/schema.ts';
import type { Profile } from '../profile/schema.ts';
import { LEVELS, TURNOVERS, type Verdict, WORKLOAD_KINDS } from '../profile/vocabulary.ts';
import { formatAmount, formatMib, formatNumber, OPTION_LABELS } from './format.ts';

/** One input change that flips the verdict. */
export type RevisitTrigger = {
  /** The profile field changed, as a dotted path (`workload.latency_slo.p99_ms`). */
  path: string;
  /** The value at which the verdict flips (the nearest such value tried). */
  value: number | string | boolean;
  /** The verdict the model gives at that value. */
  verdict: Verdict;
  /**
   * For a Hybrid that stays Hybrid with another plan (which `gorust check` reports as a change): the components that
   * move, in words ("store moves to Go").
   */
  plan?: string | undefined;
  /** What a team would observe, in words: "the p99 latency SLO tightens to 5 ms (now 20 ms)". */
  change: string;
  /** How far the change is from today's profile (doublings of a number, steps of a level); nearest first. */
  distance: number;
};

export type TriggerOptions = {
  lab?: LabEvidence | undefined;
  /** At most this many triggers, nearest first. Default 5. */
  max?: number | undefined;
};

type NumericField = {
  path: string;
  grid: readonly number[];
  /** Which way to scan when the profile leaves the field out: 'down' tries the largest values first. */
  whenAbsent: 'up' | 'down';
  unit: (n: number) => string;
  words: { up: string; down: string; set: string };
};

const ms = (n: number) => `${formatNumber(n)} ms`;

/** The numeric inputs a team can observe changing, with the values tried (round figures people state). */
const NUMERIC_FIELDS: readonly NumericField[] = [
  {
    path: 'workload.latency_slo.p99_ms',
    grid: [0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000, 2000],
    whenAbsent: 'down',
    unit: ms,
    words: {
      up: 'the p99 latency SLO relaxes to',
      down: 'the p99 latency SLO tightens to',
      set: 'a p99 latency SLO of',
    },
  },
  {
    path: 'workload.peak_rps',
    grid: [100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000],
    whenAbsent: 'up',
    unit: (n) => `${formatAmount(n)} requests/s`,
    words: { up: 'peak load grows to', down: 'peak load falls to', set: 'a peak load of' },
  },
  {
    path: 'workload.live_heap_gib',
    grid: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256],
    whenAbsent: 'up',
    unit: (n) => `${formatNumber(n)} GiB`,
    words: { up: 'the live heap grows to', down: 'the live heap shrinks to', set: 'a live heap of' },
  },
  {
    path: 'workload.memory_budget_mib',
    grid: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192],
    whenAbsent: 'down',
    unit: formatMib,
    words: {
      up: 'the memory budget per instance grows to',
      down: 'the memory budget per instance shrinks to',
      set: 'a memory budget per instance of',
    },
  },
  {
    path: 'delivery.deadline_weeks',
    grid: [1, 2, 4, 6, 8, 12, 16, 20, 26, 39, 52, 78, 104],
    whenAbsent: 'down',
    unit: (n) => `${formatNumber(n)} ${n === 1 ? 'week' : 'weeks'}`,
    words: {
      up: 'the first release moves out to',
      down: 'the first release moves in to',
      set: 'a first-release deadline of',
    },
  },
  {
    path: 'delivery.lifetime_years',
    grid: [0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30],
    whenAbsent: 'up',
    unit: (n) => `${formatNumber(n)} ${n === 1 ? 'year' : 'years'}`,
    words: {
      up: 'the expected lifetime grows to',
      down: 'the expected lifetime shrinks to',
      set: 'an expected lifetime of',
    },
  },
  {
    path: 'team.size',
    grid: [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100, 200],
    whenAbsent: 'up',
    unit: (n) => `${formatNumber(n)} ${n === 1 ? 'person' : 'people'}`,
    words: { up: 'the team grows to', down: 'the team shrinks to', set: 'a team of' },
  },
];

type ChoiceField = {
  path: string;
  values: readonly (string | boolean)[];
  describe: (value: string | boolean, now: string | boolean | undefined) => string;
};

const CHOICE_FIELDS: readonly ChoiceField[] = [
  {
    path: 'team.rust',
    values: LEVELS,
    describe: (v, now) => `the team's Rust experience becomes ${String(v)} (now ${String(now)})`,
  },
  {
    path: 'team.go',
    values: LEVELS,
    describe: (v, now) => `the team's Go experience becomes ${String(v)} (now ${String(now)})`,
  },
  {
    path: 'team.turnover',
    values: TURNOVERS,
    describe: (v, now) => `staff turnover becomes ${String(v)} (now ${String(now)})`,
  },
  {
    path: 'workload.kind',
    values: WORKLOAD_KINDS,
    describe: (v, now) => `the workload turns out ${String(v)} (now ${String(now)})`,
  },
  {
    path: 'safety_critical',
    values: [true, false],
    describe: (v) =>
      v
        ? 'failures come to cost money, safety or security (safety-critical)'
        : 'the project stops being safety-critical',
  },
  {
    path: 'workload.hard_realtime',
    values: [true, false],
    describe: (v) =>
      v ? 'a missed deadline becomes a failure (hard real-time)' : 'the hard real-time requirement goes away',
  },
  {
    path: 'delivery.prototype_first',
    values: [true, false],
    describe: (v) =>
      v ? 'the team decides to build a prototype first' : 'the team drops the prototype-first plan',
  },
];

/**
 * A copy of the profile with one field set (creating `workload.latency_slo` or `delivery` when needed; a p99.9 SLO
 * below a new p99 is raised to it, as the profile requires).
 * @example
 * decide(withChange(profile, 'workload.latency_slo.p99_ms', 5), kb).verdict;
 */
export function withChange(profile: Profile, path: string, value: number | string | boolean): Profile {
  const copy = structuredClone(profile) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined || next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
  const result = copy as Profile;
  const slo = result.workload.latency_slo;
  if (slo?.p999_ms !== undefined && slo.p999_ms < slo.p99_ms) slo.p999_ms = slo.p99_ms;
  return result;
}

/** The value at a dotted path, or undefined. */
export function valueAt(profile: Profile, path: string): unknown {
  let node: unknown = profile;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The nearest input changes that flip the verdict, or move a component of a Hybrid to the other language (a change of
 * plan, which `gorust check` reports as a change of the record), nearest first: for each numeric input the first round
 * value that does so in each direction, and each other level or switch of the team, workload and safety inputs.
 * Triggers to the same verdict through the same field keep only the nearest.
 * @example
 * revisitTriggers(profile, kb)[0]?.change; // 'the p99 latency SLO tightens to 5 ms (now 20 ms)'
 */
export function revisitTriggers(
  profile: Profile,
  kb: KnowledgeBase,
  options: TriggerOptions = {},
): RevisitTrigger[] {
  // The verdict does not depend on the Monte-Carlo draws (they only give the confidence), so no draw is made.
  const planOf = (p: Profile) => nominalPlan(p, kb, { lab: options.lab });
  const basePlan = planOf(profile);
  const base = basePlan.verdict;
  // What changes the record, as `gorust check` sees it: the verdict, or a Hybrid's plan (undefined: nothing).
  const changeOf = (p: Profile): { verdict: Verdict; plan?: string } | undefined => {
    const now = planOf(p);
    if (now.verdict !== base) return { verdict: now.verdict };
    if (base !== 'hybrid') return undefined;
    const moved = Object.entries(now.components).filter(([name, lang]) => basePlan.components[name] !== lang);
    if (moved.length === 0) return undefined;
    const plan = moved.map(([name, lang]) => `${name} moves to ${lang === 'go' ? 'Go' : 'Rust'}`).join(', ');
    return { verdict: base, plan };
  };
  const found: RevisitTrigger[] = [];

  for (const field of NUMERIC_FIELDS) {
    const now = valueAt(profile, field.path);
    const current = typeof now === 'number' ? now : undefined;
    const scans: { direction: 'up' | 'down'; values: number[] }[] =
      current === undefined
        ? [
            {
              direction: field.whenAbsent,
              values: field.whenAbsent === 'up' ? [...field.grid] : [...field.grid].reverse(),
            },
          ]
        : [
            { direction: 'down', values: field.grid.filter((v) => v < current).reverse() },
            { direction: 'up', values: field.grid.filter((v) => v > current) },
          ];
    for (const scan of scans) {
      for (const [step, value] of scan.values.entries()) {
        const changed = changeOf(withChange(profile, field.path, value));
        if (changed === undefined) continue;
        const change =
          current === undefined
            ? `${field.words.set} ${field.unit(value)} is set (now none)`
            : `${field.words[scan.direction]} ${field.unit(value)} (now ${field.unit(current)})`;
        const distance = current === undefined ? 1.5 + step * 0.1 : Math.abs(Math.log2(value / current));
        found.push({ path: field.path, value, ...changed, change, distance });
        break;
      }
    }
  }

  for (const field of CHOICE_FIELDS) {
    const now = valueAt(profile, field.path) as string | boolean | undefined;
    const at = field.values.indexOf(now as never);
    for (const [i, value] of field.values.entries()) {
      if (value === now || (now === undefined && value === false)) continue;
      const changed = changeOf(withChange(profile, field.path, value));
      if (changed === undefined) continue;
      const steps = typeof value === 'boolean' || at === -1 ? 1.5 : Math.abs(i - at);
      found.push({
        path: field.path,
        value,
        ...changed,
        change: field.describe(value, now),
        distance: steps,
      });
    }
  }

  const nearest = new Map<string, RevisitTrigger>();
  for (const t of found.sort((a, b) => a.distance - b.distance || a.path.localeCompare(b.path))) {
    const key = `${t.path}:${t.verdict}:${t.plan ?? ''}:${typeof t.value === 'number' ? (t.value > Number(valueAt(profile, t.path) ?? 0) ? 'up' : 'down') : t.value}`;
    if (!nearest.has(key)) nearest.set(key, t);
  }
  return [...nearest.values()].slice(0, options.max ?? 5);
}

/**
 * A trigger as a sentence: "If the p99 latency SLO tightens to 5 ms (now 20 ms), the model's verdict becomes Rust."
 * @example
 * triggerSentence(trigger);
 */
export function triggerSentence(trigger: RevisitTrigger): string {
  if (trigger.plan !== undefined)
    return `If ${trigger.change}, the verdict stays Hybrid with another plan: ${trigger.plan}.`;
  return `If ${trigger.change}, the model's verdict becomes ${OPTION_LABELS[trigger.verdict].replace(/ \(.*\)$/, '')}.`;
}
