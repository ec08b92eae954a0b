/** @module Wrap generated Markdown to a line width (markdownlint's default 80) without changing what it renders: paragraphs and list items wrap at spaces with hanging indents; headings, tables, front matter, HTML comments and code stay as they are. */

/**
 * A figure ("168", "~1,000", "(0.5") and the unit after it ("µs", "ms)", "GiB,", "weeks", "people"): kept on one
 * line, as are "N of M" ("1.95 of 10", "4 of 5") and "N x" ("1 x 168 µs"). The terminal report and the Markdown
 * wrapper both keep them.
 */
export const FIGURE = /^[~(]?[-+\u2212]?\d[\d,.]*%?$/;
export const UNIT =
  /^(ns|\u00b5s|ms|s|KiB|MiB|GiB|TiB|KB|MB|GB|req\/s|requests?\/s|seconds?|minutes?|hours?|days?|weeks?|months?|years?|people|person|engineers?|points?|kloc|draws|samples|of|x|\u00d7)[),.;:]*$/;
/** A word that would start a block (a list item, a heading, a quote, a table, a setext underline) at the start of a line. */
const BLOCK_START = /^([-+*>#=|]|\d+[.)]|`{3}|~{3})/;

/**
 * Break one logical line into lines of at most `width` columns (a word longer than that stays whole: URLs),
 * the first prefixed with `first`, the others with `rest`; never starting a continuation line with a word that
 * Markdown would read as block syntax.
 * @example
 * wrapLine('a b c', 3, '* ', '  '); // ['* a', '  b', '  c']
 */
export function wrapLine(text: string, width: number, first = '', rest = ''): string[] {
  const words = figuresWithUnits(unbreakable(text.split(/ +/).filter((w) => w.length > 0)));
  const lines: string[] = [];
  let current = first;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? current + word : `${current} ${word}`;
    if (!empty && candidate.length > width && !BLOCK_START.test(word)) {
      lines.push(current);
      current = rest + word;
    } else if (!empty && candidate.length > width && current.lastIndexOf(' ') > first.length) {
      // The word would open a block at the start of a line: carry the word before it down too.
      const at = current.lastIndexOf(' ');
      lines.push(current.slice(0, at));
      current = `${rest}${current.slice(at + 1)} ${word}`;
    } else {
      current = candidate;
    }
    empty = false;
  }
  lines.push(current);
  return lines;
}

/**
 * Wrap a whole generated Markdown document: each paragraph and list item is one logical line on input; a line
 * `keep` matches stays whole (a line another tool reads as one).
 * @example
 * wrapMarkdown('# Title\n\nA long paragraph ...\n', 80);
 */
export function wrapMarkdown(markdown: string, width = 80, keep?: RegExp): string {
  const out: string[] = [];
  let inFence = false;
  let inFrontMatter = false;
  const lines = markdown.split('\n');
  for (const [i, line] of lines.entries()) {
    if (i === 0 && line === '---') {
      inFrontMatter = true;
      out.push(line);
      continue;
    }
    if (inFrontMatter) {
      if (line === '---') inFrontMatter = false;
      out.push(line);
      continue;
    }
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (
      inFence ||
      /^\s*(```|~~~)/.test(line) ||
      line.length <= width ||
      /^(#|\||<!--|\s*$)/.test(line) ||
      keep?.test(line) === true
    ) {
      out.push(line);
      continue;
    }
    const item = /^(\s*)([*-]|\d+\.) (.*)$/.exec(line);
    if (item) {
      const [, indent = '', marker = '', body = ''] = item;
      out.push(
        ...wrapLine(body, width, `${indent}${marker} `, ' '.repeat(indent.length + marker.length + 1)),
      );
      continue;
    }
    const quote = /^> (.*)$/.exec(line);
    if (quote) {
      out.push(...wrapLine(quote[1] ?? '', width, '> ', '> '));
      continue;
    }
    const lead = /^(\s*)/.exec(line)?.[1] ?? '';
    out.push(...wrapLine(line.trim(), width, lead, lead));
  }
  return out.join('\n');
}

/** The longest code span kept on one line. */
const MAX_UNBROKEN = 72;

/** Join words that sit inside one code span, so a command is never broken across lines (it stays copyable). */
function unbreakable(words: string[]): string[] {
  const out: string[] = [];
  let open: string | undefined;
  for (const word of words) {
    if (open !== undefined) {
      open = `${open} ${word}`;
      if (ticks(word) % 2 === 1) {
        // A span longer than a line cannot stay whole: let it break like prose (it still renders the same).
        out.push(...(open.length > MAX_UNBROKEN ? open.split(' ') : [open]));
        open = undefined;
      }
    } else if (ticks(word) % 2 === 1) {
      open = word;
    } else {
      out.push(word);
    }
  }
  if (open !== undefined) out.push(...open.split(' '));
  return out;
}

/** Join each figure to the unit after it ("256 KiB", "1 x"), so a wrapped line never ends in the figure alone. */
function figuresWithUnits(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const last = out.at(-1);
    if (last !== undefined && UNIT.test(word) && FIGURE.test(last.split(' ').at(-1) ?? ''))
      out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

function ticks(word: string): number {
  return (word.replace(/\\`/g, '').match(/`/g) ?? []).length;
}
