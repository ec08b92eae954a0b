/** @module Escaping user text for HTML and Markdown output: every name, summary or reason a user typed is shown as text, never as markup. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for HTML element content and quoted attribute values.
 * @example
 * escapeHtml('<img src=x onerror=alert(1)>'); // '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Escape text for inline Markdown (a paragraph, a heading, a list item or a table cell), escaping only what
 * Markdown would read as syntax there, so the raw file stays readable ("Payments (mTLS)", not "\\(mTLS\\)"):
 * - `<` and `>` become entities, because Markdown renderers pass raw HTML (and autolinks) through;
 * - `&` only where it starts an entity reference (`&lt;`), which would otherwise turn into another character;
 * - `\`, backticks, `*`, `[`, `]`, `~` and table pipes `|` always; `_` unless it sits inside a word
 *   (`read_states`), where CommonMark never reads it as emphasis;
 * - `(`, `)`, `!`, `{`, `}` never: without an unescaped `[...]` before them they cannot form a link or an image;
 * - block syntax (`#`, `-`, `+`, `1.`) only at the start; line breaks become spaces so text cannot open a block.
 * @example
 * escapeMarkdown('<img src=x onerror=alert(1)>'); // '&lt;img src=x onerror=alert(1)&gt;'
 * escapeMarkdown('# not a *heading* (mTLS)'); // '\\# not a \\*heading\\* (mTLS)'
 */
export function escapeMarkdown(text: string): string {
  const oneLine = text.replace(/\r\n?|\n/g, ' ');
  const escaped = oneLine
    .replace(/&(?=#?[\p{L}\p{N}]+;)/gu, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
  // Block syntax only matters at the start of the text: a heading, a list item, an ordered list item.
  // An ordered list item is digits, "." or ")", then a space: "1.5 ms" starts no list and keeps its dot bare.
  return escaped.replace(/^(\s*)([#+-]|\d+(?=[.)](?:\s|$)))/, (_m, space: string, mark: string) =>
    /\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}

/** A file name stem keeps at most this many characters, cut at the end of a word when one ends after half of it. */
const SLUG_MAX = 60;

/** Words a cut file name should not end on: they lead into the words cut off. */
const DANGLING_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

/**
 * Make a safe file name stem from user text (a project name): lowercase ASCII letters, digits and dashes, at most
 * 60 characters, cut after a whole word (a single word longer than half of that is cut inside it).
 * @example
 * fileSlug('Read states <service>'); // 'read-states-service'
 */
export function fileSlug(text: string, fallback = 'decision'): string {
  const whole = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = whole.slice(0, SLUG_MAX);
  if (whole.length > SLUG_MAX && whole[SLUG_MAX] !== '-') {
    const lastDash = slug.lastIndexOf('-');
    if (lastDash >= SLUG_MAX / 2) slug = slug.slice(0, lastDash);
  }
  slug = slug.replace(/-+$/g, '');
  // A cut title does not end on a word that needs the next one ("...-a-tie-for-the").
  if (whole.length > slug.length)
    for (let last = /-([a-z]+)$/.exec(slug); last !== null; last = /-([a-z]+)$/.exec(slug)) {
      if (!DANGLING_WORDS.has(last[1] ?? '') || last.index < SLUG_MAX / 2) break;
      slug = slug.slice(0, last.index);
    }
  return slug.length > 0 ? slug : fallback;
}

/**
 * Escape text for inline Markdown, and also the link syntax GFM finds without brackets: bare `https://` URLs and
 * `www.` names become plain text (a user-supplied name must never render as a link or an image).
 * @example
 * escapeUserText('![t](https://evil.example/pixel.png)'); // '!\\[t\\](https\\://evil.example/pixel.png)'
 */
export function escapeUserText(text: string): string {
  return escapeMarkdown(text)
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

/**
 * Engine- or knowledge-base-written text that may embed user-supplied names ("applies to component NAME"):
 * the names are escaped as user text, the rest keeps its Markdown (code spans, emphasis) and is kept on one line
 * with `|` and `<` escaped so it cannot end a table cell or open HTML.
 * @example
 * inlineWithNames('calls from ![t](x) cross a boundary', ['![t](x)']); // 'calls from !\\[t\\](x) cross a boundary'
 */
export function inlineWithNames(text: string, names: readonly string[]): string {
  const trusted = inlineTrusted;
  const wanted = [...new Set(names.filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return trusted(text);
  const pattern = new RegExp(wanted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    out += trusted(text.slice(last, match.index)) + escapeUserText(match[0]);
    last = match.index + match[0].length;
  }
  return out + trusted(text.slice(last));
}

/**
 * Knowledge-base text in a Markdown list item or table cell: one line, a `|` cannot end the cell, and `<` cannot
 * open an HTML tag; inside a code span `<` stays as it is, since Markdown shows a code span's text literally
 * (`CC_FOR_<goos>` would read "CC_FOR_&lt;goos>").
 * @example
 * inlineTrusted('needs a `CC_FOR_<goos>` for x < y'); // 'needs a `CC_FOR_<goos>` for x &lt; y'
 */
export function inlineTrusted(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(/\|/g, '\\|').replace(/</g, '&lt;'),
    )
    .join('');
}

/**
 * The file name the web app exports a profile under, and the profile path an ADR exported from the web app records
 * (at the repository's root), so `gorust check` finds the profile where the export was saved.
 * @example
 * profileFileName('Ledger Core'); // 'ledger-core.gorust.yaml'
 */
export function profileFileName(project: string): string {
  return `${fileSlug(project)}.gorust.yaml`;
}
