/** @module The full Markdown report of a decision: every section of the decision object, as tables and lists a reviewer can read in a pull request. */
import type { Decision } from '../decision/schema.ts';
import type { EvidenceSources } from './adr.ts';
import {
  asSentence,
  componentNames,
  decisiveFactEffect,
  decisiveFactLabel,
  decisiveFactStance,
  gateOdds,
  shownDecisiveFacts,
} from './decisive.ts';
import { escapeUserText, inlineTrusted, inlineWithNames } from './escape.ts';
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
import { wrapMarkdown } from './md-wrap.ts';
import {
  checklistFacts,
  existingCodeText,
  experienceText,
  factorText,
  factsText,
  policyChoices,
  policyChoiceText,
  REASON_KIND_LABELS,
  ratingLead,
  reasonKind,
  sentence,
  weightBasis,
} from './weight-basis.ts';

export type MarkdownOptions = {
  /** Evidence id -> source, so every cited fact links to its source URL (`evidenceSources(kb.evidence)`). */
  sources?: EvidenceSources | undefined;
};

/**
 * Render a decision as a Markdown report that passes markdownlint's defaults: prose wrapped at 80 columns, short
 * tables with `| --- |` delimiter rows, and the long explanations with their sources in an appendix.
 * @example
 * writeFileSync('decision.md', renderMarkdown(decision, { sources: evidenceSources(kb.evidence) }));
 */
