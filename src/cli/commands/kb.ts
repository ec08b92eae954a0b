/** @module `gorust kb [part]`: browse every part of the knowledge base as a table, or print its records as JSON. */
import type { Command } from 'commander';
import { Argument } from 'commander';
import type { KnowledgeBase } from '../../core/index.ts';
import { formatPercent } from '../../core/report/format.ts';
import { EXPERIENCE_RULE } from '../../core/report/weight-basis.ts';
import { type CliIo, processIo } from '../io.ts';
import { type Column, renderTable, terminalWidth, wrap } from '../table.ts';

/**
 * A weight rule of any kind, flattened for one table: what it changes and what it rests on, and the record
 * `gorust kb weights <id>` shows. `id` is the name a decision gives the rule; `aliases` are other names it is found by.
 */
type WeightRow = {
  id: string;
  aliases?: string[];
  /** What sort of rule it is, in words: "a weight rule", "an interop counterpart". */
  kind: string;
  effect: string;
  basis: string;
  reason: string;
  record: unknown;
};
type ParameterRow = { name: string; value: number; unit: string; why: string };

const basis = (r: { evidence: readonly string[]; policy?: boolean }) =>
  r.policy ? 'policy' : r.evidence.join(', ');
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const times = (multiply: Readonly<Partial<Record<string, number>>>) =>
  Object.entries(multiply)
    .map(([criterion, factor]) => `${criterion} x${factor}`)
    .join(', ');

/** The prefix that tells an interop counterpart from a weight rule of the same id (`interop:foreign-host`). */
const INTEROP_PREFIX = 'interop:';

/**
 * Every rule that moves a weight or a rating, by the id a decision names it with: the profile rules, the caps on
 * stacked rules (`cap-product`, `cap-share`), the existing-code rules, the interop counterparts (`interop:<id>`, also
 * found by their bare id when no weight rule has it) and the team-experience shift (`team-experience`, or
 * `experience` as kb/weights.yaml names it).
 */
function weightRows(kb: KnowledgeBase): WeightRow[] {
  const { weights } = kb;
  const ruleIds = new Set(weights.rules.map((r) => r.id));
  const caps = weights.caps;
  const capRows: WeightRow[] =
    caps === undefined
      ? []
      : [
          {
            id: 'cap-product',
            kind: 'a cap on stacked rules',
            effect: `one criterion's multipliers together at most x${caps.product_max}, at least x${caps.product_min}`,
            basis: 'policy',
            reason: caps.reason,
            record: caps,
          },
          {
            id: 'cap-share',
            kind: 'a cap on stacked rules',
            effect: `no criterion above ${formatPercent(caps.share_max)} of the derived weights`,
            basis: 'policy',
            reason: caps.reason,
            record: caps,
          },
        ];
  return [
    ...weights.rules.map((r) => ({
      id: r.id,
      kind: 'a weight rule',
      effect: times(r.multiply),
      basis: basis(r),
      reason: r.reason,
      record: r,
    })),
    ...capRows,
    ...(weights.existing_code?.rules ?? []).map((r) => ({
      id: r.id,
      kind: 'an existing-code rule',
      effect: `${r.plan} existing code: ${Object.entries(r.shift)
        .map(([criterion, points = 0]) => `${criterion} ${signed(points)}`)
        .join(', ')}`,
      basis: basis(r),
      reason: r.reason,
      record: r,
    })),
    ...weights.interop_counterparts.map((r) => ({
      id: `${INTEROP_PREFIX}${r.id}`,
      ...(ruleIds.has(r.id) ? {} : { aliases: [r.id] }),
      kind: 'an interop counterpart',
      effect: `interop rated go ${r.ratings.go}, rust ${r.ratings.rust}`,
      basis: basis(r),
      reason: r.reason,
      record: r,
    })),
    {
      id: EXPERIENCE_RULE,
      aliases: ['experience'],
      kind: 'the team-experience shift (`experience` in kb/weights.yaml)',
      effect: `rating shift: ${(['none', 'some', 'strong'] as const).map((level) => `${level} ${signed(weights.experience.shift[level])}`).join(', ')}`,
      basis: basis(weights.experience),
      reason: weights.experience.reason,
      record: weights.experience,
    },
  ];
}

