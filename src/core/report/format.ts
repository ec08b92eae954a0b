/** @module Small formatting helpers shared by the text, Markdown, ADR and HTML renderers: option names, titles, numbers. */
import type { CriterionRow, Decision } from '../decision/schema.ts';
import { formatCount, formatFixed, formatNumber, listWords } from '../engine/numbers.ts';
import { moreProbableRival } from '../engine/robustness.ts';

// The one number formatter (src/core/engine/numbers.ts), shared by every renderer, the lab and the web app (through
// src/core/browser.ts).
export {
  formatAmount,
  formatColumn,
  formatCount,
  formatFigure,
  formatFixed,
  formatMib,
  formatNumber,
  formatRate,
  formatRateColumn,
} from '../engine/numbers.ts';

export type Option = 'go' | 'rust' | 'hybrid';

/** The name each option goes by in reports. */
export const OPTION_LABELS: Record<Option, string> = {
  go: 'Go',
  rust: 'Rust',
  hybrid: 'Hybrid (Go and Rust, split by component)',
};

/** A verdict's short name, for a sentence or a table cell: "Hybrid" where OPTION_LABELS spells the split out. */
export const VERDICT_NAMES: Record<Option, string> = { go: 'Go', rust: 'Rust', hybrid: 'Hybrid' };