export function renderMarkdown(decision: Decision, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  const probability = formatProbabilities(decision.probabilities);
  // User-supplied names inside engine-written sentences are escaped as user text (issue 12: escape at the renderer).
  const names = userNames(decision);
  const inline = (text: string) => inlineWithNames(text, names);
  const escapeMarkdown = escapeUserText;
  const sourceLinks = (ids: readonly string[]) =>
    ids.map((id) => {
      const e = options.sources?.[id];
      return e === undefined ? `\`${id}\`` : `[${inline(e.organisation)}, ${e.year}](${e.source})`;
    });
  out.push(`# gorust decision: ${escapeMarkdown(decisionTitle(decision))}`, '');
  if (decision.project?.summary) out.push(`> ${escapeMarkdown(decision.project.summary)}`, '');
  const closeness = decision.close_call ? 'a close call: read the sensitivity section' : 'not a close call';
  out.push(
    `**Verdict: ${OPTION_LABELS[decision.verdict]}** (${closeness}). Confidence ${formatConfidence(decision)}: ${confidenceMeaning(decision)}.`,
    '',
  );
  const record = trackRecordSentence(decision);
  if (record !== undefined) out.push(record, '');
  out.push(
    '| | Go | Rust | Hybrid |',
    '| --- | ---: | ---: | ---: |',
    `| Weighted score${decision.components.length > 0 ? ', whole project' : ''} (0 to 10) | ${formatScore(decision.scores.go)} | ${formatScore(decision.scores.rust)} | n/a |`,
    `| Probability (weights, ratings, inputs varied) | ${probability.go} | ${probability.rust} | ${probability.hybrid} |`,
    '',
  );

  if (decision.gates.length > 0) {
    out.push('## Hard constraints', '');
    for (const gate of decision.gates) {
      const where = gate.component === undefined ? '' : `, component ${escapeMarkdown(gate.component)}`;
      const odds = gateOdds(gate);
      const edge =
        odds === undefined ? '' : ` ${gate.near_edge ? `**${asSentence(odds)}**` : asSentence(odds)}`;
      out.push(
        `- **${gate.id}** (favours ${OPTION_LABELS[gate.favors]}${where}): ${inline(gate.reason)}${edge}`,
      );
    }
    out.push('');
  }

  const decisive = shownDecisiveFacts(decision);
  if (decisive.length > 0) {
    out.push(
      '## What moved the verdict most',
      '',
      'Each stated fact of the profile was taken out in turn (or set to a neutral value) and the decision made again:',
      '',
      ...decisive.map(
        (f) =>
          `- ${inline(asSentence(decisiveFactLabel(f, decision)).replace(/\.$/, ''))} ${decisiveFactStance(f, decision)}: ${inline(decisiveFactEffect(f, decision))}.`,
      ),
      '',
    );
  }

  if (decision.stakeholders && decision.stakeholders.length > 0) {
    out.push('## Stakeholders', '');
    if (decision.agreement !== undefined)
      out.push(
        `${formatPercent(decision.agreement)} of the stakeholders' weight reaches the group's verdict on their own priorities.`,
        '',
      );
    const weightColumn = formatColumn(decision.stakeholders.map((s) => s.weight));
    out.push(
      '| Stakeholder | Weight | Own verdict | Go | Rust | Hybrid |',
      '| --- | ---: | --- | ---: | ---: | ---: |',
      ...decision.stakeholders.map(
        (s, i) =>
          `| ${escapeMarkdown(s.name)}${s.role ? ` (${escapeMarkdown(s.role)})` : ''} | ${weightColumn[i]} | ${verdictWithRival(s.verdict, s.probabilities)}${differsOn(s, (clause) => ` (${escapeMarkdown(clause)})`)} | ${formatPercent(s.probabilities.go)} | ${formatPercent(s.probabilities.rust)} | ${formatPercent(s.probabilities.hybrid)} |`,
      ),
      '',
    );
    const differ = decision.disagreements ?? [];
    if (differ.length > 0)
      out.push(
        ...differ.map(
          (d) =>
            `- They differ on ${criterionLabel(d.criterion).toLowerCase()}${favoursClause(decision, d.criterion)}: ${formatPercent(d.min)} of the weight for ${escapeMarkdown(d.min_by)}, ${formatPercent(d.max)} for ${escapeMarkdown(d.max_by)}.`,
        ),
        '',
      );
  }

  if (decision.criteria.length > 0) {
    out.push(
      '## Criteria',
      '',
      'Ordered by how much each criterion moved the result. Contribution = weight × (Go − Rust): positive favours Go, negative favours Rust. Why each is rated so, with its sources: see the appendix.',
      '',
      '| Criterion | Weight | Go | Rust | Contribution |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const row of byImpact(decision.criteria)) {
      out.push(
        `| ${criterionLabel(row.id)} | ${formatPercent(row.weight)} | ${formatRating(row.go)} | ${formatRating(row.rust)} | ${formatSigned(row.contribution)} |`,
      );
    }
    out.push('');
  }

  if (decision.sensitivity.length > 0) {
    out.push(
      '## Sensitivity',
      '',
      'The weight at which a criterion would flip the verdict, and to which verdict; "never" when no weight does.',
      '',
      '| Criterion | Weight now | Verdict flips at | To |',
      '| --- | ---: | ---: | --- |',
    );
    for (const row of decision.sensitivity) {
      const { now, flip, to } = sensitivityWeights(decision, row);
      out.push(`| ${criterionLabel(row.criterion)} | ${now ?? 'n/a'} | ${flip} | ${to ?? 'n/a'} |`);
    }
    out.push('');
  }

  if (decision.components.length > 0) {
    // The share of draws is shown only when the decision carries it (older decisions do not).
    const odds = decision.components.some((c) => c.probabilities !== undefined);
    out.push(
      '## Components',
      '',
      ...(odds
        ? [
            'Holds in: the share of the uncertainty draws in which the component comes out in its language; under 70% is a near tie.',
            '',
            '| Component | Language | Holds in | Go score | Rust score |',
            '| --- | --- | ---: | ---: | ---: |',
          ]
        : ['| Component | Language | Go score | Rust score |', '| --- | --- | ---: | ---: |']),
    );
    for (const c of decision.components) {
      const go = c.scores === undefined ? 'n/a' : formatScore(c.scores.go);
      const rust = c.scores === undefined ? 'n/a' : formatScore(c.scores.rust);
      const held =
        c.probabilities === undefined
          ? 'n/a'
          : `${formatPercent(c.probabilities[c.language])}${c.near_tie ? ' (**near tie**)' : ''}`;
      out.push(
        `| ${escapeMarkdown(c.name)} | ${OPTION_LABELS[c.language]} |${odds ? ` ${held} |` : ''} ${go} | ${rust} |`,
      );
    }
    out.push('');
  }

  if (decision.boundaries.length > 0) {
    out.push(
      '## Boundaries between languages',
      '',
      '| From | To | Mechanism | Median cost per call | Calls per request |',
      '| --- | --- | --- | ---: | ---: |',
    );
    const callColumn = formatRateColumn(decision.boundaries.map((b) => b.calls_per_request ?? 0));
    for (const [i, b] of decision.boundaries.entries()) {
      const cost = `${formatNumber(b.per_call_us)} µs${b.measured ? ' (measured)' : ''}`;
      const calls = b.calls_per_request === undefined ? 'n/a' : (callColumn[i] ?? '');
      out.push(
        `| ${escapeMarkdown(b.from)} | ${escapeMarkdown(b.to)} | ${b.mechanism} | ${cost} | ${calls} |`,
      );
    }
    out.push('');
    const chatty = decision.boundaries.filter((b) => b.chatty);
    if (chatty.length > 0) {
      out.push(
        `**Chatty: reconsider where the split goes** (${chatty.map((b) => `${escapeMarkdown(b.from)} to ${escapeMarkdown(b.to)}`).join(', ')}).`,
        '',
      );
    }
  }

  if (decision.checklist.length > 0) {
    out.push('## Checklist', '');
    for (const row of decision.checklist) {
      const given = checklistFacts(row, componentNames(decision));
      out.push(
        `- ${row.applies ? 'Applies' : 'Does not apply'}${given === undefined ? '' : ` (given ${inline(given)})`}, favours ${OPTION_LABELS[row.favors]}: ${inline(row.item)}${/[.?!:]$/.test(row.item) ? '' : '.'} ${inline(row.why)}`,
      );
    }
    out.push('');
  }

  if (decision.similar_projects.length > 0) {
    out.push('## Similar projects', '');
    for (const p of decision.similar_projects) {
      const langs = p.languages.map((l) => OPTION_LABELS[l]).join(' + ');
      out.push(`- [${inline(p.name)}](${p.source}): ${langs}, ${formatPercent(p.similarity)} similar`);
    }
    out.push('');
  }
  if (decision.tips.length > 0) out.push('## Tips', '', ...decision.tips.map((t) => `- ${inline(t)}`), '');
  if (decision.caveats.length > 0)
    out.push('## Caveats', '', ...decision.caveats.map((c) => `- ${inline(c)}`), '');

  const choices = policyChoices(decision);
  if (choices.length > 0) {
    out.push(
      '## Policy choices in this decision',
      '',
      "These weight rules are the product's modelling choices (`policy` in `kb/weights.yaml`), not findings a source states; a choice may rest on evidence it cites:",
      '',
      ...choices.map(
        (c) => `- ${inline(policyChoiceText(c, componentNames(decision)))}. ${inline(sentence(c.reason))}`,
      ),
      '',
    );
  }

  out.push('## Appendix: why each criterion is rated and weighted as it is', '');
  if (decision.criteria.some((row) => row.weight_reasons !== undefined))
    out.push(
      'Each weight lists its reasons: **evidence** (a rule resting on sources), **policy** (a modelling choice of the product) or **your priority**; team experience moves the ratings, on a line of its own.',
      '',
    );
  const experienceReasons = new Set<string>();
  for (const row of byImpact(decision.criteria)) {
    const basis = weightBasis(row);
    out.push(`### ${criterionLabel(row.id)}`, '');
    if (basis === undefined || row.rationale === undefined) out.push(inline(row.why), '');
    else out.push(`${ratingLead(row)}${inline(row.rationale)}`, '');
    // Each note as a sentence (capitalised, a full stop): an italic paragraph without one reads as a heading (MD036).
    if (row.measured !== undefined) out.push(`*${inline(asSentence(row.measured))}*`, '');
    const labLine = labUseLine(row);
    if (labLine !== undefined) out.push(`*${inline(asSentence(labLine))}*`, '');
    if (row.evidence.length > 0)
      out.push(
        `${basis === undefined ? 'Sources' : 'Sources of the ratings'}: ${sourceLinks(row.evidence).join(', ')}.`,
        '',
      );
    if (basis === undefined) continue;
    if (basis.experience !== undefined) {
      const reason = basis.experience.reason;
      // The reason is the same for every criterion it moves: give it once.
      const why = experienceReasons.has(reason) ? '' : ` ${inline(sentence(reason))}`;
      experienceReasons.add(reason);
      out.push(`Team experience: ${experienceText(basis.experience)}.${why}`, '');
    }
    const existing = basis.existingCode;
    if (existing !== undefined) {
      const source =
        reasonKind(existing) === 'policy'
          ? '**policy**'
          : `**evidence** ${sourceLinks(existing.evidence).join(', ')}`;
      out.push(
        `Existing code: ${existingCodeText(existing)}, ${source}: ${inline(sentence(existing.reason))}`,
        '',
      );
    }
    const items = [
      ...basis.evidence.map(
        (r) =>
          `- **${REASON_KIND_LABELS.evidence}** ${factorText(r.factor)} \`${r.rule}\`${factsPart(r.facts, componentNames(decision))}: ${inline(sentence(r.reason))} Sources: ${sourceLinks(r.evidence).join(', ')}.`,
      ),
      ...basis.policy.map(
        (r) =>
          `- **${REASON_KIND_LABELS.policy}** ${factorText(r.factor)} \`${r.rule}\`${factsPart(r.facts, componentNames(decision))}: ${inline(sentence(r.reason))}${r.evidence.length > 0 ? ` Resting on: ${sourceLinks(r.evidence).join(', ')}.` : ''}`,
      ),
      ...basis.priority.map((r) => `- **${REASON_KIND_LABELS.priority}**: ${inline(sentence(r.reason))}`),
      ...(basis.replaced.length > 0
        ? [`- Replaced by your priority: ${basis.replaced.map((r) => `\`${r.rule}\``).join(', ')}.`]
        : []),
    ];
    if (items.length === 0)
      out.push(`Weight ${formatPercent(row.weight)}: the base weight, no rule applied.`, '');
    else out.push(`Weight ${formatPercent(row.weight)}:`, '', ...items, '');
  }
  if (decision.components.length > 0 || decision.boundaries.length > 0) {
    out.push('## Appendix: components and boundaries', '');
    for (const c of decision.components) out.push(`- ${escapeMarkdown(c.name)}: ${inline(c.why)}`);
    for (const b of decision.boundaries)
      out.push(`- ${escapeMarkdown(b.from)} to ${escapeMarkdown(b.to)} (${b.mechanism}): ${inline(b.why)}`);
    out.push('');
  }

  out.push('---', '', `*${provenance(decision)}*`, '');
  return wrapMarkdown(out.join('\n'), 80);
}

/** The facts that triggered a rule, in parentheses (nothing when none are recorded). */
function factsPart(facts: Parameters<typeof factsText>[0], names: readonly string[]): string {
  return facts.length === 0 ? '' : ` (${inline(factsText(facts, names))})`;
}

/** Every user-supplied name a decision carries: the project, its components and the gates' components. */
export function userNames(decision: Decision): string[] {
  return [
    ...(decision.project === undefined ? [] : [decision.project.name]),
    ...decision.components.map((c) => c.name),
    ...decision.boundaries.flatMap((b) => [b.from, b.to]),
    ...decision.gates.flatMap((g) => (g.component === undefined ? [] : [g.component])),
  ];
}

/** How the decision was computed, for the report's footer. */
export function provenance(decision: Decision): string {
  const how: string[] = [];
  if (decision.seed !== undefined) how.push(`seed ${decision.seed}`);
  if (decision.samples !== undefined) how.push(`${formatCount(decision.samples)} Monte-Carlo samples`);
  how.push(
    decision.lab_run === undefined ? 'knowledge-base priors only, no lab run' : `lab run ${decision.lab_run}`,
  );
  return `Generated by gorust (${how.join(', ')}).`;
}

/** Knowledge-base text in a list item or table cell: one line, and a `|` cannot end the cell. */
export function inline(text: string): string {
  return inlineTrusted(text);
}
