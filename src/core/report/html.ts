/** @module renderHtmlReport(): one self-contained HTML file for a decision, with the UI's charts (./charts.ts) inlined as SVG; no script, no external request, readable when printed. */
import type { Decision } from '../decision/schema.ts';
import type { EvidenceSources } from './adr.ts';
import {
  contributionChart,
  type GcTimelineInput,
  gcTimelineChart,
  hybridPlanChart,
  type PercentileSeries,
  percentileChart,
  radarChart,
} from './charts.ts';
import {
  asSentence,
  componentNames,
  decisiveFactEffect,
  decisiveFactLabel,
  decisiveFactStance,
  gateOdds,
  shownDecisiveFacts,
} from './decisive.ts';
import { escapeHtml } from './escape.ts';
import {
  byImpact,
  confidenceMeaning,
  criterionLabel,
  decisionTitle,
  differsOn,
  favoursClause,
  formatColumn,
  formatConfidence,
  formatCount,
  formatNumber,
  formatPercent,
  formatProbabilities,
  formatRateColumn,
  formatRating,
  formatScore,
  formatSigned,
  labUseLine,
  OPTION_LABELS,
  sensitivityWeights,
  trackRecordSentence,
  verdictWithRival,
} from './format.ts';
import { REPORT_CSS } from './html-style.ts';
import { type SvgNode, svgToString } from './svg.ts';
import {
  checklistFacts,
  existingCodeText,
  experienceText,
  factorText,
  factsText,
  policyChoices,
  policyChoiceText,
  REASON_KIND_LABELS,
  type ReasonKind,
  ratingLead,
  reasonKind,
  sentence,
  weightBasis,
} from './weight-basis.ts';

/** What the report shows of a lab run: built from a stored run by the Node side (the core never reads the store). */
export type LabRunView = {
  id: string;
  /** One line naming the machine and toolchains. */
  environment: string;
  started_at?: string | undefined;
  /** One percentile chart per workload step worth showing (e.g. http-json at the headline rate). */
  percentiles?: { title: string; sloMs?: number | undefined; series: PercentileSeries[] }[] | undefined;
  /** Latency over time against Go GC pauses (gc-cache workload). */
  gc_timelines?: GcTimelineInput[] | undefined;
  /** Validity problems and anchor warnings, shown as given. */
  notes?: string[] | undefined;
};

export type HtmlReportOptions = {
  /** YYYY-MM-DD, passed in: the core has no clock. */
  date: string;
  lab?: LabRunView | undefined;
  /** Evidence id -> source, so every cited fact links to its source URL. */
  sources?: EvidenceSources | undefined;
};

/** Explanations longer than this fold into a <details> element, so the tables stay readable. */
const FOLD_AT = 140;

/**
 * Escaped text, folded behind its first sentence when it is long. A printer does not open a <details> (nor can CSS,
 * and the report runs no script), so the whole text follows in an element only print shows (html-style.ts), and the
 * details only the screen.
 */
function foldable(text: string, lead = ''): string {
  if (text.length <= FOLD_AT) return prose(lead + text);
  // The first sentence, or else the words that fit in 80 characters: never half a word on each side of the fold.
  const cut = text.lastIndexOf(' ', 80);
  const first = /^(.+?[.!?:])\s/.exec(text)?.[1] ?? text.slice(0, cut > 0 ? cut : 80);
  return [
    `<details><summary>${prose(lead + first)}</summary>${prose(text.slice(first.length).trim())}</details>`,
    `<span class="print-only">${prose(lead + text)}</span>`,
  ].join('');
}

const e = escapeHtml;
/** A percentage as HTML: "<1%" and ">99%" escaped. */
const pct = (share: number) => e(formatPercent(share));

