/** @module The decision's uncertain parts in words every report shares: the decisive facts (`decisive_facts`, each profile fact taken out in turn), how often a gate on an uncertain model holds (`holds_probability`, `near_edge`), and a component's odds (`components[].probabilities`, `near_tie`). Read from the decision's fields only. */
import type { ComponentRow, Decision, DecisiveFact, Gate } from '../decision/schema.ts';
import { EXISTING_CODE_LANGUAGE_NAMES, type ExistingCodeLanguage } from '../profile/vocabulary.ts';
import { formatAmount, formatMib, formatPercent, OPTION_LABELS, VERDICT_NAMES } from './format.ts';

type Value = DecisiveFact['value'];

const text = (v: Value) =>
  Array.isArray(v) ? v.join(', ') : typeof v === 'number' ? formatAmount(v) : String(v);
const yes = (v: Value) => (v === true ? 'yes' : text(v));
const plural = (v: Value, one: string, many: string) =>
  typeof v === 'number' ? `${formatAmount(v)} ${v === 1 ? one : many}` : text(v);

/**
 * The stated priorities as the Context's facts read them: "priority of safety guarantees 4 of 5", or for several
 * "priorities set: safety guarantees 4 of 5, onboarding 2 of 5" (one fact, so one verb: "... favours Rust").
 */
function priorityWords(v: Value): string {
  const items = (Array.isArray(v) ? v : [v]).map((item) => {
    const stated = /^([a-z_]+): (\d+(?:\.\d+)?)$/.exec(String(item));
    return stated === null ? String(item) : `${(stated[1] ?? '').replace(/_/g, ' ')} ${stated[2]} of 5`;
  });
  return items.length === 1 ? `priority of ${items[0]}` : `priorities set: ${items.join(', ')}`;
}

/** Each fact path of `decisive_facts` (without a component prefix): its label and how its value reads. */
const FACT_WORDS: Record<string, { label: string; value: (v: Value) => string }> = {
  'workload.kind': { label: 'workload', value: text },
  workload: { label: 'workload', value: text },
  'workload.latency_slo.p99_ms': { label: 'p99 latency SLO', value: (v) => `${text(v)} ms` },
  'latency_slo.p99_ms': { label: 'p99 latency SLO', value: (v) => `${text(v)} ms` },
  'workload.live_heap_gib': { label: 'live heap', value: (v) => `${text(v)} GiB` },
  live_heap_gib: { label: 'live heap', value: (v) => `${text(v)} GiB` },
  'workload.peak_rps': { label: 'peak load', value: (v) => `${plural(v, 'request/s', 'requests/s')}` },
  'workload.memory_budget_mib': {
    label: 'memory budget',
    value: (v) => (typeof v === 'number' ? formatMib(v) : text(v)),
  },
  memory_budget_mib: {
    label: 'memory budget',
    value: (v) => (typeof v === 'number' ? formatMib(v) : text(v)),
  },
  'workload.hard_realtime': { label: 'hard real-time', value: yes },
  latency_critical: { label: 'latency-critical', value: yes },
  'team.go': { label: 'Go experience', value: text },
  'team.rust': { label: 'Rust experience', value: text },
  'team.turnover': { label: 'turnover', value: text },
  'delivery.deadline_weeks': { label: 'first release', value: (v) => `in ${plural(v, 'week', 'weeks')}` },
  'delivery.lifetime_years': { label: 'lifetime', value: (v) => plural(v, 'year', 'years') },
  'delivery.prototype_first': { label: 'prototype first', value: yes },
  safety_critical: { label: 'safety-critical', value: yes },
  // A weight rule's scale on the share of WASM targets shows the share, on the number of platforms the count.
  targets: {
    label: 'targets',
    value: (v) => (typeof v === 'number' ? `${formatPercent(v)} WebAssembly` : text(v)),
  },
  platforms: { label: 'platforms', value: (v) => (typeof v === 'number' ? `${text(v)} to ship` : text(v)) },
  domain: { label: 'domain', value: text },
  interop: { label: 'interop', value: text },
  // The engine's "extend 40 kloc of go" reads "existing Go code to extend (40 kloc)".
  existing_code: { label: '', value: existingCodeWords },
  // A component's own team, as the engine gives it ("go some, rust strong"), with the languages' names.
  team: {
    label: 'its own team',
    value: (v) =>
      `(${text(v).replace(/\b(go|rust)\b/g, (l) => EXISTING_CODE_LANGUAGE_NAMES[l as 'go' | 'rust'])})`,
  },
  // The stated priorities, taken out together: "safety_guarantees: 4" reads "safety guarantees 4 of 5".
  priorities: { label: '', value: priorityWords },
};

