/** @module Plain-text tables for the terminal: padded columns, long cells cut with an ellipsis. */

export type Column<Row> = { title: string; value: (row: Row) => string; max?: number };

/**
 * Render rows as an aligned text table with a header and a rule.
 * @example
 * renderTable([{ title: 'id', value: (r) => r.id }], rows);
 */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const text = column.value(row).replace(/\s+/g, ' ').trim();
      const max = column.max ?? 60;
      return text.length > max ? `${text.slice(0, max - 1)}…` : text;
    }),
  );
  const widths = columns.map((column, i) =>
    Math.max(column.title.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (parts: readonly string[]) =>
    parts
      .map((part, i) => (i === parts.length - 1 ? part : part.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map((row) => line(row)),
  ]
    .join('\n')
    .concat('\n');
}