/** A criterion id as words: `latency_predictability` -> `Latency predictability`. */
export function criterionLabel(id: string): string {
  const words = id.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The shares the product draws lines at: a majority of the draws, a near tie or close call (under 70%), the track
 * record's top band (90% and above).
 */
const THRESHOLD_PERCENTS = new Set([50, 70, 90]);

/**
 * A 0..1 share as a whole percentage ("93%"); shares under 1% but above 0 show as "<1%", and shares above 99% but
 * below 1 as ">99%", so 9,995 of 10,000 draws never read as "100%" (nor 5 of them as "0%"). A share just under one of
 * the product's thresholds (50%, 70%, 90%) shows a decimal, so it never reads as the line it is under: 0.6958 is
 * "69.6%", where "70%" would contradict "a near tie" beside it.
 * @example
 * formatPercent(0.6753); // '68%'
 * formatPercent(0.6958); // '69.6%'
 */
export function formatPercent(share: number): string {
  if (share > 0 && share < 0.005) return '<1%';
  if (share < 1 && share >= 0.995) return '>99%';
  const whole = Math.round(share * 100);
  return THRESHOLD_PERCENTS.has(whole) && share * 100 < whole ? percentOneDecimal(share) : `${whole}%`;
}

/**
 * A share as a percentage with one decimal, rounded unless rounding would lift it to a round ten it is under
 * (0.69996 is "69.9%", not "70.0%").
 * @example
 * percentOneDecimal(0.4959); // '49.6%'
 */
export function percentOneDecimal(share: number): string {
  const tenths = Math.round(share * 1000);
  const shown = tenths % 100 === 0 && share * 1000 < tenths ? tenths - 1 : tenths;
  return `${(shown / 10).toFixed(1)}%`;
}

/**
 * A decision's confidence as a percentage, as every other share is shown (formatPercent), so the confidence line and
 * the verdict's probability beside it read the same; kept as the one name the reports use for it.
 * @example
 * formatConfidence({ confidence: 0.6753 }); // '68%'
 * formatConfidence({ confidence: 0.6985 }); // '69.9%'
 */
export function formatConfidence(decision: { confidence: number }): string {
  return formatPercent(decision.confidence);
}

/**
 * Where a stakeholder's own plan parts from the group's, as a clause: "differs on control and admin-api", or "" when
 * it does not (or the decision has no components); `wrap` sets it in its sentence, escaped as the format needs.
 * @example
 * differsOn({ differs_on: ['control', 'admin-api'] }); // 'differs on control and admin-api'
 * differsOn({ differs_on: [] }, (c) => `; ${c}`); // ''
 */
export function differsOn(
  stakeholder: { differs_on?: string[] | undefined },
  wrap: (clause: string) => string = (clause) => clause,
): string {
  const names = stakeholder.differs_on ?? [];
  return names.length === 0 ? '' : wrap(`differs on ${listWords(names)}`);
}

/**
 * A weighted score out of 10 with a fixed two decimals, so scores side by side line up and compare ("7.50",
 * never "7.5" next to "7.47").
 * @example
 * formatScore(7.5); // '7.50'
 */
export function formatScore(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = n.toFixed(2);
  return /^-0\.?0*$/.test(fixed) ? fixed.slice(1) : fixed;
}

/**
 * Two shares as percentages that can be told apart: whole percentages when they differ at that precision,
 * else one decimal (then two), so "5.5% (now 6.2%)" never reads "6% (now 6%)".
 * @example
 * formatPercentPair(0.055, 0.062); // ['5.5%', '6.2%']
 * formatPercentPair(0.3, 0.05); // ['30%', '5%']
 */
export function formatPercentPair(a: number, b: number): [string, string] {
  if (formatPercent(a) !== formatPercent(b) || a === b) return [formatPercent(a), formatPercent(b)];
  for (const digits of [1, 2]) {
    const pair: [string, string] = [`${(a * 100).toFixed(digits)}%`, `${(b * 100).toFixed(digits)}%`];
    if (pair[0] !== pair[1] || digits === 2) return pair;
  }
  return [formatPercent(a), formatPercent(b)];
}

/**
 * A decision's three probabilities as percentages that can be told apart: one decimal for all three when two that
 * differ would read alike ("Go 50%, Rust 50%" beside a Rust verdict read as a contradiction), or when one sits just
 * under a round ten.
 * @example
 * formatProbabilities({ go: 0.4959, rust: 0.5041, hybrid: 0 }); // { go: '49.6%', rust: '50.4%', hybrid: '0.0%' }
 */
export function formatProbabilities(p: { go: number; rust: number; hybrid: number }): {
  go: string;
  rust: string;
  hybrid: string;
} {
  const values = [p.go, p.rust, p.hybrid];
  const alike = values.some((a, i) =>
    values.some((b, j) => j > i && a !== b && a > 0 && b > 0 && formatPercent(a) === formatPercent(b)),
  );
  // One shown with a decimal (just under a round ten) gives the others theirs, so the three read alike.
  const decimal = alike || values.some((x) => formatPercent(x).includes('.'));
  const show = (x: number) => (decimal ? percentOneDecimal(x) : formatPercent(x));
  return { go: show(p.go), rust: show(p.rust), hybrid: show(p.hybrid) };
}

/**
 * A sensitivity row's weight now and the weight at which the verdict flips, as every report shows them side by
 * side: "never" when no weight flips it, one decimal more when the two would round to the same percentage, "at the
 * edge" (with `edge`) when the flip weight is the weight now at the decision's precision (a move of 0.1 point one way
 * flips the verdict; "7% (now 7%)" would read as a contradiction), and no `now` when the decision has no criterion
 * row for it. `to` names the verdict past the flip (two criteria can tip a hybrid to different languages); absent
 * when nothing flips, and in decisions saved before `flips_to` was kept.
 * @example
 * sensitivityWeights(decision, { criterion: 'onboarding', flip_weight: 0.062, flips_to: 'go' }); // { now: '5.5%', flip: '6.2%', edge: false, to: 'Go' }
 * sensitivityWeights(decision, { criterion: 'onboarding', flip_weight: 0.055 }); // { now: '5.5%', flip: 'at the edge', edge: true, to: undefined }
 */
export function sensitivityWeights(
  decision: Decision,
  row: Decision['sensitivity'][number],
): { now: string | undefined; flip: string; edge: boolean; to: string | undefined } {
  const to = row.flips_to === undefined ? undefined : VERDICT_NAMES[row.flips_to];
  const now = decision.criteria.find((c) => c.id === row.criterion)?.weight;
  if (row.flip_weight === null)
    return { now: now === undefined ? undefined : formatPercent(now), flip: 'never', edge: false, to };
  if (now === undefined) return { now: undefined, flip: formatPercent(row.flip_weight), edge: false, to };
  const [nowText, flip] = formatPercentPair(now, row.flip_weight);
  if (nowText === flip) return { now: `${(now * 100).toFixed(1)}%`, flip: 'at the edge', edge: true, to };
  return { now: nowText, flip, edge: false, to };
}

/**
 * A stakeholder's verdict (what the central weights give) with the verdict that wins more of their draws, when
 * another does, so the row does not read as a contradiction of its probabilities.
 * @example
 * verdictWithRival('go', { go: 0.35, rust: 0.65, hybrid: 0 }); // 'Go (Rust wins more draws)'
 */
export function verdictWithRival(verdict: Option, probabilities: Record<Option, number>): string {
  const rival = moreProbableRival(verdict, probabilities);
  return rival === undefined
    ? VERDICT_NAMES[verdict]
    : `${VERDICT_NAMES[verdict]} (${VERDICT_NAMES[rival]} wins more draws)`;
}

/**
 * What the confidence means, in one phrase a sceptical reader can check: how many of the random weight
 * perturbations keep the verdict, and (for a single language) how far apart the two scores are. A confidence of
 * 100% is about robustness to the weights, not a wide lead; the margin says how wide the lead is.
 * @example
 * confidenceMeaning(decision); // '9,312 of 10,000 draws of weights (±30%), ratings and uncertain inputs keep this verdict; ...; score margin 0.90 of 10'
 */
export function confidenceMeaning(decision: Decision): string {
  const kept = perturbationsKept(decision);
  const rival = moreProbableRival(decision.verdict, decision.probabilities);
  // The verdict is what the central weights and ratings give; in a near tie another can take more of the draws.
  const rivalNote =
    rival === undefined
      ? ''
      : `; more draws give ${VERDICT_NAMES[rival]} (${formatPercent(decision.probabilities[rival])}): this verdict is what the central weights and ratings give`;
  if (decision.verdict === 'hybrid') return `${kept}${rivalNote}`;
  const shown = verdictMargin(decision);
  const where = shown.component === undefined ? '' : ` in its closest component, ${shown.component}`;
  const gate = overridingGate(decision, shown);
  if (gate !== undefined) {
    const other = decision.verdict === 'go' ? 'rust' : 'go';
    return `${kept}; score margin ${formatScore(shown.margin)} of 10 in ${VERDICT_NAMES[other]}'s favour${where}, but a hard gate decides (${gate.id})${rivalNote}`;
  }
  return `${kept}; score margin ${formatScore(shown.margin)} of 10${where}${rivalNote}`;
}

/**
 * The project-wide gate that decided a single-language verdict its own scores do not favour (a WebAssembly-only
 * deliverable where Go scores higher), or undefined: then the scores and the verdict agree.
 * @example
 * overridingGate(wasmOnly, verdictMargin(wasmOnly)); // { id: 'gate-wasm-only-target', favors: 'rust', ... }
 */
export function overridingGate(
  decision: Pick<Decision, 'verdict' | 'gates'>,
  margin: { go: number; rust: number },
): Decision['gates'][number] | undefined {
  if (decision.verdict === 'hybrid') return undefined;
  const other = decision.verdict === 'go' ? 'rust' : 'go';
  if (Number(formatScore(margin[decision.verdict])) >= Number(formatScore(margin[other]))) return undefined;
  return decision.gates.find((g) => g.component === undefined && g.favors === decision.verdict);
}

/**
 * The score margin a single-language verdict rests on, from the scores as shown (two decimals, so the margin is
 * their visible difference: 7.96 - 5.79 = 2.17). A project with components is decided component by component, so
 * its margin is that of the component nearest the other language, named, with that component's scores (a component
 * a gate decided is left out: its scores did not decide it); the whole project's scores (which can tie while every
 * component leans one way) only when no other component row has scores.
 * @example
 * verdictMargin(decision); // { margin: 2.17, go: 7.96, rust: 5.79, component: undefined }
 * verdictMargin(withComponents); // { margin: 0.25, go: 7.67, rust: 7.42, component: 'inference-serving' }
 */
export function verdictMargin(decision: Pick<Decision, 'components' | 'gates' | 'scores'>): {
  margin: number;
  go: number;
  rust: number;
  component: string | undefined;
} {
  const shown = (n: number) => Number(formatScore(n));
  // 7.4 - 6.3 is 1.1000000000000005 in binary floating point: the margin is the difference as shown.
  const gap = (go: number, rust: number) => shown(Math.abs(shown(go) - shown(rust)));
  const gated = new Set(decision.gates.map((g) => g.component));
  const rows = decision.components.flatMap((c) =>
    c.scores === undefined || gated.has(c.name)
      ? []
      : [
          {
            name: c.name,
            go: c.scores.go,
            rust: c.scores.rust,
            margin: gap(c.scores.go, c.scores.rust),
          },
        ],
  );
  const closest = rows.reduce<(typeof rows)[number] | undefined>(
    (best, row) => (best === undefined || row.margin < best.margin ? row : best),
    undefined,
  );
  if (closest !== undefined)
    return { margin: closest.margin, go: closest.go, rust: closest.rust, component: closest.name };
  const { go, rust } = decision.scores;
  return { margin: gap(go, rust), go, rust, component: undefined };
}

/**
 * What `confidence` counts: the share of SMAA draws (weights, ratings and the uncertain models perturbed together)
 * that keep the verdict, and beside it, when the decision carries it, the weights-only "robustness to priorities".
 * @example
 * perturbationsKept(decision);
 * // '9,312 of 10,000 draws of weights (±30%), ratings and uncertain inputs keep this verdict; with the weights alone varied, 97%'
 */
export function perturbationsKept(decision: Decision): string {
  const spread =
    decision.weight_spread === undefined ? '' : ` (±${formatNumber(decision.weight_spread * 100, 1)}%)`;
  const what = `draws of weights${spread}, ratings and uncertain inputs keep this verdict`;
  const kept =
    decision.samples === undefined
      ? `${formatPercent(decision.confidence)} of ${what}`
      : `${formatCount(decision.confidence * decision.samples)} of ${formatCount(decision.samples)} ${what}`;
  const priorities = decision.robustness_to_priorities;
  return priorities === undefined
    ? kept
    : `${kept}; with the weights alone varied, ${formatPercent(priorities)}`;
}

/**
 * How often verdicts given a probability like this one were right on real decisions the engine was not tuned on (the
 * decision's `track_record`), as one sentence; undefined when the decision carries none (one saved before it existed).
 * @example
 * trackRecordSentence(decision);
 * // 'Track record: of the verdicts gorust gave at 90% or more on 362 real decisions it was not tuned on, 238 of 251 were right (95%).'
 */
export function trackRecordSentence(decision: Decision): string | undefined {
  const record = decision.track_record;
  if (record === undefined || record.total === 0) return undefined;
  const band =
    record.from === 0
      ? `below ${formatPercent(record.to)}`
      : record.to >= 1
        ? `at ${formatPercent(record.from)} or more`
        : `at ${formatPercent(record.from)} to ${formatPercent(record.to)}`;
  return `Track record: of the verdicts gorust gave ${band} on ${formatCount(record.cases)} real decisions it was not tuned on, ${formatCount(record.right)} of ${formatCount(record.total)} were right (${formatPercent(record.right / record.total)}).`;
}

/**
 * A criterion's rating (0 to 10) at one decimal, always, so a column of ratings and the ratings in a sentence read
 * alike ("9.0" beside "9.4", never "9").
 * @example
 * formatRating(9); // '9.0'
 */
export function formatRating(n: number): string {
  return formatFixed(n, 1);
}

/**
 * Which language a criterion the stakeholders weigh differently favours, as a clause to follow its name, so a reader
 * sees what their disagreement is about: ", which favours Go (8.0 vs 6.5)"; nothing for a criterion not rated.
 * @example
 * favoursClause(decision, 'development_speed'); // ', which favours Go (8.0 vs 6.5)'
 */
export function favoursClause(decision: Pick<Decision, 'criteria'>, criterion: CriterionRow['id']): string {
  const row = decision.criteria.find((c) => c.id === criterion);
  if (row === undefined) return '';
  if (row.go === row.rust) return `, on which Go and Rust rate alike (${formatRating(row.go)})`;
  const [high, low] = row.go > row.rust ? [row.go, row.rust] : [row.rust, row.go];
  return `, which favours ${row.go > row.rust ? 'Go' : 'Rust'} (${formatRating(high)} vs ${formatRating(low)})`;
}

/**
 * A signed contribution with a fixed two decimals, as scores have, so a column of them lines up and compares
 * ("+0.30" beside "+0.34", never "+0.3"): "+0.90" favours Go, "-0.60" favours Rust.
 * @example
 * formatSigned(0.3); // '+0.30'
 */
export function formatSigned(n: number): string {
  const text = formatScore(n);
  return n > 0 && text !== '0.00' ? `+${text}` : text;
}

/** The project's name, or a neutral stand-in when the decision does not carry it. */
export function projectName(decision: Decision): string {
  return decision.project?.name ?? 'the project';
}

/**
 * The one-line title of the decision, as the Markdown and HTML reports (and the ADR, outside a tie) use it. A close
 * call between the two languages is titled as one, with the model's lean, not as an instruction to use it.
 * @example
 * decisionTitle(decision); // 'Use Go for Billing API', or at a close call 'Go or Rust for Billing API: leaning Go'
 */
export function decisionTitle(decision: Decision): string {
  const name = projectName(decision);
  if (decision.verdict === 'hybrid') return `Split ${name} between Go and Rust`;
  if (decision.close_call) return `Go or Rust for ${name}: leaning ${OPTION_LABELS[decision.verdict]}`;
  return `Use ${OPTION_LABELS[decision.verdict]} for ${name}`;
}

/** Criteria ordered by how much they moved the result (largest |contribution| first), ties by weight then id. */
export function byImpact(criteria: readonly CriterionRow[]): CriterionRow[] {
  return [...criteria].sort(
    (a, b) =>
      Math.abs(b.contribution) - Math.abs(a.contribution) || b.weight - a.weight || a.id.localeCompare(b.id),
  );
}

/** Which language a criterion row favours, or 'tie'. */
export function rowFavours(row: CriterionRow): 'go' | 'rust' | 'tie' {
  if (row.go > row.rust) return 'go';
  if (row.rust > row.go) return 'rust';
  return 'tie';
}

/**
 * What a lab run did to a criterion's prior, in one line (undefined when no run measured it): replaced (with the
 * prior and the measured ratings) or kept beside a comparison that is not significant.
 * @example
 * labUseLine(row); // "lab: prior kept (Go 6, Rust 9); not significant: http-json Go p99 2.1 ms vs ..."
 */
export function labUseLine(row: CriterionRow): string | undefined {
  const lab = row.lab;
  if (lab === undefined) return undefined;
  const prior = `Go ${formatRating(lab.prior.go)}, Rust ${formatRating(lab.prior.rust)}`;
  const beside =
    lab.not_significant.length > 0 ? `; not significant, shown only: ${lab.not_significant.join('; ')}` : '';
  if (lab.use === 'replaced' && lab.measured !== undefined) {
    return `lab: prior (${prior}) replaced by the measured ratings (Go ${formatRating(lab.measured.go)}, Rust ${formatRating(lab.measured.rust)})${beside}`;
  }
  return `lab: prior kept (${prior})${beside}`;
}

/**
 * A recorded verdict (an ADR's, a saved decision's) that holds but whose probability fell by this much or more is reported as weaker: a policy
 * choice, not a statistical test (with the recorded seed the same inputs give the same probability, so any fall is
 * real; ten points is where it starts to matter for a record a team defends).
 */
export const WEAKER_DROP = 0.1;

/**
 * How a verdict that holds has weakened since it was recorded, in words, or undefined when it has not: it became a
 * close call, or its probability fell by WEAKER_DROP or more (records written before the probability was recorded
 * can only tell the first).
 * @example
 * weakening({ close_call: false, confidence: 0.93 }, { close_call: true, confidence: 0.58 });
 * // 'now a close call: P(verdict) 93% -> 58%'
 */
export function weakening(
  recorded: { close_call?: boolean | undefined; confidence?: number | undefined },
  now: { close_call: boolean; confidence: number },
): string | undefined {
  const fell =
    recorded.confidence !== undefined && recorded.confidence - now.confidence >= WEAKER_DROP - 1e-9;
  const turnedClose = recorded.close_call === false && now.close_call;
  if (!fell && !turnedClose) return undefined;
  // A close call is below the close-call threshold, and formatPercent never shows 69.6% as the "70%" it is below.
  const nowText = formatPercent(now.confidence);
  const change =
    recorded.confidence === undefined
      ? `P(verdict) now ${nowText}`
      : `P(verdict) ${formatPercent(recorded.confidence)} -> ${nowText}`;
  return turnedClose ? `now a close call: ${change}` : change;
}
