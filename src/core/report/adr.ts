/** @module The decision as a concise Architecture Decision Record: MADR 4.0.0 (default), log4brains' header-list variant, or Nygard's format for adr-tools. The project's own facts in Context, at most five drivers tied to them, consequences as changes to the team's work, confirmation with lab commands, and revisit triggers computed from the model. The date is a parameter: the core has no clock. */
import type { BoundaryRow, CriterionRow, Decision, Disagreement } from '../decision/schema.ts';
import { entryComponents } from '../engine/conditions.ts';
import { setAsideFacts } from '../engine/decide.ts';
import { GATE_IDS } from '../engine/gates.ts';
import { projectSloSpentByPlan } from '../engine/hybrid.ts';
import { listWords, roundTo } from '../engine/numbers.ts';
import type { Evidence } from '../kb/schema.ts';
import type { Profile } from '../profile/schema.ts';
import {
  EXISTING_CODE_LANGUAGE_NAMES,
  type Language,
  LEVELS,
  type Level,
  MECHANISM_NAMES,
  type Mechanism,
} from '../profile/vocabulary.ts';
import {
  asSentence,
  componentNames,
  componentOdds,
  decisiveFactEffect,
  decisiveFactLabel,
  decisiveFactStance,
  gateOdds,
  shownDecisiveFacts,
} from './decisive.ts';
import { escapeUserText, fileSlug, inlineWithNames } from './escape.ts';
import { ownCodeWords, ownTeamWords, type ProfileFact, profileFacts } from './facts.ts';
import {
  byImpact,
  criterionLabel,
  decisionTitle,
  differsOn,
  favoursClause,
  formatAmount,
  formatConfidence,
  formatCount,
  formatMib,
  formatNumber,
  formatPercent,
  formatRating,
  formatScore,
  OPTION_LABELS,
  type Option,
  overridingGate,
  perturbationsKept,
  projectName,
  trackRecordSentence,
  VERDICT_NAMES,
  verdictMargin,
} from './format.ts';
import { wrapMarkdown } from './md-wrap.ts';
import { type RevisitTrigger, triggerSentence } from './triggers.ts';
import { policyChoices, policyChoiceText } from './weight-basis.ts';

/** The three record layouts: which ADR tool reads which is in the README. */
export const ADR_TEMPLATES = ['madr', 'log4brains', 'nygard'] as const;
export type AdrTemplate = (typeof ADR_TEMPLATES)[number];

/** Where an evidence id's source lives, for links: from the knowledge base (`evidenceSources(kb)`). */
export type EvidenceSources = Record<string, Pick<Evidence, 'source' | 'organisation' | 'year' | 'claim'>>;

/** What gorust records in the ADR (an HTML comment at its end) so `gorust check` can decide again. */
export type AdrRecordMeta = {
  /** Profile path relative to `base`: the repository root, or the ADR's folder when there is no repository. */
  profile?: string | undefined;
  base?: 'repo' | 'adr' | undefined;
  profile_sha256?: string | undefined;
  kb_sha256?: string | undefined;
};

export type AdrOptions = {
  /** The record's date, YYYY-MM-DD (the CLI passes today's date). */
  date: string;
  /** Status; default "proposed": a generated record is a proposal until the team accepts it. */
  status?: string | undefined;
  /** The profile file the decision came from (repository-relative), for the commands in Confirmation. Default gorust.yaml. */
  profilePath?: string | undefined;
  template?: AdrTemplate | undefined;
  /** The record's number (Nygard titles are "# N. Title"). */
  number?: number | undefined;
  deciders?: readonly string[] | undefined;
  consulted?: readonly string[] | undefined;
  informed?: readonly string[] | undefined;
  /** The profile, for the facts in Context and drivers; without it the record names criteria only. */
  profile?: Profile | undefined;
  /** Revisit triggers computed from the model (`revisitTriggers`). */
  triggers?: readonly RevisitTrigger[] | undefined;
  sources?: EvidenceSources | undefined;
  /** A link to the full report, relative to the record. */
  reportLink?: string | undefined;
  /** The ADR folder, for the commands in Confirmation (`gorust check docs/adr`); unknown (a record printed to
   * standard output): `gorust check`, which finds the usual folders. */
  adrFolder?: string | undefined;
  /** The record this one supersedes: its number and file name. */
  supersedes?: { number: number; file: string } | undefined;
  record?: AdrRecordMeta | undefined;
};

const MAX_DRIVERS = 5;
const MAX_PROS_CONS = 5;
const MAX_LISTED_COMPONENTS = 8;
const MAX_SOURCES = 6;
/** The record is read to the end: sources give way (down to two) where the rest already fills this many words. */
const WORD_BUDGET = 1200;
/** Evidence sources a record keeps whatever its length. */
const MIN_SOURCES = 2;

const wordCount = (lines: readonly string[]) =>
  lines.reduce((sum, line) => sum + line.split(/\s+/).filter((w) => w.length > 0).length, 0);
/** Ratings this close (0-10 scale) read as "Neutral": the criterion does not separate the options. */
const CLOSE_RATINGS = 0.5;

/** The marker of gorust's machine-readable record data. */
export const ADR_MARKER = 'gorust-adr';

/**
 * An explanation without its leading "Go 9 vs Rust 6:", for places where the record states the ratings itself.
 * @example
 * withoutRatings('Rust 9 vs Go 6: No collector.'); // 'No collector.'
 */
export function withoutRatings(why: string): string {
  return why.replace(/^(Go|Rust) [\d.]+ vs (Go|Rust) [\d.]+: /, '');
}

/** The knowledge-base explanation of a rating without the leading ratings and without the weight reasons. */
export function briefWhy(why: string): string {
  const rest = withoutRatings(why);
  const cut = rest.search(/ (Weight: |Ratings shifted |Measured on this machine)/i);
  return cut === -1 ? rest : rest.slice(0, cut);
}

/** The first sentence of a text. */
function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return match?.[1] ?? text;
}

/** A claim in the list of sources: its first sentence up to this many words, else cut at a clause end. */
const EXCERPT_WORDS = 24;

/**
 * A claim short enough for the record's list of sources: its first sentence when that is short, else its words up
 * to the last clause boundary (`,` `;` `:` or a dash) within the first 24 words, with an ellipsis, and never inside
 * an open parenthesis, so a claim is not cut into something it does not say.
 * @example
 * claimExcerpt('Go is simple. It compiles fast.'); // 'Go is simple.'
 */
export function claimExcerpt(claim: string): string {
  // "e.g." and "i.e." end no sentence.
  const sentence = firstSentence(claim.trim().replace(/\b(e\.g|i\.e)\./g, '$1\u2024')).replace(
    /\u2024/g,
    '.',
  );
  const words = sentence.split(/\s+/);
  if (words.length <= EXCERPT_WORDS) return sentence;
  const head = words.slice(0, EXCERPT_WORDS);
  let end = head.length;
  for (let i = head.length - 1; i >= 5; i -= 1) {
    const word = head[i] as string;
    if (/[,;:]$/.test(word)) {
      end = i + 1;
      break;
    }
    // A hyphen, en dash or em dash (escaped: the CLI bundle stays ASCII, see test/cli/built.test.ts).
    if (/^[-\u2013\u2014]$/.test(word)) {
      end = i;
      break;
    }
  }
  let cut = head.slice(0, end);
  // Never leave a parenthesis open: cut before it.
  const open = (list: string[]) => list.join(' ').split('(').length > list.join(' ').split(')').length;
  while (cut.length > 5 && open(cut))
    cut = cut.slice(
      0,
      cut.findLastIndex((w) => w.includes('(')),
    );
  return `${cut.join(' ').replace(/[,;:]$/, '')}…`;
}

/** Build the evidence lookup the renderers link sources from. */
export function evidenceSources(evidence: readonly Evidence[]): EvidenceSources {
  return Object.fromEntries(
    evidence.map((e) => [
      e.id,
      { source: e.source, organisation: e.organisation, year: e.year, claim: e.claim },
    ]),
  );
}

const short = (option: Option) => VERDICT_NAMES[option];

/** The line a tie's record leaves the decision-makers to complete (`decide --force` keeps it once completed). */
export const TIE_BREAKER_LABEL = 'Tie-breaker (the decision-makers fill this in):';
export const TIE_BREAKER = `${TIE_BREAKER_LABEL} ____ chose ____ because ____.`;

/** "Consulted: SRE" lines, each a paragraph, for the people a layout has no header field for; none for nobody. */
function peopleLines(r: AdrParts, lists: [string, readonly string[] | undefined][]): string[] {
  return lists.flatMap(([label, list]) =>
    list !== undefined && list.length > 0 ? [`${label}: ${r.esc(list.join(', '))}`, ''] : [],
  );
}