type Part<Row> = {
  intro: string;
  rows: (kb: KnowledgeBase) => readonly Row[];
  columns: Column<Row>[];
  /** What `--json` prints (default: the part's own records). */
  json?: (kb: KnowledgeBase) => unknown;
};

/** Declare a part with its row type inferred from `rows`. */
const part = <Row>(p: Part<Row>) => p as Part<unknown>;

const PARTS = {
  criteria: part({
    intro: 'The criteria every decision weighs, with the knowledge base’s prior ratings (0 to 10).',
    rows: (kb) => kb.criteria,
    columns: [
      { title: 'id', value: (c) => c.id, keep: true },
      { title: 'go', value: (c) => String(c.go.rating) },
      { title: 'rust', value: (c) => String(c.rust.rating) },
      { title: 'evidence', value: (c) => String(c.evidence.length) },
      { title: 'meaning', value: (c) => c.meaning, max: 70 },
    ],
  }),
  claims: part({
    intro: 'Every statement of the source article, and our assessment of it in the light of the evidence.',
    rows: (kb) => kb.claims,
    columns: [
      { title: 'id', value: (c) => c.id, keep: true },
      { title: 'section', value: (c) => c.section },
      { title: 'favors', value: (c) => c.favors },
      { title: 'assessment', value: (c) => c.assessment },
      { title: 'claim', value: (c) => c.text, max: 60 },
    ],
  }),
  evidence: part({
    intro:
      'Sourced facts behind the ratings: who measured them, when, how sure, and where; each one whole (its claim, figures and what it was compared against) with gorust kb evidence <id>.',
    rows: (kb) => kb.evidence,
    columns: [
      { title: 'id', value: (e) => e.id, keep: true },
      { title: 'year', value: (e) => String(e.year) },
      { title: 'confidence', value: (e) => e.confidence },
      { title: 'stance', value: (e) => e.stance },
      { title: 'organisation', value: (e) => e.organisation, max: 24, wrap: true },
      { title: 'source', value: (e) => e.source, url: true },
    ],
  }),
  projects: part({
    intro: 'Real projects the similarity search compares your profile with.',
    rows: (kb) => kb.projects,
    columns: [
      // The id `gorust kb projects <id>` takes (decisions name projects by their names).
      { title: 'id', value: (p) => p.id },
      { title: 'name', value: (p) => p.name, max: 28, wrap: true },
      { title: 'languages', value: (p) => p.languages.join('+') },
      { title: 'year', value: (p) => String(p.year) },
      { title: 'confidence', value: (p) => p.confidence },
      { title: 'domain', value: (p) => p.traits.domain.join(', '), max: 30, wrap: true },
      { title: 'source', value: (p) => p.source, url: true },
    ],
  }),
  caveats: part({
    intro:
      'Where the evidence corrects or qualifies the article; a decision shows those whose condition holds.',
    rows: (kb) => kb.caveats,
    columns: [
      { title: 'id', value: (c) => c.id, keep: true },
      { title: 'corrects', value: (c) => c.corrects.join(', ') || '-', max: 30, wrap: true },
      { title: 'evidence', value: (c) => c.evidence.join(', '), max: 30, wrap: true },
      { title: 'caveat', value: (c) => c.text },
    ],
  }),
  tips: part({
    intro: 'Practical advice a decision shows where its condition holds.',
    rows: (kb) => kb.tips,
    columns: [
      { title: 'id', value: (t) => t.id, keep: true },
      { title: 'claim', value: (t) => t.claim ?? '-' },
      { title: 'tip', value: (t) => t.text },
    ],
  }),
  checklist: part({
    intro: 'The article’s decision checklist, line by line, with the criteria each line concerns.',
    rows: (kb) => kb.checklist,
    columns: [
      { title: 'id', value: (c) => c.id, keep: true },
      { title: 'favors', value: (c) => c.favors },
      { title: 'criteria', value: (c) => c.criteria.join(', '), max: 30, wrap: true },
      { title: 'item', value: (c) => c.item },
    ],
  }),
  weights: part({
    intro:
      'The rules that turn a profile into weights and ratings: each rests on evidence ids, or is a policy (a modelling choice).',
    rows: weightRows,
    columns: [
      { title: 'id', value: (w) => w.id, keep: true },
      { title: 'effect', value: (w) => w.effect, max: 50, wrap: true },
      { title: 'reason (evidence ids, or policy)', value: (w) => `${w.reason} (${w.basis})` },
    ],
    json: (kb) => kb.weights,
  }),
  boundaries: part({
    intro: 'Prior costs of one call across a Go-Rust boundary; a lab run’s measurements replace them.',
    rows: (kb) => kb.boundaries,
    columns: [
      { title: 'mechanism', value: (b) => b.mechanism, keep: true },
      { title: 'per call', value: (b) => `${b.per_call_us} µs` },
      { title: 'p99', value: (b) => (b.p99_us === undefined ? '-' : `${b.p99_us} µs`) },
      { title: 'evidence', value: (b) => b.evidence.join(', '), max: 30, wrap: true },
      { title: 'what', value: (b) => b.what },
    ],
  }),
  parameters: part({
    intro: 'The engine’s numeric parameters: gate thresholds, the GC model, the uncertainty analysis.',
    rows: (kb): ParameterRow[] =>
      Object.entries(kb.parameters).map(([name, p]) => ({ name, value: p.value, unit: p.unit, why: p.why })),
    columns: [
      { title: 'name', value: (p) => p.name, keep: true },
      { title: 'value', value: (p) => String(p.value) },
      { title: 'unit', value: (p) => p.unit, max: 24, wrap: true },
      { title: 'why', value: (p) => p.why },
    ],
  }),
} as const satisfies Record<keyof KnowledgeBase, Part<unknown>>;

