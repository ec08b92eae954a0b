/** @module Tests of the terminal tables: aligned columns that fit the terminal's width, URLs never cut. */
import { describe, expect, it } from 'vitest';
import { type Column, renderTable } from './table.ts';

type Row = { id: string; org: string; source: string };
const rows: Row[] = [
  {
    id: 'go-gc-pause-sub-ms',
    org: 'Go team (Rick Hudson, ISMM 2018 keynote)',
    source:
      'https://blog.cloudflare.com/how-we-built-pingora-the-proxy-that-connects-cloudflare-to-the-internet/',
  },
  { id: 'pingora-2022', org: 'Cloudflare', source: 'https://go.dev/blog/ismmkeynote' },
];
const columns: Column<Row>[] = [
  { title: 'id', value: (r) => r.id, keep: true },
  { title: 'organisation', value: (r) => r.org, max: 24 },
  { title: 'source', value: (r) => r.source, url: true },
];

describe('renderTable', () => {
  it('keeps one line per row when the table fits, a cut cell growing into a wide terminal', () => {
    // Piped (no width): every cell whole, one line per row, so grep finds what a cut would hide.
    expect(renderTable(columns.slice(0, 2), rows).split('\n')[2]).toBe(
      'go-gc-pause-sub-ms  Go team (Rick Hudson, ISMM 2018 keynote)',
    );
    // An 80-column terminal has room for the whole organisation.
    const out = renderTable(columns.slice(0, 2), rows, { width: 80 });
    expect(out.split('\n')[2]).toBe('go-gc-pause-sub-ms  Go team (Rick Hudson, ISMM 2018 keynote)');
    // Too narrow for it: the last column goes under its row, whole, rather than cut.
    const narrow = renderTable(columns.slice(0, 2), rows, { width: 30 }).split('\n');
    expect(narrow).toContain('    Go team (Rick Hudson, ISMM');
    expect(narrow.every((line) => line.length <= 30)).toBe(true);
  });

  it('moves the last column under its row when the table is wider than the terminal, and never cuts a URL', () => {
    const out = renderTable(columns, rows, { width: 60 });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('id                  organisation');
    expect(lines).toContain(
      '    https://blog.cloudflare.com/how-we-built-pingora-the-proxy-that-connects-cloudflare-to-the-internet/',
    );
    expect(lines).toContain('    https://go.dev/blog/ismmkeynote');
    // Every line but a URL fits.
    for (const line of lines.filter((l) => !l.includes('https://')))
      expect(line.length).toBeLessThanOrEqual(60);
  });

  it('wraps a free-text last column on its own lines instead of cutting it', () => {
    const text: Column<Row>[] = [
      { title: 'id', value: (r) => r.id, keep: true },
      {
        title: 'meaning',
        value: () => 'How steady tail latency (p99, p99.9, max) stays under load and over time, with the GC',
        max: 70,
      },
    ];
    const out = renderTable(text, rows, { width: 40 });
    expect(out).not.toContain('…');
    expect(out).toContain('    How steady tail latency (p99, p99.9,');
    for (const line of out.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('narrows a cuttable column when the others still do not fit, never a kept one', () => {
    const out = renderTable(columns, rows, { width: 34 });
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'id                  organisation',
      '    source',
      '------------------  --------------',
      'go-gc-pause-sub-ms  Go team (Rick…',
    ]);
    for (const line of lines.filter((l) => !l.includes('https://')))
      expect(line.length).toBeLessThanOrEqual(34);
  });

  it('wraps a `wrap` column in its own width instead of cutting it, an id whole, and uses the line the last column left', () => {
    type Ids = { id: string; ids: string; text: string };
    const wide: Ids[] = [
      {
        id: 'max-performance',
        ids: 'runtime_performance, memory_efficiency, latency_predictability',
        text: 'Maximum runtime performance & memory control: Rust, and more words to go under the row',
      },
    ];
    const out = renderTable<Ids>(
      [
        { title: 'id', value: (r) => r.id, keep: true },
        { title: 'criteria', value: (r) => r.ids, max: 20, wrap: true },
        { title: 'item', value: (r) => r.text },
      ],
      wide,
      { width: 60 },
    );
    expect(out).not.toContain('…');
    expect(out.split('\n').slice(3, 5)).toEqual([
      'max-performance  runtime_performance, memory_efficiency,',
      '                 latency_predictability',
    ]);
    for (const line of out.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});
