import { describe, expect, it } from 'vitest';
import { wrapLine, wrapMarkdown } from './md-wrap.ts';

describe('wrapMarkdown', () => {
  it('wraps paragraphs and list items with hanging indents, leaving headings, front matter and tables alone', () => {
    const long = 'word '.repeat(30).trim();
    const md = `---\ntitle: ${long}\n---\n# ${long}\n\n${long}\n\n* ${long}\n\n| ${long} |\n`;
    const lines = wrapMarkdown(md, 40).split('\n');
    expect(lines[1]).toBe(`title: ${long}`);
    expect(lines[3]).toBe(`# ${long}`);
    const body = lines.filter((l) => /^(word|\* word| {2}word)/.test(l));
    for (const l of body) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines.some((l) => l.startsWith('  word'))).toBe(true);
    expect(lines.at(-2)).toBe(`| ${long} |`);
  });

  it('keeps a figure with its unit, and "N x" together', () => {
    // The bare-metal ADR read "memory budget 256" at a line's end and "KiB, domain embedded" on the next.
    const line = `${'word '.repeat(13)}memory budget 256 KiB, domain embedded`;
    const wrapped = wrapMarkdown(`* ${line}\n`, 80);
    expect(wrapped).toContain('256 KiB,');
    expect(wrapLine('aaaa 1 x 168 µs', 7)).toEqual(['aaaa', '1 x', '168 µs']);
  });

  it('never starts a continuation line with block syntax, and keeps a short code span whole', () => {
    const lines = wrapLine('aaaa bbbb - cccc # dddd 1. eeee `x y z`', 9);
    for (const l of lines.slice(1)) expect(l).not.toMatch(/^([-#]|\d+\.) /);
    expect(lines).toContain('`x y z`');
  });
});
