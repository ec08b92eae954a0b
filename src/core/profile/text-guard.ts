/** @module The guards a profile's text passes before any parser reads it (size, binary data, nesting), shared by read-text.ts (the yaml library) and read-text-quick.ts (the CLI's plain reader), so both refuse the same text with the same problem. */
import { failProfile, PROFILE_LIMITS, profileProblem } from './problems.ts';

/**
 * Refuse text that is too large, empty, binary or nested too deeply (a UserError naming the problem).
 * @example
 * guardText(text, 'gorust.yaml');
 */
export function guardText(text: string, source: string): void {
  // UTF-16 length is a lower bound of the UTF-8 size, so the cheap check comes first.
  const bytes = text.length > PROFILE_LIMITS.maxBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes > PROFILE_LIMITS.maxBytes) {
    failProfile(source, [
      profileProblem(
        '(file)',
        `a profile of at most ${PROFILE_LIMITS.maxBytes / 1024} KiB`,
        `${Math.ceil(bytes / 1024)} KiB`,
      ),
    ]);
  }
  if (text.trim().length === 0) {
    failProfile(source, [
      profileProblem('(file)', 'a YAML or JSON profile (see `gorust schema` and examples/)', 'an empty file'),
    ]);
  }
  // A NUL, another control character or the replacement character means binary data, not a text profile.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  const binary = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/.exec(text);
  if (binary) {
    const at = linePosition(text, binary.index);
    const code = binary[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '';
    failProfile(source, [
      profileProblem(
        `line ${at.line}, column ${at.col}`,
        'a text file (YAML or JSON)',
        `binary data (character U+${code})`,
      ),
    ]);
  }
  const nesting = scanNesting(text);
  if (nesting.depth > PROFILE_LIMITS.maxDepth) {
    failProfile(source, [
      profileProblem(
        `line ${nesting.line}`,
        `at most ${PROFILE_LIMITS.maxDepth} levels of nesting`,
        `more than ${PROFILE_LIMITS.maxDepth}`,
      ),
    ]);
  }
}

/**
 * A conservative, linear scan for nesting before any parser sees the text: the yaml parser recurses per level
 * and deeply nested flow collections exhaust memory, so depth is bounded here. Brackets inside quoted
 * strings count too, which only matters for a file with dozens of unclosed brackets in prose.
 */
function scanNesting(text: string): { depth: number; line: number } {
  let flow = 0;
  let line = 1;
  let worst = { depth: 0, line: 1 };
  const indents: number[] = [];
  let atLineStart = true;
  let i = 0;
  while (i < text.length) {
    if (atLineStart) {
      atLineStart = false;
      let j = i;
      let dashes = 0;
      // Leading spaces, plus `- ` / `? ` indicators, which open a level each (`- - - x` nests three lists).
      while (j < text.length) {
        const next = text[j + 1];
        const indicator =
          (text[j] === '-' || text[j] === '?') && (next === undefined || next === ' ' || next === '\n');
        if (indicator) dashes++;
        else if (text[j] !== ' ') break;
        j++;
      }
      const blank =
        dashes === 0 && (j >= text.length || text[j] === '\n' || text[j] === '\r' || text[j] === '#');
      if (!blank && flow === 0) {
        const indent = j - i;
        while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
        indents.push(indent);
        const depth = indents.length + dashes;
        if (depth > worst.depth) worst = { depth, line };
      }
    }
    const ch = text[i];
    if (ch === '\n') {
      line++;
      atLineStart = true;
    } else if (ch === '[' || ch === '{') {
      flow++;
      const depth = indents.length + flow;
      if (depth > worst.depth) worst = { depth, line };
    } else if ((ch === ']' || ch === '}') && flow > 0) {
      flow--;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    }
    if (worst.depth > PROFILE_LIMITS.maxDepth) return worst;
    i++;
  }
  return worst;
}

/**
 * The line and column (from 1) of a character index.
 * @example
 * linePosition('a\nbc', 3); // { line: 2, col: 2 }
 */
export function linePosition(text: string, index: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: index - lineStart + 1 };
}