type PartName = keyof typeof PARTS;
const PART_NAMES = Object.keys(PARTS) as PartName[];

function renderPart(kb: KnowledgeBase, name: PartName, width: number): string {
  const { intro, rows, columns } = PARTS[name];
  const records = rows(kb);
  const footer = `${records.length} ${name}. One record whole: gorust kb ${name} <id>; all of them: gorust kb ${name} --json`;
  return `${wrap(intro, width).join('\n')}\n\n${renderTable(columns, records, { width })}\n${wrap(footer, width).join('\n')}\n`;
}

/** The records of a part as the file has them, keyed by their id (parameters by name, boundaries by mechanism). */
function recordsOf(kb: KnowledgeBase, name: PartName): [string, unknown][] {
  if (name === 'parameters') return Object.entries(kb.parameters);
  if (name === 'weights')
    return weightRows(kb).flatMap((row) =>
      [row.id, ...(row.aliases ?? [])].map((id) => [id, row.record] as [string, unknown]),
    );
  const list = kb[name] as readonly Record<string, unknown>[];
  return list.map((r) => [String(r.id ?? r.mechanism ?? ''), r]);
}

function recordIds(kb: KnowledgeBase, name: PartName): string[] {
  return recordsOf(kb, name).map(([id]) => id);
}

function findRecord(kb: KnowledgeBase, name: PartName, id: string): unknown {
  return recordsOf(kb, name).find(([key]) => key === id)?.[1];
}

/** `priority` among a decision's weight reasons is the profile's own priority, not a knowledge-base rule. */
const PRIORITY_NOT_A_RULE =
  "priority is not a knowledge-base rule: it is your profile's `priorities` (0 to 5 per criterion), which set a criterion's weight; `gorust schema` describes them";

