/** @module Tests of the HTML and Markdown escapers: user text always comes out as text. */
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeMarkdown,
  escapeUserText,
  fileSlug,
  inlineTrusted,
  inlineWithNames,
} from './escape.ts';

const XSS = '<img src=x onerror=alert(1)>';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes quotes so attribute values cannot be closed', () => {
    expect(escapeHtml(`a"b'c&d`)).toBe('a&quot;b&#39;c&amp;d');
  });

  it('leaves plain text alone', () => {
    expect(escapeHtml('Read states service (v2)')).toBe('Read states service (v2)');
  });
});

describe('escapeMarkdown', () => {
  it('turns raw HTML into entities', () => {
    const md = escapeMarkdown(XSS);
    expect(md).not.toContain('<');
    expect(md).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('leaves parentheses, exclamation marks and braces alone: without an open [ they make no link', () => {
    expect(escapeMarkdown('Payments gateway (mTLS)!')).toBe('Payments gateway (mTLS)!');
    expect(escapeMarkdown('config {a: 1}')).toBe('config {a: 1}');
    // With the brackets escaped, a would-be link stays text.
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(escapeMarkdown('![x](https://e.x/t.png)')).toBe('!\\[x\\](https://e.x/t.png)');
  });

  it('escapes & only where it would start an entity reference', () => {
    expect(escapeMarkdown('R&D team')).toBe('R&D team');
    expect(escapeMarkdown('&lt;script&gt; and &#60;')).toBe('&amp;lt;script&amp;gt; and &amp;#60;');
  });

  it('leaves underscores inside words alone and escapes those that could open or close emphasis', () => {
    expect(escapeMarkdown('read_states_v2')).toBe('read_states_v2');
    expect(escapeMarkdown('_b_ and __c__')).toBe('\\_b\\_ and \\_\\_c\\_\\_');
  });

  it('escapes emphasis, links, code and table pipes', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) `e` f|g ~~h~~ \\')).toBe(
      '\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` f\\|g \\~\\~h\\~\\~ \\\\',
    );
  });

  it('keeps text on one line and out of block syntax', () => {
    expect(escapeMarkdown('# title\n- item')).toBe('\\# title - item');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('+ plus')).toBe('\\+ plus');
  });

  it('leaves ordinary punctuation and numbers inside text alone', () => {
    expect(escapeMarkdown('Go 1.26 - fast, safe.')).toBe('Go 1.26 - fast, safe.');
  });
});

describe('escapeMarkdown at the start of a text', () => {
  it('escapes what would open a list, and leaves a figure like "1.5 ms" bare (QA: "1\\.5 ms")', () => {
    expect(escapeMarkdown('1.5 ms')).toBe('1.5 ms');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('2) second')).toBe('2\\) second');
    expect(escapeMarkdown('- item')).toBe('\\- item');
  });
});

describe('fileSlug', () => {
  it('keeps only lowercase letters, digits and dashes', () => {
    expect(fileSlug('Read states <service>')).toBe('read-states-service');
    expect(fileSlug('../../etc/passwd')).toBe('etc-passwd');
  });

  it('cuts a long title after a whole word, and inside a word only when the word is most of the stem', () => {
    const title = 'Go or Rust for read states service: a tie for the team to break';
    expect(fileSlug(title)).toBe('go-or-rust-for-read-states-service-a-tie-for-the-team');
    expect(fileSlug(title).length).toBeLessThanOrEqual(60);
    expect(fileSlug('a'.repeat(70))).toBe('a'.repeat(60));
    expect(fileSlug(`x ${'b'.repeat(70)}`)).toBe(`x-${'b'.repeat(58)}`);
    // Exactly at a word's end: nothing is dropped.
    expect(fileSlug(`${'c'.repeat(60)} d`)).toBe('c'.repeat(60));
  });

  it('does not end a cut title on a word that leads into the words cut off (QA: "...-a-tie-for-the")', () => {
    expect(fileSlug('Rust or Hybrid for telemetry ingest pipeline: a tie for the team to break')).toBe(
      'rust-or-hybrid-for-telemetry-ingest-pipeline-a-tie',
    );
    // A whole title keeps its last word, whatever it is.
    expect(fileSlug('What to build it with')).toBe('what-to-build-it-with');
  });

  it('falls back when nothing is left', () => {
    expect(fileSlug('<>!!')).toBe('decision');
    expect(fileSlug('日本', 'report')).toBe('report');
  });
});

describe('inlineTrusted', () => {
  it('escapes < outside code spans only, since a code span shows its text literally', () => {
    expect(inlineTrusted('needs `CC_FOR_<goos>_<goarch>` when x < y')).toBe(
      'needs `CC_FOR_<goos>_<goarch>` when x &lt; y',
    );
    expect(inlineTrusted('a | b and `c | d`\nnext')).toBe('a \\| b and `c \\| d` next');
  });
});

describe('escapeUserText and inlineWithNames', () => {
  it('turns image, link and autolink syntax in a name into text', () => {
    expect(escapeUserText('![t](https://evil.example/pixel.png)')).toBe(
      '!\\[t\\](https\\://evil.example/pixel.png)',
    );
    expect(escapeUserText('see www.evil.example')).toBe('see www\\.evil.example');
  });

  it('escapes the names inside an engine sentence and keeps the sentence own Markdown', () => {
    const sentence = 'applies to component ![t](x) via `grpc`';
    expect(inlineWithNames(sentence, ['![t](x)'])).toBe('applies to component !\\[t\\](x) via `grpc`');
    expect(inlineWithNames('a | b <c>', [])).toBe('a \\| b &lt;c>');
  });
});