/** The engine's existing-code fact ("extend 40 kloc of go", "port python") in words: "existing Go code to extend (40 kloc)". */
function existingCodeWords(v: Value): string {
  const m = /^(port|rewrite|extend) (?:([\d.,]+) kloc of )?(\w+)$/.exec(text(v));
  if (m === null) return `existing code ${text(v)}`;
  const [, plan, kloc, language = ''] = m;
  const name = EXISTING_CODE_LANGUAGE_NAMES[language as ExistingCodeLanguage] ?? language;
  return `existing ${name} code to ${plan}${kloc === undefined ? '' : ` (${kloc} kloc)`}`;
}

/**
 * One profile fact in words, as the reports' facts read ("p99 latency SLO 2 ms", "peak load 200,000 requests/s",
 * "team size 4 people"), never as a field path and a raw value (`workload.peak_rps=200000`). A path this table does
 * not know reads as the path and its value.
 * @example
 * factWords('workload.peak_rps', 200000); // 'peak load 200,000 requests/s'
 * factWords('components', ['control-plane', 'orchestration']); // 'component roles control-plane, orchestration'
 * factWords('components[1].latency_critical', true, ['gateway', 'scorer']); // 'component scorer: latency-critical yes'
 */
export function factWords(path: string, value: Value, names: readonly string[] = []): string {
  const component = /^components\[(\d+)\]\.(.+)$/.exec(path);
  if (component !== null) {
    // A component by its name, as the decision's component rows give it ("#2" only when none is known).
    const index = Number(component[1]);
    return `component ${names[index] ?? `#${index + 1}`}: ${factWords(component[2] ?? '', value)}`;
  }
  const priority = /^priorities\.(.+)$/.exec(path);
  if (priority !== null) return `priority of ${(priority[1] ?? '').replace(/_/g, ' ')} ${text(value)} of 5`;
  const words = FACT_WORDS[path] ?? EXTRA_WORDS[path];
  return words === undefined ? `${path} ${text(value)}` : `${words.label} ${words.value(value)}`.trim();
}

/** Paths that appear among the facts behind weight rules (`criteria[].weight_reasons[].facts`) only. */
const EXTRA_WORDS: Record<string, { label: string; value: (v: Value) => string }> = {
  'team.size': { label: 'team size', value: (v) => plural(v, 'person', 'people') },
  components: { label: 'component roles', value: text },
  role: { label: 'role', value: text },
  'workload.latency_slo': {
    label: 'latency-critical',
    value: (v) => (v === true ? 'without an SLO' : text(v)),
  },
  'existing_code.plan': { label: 'existing code', value: (v) => `to ${text(v)}` },
  'existing_code.language': { label: 'existing code in', value: text },
  'existing_code.kloc': { label: 'existing code', value: (v) => `${text(v)} kloc` },
};

/**
 * A decisive fact as a reader names it: "p99 latency SLO 15 ms", "component thumbnails: workload cpu-bound"
 * (a component's fact by the component's name, never a field path such as `components[2].workload`).
 * @example
 * decisiveFactLabel({ path: 'workload.latency_slo.p99_ms', value: 15, ... }, decision); // 'p99 latency SLO 15 ms'
 */
export function decisiveFactLabel(
  fact: Pick<DecisiveFact, 'path' | 'value'>,
  decision: Pick<Decision, 'components'>,
): string {
  return factWords(fact.path, fact.value, componentNames(decision));
}

/** The decision's component names in profile order, for naming `components[i]` facts. */
export function componentNames(decision: Pick<Decision, 'components'>): string[] {
  return decision.components.map((c) => c.name);
}

/**
 * Which way a decisive fact leans, as a reader of this verdict needs it: "favours Go" for a single-language verdict;
 * for a hybrid, whether it supports the split or works against it (a fact that favours Rust can do either), since
 * the effect that follows is on P(Hybrid).
 * @example
 * decisiveFactStance({ favors: 'rust', probability_change: 0.21, ... }, { verdict: 'hybrid' }); // 'supports the split'
 */
