/** @module A tiny SVG element tree: the charts build it once (src/core/report/charts.ts); the HTML report serialises it to a string (svgToString) and the web app turns it into React elements, so both draw the same picture from one implementation. */
import { escapeHtml } from './escape.ts';

export type SvgAttrs = Record<string, string | number | undefined>;
/** One SVG element: its tag, attributes (undefined ones are left out) and children (elements or text, escaped on output). */
export type SvgNode = { tag: string; attrs: SvgAttrs; children: SvgChild[] };
export type SvgChild = SvgNode | string;

/**
 * Build an element.
 * @example
 * h('text', { x: 10, y: 20 }, 'p99'); // { tag: 'text', attrs: { x: 10, y: 20 }, children: ['p99'] }
 */
export function h(tag: string, attrs: SvgAttrs = {}, ...children: (SvgChild | null | false)[]): SvgNode {
  return { tag, attrs, children: children.filter((c): c is SvgChild => c !== null && c !== false) };
}

/** Coordinates rounded to a tenth of a pixel: shorter output, no false precision, deterministic text. */
export function px(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Serialise a tree to SVG markup; every text and attribute value is escaped, so user text stays text.
 * @example
 * svgToString(h('text', {}, '<b>')); // '<text>&lt;b&gt;</text>'
 */
export function svgToString(node: SvgChild): string {
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
  if (node.children.length === 0) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${node.children.map(svgToString).join('')}</${node.tag}>`;
}

/** Average glyph width of the charts' sans-serif font in em, on the generous side (DejaVu Sans, Chromium's fallback on Linux). */
export const CHAR_EM = 0.62;

/** Rough width of a text in the charts' font, for layout without a DOM. */
export function textWidth(text: string, fontSize = 12): number {
  return text.length * fontSize * CHAR_EM;
}

/**
 * Shorten a text to fit a width, ending it with an ellipsis.
 * @example
 * fitText('a very long component name', 80); // 'a very long…'
 */
export function fitText(text: string, width: number, fontSize = 12): string {
  const max = Math.max(1, Math.floor(width / (fontSize * CHAR_EM)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * Text on one or more lines (split at "\n"), each line a tspan under the first.
 * @example
 * textLines(['Latency', 'predictability'], { x: 10, y: 20, 'text-anchor': 'end' });
 */
export function textLines(lines: string[], attrs: SvgAttrs, lineHeight = 14): SvgNode {
  if (lines.length <= 1) return h('text', attrs, lines[0] ?? '');
  return h(
    'text',
    attrs,
    ...lines.map((line, i) => h('tspan', { x: attrs.x, dy: i === 0 ? 0 : lineHeight }, line)),
  );
}

/**
 * About `count` round tick values covering [min, max] (steps of 1, 2 or 5 times a power of ten).
 * @example
 * niceTicks(0, 9.3); // [0, 2, 4, 6, 8, 10]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max <= min) {
    if (min === 0) return [0, 1];
    const pad = Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  // Whole multiples of the step, rounded to its decimals: adding 0.2 three times to -0.6 gives -5.55e-17, not 0.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let k = Math.floor(min / step + 1e-9); k * step < max + step * (1 - 1e-9); k++)
    ticks.push(Number((k * step).toFixed(decimals)) || 0);
  return ticks;
}

/** A tick label: at most 3 significant digits, no trailing zeros. */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  return String(Number(value.toPrecision(3)));
}