/**
 * The line above a weight rule's fields: its id, what sort of rule it is and what it changes, and another rule of
 * the same id when there is one (a weight rule and an interop counterpart may share one).
 */
function weightHead(kb: KnowledgeBase, id: string, width: number): string {
  const rows = weightRows(kb);
  const row = rows.find((r) => r.id === id || r.aliases?.includes(id));
  if (row === undefined) return '';
  const twin = rows.find((r) => r !== row && r.id.endsWith(`:${row.id}`));
  const also = twin === undefined ? '' : ` (also ${twin.kind}: gorust kb weights ${twin.id})`;
  return `${hangAt(`${row.id}, ${row.kind}: ${row.effect}${also}`, 0, width).join('\n')}\n\n`;
}

type Flat = string | number | boolean;
const isFlat = (value: unknown): value is Flat => ['string', 'number', 'boolean'].includes(typeof value);
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A value that reads on one line: a scalar; a list of them ("a, b"); an object of those
 * ({ runtime_performance: 1.4 } as "runtime_performance 1.4", { domain_any: [a, b] } as "domain_any a, b").
 */
function inlineText(value: unknown): string | undefined {
  if (isFlat(value)) return String(value);
  if (Array.isArray(value) && value.every(isFlat)) return value.join(', ') || '-';
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value);
  if (!entries.every(([, v]) => isFlat(v) || (Array.isArray(v) && v.every(isFlat)))) return undefined;
  return entries.map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`).join('; ') || '-';
}

/** `text` wrapped to `width` at `indent`, its further lines two columns further in. */
function hangAt(text: string, indent: number, width: number): string[] {
  const pad = ' '.repeat(indent);
  return wrap(text, Number.isFinite(width) ? Math.max(20, width - indent - 2) : width).map(
    (line, i) => `${pad}${i === 0 ? '' : '  '}${line}`,
  );
}

/** One field as lines: on its own line when it reads inline, else its key, then its parts indented under it. */
function fieldLines(key: string, value: unknown, indent: number, width: number): string[] {
  const inline = inlineText(value);
  if (inline !== undefined) return hangAt(`${key}: ${inline}`, indent, width);
  const head = `${' '.repeat(indent)}${key}:`;
  if (isObject(value))
    return [head, ...Object.entries(value).flatMap(([k, v]) => fieldLines(k, v, indent + 2, width))];
  if (Array.isArray(value)) return [head, ...value.flatMap((item) => itemLines(item, indent + 2, width))];
  return hangAt(`${key}: ${JSON.stringify(value)}`, indent, width);
}

/** One item of a list, marked "- ", its fields under the mark. */
function itemLines(item: unknown, indent: number, width: number): string[] {
  const inline = inlineText(item);
  const lines =
    inline !== undefined
      ? hangAt(inline, indent + 2, width)
      : isObject(item)
        ? Object.entries(item).flatMap(([k, v]) => fieldLines(k, v, indent + 2, width))
        : hangAt(JSON.stringify(item), indent + 2, width);
  return lines.map((line, i) => (i === 0 ? `${' '.repeat(indent)}- ${line.slice(indent + 2)}` : line));
}

type Evidence = KnowledgeBase['evidence'][number];

/**
 * An evidence record as a reader looks it up: its own `claims` (the claims it bears on, rarely filled in) replaced by
 * every record that cites it, found in the claims, criteria, caveats, tips, weight rules and parameters (QA
 * 2026-12-08: "claims: -" under evidence that 65 claims cite).
 * @example
 * withCitations(kb, kb.evidence[0]).cited_by; // { claims: ['summary-go'], criteria: ['onboarding'], ... }
 */
function withCitations(kb: KnowledgeBase, record: Evidence): Record<string, unknown> {
  const citing = <T extends { id: string; evidence: readonly string[] }>(list: readonly T[] | undefined) =>
    (list ?? []).filter((r) => r.evidence.includes(record.id)).map((r) => r.id);
  const cited: Record<string, string[]> = {
    claims: citing(kb.claims),
    criteria: citing(kb.criteria),
    caveats: citing(kb.caveats),
    tips: citing(kb.tips),
    weights: citing(kb.weights.rules),
    parameters: Object.entries(kb.parameters)
      .filter(([, p]) => p.evidence.includes(record.id))
      .map(([key]) => key),
  };
  const { claims, ...rest } = record;
  return {
    ...rest,
    ...(claims.length > 0 ? { bears_on_claims: claims } : {}),
    cited_by: Object.fromEntries(Object.entries(cited).filter(([, ids]) => ids.length > 0)),
  };
}

/**
 * Every field of one record, one per paragraph, wrapped to the terminal with a hanging indent; a nested field (a
 * condition, a list of scales) as an indented outline rather than JSON.
 */
function renderRecord(record: unknown, width: number): string {
  const lines = Object.entries(record as Record<string, unknown>).flatMap(([key, value]) =>
    fieldLines(key, value, 0, width),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Register `gorust kb`.
 * @example
 * registerKbCommand(program);
 */
export function registerKbCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('kb')
    .description(
      'browse the knowledge base: criteria, article claims, evidence, similar projects, caveats, tips, the checklist, weight rules, boundary costs, parameters',
    )
    .addArgument(new Argument('[part]', 'what to list').choices(PART_NAMES))
    .argument('[id]', 'one record of the part, shown whole (its claim, numbers, source, every field)')
    .option('--json', 'print the records as JSON')
    .action(async (name: PartName | undefined, id: string | undefined, flags: { json?: boolean }) => {
      const { loadKnowledgeBase } = await import('../../io/kb-load.ts');
      const kb = await loadKnowledgeBase();
      if (name !== undefined && id !== undefined) {
        const width = terminalWidth(io.env, io.columns ?? Number.POSITIVE_INFINITY);
        const record = findRecord(kb, name, id);
        if (record === undefined) {
          const { UserError, didYouMean } = await import('../../core/index.ts');
          const ids = recordIds(kb, name);
          const near = didYouMean(id, ids);
          if (name === 'weights' && id === 'priority') throw new UserError(PRIORITY_NOT_A_RULE);
          throw new UserError(
            `the knowledge base has no ${name} record "${id}"${near === undefined ? '' : ` (did you mean ${near}?)`}; \`gorust kb ${name}\` lists them`,
          );
        }
        const head = name === 'weights' && !flags.json ? weightHead(kb, id, width) : '';
        const shown = name === 'evidence' && !flags.json ? withCitations(kb, record as Evidence) : record;
        io.stdout(flags.json ? `${JSON.stringify(record, null, 2)}\n` : head + renderRecord(shown, width));
        return;
      }
      if (flags.json) {
        const records = name === undefined ? kb : (PARTS[name].json?.(kb) ?? kb[name]);
        io.stdout(`${JSON.stringify(records, null, 2)}\n`);
        return;
      }
      // A terminal's width (COLUMNS, or the terminal's own); piped without COLUMNS, one line per record.
      const width = terminalWidth(io.env, io.columns ?? Number.POSITIVE_INFINITY);
      if (name !== undefined) {
        io.stdout(renderPart(kb, name, width));
        return;
      }
      const counts = PART_NAMES.map((key) => ({ key, count: PARTS[key].rows(kb).length }));
      io.stdout(
        `gorust's knowledge base (kb/*.yaml)\n\n${renderTable(
          [
            { title: 'part', value: (r: { key: string }) => r.key },
            { title: 'records', value: (r: { count: number }) => String(r.count) },
          ],
          counts,
        )}\n${wrap(`List one: gorust kb ${PART_NAMES.join(' | ')}`, Number.isFinite(width) ? width : 80).join('\n')}\n(add --json for the records)\n`,
      );
    });
}