/** Engine or knowledge-base text, escaped, with its `code` spans (commands, flags) set as code rather than backticks. */
function prose(text: string): string {
  return e(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A chart as an inline SVG figure; the SVG has role="img" and the chart's own name, the figure the section's label. */
function chartFigure(chart: SvgNode, label: string): string {
  return `<figure class="chart" aria-label="${e(label)}">${svgToString(chart)}</figure>`;
}

/** Width of the phone drawing of a wide chart: scaled down from 880 px its labels would be unreadable. */
const PHONE_CHART_WIDTH = 360;

/**
 * A wide chart drawn twice: at full width, and at phone width for narrow screens (html-style.ts shows one of them),
 * so its labels stay readable on a phone.
 */
function responsiveFigure(draw: (width: number) => SvgNode, width: number, label: string): string {
  return [
    `<figure class="chart wide-only" aria-label="${e(label)}">${svgToString(draw(width))}</figure>`,
    `<figure class="chart narrow-only" aria-label="${e(label)}">${svgToString(draw(PHONE_CHART_WIDTH))}</figure>`,
  ].join('');
}

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  // Each data cell names its column, so a phone can show a row as a card (html-style.ts).
  const cell = (tag: 'th' | 'td', text: string, i: number) =>
    `<${tag}${numeric.includes(i) ? ' class="num"' : ''}${tag === 'td' ? ` data-label="${e(head[i] ?? '')}"` : ''}>${text}</${tag}>`;
  return [
    '<table>',
    `<thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('');
}

function list(items: string[]): string {
  return `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

function verdictSection(decision: Decision): string {
  const closeCall = decision.close_call
    ? ' <span class="badge warn">close call: read the sensitivity section</span>'
    : '';
  const probability = formatProbabilities(decision.probabilities);
  return [
    `<section class="verdict ${decision.verdict}">`,
    `<strong>${e(OPTION_LABELS[decision.verdict])}</strong>`,
    `<span>${e(formatConfidence(decision))} confidence${closeCall}</span>`,
    `<span class="muted">Weighted score: Go ${formatScore(decision.scores.go)} · Rust ${formatScore(decision.scores.rust)} (0 to 10${decision.components.length > 0 ? ', whole project; each component is scored on its own' : ''})</span>`,
    `<span class="muted">Probability with weights, ratings and inputs varied: Go ${e(probability.go)} · Rust ${e(probability.rust)} · Hybrid ${e(probability.hybrid)}</span>`,
    // A 100% confidence next to a narrow score margin reads as overconfidence unless the report says what it counts.
    `<span class="meaning">Confidence ${e(formatConfidence(decision))}: ${e(confidenceMeaning(decision))}.</span>`,
    trackRecordLine(decision),
    '</section>',
  ].join('');
}

/** How often verdicts given such a probability were right on real decisions (nothing for a decision without it). */
function trackRecordLine(decision: Decision): string {
  const record = trackRecordSentence(decision);
  return record === undefined ? '' : `<span class="meaning">${e(record)}</span>`;
}

function gatesSection(decision: Decision): string {
  if (decision.gates.length === 0) return '';
  const items = decision.gates.map((gate) => {
    const where = gate.component === undefined ? '' : `, component <strong>${e(gate.component)}</strong>`;
    const odds = gateOdds(gate);
    const edge =
      odds === undefined
        ? ''
        : gate.near_edge
          ? ` <span class="badge warn">near its edge</span> ${e(asSentence(odds.replace(/^near its edge: /, '')))}`
          : ` ${e(asSentence(odds))}`;
    return `<span class="badge ${gate.favors}">favours ${e(OPTION_LABELS[gate.favors])}</span> <span class="id">${e(gate.id)}</span>${where}: ${prose(gate.reason)}${edge}`;
  });
  return `<h2>Hard constraints</h2>${list(items)}`;
}

function decisiveSection(decision: Decision): string {
  const facts = shownDecisiveFacts(decision);
  if (facts.length === 0) return '';
  const items = facts.map(
    (f) =>
      `${e(asSentence(decisiveFactLabel(f, decision)).replace(/\.$/, ''))} <span class="badge ${decision.verdict === 'hybrid' ? 'hybrid' : f.favors}">${e(decisiveFactStance(f, decision))}</span>: ${e(decisiveFactEffect(f, decision))}.`,
  );
  return [
    '<h2>What moved the verdict most</h2>',
    '<p class="muted">Each stated fact of the profile was taken out in turn (or set to a neutral value) and the decision made again.</p>',
    list(items),
  ].join('');
}

function stakeholdersSection(decision: Decision): string {
  const stakeholders = decision.stakeholders ?? [];
  if (stakeholders.length === 0) return '';
  const weightColumn = formatColumn(stakeholders.map((s) => s.weight));
  const rows = stakeholders.map((s, i) => [
    `${e(s.name)}${s.role ? ` <span class="muted">(${e(s.role)})</span>` : ''}`,
    weightColumn[i] ?? '',
    `${e(verdictWithRival(s.verdict, s.probabilities))}${differsOn(s, (clause) => ` <span class="muted">(${e(clause)})</span>`)}`,
    pct(s.probabilities.go),
    pct(s.probabilities.rust),
    pct(s.probabilities.hybrid),
  ]);
  const differ = (decision.disagreements ?? []).map(
    (d) =>
      `They differ on ${e(criterionLabel(d.criterion).toLowerCase())}${e(favoursClause(decision, d.criterion))}: ${pct(d.min)} of the weight for ${e(d.min_by)}, ${pct(d.max)} for ${e(d.max_by)}.`,
  );
  return [
    '<h2>Stakeholders</h2>',
    decision.agreement === undefined
      ? ''
      : `<p>${pct(decision.agreement)} of the stakeholders' weight reaches the group's verdict on their own priorities.</p>`,
    table(['Stakeholder', 'Weight', 'Own verdict', 'Go', 'Rust', 'Hybrid'], rows, [1, 3, 4, 5]),
    differ.length === 0 ? '' : list(differ),
  ].join('');
}

function criteriaSection(decision: Decision, sources: EvidenceSources | undefined): string {
  if (decision.criteria.length === 0) return '';
  const rows = byImpact(decision.criteria).map((row) => [
    e(criterionLabel(row.id)),
    pct(row.weight),
    formatRating(row.go),
    formatRating(row.rust),
    formatSigned(row.contribution),
    `${whyCell(row, sources, componentNames(decision))}${row.measured === undefined ? '' : `<span class="measured">${e(row.measured)}</span>`}${labUseLine(row) === undefined ? '' : `<span class="measured">${e(labUseLine(row) ?? '')}</span>`}`,
    evidenceLinks(row.evidence, sources) || '<span class="muted">none</span>',
  ]);
  return [
    '<h2>Why</h2>',
    '<div class="charts-2">',
    chartFigure(contributionChart(decision, { width: 560 }), 'Contribution of each criterion'),
    chartFigure(radarChart(decision, { width: 560, height: 440 }), 'Go and Rust ratings by criterion'),
    '</div>',
    '<p class="muted">Contribution = weight × (Go − Rust): positive favours Go, negative favours Rust.</p>',
    table(['Criterion', 'Weight', 'Go', 'Rust', 'Contribution', 'Why', 'Evidence'], rows, [1, 2, 3, 4]),
    policySection(decision),
  ].join('');
}

/** Evidence ids as links to their sources (the id itself when the source is not known). */
function evidenceLinks(ids: readonly string[], sources: EvidenceSources | undefined): string {
  return ids
    .map((id) => {
      const source = sources?.[id];
      return source === undefined
        ? `<span class="id">${e(id)}</span>`
        : sourceLink(source.source, `${source.organisation}, ${source.year}`);
    })
    .join(', ');
}

/** A reason's kind as a badge: evidence, policy or your priority. */
function kindBadge(kind: ReasonKind): string {
  return `<span class="badge ${kind}">${e(REASON_KIND_LABELS[kind])}</span>`;
}

/**
 * Why a criterion is rated and weighted so, from the decision's fields: the rating's rationale, the experience
 * shift on its own line, then every weight reason marked evidence (with its sources) or policy.
 */
function whyCell(
  row: Decision['criteria'][number],
  sources: EvidenceSources | undefined,
  names: readonly string[],
): string {
  const basis = weightBasis(row);
  if (basis === undefined || row.rationale === undefined) return foldable(row.why);
  const parts = [foldable(row.rationale, ratingLead(row))];
  if (basis.experience !== undefined)
    parts.push(`<span class="experience">Team experience: ${e(experienceText(basis.experience))}.</span>`);
  const existing = basis.existingCode;
  if (existing !== undefined) {
    const kind = reasonKind(existing);
    const links = kind === 'evidence' ? ` (${evidenceLinks(existing.evidence, sources)})` : '';
    parts.push(
      `<span class="experience">Existing code: ${e(existingCodeText(existing))} ${kindBadge(kind)}${links}</span>`,
    );
  }
  const facts = (r: { facts: Parameters<typeof factsText>[0] }) =>
    r.facts.length === 0 ? '' : ` <span class="muted">(${e(factsText(r.facts, names))})</span>`;
  const items = [
    ...basis.evidence.map(
      (r) =>
        `<li data-kind="evidence" data-rule="${e(r.rule)}">${kindBadge('evidence')} ${factorText(r.factor)} <span class="id">${e(r.rule)}</span>${facts(r)}: ${e(sentence(r.reason))} ${evidenceLinks(r.evidence, sources)}</li>`,
    ),
    ...basis.policy.map(
      (r) =>
        `<li data-kind="policy" data-rule="${e(r.rule)}">${kindBadge('policy')} ${factorText(r.factor)} <span class="id">${e(r.rule)}</span>${facts(r)}: ${e(sentence(r.reason))}${r.evidence.length > 0 ? ` Resting on: ${evidenceLinks(r.evidence, sources)}` : ''}</li>`,
    ),
    ...basis.priority.map(
      (r) =>
        `<li data-kind="priority" data-rule="${e(r.rule)}">${kindBadge('priority')} ${e(sentence(r.reason))}</li>`,
    ),
  ];
  if (basis.replaced.length > 0)
    items.push(
      `<li class="muted">Replaced by your priority: ${basis.replaced.map((r) => e(r.rule)).join(', ')}</li>`,
    );
  parts.push(
    items.length === 0
      ? '<span class="muted">Weight: the base weight, no rule applied.</span>'
      : `<span class="reasons-head">Weight:</span><ul class="reasons">${items.join('')}</ul>`,
  );
  return parts.join('');
}

/** The product's modelling choices that shaped this decision, one line per rule. */
function policySection(decision: Decision): string {
  const choices = policyChoices(decision);
  if (choices.length === 0) return '';
  return [
    '<h3>Policy choices in this decision</h3>',
    '<p class="muted">These weight rules are the product\'s modelling choices (<code>policy</code> in kb/weights.yaml), not findings a source states; a choice may rest on evidence it cites.</p>',
    `<ul class="policy-choices">${choices.map((c) => `<li data-rule="${e(c.rule)}">${e(policyChoiceText(c, componentNames(decision)))}. ${e(sentence(c.reason))}</li>`).join('')}</ul>`,
  ].join('');
}

function sensitivitySection(decision: Decision): string {
  if (decision.sensitivity.length === 0) return '';
  const rows = decision.sensitivity.map((row) => {
    const { now, flip, to } = sensitivityWeights(decision, row);
    return [e(criterionLabel(row.criterion)), now ?? 'n/a', flip, to ?? ''];
  });
  return [
    '<h2>Sensitivity</h2>',
    '<p class="muted">The weight at which a criterion would flip the verdict, and to which verdict; "never" when no weight does.</p>',
    table(['Criterion', 'Weight now', 'Verdict flips at', 'To'], rows, [1, 2]),
  ].join('');
}

function checklistSection(decision: Decision): string {
  if (decision.checklist.length === 0) return '';
  const names = componentNames(decision);
  const rows = decision.checklist.map((row) => {
    const given = checklistFacts(row, names);
    return [
      e(row.item),
      row.applies
        ? `yes${given === undefined ? '' : ` <span class="muted">(given ${e(given)})</span>`}`
        : 'no',
      e(OPTION_LABELS[row.favors]),
      foldable(row.why),
    ];
  });
  return `<h2>Checklist</h2>${table(['Question', 'Applies', 'Favours', 'Why'], rows)}`;
}

function hybridSection(decision: Decision): string {
  if (decision.components.length === 0) return '';
  const components = decision.components.map((c) => [
    e(c.name),
    `${e(OPTION_LABELS[c.language])}${c.probabilities === undefined ? '' : ` <span class="muted">${pct(c.probabilities[c.language])} of the draws</span>`}${c.near_tie ? ' <span class="badge warn">near tie</span>' : ''}`,
    c.scores ? formatScore(c.scores.go) : 'n/a',
    c.scores ? formatScore(c.scores.rust) : 'n/a',
    foldable(c.why),
  ]);
  const parts = [
    '<h2>Components</h2>',
    responsiveFigure(
      (width) => hybridPlanChart(decision, { width }),
      880,
      'Hybrid plan: components and boundaries',
    ),
    table(['Component', 'Language', 'Go score', 'Rust score', 'Why'], components, [2, 3]),
  ];
  if (decision.boundaries.length > 0) {
    const callColumn = formatRateColumn(decision.boundaries.map((b) => b.calls_per_request ?? 0));
    const boundaries = decision.boundaries.map((b, i) => [
      e(b.from),
      e(b.to),
      e(b.mechanism),
      `${formatNumber(b.per_call_us)} µs${b.measured ? ' (measured)' : ''}`,
      b.calls_per_request === undefined ? 'n/a' : (callColumn[i] ?? ''),
      `${foldable(b.why)}${b.chatty ? ' <span class="badge warn">chatty</span>' : ''}`,
    ]);
    parts.push(
      '<h3>Boundaries</h3>',
      table(
        ['From', 'To', 'Mechanism', 'Median cost per call', 'Calls per request', 'Why'],
        boundaries,
        [3, 4],
      ),
    );
  }
  return parts.join('');
}

function similarSection(decision: Decision): string {
  if (decision.similar_projects.length === 0) return '';
  const rows = decision.similar_projects.map((p) => [
    e(p.name),
    e(p.languages.map((l) => OPTION_LABELS[l]).join(' + ')),
    pct(p.similarity),
    sourceLink(p.source),
  ]);
  return `<h2>Similar projects</h2>${table(['Project', 'Languages', 'Similarity', 'Source'], rows, [2])}`;
}

/**
 * A source as a link when it is an http(s) URL, else as text. A link is only followed when clicked (the page fetches
 * nothing by itself); any other scheme (javascript:, data:, file:) stays text. A URL shown as itself may break
 * anywhere (class `url`); a link named in words ("Go Developer Survey, 2025") breaks only between words (`cite`).
 */
function sourceLink(source: string, text = source): string {
  const kind = text === source ? 'url' : 'cite';
  if (!/^https?:\/\/[^\s"'<>`]+$/i.test(source)) return `<span class="${kind}">${e(text)}</span>`;
  return `<a class="${kind}" href="${e(source)}" rel="noopener noreferrer">${e(text)}</a>`;
}

function notesSection(title: string, items: string[]): string {
  return items.length === 0 ? '' : `<h2>${e(title)}</h2>${list(items.map(prose))}`;
}

function labSection(lab: LabRunView | undefined): string {
  if (lab === undefined) return '';
  const parts = [
    '<h2>Measured on this machine</h2>',
    `<p>Lab run <span class="id">${e(lab.id)}</span>${lab.started_at ? ` from ${e(lab.started_at)}` : ''}: ${e(lab.environment)}</p>`,
  ];
  for (const chart of lab.percentiles ?? []) {
    parts.push(
      chartFigure(
        percentileChart(chart.series, { title: chart.title, sloMs: chart.sloMs, width: 880, height: 400 }),
        chart.title,
      ),
    );
  }
  for (const timeline of lab.gc_timelines ?? []) {
    parts.push(
      chartFigure(gcTimelineChart(timeline, { width: 880, height: 380 }), timeline.title ?? 'GC timeline'),
    );
  }
  if ((lab.notes ?? []).length > 0) parts.push(list((lab.notes ?? []).map(e)));
  return parts.join('');
}

/**
 * Render a decision as one self-contained HTML file: inline CSS, inline SVG charts, no script and no external
 * request (a Content-Security-Policy meta tag forbids them too), every user text escaped, print-friendly.
 * @example
 * writeFileSync('decision.html', renderHtmlReport(decision, { date: '2026-11-27' }));
 */
export function renderHtmlReport(decision: Decision, options: HtmlReportOptions): string {
  const title = decisionTitle(decision);
  const provenance = [
    `generated by gorust on ${e(options.date)}`,
    decision.seed === undefined ? '' : `seed ${decision.seed}`,
    decision.samples === undefined ? '' : `${formatCount(decision.samples)} samples`,
    decision.lab_run === undefined ? '' : `lab run ${e(decision.lab_run)}`,
  ].filter((part) => part.length > 0);
  const body = [
    `<h1>${e(title)}</h1>`,
    `<p class="meta">${provenance.join(' · ')}</p>`,
    decision.project?.summary ? `<p class="summary">${e(decision.project.summary)}</p>` : '',
    verdictSection(decision),
    gatesSection(decision),
    decisiveSection(decision),
    stakeholdersSection(decision),
    criteriaSection(decision, options.sources),
    sensitivitySection(decision),
    hybridSection(decision),
    checklistSection(decision),
    labSection(options.lab),
    similarSection(decision),
    notesSection('Tips', decision.tips),
    notesSection('Caveats', decision.caveats),
    `<footer>${provenance.join(' · ')}. Scores and ratings come from the knowledge base and, where noted, from measurements on this machine.</footer>`,
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body.filter((part) => part.length > 0),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
