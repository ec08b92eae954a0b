/** @module `gorust kb [criteria|claims|evidence|projects]`: browse the knowledge base as tables, or print its records as JSON. */
import type { Command } from 'commander';
import { Argument } from 'commander';
import type { KnowledgeBase } from '../../core/index.ts';
import { type CliIo, processIo } from '../io.ts';
import { type Column, renderTable, terminalWidth, wrap } from '../table.ts';

const SECTIONS = ['criteria', 'claims', 'evidence', 'projects'] as const;
type Section = (typeof SECTIONS)[number];

type Row<S extends Section> = KnowledgeBase[S][number];

const TABLES: { [S in Section]: { intro: string; columns: Column<Row<S>>[] } } = {
  criteria: {
    intro: 'The criteria every decision weighs, with the knowledge base’s prior ratings (0 to 10).',
    columns: [
      { title: 'id', value: (c) => c.id, keep: true },
      { title: 'go', value: (c) => String(c.go.rating) },
      { title: 'rust', value: (c) => String(c.rust.rating) },
      { title: 'evidence', value: (c) => String(c.evidence.length) },
      { title: 'meaning', value: (c) => c.meaning, max: 70 },
    ],
  },
  claims: {
    intro: 'Every statement of the source article, and our assessment of it in the light of the evidence.',
    columns: [
      { title: 'id', value: (c) => c.id, keep: true },
      { title: 'section', value: (c) => c.section },
      { title: 'favors', value: (c) => c.favors },
      { title: 'assessment', value: (c) => c.assessment },
      { title: 'claim', value: (c) => c.text, max: 60 },
    ],
  },
  evidence: {
    intro: 'Sourced facts behind the ratings, with who measured them and against what.',
    columns: [
      { title: 'id', value: (e) => e.id, keep: true },
      { title: 'year', value: (e) => String(e.year) },
      { title: 'confidence', value: (e) => e.confidence },
      { title: 'stance', value: (e) => e.stance },
      { title: 'organisation', value: (e) => e.organisation, max: 24 },
      { title: 'source', value: (e) => e.source, url: true },
    ],
  },
  projects: {
    intro: 'Real projects the similarity search compares your profile with.',
    columns: [
      { title: 'name', value: (p) => p.name, max: 28 },
      { title: 'languages', value: (p) => p.languages.join('+') },
      { title: 'workload', value: (p) => p.traits.workload },
      { title: 'domain', value: (p) => p.traits.domain.join(', '), max: 30 },
      { title: 'source', value: (p) => p.source, url: true },
    ],
  },
};

function renderSection<S extends Section>(kb: KnowledgeBase, section: S, width: number): string {
  const table = TABLES[section];
  return `${wrap(table.intro, width).join('\n')}\n\n${renderTable(table.columns, kb[section] as Row<S>[], { width })}\n${kb[section].length} ${section}. Full records: gorust kb ${section} --json\n`;
}

/**
 * Register `gorust kb`.
 * @example
 * registerKbCommand(program);
 */
export function registerKbCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('kb')
    .description('browse the knowledge base: criteria, article claims, evidence, similar projects')
    .addArgument(new Argument('[section]', 'what to list').choices(SECTIONS))
    .option('--json', 'print the records as JSON')
    .action(async (section: Section | undefined, flags: { json?: boolean }) => {
      const { loadKnowledgeBase } = await import('../../io/kb-load.ts');
      const kb = await loadKnowledgeBase();
      if (flags.json) {
        io.stdout(`${JSON.stringify(section === undefined ? kb : kb[section], null, 2)}\n`);
        return;
      }
      if (section !== undefined) {
        // A terminal's width (COLUMNS, or the terminal's own); piped without COLUMNS, one line per record.
        io.stdout(renderSection(kb, section, terminalWidth(io.env, io.columns ?? Number.POSITIVE_INFINITY)));
        return;
      }
      const counts = (Object.keys(kb) as (keyof KnowledgeBase)[]).map((key) => {
        const value = kb[key];
        const count = Array.isArray(value) ? value.length : Object.keys(value).length;
        return { key, count };
      });
      io.stdout(
        `gorust's knowledge base (kb/*.yaml)\n\n${renderTable(
          [
            { title: 'part', value: (r: { key: string }) => r.key },
            { title: 'records', value: (r: { count: number }) => String(r.count) },
          ],
          counts,
        )}\nList one: gorust kb criteria | claims | evidence | projects\n(add --json for the records)\n`,
      );
    });
}
