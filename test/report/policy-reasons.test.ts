/** @module Every example, decided by the real engine and knowledge base and rendered in every format: each weight reason marked policy in the decision is shown as a policy choice (terminal, Markdown, ADR in all three templates, HTML), none is shown as evidence, and every evidence reason is shown with its evidence. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ADR_TEMPLATES,
  decide,
  evidenceSources,
  parseProfileText,
  renderAdr,
  renderMarkdown,
  renderText,
} from '../../src/core/index.ts';
import { byImpact } from '../../src/core/report/format.ts';
import { renderHtmlReport } from '../../src/core/report/html.ts';
import { EXPERIENCE_RULE, policyChoices, weightBasis } from '../../src/core/report/weight-basis.ts';
import { readKnowledgeBase } from '../../src/io/kb-files.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const kb = readKnowledgeBase();
const sources = evidenceSources(kb.evidence);
/** The rules kb/weights.yaml marks policy, and the caps (always policy): never to be shown as evidence. */
const KB_POLICY = new Set([
  ...kb.weights.rules.filter((rule) => rule.policy).map((rule) => rule.id),
  'cap-product',
  'cap-share',
]);
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));

describe.each(examples)('the policy choices of examples/%s', (file) => {
  const profile = parseProfileText(readFileSync(join(ROOT, 'examples', file), 'utf8'), file);
  const decision = decide(profile, kb, { seed: 1, samples: 2000 });
  /** Per criterion, the rules of each kind as the decision's fields say. */
  const kinds = decision.criteria.map((row) => {
    const basis = weightBasis(row);
    if (basis === undefined) throw new Error(`${row.id} has no weight_reasons`);
    return { row, basis };
  });
  // The weight rules marked policy, and the team-experience shift when it moved a rating (its sizes are fitted).
  const policyRules = [
    ...new Set([
      ...kinds.flatMap(({ basis }) => basis.policy.map((r) => r.rule)),
      ...(kinds.some(({ basis }) => basis.experience?.policy === true) ? [EXPERIENCE_RULE] : []),
    ]),
  ];

  it('names a component in the facts behind a weight by its name in every format, never as "component #2"', () => {
    const names = decision.components.map((c) => c.name);
    const componentFacts = kinds.flatMap(({ basis }) =>
      [...basis.evidence, ...basis.policy].flatMap((r) =>
        r.facts.filter((f) => f.path.startsWith('components[')),
      ),
    );
    const outputs = [
      renderText(decision, { width: 80 }),
      renderMarkdown(decision, { sources }),
      renderHtmlReport(decision, { date: '2026-12-05', sources }),
      ...ADR_TEMPLATES.map((template) =>
        renderAdr(decision, { date: '2026-12-05', profile, template, sources }),
      ),
    ];
    for (const out of outputs) expect(out).not.toMatch(/component #\d/);
    const md = renderMarkdown(decision, { sources }).replace(/\n\s*/g, ' ');
    for (const fact of componentFacts) {
      const index = Number(/^components\[(\d+)\]/.exec(fact.path)?.[1]);
      expect(md).toContain(`component ${names[index]}: `);
    }
  });

  it('carries the fields the reports read', () => {
    expect(decision.criteria.every((row) => row.rationale !== undefined)).toBe(true);
    expect(policyChoices(decision).map((c) => c.rule)).toEqual(expect.arrayContaining(policyRules));
  });

  it('terminal: every policy rule in the policy section, each shown row labels its reasons by kind', () => {
    const text = renderText(decision, { width: 80 });
    const at = text.indexOf('Policy choices');
    if (policyRules.length === 0) expect(at).toBe(-1);
    const section = text.slice(at, text.indexOf('\n\n', at));
    for (const rule of policyRules) expect(section).toContain(`- policy: ${rule}`);
    const shown = byImpact(decision.criteria).slice(0, 6);
    for (const { basis } of kinds.filter(({ row }) => shown.includes(row))) {
      for (const r of basis.policy)
        expect(text).toMatch(new RegExp(`^ {4}policy ×\\S+ ${r.rule}( \\(.*\\))?$`, 'm'));
      for (const r of basis.evidence)
        expect(text.replace(/\n {6}/g, ' ')).toMatch(
          new RegExp(`^ {4}evidence ×\\S+ ${r.rule} \\(${r.evidence.join(', ')}\\)$`, 'm'),
        );
      if (basis.experience !== undefined)
        expect(text).toMatch(/^ {4}experience: Go \S+, Rust \S+ rating points/m);
    }
    const onEvidenceLines = [...text.matchAll(/^ {4}evidence ×\S+ (\S+) /gm)].map((m) => m[1]);
    expect(onEvidenceLines.filter((rule) => KB_POLICY.has(rule ?? ''))).toEqual([]);
    // 80 columns: only a single word longer than the line (a URL) may overflow.
    for (const line of text.split('\n'))
      expect(line.length <= 80 || !line.trim().includes(' '), line).toBe(true);
  });

  it('Markdown: each criterion lists its policy reasons as policy and its evidence reasons with sources', () => {
    const md = renderMarkdown(decision, { sources }).replace(/\n\s*/g, ' ');
    for (const { row, basis } of kinds) {
      const start = md.indexOf(`### ${row.id.charAt(0).toUpperCase()}${row.id.slice(1).replace(/_/g, ' ')}`);
      const end = md.indexOf('###', start + 4);
      const part = md.slice(start, end === -1 ? undefined : end);
      for (const r of basis.policy)
        expect(part).toMatch(new RegExp(`\\*\\*policy\\*\\* ×\\S+ \`${r.rule}\``));
      for (const r of basis.policy)
        expect(part).not.toMatch(new RegExp(`\\*\\*evidence\\*\\* ×\\S+ \`${r.rule}\``));
      for (const r of basis.evidence)
        expect(part).toMatch(
          new RegExp(`\\*\\*evidence\\*\\* ×\\S+ \`${r.rule}\`(?:(?!- \\*\\*)[\\s\\S])*?Sources: \\[`),
        );
      if (basis.experience !== undefined) expect(part).toContain('Team experience: Go ');
    }
    const onEvidence = [...md.matchAll(/\*\*evidence\*\* ×\S+ `([\w-]+)`/g)].map((m) => m[1]);
    expect(onEvidence.filter((rule) => KB_POLICY.has(rule ?? ''))).toEqual([]);
    const section = md.slice(md.indexOf('## Policy choices'), md.indexOf('## Appendix'));
    for (const rule of policyRules) expect(section).toContain(`- policy: ${rule}`);
  });

  it('ADR: every template lists every policy rule under "Policy choices in this decision", and nothing else', () => {
    for (const template of ADR_TEMPLATES) {
      const adr = renderAdr(decision, { date: '2026-12-05', profile, template, sources }).replace(
        /\n\s*/g,
        ' ',
      );
      const start = adr.indexOf('Policy choices in this decision');
      if (policyRules.length === 0) {
        expect(start, template).toBe(-1);
        continue;
      }
      const list = adr.slice(start, adr.indexOf('Full analysis', start));
      const listed = [...list.matchAll(/\* policy: ([\w-]+)/g)].map((m) => m[1]);
      expect(listed.sort(), template).toEqual([...policyRules].sort());
    }
  });

  it('HTML: each reason carries its kind, the same as the decision says', () => {
    const html = renderHtmlReport(decision, { date: '2026-12-05', sources });
    const rows = html.split(/<tr><td[^>]*>/).slice(1);
    for (const { row, basis } of kinds) {
      const cell = rows.find((r) =>
        r.startsWith(`${row.id.charAt(0).toUpperCase()}${row.id.slice(1).replace(/_/g, ' ')}<`),
      );
      expect(cell, row.id).toBeDefined();
      const shown = [...(cell ?? '').matchAll(/<li data-kind="(\w+)" data-rule="([^"]+)">/g)].map(
        (m) => `${m[1]}:${m[2]}`,
      );
      expect(shown.sort()).toEqual(
        [
          ...basis.evidence.map((r) => `evidence:${r.rule}`),
          ...basis.policy.map((r) => `policy:${r.rule}`),
          ...basis.priority.map((r) => `priority:${r.rule}`),
        ].sort(),
      );
    }
    const onEvidence = [...html.matchAll(/<li data-kind="evidence" data-rule="([^"]+)">/g)].map((m) => m[1]);
    expect(onEvidence.filter((rule) => KB_POLICY.has(rule ?? ''))).toEqual([]);
    const section = html.slice(html.indexOf('<h3>Policy choices in this decision</h3>'));
    for (const rule of policyRules) expect(section).toContain(`<li data-rule="${rule}">policy: ${rule}`);
  });
});
