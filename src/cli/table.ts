/** @module Plain-text tables for the terminal: padded columns that fit the terminal's width, long cells cut with an ellipsis, URLs never cut. */

export type Column<Row> = {
  title: string;
  value: (row: Row) => string;
  /** In a terminal, cut the cell to this many characters (default 60) unless the terminal has room for more. */
  max?: number;
  /** Never cut (an id the user types back). */
  keep?: boolean;
  /** A link: never cut, so it can be opened. */
  url?: boolean;
  /** In a terminal, wrap a cell too long for the column onto further lines of its row instead of cutting it (a list
   * of ids or multipliers, where a cut would hide one). */
  wrap?: boolean;
};

export type TableOptions = {
  /** The terminal's width: a wider table puts its last column on lines of its own under each row. Without one
   * (piped), no cell is cut. */
  width?: number | undefined;
};

/** Lines of the last column under its row start this far in. */
const UNDER = '    ';
/** A cut column keeps at least this many characters. */
const MIN_CUT = 6;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A cell's text in lines of at most `width` characters: a list ("a x2, b x1.3") breaks after its commas, so an item
 * stays whole; an item longer than the width breaks at its spaces, and a word longer than it after a hyphen or slash.
 */
function wrapCell(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const items = text.split(/(?<=,) /);
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && line.length + 1 + item.length <= width) line = `${line} ${item}`;
    else {
      if (line !== '') lines.push(line);
      const parts = item.length > width ? wrap(item, width) : [item];
      lines.push(...parts.slice(0, -1));
      line = parts.at(-1) ?? '';
    }
  }
  if (line !== '') lines.push(line);
  // A single word longer than the column (a long id or name) breaks after a hyphen or slash, so nothing is hidden.
  return lines.flatMap((l) => breakWord(l, width));
}

/** A line longer than `width` in pieces that fit, each ending after a hyphen or a slash where there is one. */
function breakWord(text: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const at = Math.max(rest.lastIndexOf('-', width - 1), rest.lastIndexOf('/', width - 1));
    const end = at > 0 ? at + 1 : width;
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return [...pieces, rest];
}

/**
 * Wrap text at spaces to `width` columns (a word longer than that stays whole).
 * @example
 * wrap('a long sentence', 8); // ['a long', 'sentence']
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Wrap text to `width` columns with a hanging indent: `first` before the first line, `rest` before the others.
 * @example
 * hanging('gorust: a long message', 12, '', '  '); // 'gorust: a\n  long\n  message'
 */
export function hanging(text: string, width: number, first: string, rest: string): string {
  return wrap(text, Math.max(20, width - rest.length))
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');
}

/**
 * Render rows as an aligned text table with a header and a rule. When the table is wider than `options.width`, the
 * last column goes under each row (a URL whole, free text wrapped), and cuttable columns narrow until the rest fits.
 * @example
 * renderTable([{ title: 'id', value: (r) => r.id, keep: true }], rows, { width: 80 });
 */