/**
 * Lines ADR tools read as one line, kept whole by the wrapper: log4brains' header list (Status, Deciders, Date),
 * adr-tools' "Supersedes [..](..)" link, the Nygard people lines gorust reads back.
 */
const TOOL_LINE =
  /^(?:[*-] (?:Status|Deciders|Date):|Supersedes \[|Superseded by \[|This record supersedes \[|(?:Deciders|Consulted|Informed): )/;

/**
 * Render a decision as an Architecture Decision Record (MADR 4.0.0 by default).
 * @example
 * writeFileSync(`docs/adr/${adrFileName(decision, 7)}`, renderAdr(decision, { date: '2026-11-27', profile }));
 */
export function renderAdr(decision: Decision, options: AdrOptions): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date))
    throw new RangeError(`ADR date must be YYYY-MM-DD, got ${options.date}`);
  const template = options.template ?? 'madr';
  const status = (options.status ?? 'proposed').replace(/["\\\n\r]/g, '').trim() || 'proposed';
  const r = new AdrParts(decision, options);
  const title = r.esc(adrTitle(decision));
  const out: string[] = [];
  const names = (list: readonly string[] | undefined, placeholder: string) =>
    list !== undefined && list.length > 0 ? list.join(', ') : placeholder;
  const deciders = names(options.deciders ?? r.stakeholderNames(), '(to be named)');
  const consulted = names(options.consulted, '(to be named)');
  const informed = names(options.informed, '(to be named)');

  if (template === 'madr') {
    out.push(
      '---',
      `status: "${status}"`,
      `date: ${options.date}`,
      `decision-makers: ${yamlString(deciders)}`,
      `consulted: ${yamlString(consulted)}`,
      `informed: ${yamlString(informed)}`,
      '---',
      `# ${title}`,
      '',
    );
  } else if (template === 'log4brains') {
    // log4brains reads every name on the Deciders line as a person: with nobody named yet, the line is left out.
    const named = options.deciders ?? r.stakeholderNames();
    out.push(
      `# ${title}`,
      '',
      `* Status: ${status}`,
      ...(named !== undefined && named.length > 0 ? [`* Deciders: ${r.esc(deciders)}`] : []),
      `* Date: ${options.date}`,
      '',
      // log4brains' header has no field for them: they follow it as lines of their own, as in the Nygard layout.
      ...peopleLines(r, [
        ['Consulted', options.consulted],
        ['Informed', options.informed],
      ]),
    );
  } else {
    const status1 = status.charAt(0).toUpperCase() + status.slice(1);
    // adr-tools' layout has no people; the ones given are kept on lines under the date, which its tools leave alone.
    const people = peopleLines(r, [
      ['Deciders', options.deciders ?? r.stakeholderNames()],
      ['Consulted', options.consulted],
      ['Informed', options.informed],
    ]);
    out.push(
      `# ${options.number ?? 1}. ${title}`,
      '',
      `Date: ${options.date}`,
      '',
      ...people,
      '## Status',
      '',
      status1,
      '',
    );
    if (options.supersedes !== undefined) out.push(`Supersedes ${r.supersedesLink()}`, '');
  }

  out.push(template === 'nygard' ? '## Context' : '## Context and Problem Statement', '', ...r.context(), '');
  const drivers = r.drivers();
  if (template === 'nygard') {
    if (drivers.length > 0) out.push('Decision drivers:', '', ...drivers.map((d) => `* ${d}`), '');
    out.push('## Decision', '', ...r.outcome(), '', ...r.dissent(), ...r.trackRecord());
    out.push(`Options considered: ${r.options().join(', ')}.`, '');
    out.push('## Consequences', '', ...r.consequencesLead(), ...r.consequences().map((c) => `* ${c}`), '');
    out.push('Confirmation:', '', ...r.confirmation().map((c) => `* ${c}`), '');
    out.push(...r.moreInformation(wordCount(out)));
  } else {
    if (drivers.length > 0) out.push('## Decision Drivers', '', ...drivers.map((d) => `* ${d}`), '');
    out.push('## Considered Options', '', ...r.options().map((o) => `* ${o}`), '');
    out.push('## Decision Outcome', '', ...r.outcome(), '', ...r.dissent(), ...r.trackRecord());
    out.push('### Consequences', '', ...r.consequencesLead(), ...r.consequences().map((c) => `* ${c}`), '');
    out.push('### Confirmation', '', ...r.confirmation().map((c) => `* ${c}`), '');
    out.push('## Pros and Cons of the Options', '', ...r.prosAndCons());
    out.push('## More Information', '', ...r.moreInformation(wordCount(out) + 2));
  }
  out.push(recordComment(decision, options), '');
  return wrapMarkdown(out.join('\n'), 80, TOOL_LINE);
}

/** The record's title: what is decided, or for a close call, that it is a tie. */
export function adrTitle(decision: Decision): string {
  if (decision.close_call && decision.verdict !== 'hybrid') {
    // The two verdicts the draws split between, in the options' order: usually Go and Rust, but a component at the
    // edge of a gate can make it Go or Hybrid (the title said "Go or Rust" while Rust held 3% until 2026-12-07).
    const [a, b] = tiedOptions(decision);
    return `${VERDICT_NAMES[a]} or ${VERDICT_NAMES[b]} for ${projectName(decision)}: a tie for the team to break`;
  }
  return decisionTitle(decision);
}

/** The verdict and the likeliest other verdict by the draws, in the options' order (Go, Rust, Hybrid). */
function tiedOptions(decision: Decision): [Option, Option] {
  const order: Option[] = ['go', 'rust', 'hybrid'];
  const other = order
    .filter((v) => v !== decision.verdict)
    .sort(
      (x, y) => decision.probabilities[y] - decision.probabilities[x] || order.indexOf(x) - order.indexOf(y),
    )[0];
  const pair = order.filter((v) => v === decision.verdict || v === other);
  return [pair[0] ?? 'go', pair[1] ?? 'rust'];
}

/** A YAML double-quoted string (JSON's string syntax is valid YAML). */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** The machine-readable comment `gorust check` reads back; `--` is escaped so the JSON cannot end the comment. */
function recordComment(decision: Decision, options: AdrOptions): string {
  const facts =
    options.profile === undefined
      ? undefined
      : profileFacts(options.profile).map((f) => [f.key, f.label, f.value]);
  const data = {
    v: 1,
    project: projectName(decision),
    verdict: decision.verdict,
    close_call: decision.close_call,
    // P(verdict) as recorded, so `gorust check` can tell a verdict that holds but has weakened.
    confidence: recordedConfidence(decision.confidence),
    seed: decision.seed,
    lab_run: decision.lab_run,
    ...options.record,
    facts,
    ...(decision.components.length === 0
      ? {}
      : {
          plan: planEntries(decision),
          // The components that were near ties when recorded: one that becomes a near tie later is a weaker plan.
          near_ties: decision.components.filter((c) => c.near_tie === true).map((c) => c.name),
        }),
  };
  // One line without whitespace (markdownlint's line length exempts it), and no `--` that could end the comment.
  const json = JSON.stringify(data)
    .replace(/[\s<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/--/g, '-\\u002d');
  return `<!-- ${ADR_MARKER}\n${json}\n-->`;
}

/**
 * A probability as a record keeps it, three decimals, so `gorust check` prints then and now alike.
 * @example
 * recordedConfidence(0.95361); // 0.954
 */
export function recordedConfidence(p: number): number {
  return roundTo(p, 3);
}

/**
 * The plan a record keeps and `gorust check` compares: each component as [name, language], then each boundary as
 * [from, to, mechanism] (their lengths tell them apart, whatever the names hold).
 * @example
 * planEntries(decision); // [['proxy', 'rust'], ['control', 'go'], ['proxy', 'control', 'grpc']]
 */
export function planEntries(decision: Decision): string[][] {
  return [
    ...decision.components.map((c) => [c.name, c.language]),
    ...decision.boundaries.map((b) => [b.from, b.to, b.mechanism]),
  ];
}

/**
 * How the plan changed since a record: "component parser: Rust -> Go", "boundary api -> parser: cgo (FFI) -> gRPC",
 * "new boundary api -> parser (gRPC)"; empty when it did not, or when the record kept no plan.
 * @example
 * planChanges([['parser', 'rust']], [['parser', 'go']]); // ['component parser: Rust -> Go']
 */
export function planChanges(recorded: readonly string[][] | undefined, now: readonly string[][]): string[] {
  if (recorded === undefined) return [];
  // Keyed by kind and names (JSON, so no name can make two entries collide); the value is the last element.
  const keyed = (entries: readonly string[][]) =>
    new Map(entries.map((e) => [JSON.stringify(e.slice(0, -1)), e] as const));
  const before = keyed(recorded);
  const after = keyed(now);
  const name = (e: readonly string[]) =>
    e.length === 3 ? `boundary ${e[0]} -> ${e[1]}` : `component ${e[0]}`;
  const value = (e: readonly string[]) => {
    const v = e[e.length - 1] ?? '';
    return e.length === 3 ? (MECHANISM_NAMES[v as Mechanism] ?? v) : (VERDICT_NAMES[v as 'go' | 'rust'] ?? v);
  };
  const out: string[] = [];
  for (const [key, e] of after) {
    const old = before.get(key);
    if (old === undefined) out.push(`new ${name(e)} (${value(e)})`);
    else if (value(old) !== value(e)) out.push(`${name(e)}: ${value(old)} -> ${value(e)}`);
  }
  for (const [key, e] of before)
    if (!after.has(key)) out.push(`${name(e)} (${value(e)}) no longer in the plan`);
  return out;
}

/** What `gorust check` reads back from a record. */
export type AdrRecordData = AdrRecordMeta & {
  v: number;
  project: string;
  verdict: Decision['verdict'];
  close_call?: boolean;
  /** P(verdict) when recorded (three decimals); absent in records written before it was added. */
  confidence?: number;
  seed?: number;
  lab_run?: string;
  facts?: [string, string, string][];
  /**
   * The plan when recorded (decisions with components): each component as [name, language], then each boundary as
   * [from, to, mechanism]; absent in records written before it was added.
   */
  plan?: string[][];
  /** The components that were near ties when recorded (with `plan`); absent in records written before 2026-12-07. */
  near_ties?: string[];
};

/**
 * The gorust data of an ADR file's text, or undefined when the record was not written by gorust (or is damaged:
 * `adrRecordProblem` says how).
 * @example
 * readAdrRecordData(readFileSync('docs/adr/0003-use-go-for-x.md', 'utf8'))?.profile; // 'gorust.yaml'
 */
export function readAdrRecordData(text: string): AdrRecordData | undefined {
  const read = parseAdrRecord(text);
  return read !== undefined && 'data' in read ? read.data : undefined;
}

/**
 * What is wrong with the gorust data of a record that carries gorust's marker (undefined when it is sound, or when
 * the record has no gorust data at all), so `gorust check` can name a damaged record instead of skipping it.
 * @example
 * adrRecordProblem('<!-- gorust-adr\n{"v":1,,}\n-->'); // 'its data is not valid JSON (...)'
 */
export function adrRecordProblem(text: string): string | undefined {
  const read = parseAdrRecord(text);
  return read !== undefined && 'problem' in read ? read.problem : undefined;
}

function parseAdrRecord(text: string): { data: AdrRecordData } | { problem: string } | undefined {
  if (!text.includes(`<!-- ${ADR_MARKER}`)) {
    // gorust's closing line without the data under it: the end of the file was cut off (or the comment deleted), and
    // the record would otherwise drop out of `gorust check` without a word.
    return /^Generated by gorust \(/m.test(text)
      ? {
          problem: `it says it was generated by gorust, but its ${ADR_MARKER} data comment at the end is missing (was the file cut off?)`,
        }
      : undefined;
  }
  const match = new RegExp(`<!-- ${ADR_MARKER}\\s+(\\{.*\\})\\s*-->`).exec(text);
  if (!match?.[1]) return { problem: `its ${ADR_MARKER} comment holds no JSON object` };
  let data: unknown;
  try {
    data = JSON.parse(match[1]);
  } catch (error) {
    return { problem: `its data is not valid JSON (${(error as Error).message})` };
  }
  const problem = recordDataProblem(data);
  return problem === undefined ? { data: data as AdrRecordData } : { problem };
}

/** The first field of a record's data that does not have the type gorust wrote, in words. */
function recordDataProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return 'its data is not a JSON object';
  const d = data as Record<string, unknown>;
  const optional = (key: string, ok: (v: unknown) => boolean, expected: string) =>
    d[key] === undefined || ok(d[key])
      ? undefined
      : `"${key}" is ${JSON.stringify(d[key])}, expected ${expected}`;
  const isString = (v: unknown) => typeof v === 'string';
  const isFact = (f: unknown) => Array.isArray(f) && f.length === 3 && f.every(isString);
  if (typeof d.project !== 'string') return '"project" is missing or not a string';
  if (!['go', 'rust', 'hybrid'].includes(d.verdict as string))
    return `"verdict" is ${JSON.stringify(d.verdict)}, expected "go", "rust" or "hybrid"`;
  return (
    optional('profile', isString, 'a path') ??
    optional('base', (v) => v === 'repo' || v === 'adr', '"repo" or "adr"') ??
    optional(
      'seed',
      (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4294967295,
      'a whole number from 0 to 4294967295',
    ) ??
    optional('profile_sha256', isString, 'a hash') ??
    optional('kb_sha256', isString, 'a hash') ??
    optional('lab_run', isString, 'a run id') ??
    optional('close_call', (v) => typeof v === 'boolean', 'true or false') ??
    optional('confidence', (v) => typeof v === 'number' && v >= 0 && v <= 1, 'a probability from 0 to 1') ??
    optional('facts', (v) => Array.isArray(v) && v.every(isFact), 'a list of [key, label, value]') ??
    optional(
      'plan',
      (v) =>
        Array.isArray(v) &&
        v.every((e) => Array.isArray(e) && (e.length === 2 || e.length === 3) && e.every(isString)),
      'a list of [component, language] and [from, to, mechanism]',
    ) ??
    optional('near_ties', (v) => Array.isArray(v) && v.every(isString), 'a list of component names')
  );
}

/** The recorded facts as ProfileFacts. */
export function recordedFacts(data: AdrRecordData): ProfileFact[] {
  return (data.facts ?? []).map(([key, label, value]) => ({ key, label, value }));
}

/**
 * The record's file name, `NNNN-kebab-title.md` (adr-tools and MADR numbering).
 * @example
 * adrFileName(decision, 3); // '0003-use-go-for-read-states-service.md'
 */
export function adrFileName(decision: Decision, number: number): string {
  if (!Number.isInteger(number) || number < 0 || number > 9999)
    throw new RangeError(`ADR number out of range: ${number}`);
  return `${String(number).padStart(4, '0')}-${fileSlug(adrTitle(decision))}.md`;
}

/** Which language a row favours, or undefined when the ratings are equal. */
function favours(row: CriterionRow): 'go' | 'rust' | undefined {
  return row.go > row.rust ? 'go' : row.rust > row.go ? 'rust' : undefined;
}

/** The lab workload that measures a criterion for this profile, and the figure to read from it. */
function labProbe(
  id: CriterionRow['id'],
  profile: Profile | undefined,
): { workload: string; figure: string } | undefined {
  const slo = profile === undefined ? undefined : tightestSlo(profile)?.p99Ms;
  const sloText =
    slo === undefined ? 'at the rates you expect' : `within the ${formatNumber(slo)} ms p99 SLO`;
  const heap = profile?.workload.live_heap_gib;
  switch (id) {
    case 'latency_predictability':
    case 'memory_efficiency':
      return heap !== undefined && heap > 0
        ? { workload: 'gc-cache', figure: `each language's p99 ${sloText}, and Go's GC pauses` }
        : { workload: 'http-json', figure: `each language's p99 and peak RSS ${sloText}` };
    case 'runtime_performance':
      return profile?.workload.kind === 'cpu-bound'
        ? { workload: 'cpu', figure: 'the time ratio of Go to Rust on the CPU kernels' }
        : {
            workload: 'http-json',
            figure: 'the highest rate each language serves within the SLO on one core',
          };
    case 'build_speed':
    case 'deployment':
    case 'platform_reach':
      return { workload: 'build', figure: 'incremental build times and the cross-compilation matrix' };
    default:
      return undefined;
  }
}

/** The parts of one record, built from the decision and the options. */
class AdrParts {
  readonly d: Decision;
  readonly o: AdrOptions;
  readonly names: string[];
  readonly other: 'go' | 'rust';

  constructor(d: Decision, o: AdrOptions) {
    this.d = d;
    this.o = o;
    this.names = [
      projectName(d),
      ...d.components.map((c) => c.name),
      ...(o.profile?.components ?? []).map((c) => c.name),
      ...(o.profile?.stakeholders ?? []).map((s) => s.name),
    ];
    this.other = d.verdict === 'rust' ? 'go' : 'rust';
  }

  /** User text, escaped. */
  esc(text: string): string {
    return escapeUserText(text);
  }

  /** Engine or knowledge-base text, with any user names in it escaped. */
  txt(text: string): string {
    return inlineWithNames(text, this.names);
  }

  stakeholderNames(): string[] | undefined {
    // ADR tools split the people on commas (log4brains' Deciders, gorust's own reading back): a role keeps none.
    const list = this.o.profile?.stakeholders?.map((s) =>
      s.role ? `${s.name} (${s.role.replace(/\s*,\s*/g, '; ')})` : s.name,
    );
    return list !== undefined && list.length > 0 ? list : undefined;
  }

  /** The profile as prose: its path in code, or "standard input" for a record decided from `-`. */
  get profileSource(): string {
    return this.profilePath === '-' ? 'standard input' : `\`${this.profilePath}\``;
  }

  get profilePath(): string {
    return this.o.profilePath ?? 'gorust.yaml';
  }

  get seedFlag(): string {
    return this.d.seed === undefined ? '' : ` --seed ${this.d.seed}`;
  }

  context(): string[] {
    const d = this.d;
    const p = this.o.profile;
    const summary = d.project?.summary ? ` (${this.esc(d.project.summary)})` : '';
    const split =
      (p?.components?.length ?? d.components.length) > 0
        ? ', in Rust, or split between them by component'
        : ' or in Rust';
    const lines = [
      `${this.esc(projectName(d))}${summary} could be written in Go${split}. Which should we choose, for this team and this workload?`,
    ];
    if (p !== undefined) {
      const facts = profileFacts(p).filter(
        (f) => !f.key.startsWith('components.') && !f.key.startsWith('stakeholders.'),
      );
      // A project fact the components set aside is marked, so the reader does not take it for one the verdict used.
      const aside = new Set(setAsideFacts(p)?.paths ?? []);
      // The boundary plan can still spend a set-aside project SLO: then it does reach the plan.
      if (projectSloSpentByPlan(p)) aside.delete('workload.latency_slo.p99_ms');
      lines.push(
        '',
        `The facts, from ${this.profileSource}: ${facts.map((f) => `${f.label} ${this.esc(f.value)}${aside.has(f.key) ? ' (reaches no component)' : ''}`).join('; ')}.`,
      );
      const components = p.components ?? [];
      if (components.length > 0) {
        const listed = components.slice(0, MAX_LISTED_COMPONENTS).map((c) => {
          const team = ownTeamWords(c.team);
          const traits = [
            c.role,
            ...(c.latency_critical ? ['latency-critical'] : []),
            ...(c.existing_code === undefined ? [] : [ownCodeWords(c.existing_code)]),
            ...(team === undefined ? [] : [`its own team: ${team}`]),
          ];
          return `${this.esc(c.name)} (${traits.join(', ')})`;
        });
        const more =
          components.length > MAX_LISTED_COMPONENTS
            ? ` and ${components.length - MAX_LISTED_COMPONENTS} more`
            : '';
        lines.push('', `Components: ${listed.join(', ')}${more}.`);
      }
    }
    lines.push(
      '',
      d.lab_run === undefined
        ? 'The ratings are the knowledge base’s sourced priors; no lab run on our hardware was used.'
        : `Ratings marked as measured come from gorust lab run ${this.esc(d.lab_run)} on our hardware.`,
    );
    return lines;
  }

  /**
   * The facts that raised a criterion's weight, read from its weight reasons (`weight_reasons[].facts` of the rules
   * with a factor above 1), a component's by its name: "component scorer: latency-critical". Undefined when no rule
   * raised it; then the project's own facts say why it matters.
   */
  raisedBy(row: CriterionRow): string | undefined {
    const facts = (row.weight_reasons ?? []).filter((r) => r.factor > 1).flatMap((r) => r.facts);
    const words = [...new Set(facts.map((f) => decisiveFactLabel({ path: f.path, value: f.value }, this.d)))];
    return words.length === 0 ? undefined : words.join(', ');
  }

  /**
   * A component's role and workload, the traits its language was judged on first, and its odds when a near tie, as
   * " (hot-path, cpu-bound)"; empty without the profile. A reviewer sees why the components differ, not only that
   * they do.
   */
  traits(name: string, odds?: string): string {
    const p = this.o.profile;
    const c = p?.components?.find((x) => x.name === name);
    const words = [
      ...(p === undefined || c === undefined
        ? []
        : [c.role, c.workload ?? p.workload.kind, ...(c.latency_critical ? ['latency-critical'] : [])]),
      ...(odds === undefined ? [] : [odds]),
    ];
    return words.length === 0 ? '' : ` (${words.join(', ')})`;
  }

  /** The fact of this profile that bears on a criterion, in a few words. */
  factFor(id: CriterionRow['id']): string | undefined {
    const p = this.o.profile;
    if (p === undefined) return undefined;
    const w = p.workload;
    const slo =
      w.latency_slo === undefined ? undefined : `a p99 SLO of ${formatNumber(w.latency_slo.p99_ms)} ms`;
    const heap =
      w.live_heap_gib === undefined ? undefined : `a ${formatNumber(w.live_heap_gib)} GiB live heap`;
    const rps = w.peak_rps === undefined ? undefined : `${formatAmount(w.peak_rps)} requests/s at peak`;
    const team = `a team of ${p.team.size} (Go ${p.team.go}, Rust ${p.team.rust})`;
    const deadline =
      p.delivery?.deadline_weeks === undefined
        ? undefined
        : `a first release in ${formatNumber(p.delivery.deadline_weeks)} weeks`;
    const join = (...parts: (string | undefined)[]) => parts.filter((x) => x !== undefined).join(', ');
    switch (id) {
      case 'latency_predictability':
        return join(slo, heap, rps);
      case 'runtime_performance':
        return join(`an ${w.kind} workload`.replace(/^an (?=[cm])/, 'a '), rps);
      case 'memory_efficiency':
        return (
          join(
            w.memory_budget_mib === undefined
              ? undefined
              : `a ${formatMib(w.memory_budget_mib)} memory budget`,
            heap,
            rps,
          ) || `a ${w.kind} workload`
        );
      case 'safety_guarantees':
        return p.safety_critical ? 'failures cost money, safety or security' : 'not safety-critical';
      case 'concurrency_model':
        return join(`an ${w.kind} workload`.replace(/^an (?=[cm])/, 'a '), team);
      case 'development_speed':
        return join(deadline, team);
      case 'onboarding':
        return `${team}, ${p.team.turnover} turnover`;
      case 'build_speed':
        return join(deadline, `a team of ${p.team.size}`);
      case 'ecosystem_fit':
        return p.domain && p.domain.length > 0 ? `the ${p.domain.join(', ')} domain` : undefined;
      case 'deployment':
        return `targets ${p.targets.join(', ')}`;
      case 'platform_reach':
        return join(
          `targets ${p.targets.join(', ')}`,
          p.platforms?.length ? `platforms ${p.platforms.join(', ')}` : undefined,
        );
      case 'interop':
        return join(
          p.interop?.length ? `interop with ${p.interop.join(', ')}` : 'no interop needs',
          p.existing_code
            ? `existing ${EXISTING_CODE_LANGUAGE_NAMES[p.existing_code.language]} code to ${p.existing_code.plan}`
            : undefined,
        );
    }
  }

  drivers(): string[] {
    const lines: string[] = [];
    for (const gate of this.d.gates.slice(0, MAX_DRIVERS)) {
      const where = gate.component === undefined ? '' : ` for component ${this.esc(gate.component)}`;
      const odds = gateOdds(gate);
      lines.push(
        `Hard constraint${where} (favours ${OPTION_LABELS[gate.favors]}): ${this.txt(gate.reason)}${odds === undefined ? '' : ` ${asSentence(odds)}`}`,
      );
    }
    // The engine measured each fact by taking it out: the drivers are the facts that moved the verdict most.
    const facts = shownDecisiveFacts(this.d);
    if (facts.length > 0) {
      for (const f of facts.slice(0, Math.max(0, MAX_DRIVERS - lines.length))) {
        const fact = decisiveFactLabel(f, this.d);
        lines.push(
          `${this.esc(fact.charAt(0).toUpperCase() + fact.slice(1))} ${decisiveFactStance(f, this.d)}: ${this.esc(decisiveFactEffect(f, this.d))}.`,
        );
      }
      // Enough measured facts: they are the drivers. Fewer than three: the criteria that weigh most fill in.
      if (lines.length >= 3) return lines;
    }
    const rows = byImpact(this.d.criteria).filter((row) => favours(row) !== undefined && row.weight > 0);
    for (const row of rows.slice(0, Math.max(0, Math.min(MAX_DRIVERS, lines.length + 3) - lines.length))) {
      const lang = favours(row) as 'go' | 'rust';
      const other = lang === 'go' ? 'rust' : 'go';
      const fact = this.raisedBy(row) ?? this.factFor(row.id);
      const because = fact === undefined || fact === '' ? '' : ` given ${this.esc(fact)}`;
      lines.push(
        `${criterionLabel(row.id)} favours ${OPTION_LABELS[lang]}${because} (${OPTION_LABELS[lang]} ${formatRating(row[lang])} vs ${OPTION_LABELS[other]} ${formatRating(row[other])}, ${formatPercent(row.weight)} of the weight).`,
      );
    }
    return lines;
  }

  options(): string[] {
    const hybrid = (this.o.profile?.components?.length ?? this.d.components.length) > 0;
    return hybrid ? ['Go', 'Rust', OPTION_LABELS.hybrid] : ['Go', 'Rust'];
  }

  /**
   * The stakeholders whose own priorities lead elsewhere, said where the decision is stated (a reviewer should not
   * find the dissent only under More Information): a paragraph, or nothing when every stakeholder agrees.
   */
  dissent(): string[] {
    const d = this.d;
    // A stakeholder who reaches the group's Hybrid with another language for a component dissents on the plan.
    const others = (d.stakeholders ?? []).filter(
      (s) => s.verdict !== d.verdict || (s.differs_on?.length ?? 0) > 0,
    );
    if (others.length === 0) return [];
    const who = others.map(
      (s) =>
        `${this.esc(s.name)}${s.role ? ` (${this.esc(s.role)})` : ''} comes out ${short(s.verdict)} at ${formatPercent(s.probabilities[s.verdict])}${differsOn(s, (clause) => `, and ${this.esc(clause)}`)}`,
    );
    const agreement =
      d.agreement === undefined
        ? ''
        : ` ${formatPercent(d.agreement)} of the stakeholders' weight reaches the group's verdict.`;
    // The Nygard layout has no More Information heading: the stakeholders' verdicts close the record.
    const where =
      this.o.template === 'nygard'
        ? "The stakeholders' own verdicts, at the end of this record, show"
        : 'More Information shows';
    // Items that hold ", and" of their own are set apart by semicolons, or the list runs on.
    const list = who.some((w) => w.includes(', and ')) ? who.join('; ') : listWords(who);
    return [`On their own priorities, ${list}.${agreement} ${where} where their priorities differ.`, ''];
  }

  /** How far a probability like this verdict's has held on real decisions: a paragraph, or nothing. */
  trackRecord(): string[] {
    const record = trackRecordSentence(this.d);
    return record === undefined ? [] : [record, ''];
  }

  outcome(): string[] {
    const d = this.d;
    if (d.close_call && d.verdict !== 'hybrid') {
      const lean = OPTION_LABELS[d.verdict];
      const { margin, go, rust, component } = verdictMargin(d);
      const where = component === undefined ? '' : `component ${this.esc(component)}: `;
      const [a, b] = tiedOptions(d);
      // Where the tie is with Hybrid, a component's language is what is uncertain (often a gate at its edge): the
      // scores alone would name the wrong alternative.
      const doubtful = d.components.filter((c) => c.near_tie === true).map((c) => `"${this.esc(c.name)}"`);
      const split =
        a === 'hybrid' || b === 'hybrid'
          ? ` The draws split between ${VERDICT_NAMES[a]} (${formatPercent(d.probabilities[a])}) and ${VERDICT_NAMES[b]} (${formatPercent(d.probabilities[b])})${doubtful.length === 0 ? '.' : `: the language of ${listWords(doubtful)} is what is in doubt (${doubtful.length === 1 ? 'a near tie' : 'near ties'}; the facts that moved the verdict are listed above).`}`
          : '';
      return [
        `Chosen option: none yet. This is a tie: the model leans to "${lean}" by ${formatScore(margin)} of 10 (${where}Go ${formatScore(go)}, Rust ${formatScore(rust)}), and only ${perturbationsKept(d)}. A margin this small is within the uncertainty of the ratings and weights.${split}`,
        '',
        TIE_BREAKER,
        '',
        `Smallest experiment that would settle it: ${this.experiment()}`,
      ];
    }
    if (d.verdict === 'hybrid') {
      // Grouped by language, each component with the traits it was judged on, so the outcome says why they differ.
      const listed = d.components.slice(0, MAX_LISTED_COMPONENTS);
      const groups = [...new Set(listed.map((c) => c.language))].map(
        (language) =>
          `${OPTION_LABELS[language]} for ${listWords(
            listed
              .filter((c) => c.language === language)
              .map(
                (c) => `${this.esc(c.name)}${this.traits(c.name, c.near_tie ? componentOdds(c) : undefined)}`,
              ),
          )}`,
      );
      const more =
        d.components.length > MAX_LISTED_COMPONENTS
          ? ` (and ${d.components.length - MAX_LISTED_COMPONENTS} more)`
          : '';
      return [
        `Chosen option: "${OPTION_LABELS.hybrid}", because the components need different things: ${groups.join('; ')}${more}${boundaryOutcome(d.boundaries, (name) => this.esc(name)).replace(/^ and /, '; and ')}; ${perturbationsKept(d)} (confidence ${formatConfidence(d)}).`,
        ...(d.close_call ? ['', this.hybridCloseCall(), '', TIE_BREAKER] : []),
      ];
    }
    const lead = byImpact(d.criteria)
      .filter((row) => favours(row) === d.verdict)
      .slice(0, 2)
      .map((row) => criterionLabel(row.id).toLowerCase());
    const gates = d.gates
      .filter((g) => g.component === undefined && g.favors === d.verdict)
      .map((g) => (g.near_edge ? `${g.id}, ${gateOdds(g)}` : g.id));
    const gateText = gates.length > 0 ? `; a hard constraint requires it (${gates.join('; ')})` : '';
    // Decided component by component: the scores of the component nearest the other language, not the whole
    // project's (which can tie while every component leans one way).
    const margin = verdictMargin(d);
    const where =
      margin.component === undefined ? '' : ` in its closest component, ${this.esc(margin.component)}`;
    const gate = overridingGate(d, margin);
    if (gate !== undefined) {
      return [
        `Chosen option: "${OPTION_LABELS[d.verdict]}", because a hard constraint requires it (${gate.near_edge ? `${gate.id}, ${gateOdds(gate)}` : gate.id}): ${OPTION_LABELS[this.other]} scores higher on the weighed criteria, ${formatScore(margin[this.other])} against ${formatScore(margin[d.verdict])} of 10${where}, but cannot meet it; ${perturbationsKept(d)} (confidence ${formatConfidence(d)}).`,
      ];
    }
    return [
      `Chosen option: "${OPTION_LABELS[d.verdict]}", because it scores ${formatScore(margin[d.verdict])} against ${OPTION_LABELS[this.other]}'s ${formatScore(margin[this.other])} of 10${where}${lead.length > 0 ? `, led by ${lead.join(' and ')}` : ''}${gateText}; ${perturbationsKept(d)} (confidence ${formatConfidence(d)}).`,
    ];
  }

  /** The cheapest way to settle a tie: a lab run of the most decisive measurable criterion, else a spike. */
  experiment(): string {
    const probe = this.probe();
    if (probe !== undefined) {
      return `run \`gorust lab run ${probe.workload}\` on the hardware you deploy to (the full run: a \`--quick\` run cannot show significance, and \`--lab\` ignores it), compare ${probe.figure}, then \`gorust decide ${this.profilePath}${this.seedFlag} --lab latest\`.`;
    }
    return 'a two-week spike: build the same thin slice (one endpoint with its storage call) in both languages and compare delivery time, review effort and latency.';
  }

  probe(): { workload: string; figure: string; criterion: CriterionRow['id'] } | undefined {
    for (const row of byImpact(this.d.criteria)) {
      const probe = labProbe(row.id, this.o.profile);
      if (probe !== undefined && row.weight > 0) return { ...probe, criterion: row.id };
    }
    return undefined;
  }

  /**
   * What the lab run's figure confirms or refutes, by which language the ratings put ahead on the criterion it
   * measures: the chosen one, the other (chosen for its other strengths), or, for a hybrid, the one its split leans on.
   * @example
   * // 'Rust leads on runtime performance in the ratings (9.0 vs 6.5) and Go was chosen for its other strengths: a
   * // measured lead no larger than that confirms Go, a larger one refutes it' (at a tie: the model's lean to Go)
   */
  probeTest(criterion: CriterionRow['id']): string {
    const d = this.d;
    const row = d.criteria.find((r) => r.id === criterion);
    const name = criterionLabel(criterion).toLowerCase();
    const leader = row === undefined ? undefined : favours(row);
    if (row === undefined || leader === undefined)
      return `the ratings put the two languages level on ${name}, so a clear lead of either one, beyond the run's confidence interval, is evidence the record did not have`;
    const behind = leader === 'go' ? 'rust' : 'go';
    const lead = `${OPTION_LABELS[leader]} leads on ${name} in the ratings (${formatRating(row[leader])} vs ${formatRating(row[behind])})`;
    const trailer = OPTION_LABELS[behind];
    if (d.verdict === 'hybrid')
      return `${lead}; a ${OPTION_LABELS[leader]} lead beyond the run's confidence interval confirms the split, a ${trailer} lead refutes it`;
    // A tie chooses nothing yet (consequencesLead): the figures test the model's lean.
    const chosen = d.close_call
      ? `the model's lean to ${OPTION_LABELS[d.verdict]}`
      : OPTION_LABELS[d.verdict];
    if (leader === d.verdict)
      return `${lead}; it confirms ${chosen} if that lead shows in the figures, and refutes it if ${trailer} leads there by more than the run's confidence interval`;
    const why = d.close_call
      ? `the model leans to ${OPTION_LABELS[d.verdict]} for its other strengths`
      : `${OPTION_LABELS[d.verdict]} was chosen for its other strengths`;
    return `${lead} and ${why}: a measured lead no larger than that confirms ${chosen}, a larger one refutes it`;
  }

  /** A hybrid that is a close call says so, with the option that takes most of the other draws. */
  hybridCloseCall(): string {
    const d = this.d;
    const rival = (['go', 'rust'] as const).reduce((a, b) =>
      d.probabilities[b] > d.probabilities[a] ? b : a,
    );
    return `This is a close call: ${OPTION_LABELS[rival]} takes ${formatPercent(d.probabilities[rival])} of the draws. Run the measurements under Confirmation before committing to the split.`;
  }

  /** A tie chooses nothing yet: its consequences are those of the model's lean, and the record says so. */
  consequencesLead(): string[] {
    const d = this.d;
    return d.close_call && d.verdict !== 'hybrid'
      ? [`If the team follows the model's lean to ${OPTION_LABELS[d.verdict]}:`, '']
      : [];
  }

  /**
   * The experience of the people who build a language's part: with components, the least experienced team among
   * the components in that language (a component's own `team`, else the project's); otherwise the project's team.
   */
  teamLevel(lang: Language): Level | undefined {
    const p = this.o.profile;
    if (p === undefined) return undefined;
    const built = this.d.components.filter((c) => c.language === lang);
    const levels = built.map(
      (c) => p.components?.find((pc) => pc.name === c.name)?.team?.[lang] ?? p.team[lang],
    );
    if (levels.length === 0) return p.team[lang];
    return LEVELS.find((level) => levels.includes(level));
  }

  /**
   * Who teamLevel's level belongs to, as a subject: "the team", or "the people who build matcher" when every
   * component in the language states its own team (the project's team may be less fluent).
   */
  teamWho(lang: Language): string {
    const p = this.o.profile;
    const built = this.d.components.filter((c) => c.language === lang);
    const own = built.filter(
      (c) => p?.components?.find((pc) => pc.name === c.name)?.team?.[lang] !== undefined,
    );
    if (built.length === 0 || own.length < built.length) return 'the team';
    return `the people who build ${listWords(own.map((c) => escapeUserText(c.name)))}`;
  }

  consequences(): string[] {
    const d = this.d;
    const p = this.o.profile;
    const lines: string[] = [];
    const langs = d.verdict === 'hybrid' ? (['go', 'rust'] as const) : ([d.verdict] as const);
    const deadline = p?.delivery?.deadline_weeks;
    for (const lang of langs) {
      if (lang === 'go') {
        lines.push(
          d.verdict === 'hybrid'
            ? 'Good, because the Go components build and test with one fast toolchain: `go build`, `go vet`, `go test -race` and golangci-lint.'
            : 'Good, because CI builds and tests with one fast toolchain: `go build`, `go vet`, `go test -race` and golangci-lint.',
        );
        if (p !== undefined && this.teamLevel('go') === 'none')
          lines.push(
            `Bad, because nobody on the team of ${p.team.size} has Go experience: pair new Go code with an experienced reviewer.`,
          );
        const slo = p === undefined ? undefined : goSlo(p, d);
        if (slo !== undefined && sloWeighed(d, (p?.components ?? []).length > 0 ? slo : undefined))
          lines.push(
            `Bad, because meeting the ${formatNumber(slo.p99Ms)} ms p99 SLO${slo.component === undefined ? '' : ` of ${escapeUserText(slo.component)}`} depends on the collector: set GOMEMLIMIT, tune GOGC, and alert on GC pause time in production.`,
          );
      } else {
        lines.push(
          'Neutral, because CI needs a pinned toolchain (`rust-toolchain.toml`), `cargo clippy -D warnings`, `cargo test`, and a build cache: Rust builds are slower.',
        );
        const rust = p === undefined ? undefined : this.teamLevel('rust');
        if (rust !== undefined && rust !== 'strong') {
          const when = deadline === undefined ? '' : ` against the ${formatNumber(deadline)}-week deadline`;
          lines.push(
            `Bad, because ${rust === 'none' ? 'nobody on the team has written Rust' : 'the team knows some Rust but is not fluent in it'}: budget ramp-up time${when} (at Google, more than half of the developers new to Rust were as productive as before within four months), and have every change reviewed by someone fluent in ownership and lifetimes.`,
          );
        }
        lines.push(
          rust === 'strong'
            ? `Neutral, because new hires need Rust experience or time to learn it, and ${this.teamWho('rust')}, strong in Rust, can review and mentor them.`
            : 'Bad, because hiring must look for Rust experience, or train for it.',
        );
      }
    }
    if (d.verdict === 'hybrid') {
      lines.push('Bad, because the team must build, test, deploy and staff two toolchains.');
      const counts = new Map<string, number>();
      for (const b of d.boundaries) counts.set(b.mechanism, (counts.get(b.mechanism) ?? 0) + 1);
      const over = (mechanism: string) => MECHANISM_NAMES[mechanism as Mechanism];
      const n = d.boundaries.length;
      const how =
        counts.size === 1
          ? ` over ${over([...counts.keys()][0] as string)}`
          : `: ${[...counts].map(([mechanism, count]) => `${count} over ${over(mechanism)}`).join(', ')}`;
      if (n > 0)
        lines.push(
          `Bad, because ${n} boundary ${n === 1 ? 'call' : 'calls'} between Go and Rust must be built and tested${how}.`,
        );
      const chatty = d.boundaries.filter((b) => b.chatty);
      if (chatty.length > 0)
        lines.push(
          `Bad, because ${chatty.map((b) => `${this.esc(b.from)} to ${this.esc(b.to)}`).join(', ')} ${chatty.length === 1 ? 'is' : 'are'} chatty: batch the calls or move the split.`,
        );
      for (const b of d.boundaries.filter((row) => row.budget === 'over'))
        lines.push(
          `Bad, because ${this.esc(b.from)} to ${this.esc(b.to)} costs more than its p99 latency budget allows (see the caveats): batch the calls into fewer, larger ones or keep both sides in one language.`,
        );
    } else {
      const lost = byImpact(d.criteria).find((row) => favours(row) === this.other && row.weight > 0);
      if (lost !== undefined)
        lines.push(
          `Bad, because we give up ${OPTION_LABELS[this.other]}'s lead on ${criterionLabel(lost.id).toLowerCase()} (${formatRating(lost[this.other])} vs ${formatRating(lost[d.verdict])}).`,
        );
    }
    return lines;
  }

  confirmation(): string[] {
    const d = this.d;
    const lines: string[] = [];
    // No measurement overturns a project-wide gate on the deliverable itself (a WebAssembly module, hard real-time):
    // a lab run that "refutes" such a verdict would promise what it cannot do.
    const fixed = d.gates.find(
      (g) =>
        g.component === undefined &&
        g.favors === d.verdict &&
        (g.id === GATE_IDS.wasmOnly || g.id === GATE_IDS.hardRealtime),
    );
    const probe = fixed === undefined ? this.probe() : undefined;
    if (fixed !== undefined) {
      lines.push(
        `A hard gate decides this verdict (${fixed.id}), and no measurement can overturn it: revisit it only if the constraint itself changes.`,
      );
    }
    if (probe !== undefined) {
      lines.push(
        `Run \`gorust lab run ${probe.workload}\` on your production hardware and read ${probe.figure}: ${this.probeTest(probe.criterion)}.`,
      );
    }
    const boundaries = d.boundaries.slice(0, 3);
    const [only] = boundaries;
    if (boundaries.length === 1 && only !== undefined) {
      lines.push(
        `Measure the ${this.esc(only.from)} to ${this.esc(only.to)} ${only.mechanism} call with \`gorust lab run boundary\` in the first milestone: the plan assumes about ${formatNumber(only.per_call_us)} µs per call.`,
      );
    } else if (boundaries.length > 1) {
      // One line for several boundaries: the record stays short enough to be read to the end.
      const costs = boundaries.map(
        (b, i) =>
          `${formatNumber(b.per_call_us)} µs${i === 0 ? ' per call' : ''} from ${this.esc(b.from)} to ${this.esc(b.to)} (${b.mechanism})`,
      );
      // The rest are counted, not dropped without a word (QA: 4 boundaries, 3 named).
      const rest = d.boundaries.length - boundaries.length;
      const more =
        rest > 0 ? `, and ${rest} more (the full analysis, \`--format md\`, lists every boundary)` : '';
      lines.push(
        `Measure the boundary calls with \`gorust lab run boundary\` in the first milestone: the plan assumes about ${listWords(costs)}${more}.`,
      );
    }
    // A split's record also stands on its plan: `gorust check` reports a component or boundary that moved.
    const split = d.verdict === 'hybrid' && d.components.length > 0;
    const plan = split ? ' or its plan' : '';
    lines.push(
      `Decide again with the measurements, \`gorust decide ${this.profilePath}${this.seedFlag} --lab latest\`: this record holds while the verdict stays ${short(d.verdict)}${split ? ' with this plan' : ''}.`,
      this.o.record !== undefined && this.o.record.profile === undefined
        ? 'Decided from standard input, the record names no profile file, so `gorust check` cannot re-check it: decide from a profile file in the repository to keep it checked.'
        : this.o.adrFolder === undefined
          ? `Run \`gorust check\` in CI (it finds docs/adr, docs/decisions or doc/adr): it exits 3 when the profile, knowledge base or a lab run changes this verdict${plan}.`
          : `Run \`gorust check ${this.o.adrFolder}\` in CI: it exits 3 when the profile, knowledge base or a lab run changes this verdict${plan}.`,
    );
    return lines;
  }

  prosAndCons(): string[] {
    const d = this.d;
    const rows = byImpact(d.criteria).filter((r) => r.weight > 0);
    const total = rows.reduce((sum, r) => sum + Math.abs(r.contribution), 0) || 1;
    const separating: CriterionRow[] = [];
    let covered = 0;
    for (const row of rows) {
      if (separating.length >= MAX_PROS_CONS || covered >= 0.85 * total) break;
      if (Math.abs(row.go - row.rust) <= CLOSE_RATINGS) continue;
      separating.push(row);
      covered += Math.abs(row.contribution);
    }
    const neutral = rows
      .filter((r) => Math.abs(r.go - r.rust) <= CLOSE_RATINGS && r.weight >= 0.08)
      .slice(0, 2);
    const out: string[] = [];
    for (const option of ['go', 'rust'] as const) {
      const other = option === 'go' ? 'rust' : 'go';
      out.push(`### ${OPTION_LABELS[option]}`, '');
      out.push(`Weighted score ${formatScore(d.scores[option])} of 10.`, '');
      for (const row of separating.filter((r) => r[option] > r[other]))
        out.push(
          `* Good, because of ${criterionLabel(row.id).toLowerCase()} (${formatRating(row[option])} vs ${formatRating(row[other])}): ${this.txt(firstSentence(row.rationale ?? briefWhy(row.why)))}`,
        );
      if (option === 'go')
        for (const row of neutral)
          out.push(
            `* Neutral, because both rate about the same on ${criterionLabel(row.id).toLowerCase()} (Go ${formatRating(row.go)}, Rust ${formatRating(row.rust)}).`,
          );
      for (const row of separating.filter((r) => r[option] < r[other]))
        out.push(`* Bad, because it trails on ${criterionLabel(row.id).toLowerCase()}.`);
      out.push('');
    }
    if (this.options().length === 3) {
      out.push(`### ${OPTION_LABELS.hybrid}`, '');
      const languages = new Set(d.components.map((c) => c.language));
      if (languages.size > 1)
        out.push('* Good, because each component gets the language its own workload, SLO and role favour.');
      else
        out.push(
          `* Neutral, because every component fits ${OPTION_LABELS[[...languages][0] ?? 'go']}: a split buys nothing here.`,
        );
      out.push(...this.extendedCodeInSplit());
      if (d.boundaries.length > 0)
        out.push(
          `* Bad, because it adds ${d.boundaries.length} cross-language ${d.boundaries.length === 1 ? 'boundary' : 'boundaries'} to build, test and operate.`,
        );
      out.push('* Bad, because it needs two toolchains, two sets of libraries and two hiring profiles.', '');
    }
    return out;
  }

  /**
   * What the split does to components that extend their own existing code: kept in its language, the code is extended
   * in place; given the other language, it must be reached across a boundary or rewritten.
   */
  extendedCodeInSplit(): string[] {
    const byName = new Map(this.d.components.map((c) => [c.name, c.language] as const));
    const kept = new Map<'go' | 'rust', string[]>();
    const crossed: string[] = [];
    for (const c of this.o.profile?.components ?? []) {
      const code = c.existing_code;
      const language = byName.get(c.name);
      if (code?.plan !== 'extend' || language === undefined) continue;
      if (code.language === language) kept.set(language, [...(kept.get(language) ?? []), this.esc(c.name)]);
      else if (code.language === 'go' || code.language === 'rust')
        crossed.push(`${this.esc(c.name)} (${ownCodeWords(code)})`);
    }
    const out: string[] = [];
    for (const [language, names] of kept) {
      const one = names.length === 1;
      out.push(
        `* Good, because ${listWords(names)} ${one ? 'keeps' : 'keep'} extending ${one ? 'its' : 'their'} existing ${OPTION_LABELS[language]} code in place.`,
      );
    }
    if (crossed.length > 0)
      out.push(
        `* Bad, because ${listWords(crossed)} would reach ${crossed.length === 1 ? 'its' : 'their'} existing code across a language boundary, or rewrite it.`,
      );
    return out;
  }

  supersedesLink(): string {
    const s = this.o.supersedes;
    if (s === undefined) return '';
    return `[ADR-${String(s.number).padStart(4, '0')}](${encodeURI(s.file)})`;
  }

  /** The record's last part; `spent` is the words of everything above it, so the sources fit the word budget. */
  moreInformation(spent = 0): string[] {
    const d = this.d;
    const out: string[] = [];
    if (this.o.supersedes !== undefined && this.o.template !== 'nygard')
      out.push(`This record supersedes ${this.supersedesLink()}.`, '');
    const triggers = this.o.triggers;
    if (triggers !== undefined) {
      if (triggers.length > 0) {
        out.push(
          'Revisit this decision if one of these changes (each was applied to the profile and decided again):',
          '',
          ...triggers.map((t) => `* ${triggerSentence(t)}`),
          '',
        );
      } else {
        out.push(
          'No single change of the SLO, load, heap, memory budget, deadline, lifetime, team or safety inputs within round values flips this verdict; revisit when components or targets change.',
          '',
        );
      }
    }
    const stakeholders = d.stakeholders ?? [];
    if (stakeholders.length > 0) {
      const agreement =
        d.agreement === undefined
          ? ''
          : ` Agreement: ${formatPercent(d.agreement)} of the stakeholders' weight shares the group's verdict.`;
      out.push(
        `Stakeholders' own verdicts: ${stakeholders.map((s) => `${this.esc(s.name)}${s.role ? ` (${this.esc(s.role)})` : ''} ${short(s.verdict)} (${formatPercent(s.probabilities[s.verdict])})`).join('; ')}.${agreement}`,
        '',
      );
      const differ = this.disagreements();
      if (differ.length > 0)
        out.push(
          "Where the stakeholders' priorities differ most (the share of the weight each one's priorities give):",
          '',
          ...differ.map((line) => `* ${line}`),
          '',
        );
    }
    const report =
      this.o.reportLink === undefined
        ? `\`gorust decide ${this.profilePath}${this.seedFlag} --format md\``
        : `[the full report](${encodeURI(this.o.reportLink)})`;
    const choices = policyChoices(d);
    if (choices.length > 0)
      out.push(
        'Policy choices in this decision (modelling choices in `kb/weights.yaml`):',
        '',
        ...choices.map((c) => `* ${this.txt(policyChoiceText(c, componentNames(this.d)))}.`),
        '',
      );
    out.push(`Full analysis (every criterion, checklist, caveats): ${report}.`, '');
    const sources = this.sources();
    // About the words of the closing "Generated by gorust (...) from ..." line.
    const closing = 16;
    const heading = 'Sources of the weightiest ratings:';
    const evidence = sources.filter((s) => !s.startsWith('Similar project'));
    while (
      evidence.length > MIN_SOURCES &&
      spent + wordCount(out) + wordCount([heading, ...sources.map((s) => `* ${s}`)]) + closing > WORD_BUDGET
    ) {
      sources.splice(sources.indexOf(evidence.pop() as string), 1);
    }
    if (sources.length > 0) out.push(heading, '', ...sources.map((s) => `* ${s}`), '');
    const how: string[] = [];
    if (d.seed !== undefined) how.push(`seed ${d.seed}`);
    if (d.samples !== undefined) how.push(`${formatCount(d.samples)} Monte-Carlo samples`);
    how.push(d.lab_run === undefined ? 'no lab run' : `lab run ${this.esc(d.lab_run)}`);
    const hash = this.o.record?.profile_sha256;
    out.push(
      `Generated by gorust (${how.join(', ')}) from ${this.profileSource}${hash === undefined ? '' : ` (sha256 ${hash.slice(0, 12)})`}.`,
      '',
    );
    return out;
  }

  /**
   * The criteria the stakeholders weigh most differently (the decision's `disagreements`), each with the language it
   * favours, so a reviewer sees what the disagreement is about, and, with the profile, the priority behind each weight.
   * @example
   * parts.disagreements();
   * // ["Development speed, which favours Go (9.0 vs 6.0): Bob gives it 24% of the weight (priority 5 of 5),
   * //   Alice 0% (priority 0 of 5)."]
   */
  disagreements(): string[] {
    const d = this.d;
    // By name: the line of their own verdicts just above gives each one's role.
    const who = (name: string) => this.esc(name);
    const profile = this.o.profile;
    const priority = (name: string, criterion: Disagreement['criterion']) => {
      if (profile === undefined) return '';
      const own = profile.stakeholders?.find((s) => s.name === name)?.priorities?.[criterion];
      if (own !== undefined) return ` (priority ${own} of 5)`;
      const project = profile.priorities?.[criterion];
      return project === undefined ? ' (no priority stated)' : ` (the project's priority, ${project} of 5)`;
    };
    return (d.disagreements ?? []).map((g) => {
      const favours = favoursClause(d, g.criterion);
      return `${criterionLabel(g.criterion)}${favours}: ${who(g.max_by)} gives it ${formatPercent(g.max)} of the weight${priority(g.max_by, g.criterion)}, ${who(g.min_by)} ${formatPercent(g.min)}${priority(g.min_by, g.criterion)}.`;
    });
  }

  sources(): string[] {
    const lookup = this.o.sources;
    const lines: string[] = [];
    if (lookup !== undefined) {
      // By source: two evidence records from one page (one benchmark's build and run figures) are one link.
      const seen = new Set<string>();
      for (const row of byImpact(this.d.criteria).slice(0, MAX_DRIVERS)) {
        for (const id of row.evidence.slice(0, 2)) {
          const e = lookup[id];
          if (e === undefined || seen.has(e.source) || seen.size >= MAX_SOURCES) continue;
          seen.add(e.source);
          lines.push(
            `[${this.txt(e.organisation)}, ${e.year}](${e.source}): ${this.txt(claimExcerpt(e.claim))}`,
          );
        }
      }
    }
    for (const p of this.d.similar_projects.slice(0, 2)) {
      lines.push(
        `Similar project: [${this.txt(p.name)}](${p.source}), ${p.languages.map((l) => OPTION_LABELS[l]).join(' + ')}.`,
      );
    }
    return lines;
  }
}

/**
 * The Decision Outcome's clause on the boundaries of a hybrid, with its connective: it claims a fit with latency
 * budgets only when a boundary is on a p99 path and fits, and says so when one does not or none is limited by a budget.
 * @example
 * boundaryOutcome([], String); // ' and no call crosses between the two languages'
 */
export function boundaryOutcome(rows: readonly BoundaryRow[], esc: (name: string) => string): string {
  if (rows.length === 0) return ' and no call crosses between the two languages';
  // A decision saved before boundaries carried their budget (its `why` alone says it): claim nothing about budgets.
  if (rows.some((b) => b.budget === undefined)) return '';
  const over = rows.filter((b) => b.budget === 'over');
  const chatty = rows.filter((b) => b.chatty).length;
  const chattyText =
    chatty === 0 ? '' : `, though ${chatty === 1 ? 'one is' : `${chatty} are`} chatty (see Consequences)`;
  if (over.length > 0) {
    const names = over.map((b) => `${esc(b.from)} to ${esc(b.to)}`).join(', ');
    return `, though ${names} ${over.length === 1 ? 'costs' : 'cost'} more than ${over.length === 1 ? 'its' : 'their'} p99 latency budget allows (see Consequences)`;
  }
  if (rows.some((b) => b.budget === 'within'))
    return ` and the boundaries on the p99 path fit their latency budgets${chattyText}`;
  return ` and no latency budget limits the boundaries between them${chattyText}`;
}

/**
 * Whether the latency SLO is tight enough to have moved a weight (a weight rule triggered by an SLO, in the
 * decision's weight reasons): only then does meeting it depend on the collector. A 500 ms p99 SLO with no large
 * heap leaves Go's sub-millisecond pauses far behind, and the record does not warn about them. With `slo.at`, the
 * profile path of the quoted SLO, only a rule that rests on that SLO (or on its component being latency-critical)
 * counts: a hybrid's 4 ms scorer SLO does not make the Go gateway's 120 ms one depend on the collector.
 */
function sloWeighed(d: Decision, slo?: { at: string; component?: string }): boolean {
  const own = (path: string) => {
    if (slo === undefined) return /(^|\.)latency_slo(\.|$)|latency_critical/.test(path);
    if (path.startsWith(slo.at)) return true;
    const index = slo.component === undefined ? -1 : d.components.findIndex((c) => c.name === slo.component);
    return index >= 0 && path === `components[${index}].latency_critical`;
  };
  return d.criteria.some((row) =>
    (row.weight_reasons ?? []).some(
      (reason) => reason.factor > 1 && reason.facts.some((fact) => own(fact.path)),
    ),
  );
}

/**
 * The p99 SLO a Go part of the decision must meet: the project's for a Go verdict without components; with
 * components, the tightest SLO of a component (its own, or the project's when it is an entry component that states
 * none), in a hybrid only of a Go component, so a Rust proxy's SLO is not laid on the Go control plane, and a project
 * SLO that reaches no component is never quoted.
 * @example
 * goSlo(meshProfile, hybridDecision); // undefined: the 2 ms SLO is the Rust proxy's
 */
function goSlo(p: Profile, d: Decision): { p99Ms: number; component?: string; at: string } | undefined {
  return tightestSlo(
    p,
    (name) => d.verdict !== 'hybrid' || d.components.find((dc) => dc.name === name)?.language === 'go',
  );
}

/**
 * The tightest p99 SLO the profile sets: the project's without components; with them, the tightest one of a component
 * `counts` (its own SLO, or the project's when it is an entry component that states none), with the component's name.
 */
function tightestSlo(
  p: Profile,
  counts: (component: string) => boolean = () => true,
): { p99Ms: number; component?: string; at: string } | undefined {
  const project = 'workload.latency_slo';
  if ((p.components ?? []).length === 0) {
    return p.workload.latency_slo === undefined
      ? undefined
      : { p99Ms: p.workload.latency_slo.p99_ms, at: project };
  }
  const entries = entryComponents(p);
  let tightest: { p99Ms: number; component: string; at: string } | undefined;
  (p.components ?? []).forEach((c, i) => {
    if (!counts(c.name)) return;
    const slo = c.latency_slo ?? (entries.has(c.name) ? p.workload.latency_slo : undefined);
    if (slo !== undefined && (tightest === undefined || slo.p99_ms < tightest.p99Ms))
      tightest = {
        p99Ms: slo.p99_ms,
        component: c.name,
        at: c.latency_slo === undefined ? project : `components[${i}].latency_slo`,
      };
  });
  return tightest;
}
