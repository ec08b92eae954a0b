/** @module The terminal summary of a decision: the verdict, what decided it, what would flip it, and what to do next. Colour only when the caller asks (the CLI asks on a TTY without NO_COLOR). */
import type { Decision } from '../decision/schema.ts';
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
import {
  byImpact,
  confidenceMeaning,
  criterionLabel,
  differsOn,
  favoursClause,
  formatConfidence,
  formatCount,
  formatNumber,
  formatPercent,
  formatProbabilities,
  formatRating,
  formatScore,
  formatSigned,
  labUseLine,
  OPTION_LABELS,
  projectName,
  sensitivityWeights,
  trackRecordSentence,
  verdictWithRival,
} from './format.ts';
import { FIGURE, UNIT } from './md-wrap.ts';
import {
  checklistFacts,
  existingCodeText,
  experienceText,
  factorText,
  policyChoices,
  policyChoiceText,
  REASON_KIND_LABELS,
  reasonKind,
  sentence,
  type WeightBasis,
  weightBasis,
} from './weight-basis.ts';

export type TextReportOptions = {
  /** Use ANSI colours. Default false: the renderer never looks at the terminal itself. */
  color?: boolean | undefined;
  /** How many criteria to list under "What decided it". Default 6. */
  topCriteria?: number | undefined;
  /** Wrap lines to this many columns, with hanging indents (the CLI passes COLUMNS). Default 100. */
  width?: number | undefined;
};

/** The terminal width when nothing says otherwise. */
export const DEFAULT_TEXT_WIDTH = 100;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are the point.
const ANSI = /\u001b\[[0-9;]*m/g;

/** How many columns a string takes on a terminal (colour codes take none). */
function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/**
 * Wrap one line to `width` columns at spaces; continuation lines hang under the text after the line's indent and
 * bullet ("  - ", "  ! "). A word longer than the width (a URL) stays whole on its own line.
 * @example
 * wrapTextLine('  - a long tip ...', 40); // ['  - a long tip', '    ...']
 */
export function wrapTextLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const lead = /^(\s*(?:[-!] )?)/.exec(line)?.[1] ?? '';
  // Under a bullet, continuation lines align with its text; under plain text, they hang two columns in.
  const hang = ' '.repeat(lead.length + (/[-!] $/.test(lead) ? 0 : 2));
  const words = keepUnits(line.slice(lead.length).split(' '), Math.min(MAX_CODE_SPAN, width - hang.length));
  const out: string[] = [];
  let current = lead;
  let empty = true;
  for (const word of words) {
    if (word === '') continue;
    const candidate = empty ? current + word : `${current} ${word}`;
    if (!empty && visibleLength(candidate) > width) {
      out.push(current);
      current = hang + word;
    } else {
      current = candidate;
    }
    empty = false;
  }
  out.push(current);
  return out;
}

/** The longest code span (`gorust lab`) kept whole on one line (or the line's width, if less); a longer one may wrap at its spaces. */
const MAX_CODE_SPAN = 40;

/** A dash standing between words as punctuation. */
const DASH = /^[-\u2013\u2014]$/;

/**
 * Join each figure to the unit that follows it, so a wrapped line never ends in "168" and starts with "µs" ("of 10"
 * follows its figure too), keep a dash with the word before it, and keep a short code span ("`gorust lab`") whole.
 */