export function renderTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  options: TableOptions = {},
): string {
  const width = options.width ?? Number.POSITIVE_INFINITY;
  const texts = rows.map((row) => columns.map((column) => column.value(row).replace(/\s+/g, ' ').trim()));
  const limit = (column: Column<Row>) =>
    column.keep || column.url ? Number.POSITIVE_INFINITY : (column.max ?? 60);
  // A cell as the lines it takes: cut to its column's width, or wrapped there (a `wrap` column).
  const cellLines = (text: string, i: number, max: number) =>
    columns[i]?.wrap ? wrapCell(text, max) : [cut(text, max)];
  const widthsFor = (count: number, maxes: number[]) =>
    columns
      .slice(0, count)
      .map((column, i) =>
        Math.max(
          column.title.length,
          ...texts.flatMap((row) => cellLines(row[i] ?? '', i, maxes[i] ?? 60).map((l) => l.length)),
        ),
      );
  const total = (widths: number[]) => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  const line = (parts: readonly string[], widths: number[]) =>
    parts
      .map((part, i) => (i === parts.length - 1 ? part : part.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  // One row's lines: a wrapped cell's further lines under its own column, the other cells blank there.
  const rowLines = (cells: readonly string[], widths: number[]) => {
    const split = cells.map((text, i) => cellLines(text, i, maxes[i] ?? 60));
    const height = Math.max(1, ...split.map((l) => l.length));
    return [...Array(height).keys()].map((k) =>
      line(
        split.map((l) => l[k] ?? ''),
        widths,
      ),
    );
  };

  // Piped (no width): every cell whole, one line per row, so grep and a file keep each record's evidence ids and
  // `policy` marks; only a terminal's width cuts a cell.
  const maxes = Number.isFinite(width) ? columns.map(limit) : columns.map(() => Number.POSITIVE_INFINITY);
  // In a terminal wider than the table, a cut column grows into the spare width, the one that needs least first, so
  // more of them show whole. A free-text last column still cut then goes under each row, wrapped whole, as in a
  // narrow terminal, and the other columns share the line.
  const n = columns.length;
  const grows = (i: number) => !columns[i]?.keep && !columns[i]?.url;
  const longest = (i: number) => Math.max(0, ...texts.map((row) => row[i]?.length ?? 0));
  const growInto = (count: number) => {
    let spare = width - total(widthsFor(count, maxes));
    const needs = [...Array(count).keys()]
      .filter(grows)
      .map((i) => ({ i, need: longest(i) - (maxes[i] ?? 60) }))
      .filter(({ need }) => need > 0)
      .sort((a, b) => a.need - b.need);
    for (const { i, need } of needs) {
      const grow = Math.min(spare, need);
      if (grow <= 0) break;
      maxes[i] = (maxes[i] ?? 60) + grow;
      spare -= grow;
    }
  };
  let lastCut = false;
  if (Number.isFinite(width) && n >= 2) {
    growInto(n);
    lastCut = grows(n - 1) && longest(n - 1) > (maxes[n - 1] ?? 60);
    if (lastCut) {
      columns.forEach((column, i) => {
        maxes[i] = limit(column);
      });
      growInto(n - 1);
    }
  }
  const full = widthsFor(n, maxes);
  if ((total(full) <= width && !lastCut) || n < 2) {
    return [
      line(
        columns.map((c) => c.title),
        full,
      ),
      line(
        full.map((w) => '-'.repeat(w)),
        full,
      ),
      ...texts.flatMap((row) => rowLines(row, full)),
    ]
      .join('\n')
      .concat('\n');
  }

  // Too wide: the last column goes under each row; the widest cuttable columns narrow until the others fit.
  const last = columns[columns.length - 1] as Column<Row>;
  const count = columns.length - 1;
  // The line the last column left is the others' to use: a cut column grows into it before any narrows.
  growInto(count);
  let widths = widthsFor(count, maxes);
  // One column at a time, the widest, so the narrowed columns end up alike rather than one cut to nothing. First a
  // wrapped column down to its longest word (an id stays whole), then a wrapped one breaking its words, and only then
  // a column whose cells get cut.
  const longestWord = (i: number) =>
    Math.max(MIN_CUT, ...texts.flatMap((row) => (row[i] ?? '').split(' ').map((w) => w.length)));
  const floors: ((i: number) => number)[] = [
    (i) => (columns[i]?.wrap ? longestWord(i) : Number.POSITIVE_INFINITY),
    (i) => (columns[i]?.wrap ? MIN_CUT : Number.POSITIVE_INFINITY),
    () => MIN_CUT,
  ];
  for (const floor of floors) {
    while (total(widths) > width) {
      const narrowable = widths
        .map((w, i) => ({ w, i }))
        .filter(({ w, i }) => grows(i) && w > Math.max(floor(i), columns[i]?.title.length ?? 0))
        .sort((a, b) => b.w - a.w)[0];
      if (narrowable === undefined) break;
      maxes[narrowable.i] = narrowable.w - 1;
      widths = widthsFor(count, maxes);
    }
  }
  const under = (text: string) =>
    text === ''
      ? []
      : last.url
        ? [UNDER + text]
        : wrap(text, Math.max(20, width - UNDER.length)).map((l) => UNDER + l);
  return [
    line(
      columns.slice(0, count).map((c) => c.title),
      widths,
    ),
    `${UNDER}${last.title}`,
    line(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
    ...texts.flatMap((row) => [...rowLines(row.slice(0, count), widths), ...under(row[count] ?? '')]),
  ]
    .join('\n')
    .concat('\n');
}

/**
 * The terminal's width for tables and the summary: COLUMNS when it is a sane number, else `fallback`.
 * @example
 * terminalWidth(process.env); // 80 in an 80-column terminal that exports COLUMNS
 */
export function terminalWidth(env: NodeJS.ProcessEnv, fallback = 100): number {
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns >= 20 && columns <= 1000 ? columns : fallback;
}