export function decisiveFactStance(fact: DecisiveFact, decision: Pick<Decision, 'verdict'>): string {
  if (decision.verdict !== 'hybrid') return `favours ${OPTION_LABELS[fact.favors]}`;
  // Against the split, a fact pulls the whole project towards one language: say which, so a reader does not take
  // "works against the split" for an argument for the other one.
  return fact.probability_change >= 0
    ? 'supports the split'
    : `works against the split, towards all-${OPTION_LABELS[fact.favors]}`;
}

/** Below this many points of P(verdict), a fact that tips the verdict is said to tip a near tie. */
const NEAR_TIE_POINTS = 10;

/**
 * What taking the fact out did, in one clause: "without it, the probability of Go would be 14 points higher and the
 * verdict would change"; a fact set to a neutral value reads "with some instead, ...". A fact that tips a near tie
 * while moving P(verdict) by under 10 points says so.
 * @example
 * decisiveFactEffect(fact, decision);
 */
export function decisiveFactEffect(fact: DecisiveFact, decision: Pick<Decision, 'verdict'>): string {
  const points = Math.round(Math.abs(fact.probability_change) * 100);
  const direction = fact.probability_change >= 0 ? 'lower' : 'higher';
  const verdict = VERDICT_NAMES[decision.verdict];
  // A yes/no fact (safety-critical yes) set to false reads "without it", never "with false instead".
  const without =
    fact.without === 'removed' || fact.without === 'false' ? 'without it' : `with ${fact.without} instead`;
  const moved = `${points} ${points === 1 ? 'point' : 'points'} ${direction}`;
  // The verdict is the central weights' and ratings', P(verdict) counts the draws: at a near tie a fact can tip the
  // first while hardly moving the second, and "1 point lower and the verdict would change" read as a contradiction.
  if (fact.flips && points < NEAR_TIE_POINTS) {
    const small = points === 0 ? 'would barely move' : `would be only ${moved}`;
    return `${without}, the verdict would change, as it sits at a near tie, though the probability of ${verdict} ${small}`;
  }
  const change =
    points === 0
      ? `the probability of ${verdict} would barely move`
      : `the probability of ${verdict} would be ${moved}`;
  return `${without}, ${change}${fact.flips ? ' and the verdict would change' : ''}`;
}

/**
 * The decisive facts worth showing, largest effect first: a fact that moves P(verdict) by less than half a point and
 * flips nothing drove nothing a reader can see.
 * @example
 * shownDecisiveFacts(decision).length; // at most 5
 */
export function shownDecisiveFacts(decision: Pick<Decision, 'decisive_facts'>): DecisiveFact[] {
  return (decision.decisive_facts ?? [])
    .filter((f) => f.flips || Math.round(Math.abs(f.probability_change) * 100) >= 1)
    .sort((a, b) => Math.abs(b.probability_change) - Math.abs(a.probability_change));
}

/**
 * How a gate on an uncertain model (GC tail, Go memory need) held across the draws, or undefined for a gate that
 * rests on no model: "near its edge: it holds in only 63% of the uncertainty draws".
 * @example
 * gateOdds({ holds_probability: 0.625, near_edge: true, ... }); // 'near its edge: it holds in only 63% of the uncertainty draws'
 */
export function gateOdds(gate: Gate): string | undefined {
  if (gate.holds_probability === undefined) return undefined;
  const share = formatPercent(gate.holds_probability);
  return gate.near_edge
    ? `near its edge: it holds in only ${share} of the uncertainty draws`
    : `it holds in ${share} of the uncertainty draws`;
}

/**
 * A component's odds: "71% of the draws", "a near tie: 62% of the draws" when its language holds in fewer than 70%.
 * @example
 * componentOdds({ language: 'rust', probabilities: { go: 0.38, rust: 0.62 }, near_tie: true, ... });
 * // 'a near tie: 62% of the draws'
 */
export function componentOdds(component: ComponentRow): string | undefined {
  const p = component.probabilities;
  if (p === undefined) return undefined;
  const share = `${formatPercent(p[component.language])} of the draws`;
  return component.near_tie ? `a near tie: ${share}` : share;
}

/**
 * A phrase as a sentence of its own: capital first letter, full stop.
 * @example
 * asSentence('near its edge: ...'); // 'Near its edge: ....'
 */
export function asSentence(phrase: string): string {
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}${/[.!?]$/.test(phrase) ? '' : '.'}`;
}