function keepUnits(words: readonly string[], spanLimit: number): string[] {
  const out: string[] = [];
  let open = -1;
  for (const word of words) {
    const last = out.at(-1);
    const plain = word.replace(ANSI, '');
    const lastPlain = last?.replace(ANSI, '');
    if (open >= 0 && last !== undefined && visibleLength(`${last} ${word}`) <= spanLimit) {
      out[out.length - 1] = `${last} ${word}`;
      if (plain.includes('`')) open = -1;
      continue;
    }
    open = -1;
    // A dash between words ("bounded - one criterion's") stays after the word before it: a line that starts "- "
    // under a bullet reads as a nested bullet.
    if (last !== undefined && DASH.test(plain)) out[out.length - 1] = `${last} ${word}`;
    else if (last !== undefined && lastPlain !== undefined && UNIT.test(plain) && FIGURE.test(lastPlain))
      out[out.length - 1] = `${last} ${word}`;
    else if (last !== undefined && lastPlain?.endsWith(' of') === true && FIGURE.test(plain))
      out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
    // A code span opened by this word and not closed in it: join what follows until it closes.
    if ((plain.match(/`/g)?.length ?? 0) % 2 === 1) open = out.length - 1;
  }
  return out;
}

type Paint = (code: string, text: string) => string;

const CODES = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  cyan: '36',
  magenta: '35',
} as const;

/** Bar length for the largest contribution; the others scale to it. */
const BAR_WIDTH = 12;

/**
 * Render a decision as a terminal summary (plain text, or with ANSI colours when `color` is true).
 * @example
 * process.stdout.write(renderText(decision, { color: process.stdout.isTTY }));
 */
export function renderText(unsafe: Decision, options: TextReportOptions = {}): string {
  const decision = stripControls(unsafe);
  const paint: Paint = options.color
    ? (code, text) => `\u001b[${code}m${text}\u001b[0m`
    : (_code, text) => text;
  const bold = (t: string) => paint(CODES.bold, t);
  const dim = (t: string) => paint(CODES.dim, t);
  const langColour = (lang: 'go' | 'rust' | 'hybrid', t: string) =>
    paint(lang === 'go' ? CODES.cyan : lang === 'rust' ? CODES.yellow : CODES.magenta, t);
  const lines: string[] = [];
  const section = (title: string) => lines.push('', bold(title));

  lines.push(`${bold('gorust')}: ${projectName(decision)}`);
  const verdict =
    decision.verdict === 'hybrid'
      ? 'HYBRID (Go and Rust, split by component)'
      : decision.verdict.toUpperCase();
  const closeness = decision.close_call ? paint(CODES.red, 'a close call') : 'not a close call';
  lines.push(`Verdict: ${bold(langColour(decision.verdict, verdict))}  (${closeness})`);
  lines.push(`Confidence ${formatConfidence(decision)}: ${confidenceMeaning(decision)}`);
  const record = trackRecordSentence(decision);
  if (record !== undefined) lines.push(dim(record));
  lines.push(
    `Scores: Go ${formatScore(decision.scores.go)}, Rust ${formatScore(decision.scores.rust)} (out of 10${decision.components.length > 0 ? '; the whole project: each component is scored on its own below' : ''})`,
  );
  const shown = formatProbabilities(decision.probabilities);
  lines.push(
    dim(
      `Probability (weights, ratings, inputs varied): Go ${shown.go}, Rust ${shown.rust}, Hybrid ${shown.hybrid}`,
    ),
  );

  if (decision.gates.length > 0) {
    section('Hard constraints');
    for (const gate of decision.gates) {
      const where = gate.component === undefined ? '' : ` [${gate.component}]`;
      const odds = gateOdds(gate);
      const edge =
        odds === undefined
          ? ''
          : ` ${gate.near_edge ? paint(CODES.red, asSentence(odds)) : asSentence(odds)}`;
      lines.push(`  ! ${gate.id}${where} favours ${OPTION_LABELS[gate.favors]}: ${gate.reason}${edge}`);
    }
  }

  const decisive = shownDecisiveFacts(decision);
  if (decisive.length > 0) {
    section('What moved the verdict most (each fact of the profile taken out in turn)');
    for (const fact of decisive)
      lines.push(
        `  - ${decisiveFactLabel(fact, decision)} ${decisiveFactStance(fact, decision)}: ${decisiveFactEffect(fact, decision)}.`,
      );
  }

  const top = byImpact(decision.criteria).slice(0, options.topCriteria ?? 6);
  if (top.length > 0) {
    section('What decided it (+ favours Go, - favours Rust)');
    const biggest = Math.max(...top.map((row) => Math.abs(row.contribution)), Number.EPSILON);
    const nameWidth = Math.max(...top.map((row) => criterionLabel(row.id).length));
    for (const row of top) {
      const bar = '#'.repeat(Math.round((Math.abs(row.contribution) / biggest) * BAR_WIDTH));
      const who = row.contribution > 0 ? 'go' : row.contribution < 0 ? 'rust' : undefined;
      const contribution = formatSigned(row.contribution).padStart(6);
      lines.push(
        `  ${criterionLabel(row.id).padEnd(nameWidth)}  weight ${formatPercent(row.weight).padStart(4)}  Go ${formatRating(row.go).padStart(4)}  Rust ${formatRating(row.rust).padStart(4)}  ${contribution} ${who ? langColour(who, bar) : ''}`.trimEnd(),
      );
      if (row.measured !== undefined) lines.push(dim(`    ${row.measured}`));
      const labLine = labUseLine(row);
      if (labLine !== undefined) lines.push(dim(`    ${labLine}`));
      const basis = weightBasis(row);
      if (basis !== undefined) for (const line of basisLines(basis, bold)) lines.push(`    ${line}`);
    }
  }

  const choices = policyChoices(decision);
  if (choices.length > 0) {
    section("Policy choices in this decision (the product's modelling choices)");
    for (const choice of choices)
      lines.push(
        `  - ${policyChoiceText(choice, componentNames(decision))}. ${dim(`Why: ${sentence(choice.reason)}`)}`,
      );
  }

  const flips = decision.sensitivity.filter((row) => row.flip_weight !== null);
  if (flips.length > 0) {
    section('What would change the verdict');
    for (const row of flips) {
      const { now, flip, edge, to } = sensitivityWeights(decision, row);
      lines.push(
        edge
          ? `  ${criterionLabel(row.criterion)} at the edge: the verdict flips${to === undefined ? '' : ` to ${to}`} within 0.1 point of its weight now (${now})`
          : `  ${criterionLabel(row.criterion)} weighing ${flip}${now === undefined ? '' : ` (now ${now})`}${to === undefined ? '' : `: ${to}`}`,
      );
    }
  }

  if (decision.stakeholders && decision.stakeholders.length > 0) {
    const agreement =
      decision.agreement === undefined
        ? ''
        : ` (${formatPercent(decision.agreement)} of their weight reach this verdict)`;
    section(`Stakeholders${agreement}`);
    for (const s of decision.stakeholders) {
      const p = s.probabilities;
      lines.push(
        `  ${s.name}${s.role ? ` (${s.role})` : ''}, weight ${formatNumber(s.weight)}: ${langColour(s.verdict, verdictWithRival(s.verdict, s.probabilities))} ${dim(`(Go ${formatPercent(p.go)} · Rust ${formatPercent(p.rust)} · Hybrid ${formatPercent(p.hybrid)})`)}${differsOn(s, (clause) => `; ${clause}`)}`,
      );
    }
    for (const d of decision.disagreements ?? []) {
      lines.push(
        `  They differ on ${criterionLabel(d.criterion)}${favoursClause(decision, d.criterion)}: ${formatPercent(d.min)} of the weight for ${d.min_by}, ${formatPercent(d.max)} for ${d.max_by}`,
      );
    }
  }

  if (decision.components.length > 0) {
    section('Components');
    for (const component of decision.components) {
      const odds = componentOdds(component);
      lines.push(
        `  ${component.name}: ${langColour(component.language, OPTION_LABELS[component.language])}${odds === undefined ? '' : ` (${component.near_tie ? paint(CODES.red, odds) : odds})`}. ${component.why}`,
      );
    }
  }
  if (decision.boundaries.length > 0) {
    section('Boundaries');
    for (const b of decision.boundaries) {
      const chatty = b.chatty ? paint(CODES.red, ' (chatty: reconsider the split)') : '';
      lines.push(
        `  ${b.from} -> ${b.to}: ${b.mechanism}, about ${formatNumber(b.per_call_us)} µs per call (median)${chatty}. ${b.why}`,
      );
    }
  }

  const applies = decision.checklist.filter((row) => row.applies);
  if (applies.length > 0) {
    section('Checklist items that apply');
    for (const row of applies) {
      const given = checklistFacts(row, componentNames(decision));
      lines.push(
        `  - ${row.item} (favours ${OPTION_LABELS[row.favors]}${given === undefined ? '' : `; given ${given}`}). ${dim(row.why)}`,
      );
    }
  }
  if (decision.similar_projects.length > 0) {
    section('Similar projects');
    for (const project of decision.similar_projects.slice(0, 5)) {
      const langs = project.languages.map((l) => OPTION_LABELS[l]).join(' + ');
      lines.push(
        `  ${project.name} (${langs}, ${formatPercent(project.similarity)} similar) ${dim(project.source)}`,
      );
    }
  }
  if (decision.tips.length > 0) {
    section('Tips');
    for (const tip of decision.tips) lines.push(`  - ${tip}`);
  }
  if (decision.caveats.length > 0) {
    section('Caveats');
    for (const caveat of decision.caveats) lines.push(`  - ${caveat}`);
  }

  const how: string[] = [];
  if (decision.seed !== undefined) how.push(`seed ${decision.seed}`);
  if (decision.samples !== undefined) how.push(`${formatCount(decision.samples)} samples`);
  if (decision.lab_run !== undefined) how.push(`lab run ${decision.lab_run}`);
  lines.push('');
  if (how.length > 0) lines.push(dim(`Computed with ${how.join(', ')}.`));
  lines.push(dim('Full report: --format md; architecture decision record: --format adr.'));
  const width = Math.max(20, Math.floor(options.width ?? DEFAULT_TEXT_WIDTH));
  return `${lines.flatMap((line) => wrapTextLine(line, width)).join('\n')}\n`;
}

/**
 * One criterion's weight reasons, one line each: evidence with its ids, then the product's policy choices, then the
 * user's priority; the experience and existing-code rating shifts on lines of their own.
 */
function basisLines(basis: WeightBasis, mark: (text: string) => string): string[] {
  const lines: string[] = [];
  for (const r of basis.evidence)
    lines.push(`${REASON_KIND_LABELS.evidence} ${factorText(r.factor)} ${r.rule} (${r.evidence.join(', ')})`);
  // A policy choice may rest on evidence it cites: its ids follow, as for an evidence reason.
  for (const r of basis.policy)
    lines.push(
      `${mark(REASON_KIND_LABELS.policy)} ${factorText(r.factor)} ${r.rule}${r.evidence.length > 0 ? ` (${r.evidence.join(', ')})` : ''}`,
    );
  for (const r of basis.priority) lines.push(r.reason);
  if (basis.replaced.length > 0)
    lines.push(`replaced by your priority: ${basis.replaced.map((r) => r.rule).join(', ')}`);
  if (basis.experience !== undefined) lines.push(`experience: ${experienceText(basis.experience)}`);
  const existing = basis.existingCode;
  if (existing !== undefined) {
    const source =
      reasonKind(existing) === 'policy' ? REASON_KIND_LABELS.policy : existing.evidence.join(', ');
    lines.push(`existing code: ${existingCodeText(existing)} (${source})`);
  }
  return lines;
}

/**
 * Remove control characters from every string: a project name from a JSON profile may carry escape
 * sequences (`"\u001b]0;..."`) that would rewrite the user's terminal.
 */
function stripControls<T>(value: T): T {
  if (typeof value === 'string') {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
    return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ') as T;
  }
  if (Array.isArray(value)) return value.map((item) => stripControls(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripControls(v)])) as T;
  }
  return value;
}
