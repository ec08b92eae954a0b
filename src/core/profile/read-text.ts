/** @module Profile text -> parsed value, and the CLI's quick way to a validated Profile: guards against hostile text (size, binary data, nesting, alias bombs) and reads YAML or JSON, with no schema; `parseProfileTextQuickly` accepts a valid profile without zod (quick-accept.ts) and loads the schema only to word the problems of an invalid one. Its own module because the YAML parser is ~30 KiB gzipped, which the browser loads only to import a file. */
import { parseDocument } from 'yaml';
import { failProfile, PROFILE_LIMITS, profileProblem } from './problems.ts';
import { quickAccept } from './quick-accept.ts';
import type { Profile } from './schema.ts';

/**
 * Read a profile's YAML or JSON text into a value, after the guards against hostile text; not validated.
 * Throws a UserError (with its line and column where known) for text that is not a readable profile.
 * @example
 * const value = readProfileValue(readFileSync('gorust.yaml', 'utf8'), 'gorust.yaml');
 */
export function readProfileValue(text: string, source = 'profile'): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  guardText(body, source);
  return readStructuredText(body, source);
}

/**
 * What parseProfileText returns or throws, at less cost: a valid profile is accepted without loading zod, and only
 * an invalid one loads the schema, which words its problems (the same UserError as parseProfileText's).
 * @example
 * const profile = await parseProfileTextQuickly(text, 'gorust.yaml');
 */
export async function parseProfileTextQuickly(text: string, source = 'profile'): Promise<Profile> {
  const value = readProfileValue(text, source);
  const accepted = quickAccept(value);
  if (accepted !== undefined) return accepted;
  const { parseProfileValue } = await import('./parse.ts');
  return parseProfileValue(value, source);
}

function guardText(text: string, source: string): void {
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

function readStructuredText(text: string, source: string): unknown {
  const first = text.trimStart()[0];
  const namedJson = /\.json$/i.test(source);
  if (namedJson || first === '{' || first === '[') {
    try {
      return JSON.parse(text);
    } catch (jsonError) {
      // `{version: 1}` is valid YAML flow style: unless the file says it is JSON, only report JSON syntax
      // when YAML cannot read it either.
      try {
        if (namedJson) throw jsonError;
        return readYaml(text, source);
      } catch {
        const message = jsonError instanceof Error ? jsonError.message : String(jsonError);
        const position = /position (\d+)/.exec(message);
        const at = position ? linePosition(text, Number(position[1])) : undefined;
        const where = at ? `line ${at.line}, column ${at.col}` : '(file)';
        failProfile(source, [
          profileProblem(
            where,
            'valid JSON',
            message.replace(/ in JSON at position \d+.*$/s, '').replace(/\s+/g, ' '),
          ),
        ]);
      }
    }
  }
  return readYaml(text, source);
}

function readYaml(text: string, source: string): unknown {
  const doc = parseDocument(text, {
    prettyErrors: true,
    uniqueKeys: true,
    schema: 'core',
    strict: true,
    logLevel: 'error',
  });
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    failProfile(
      source,
      issues.slice(0, PROFILE_LIMITS.maxSyntaxErrors).map((issue) => {
        const at = issue.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}` : '(file)';
        return profileProblem(
          where,
          'valid YAML',
          (issue.message.split('\n')[0] ?? '')
            .replace(/ at line \d+.*$/, '')
            .replace(/; please use YAML\.parseAllDocuments\(\)/, ' (a profile is one document)'),
        );
      }),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: PROFILE_LIMITS.maxAliasCount });
  } catch (error) {
    const aliasBomb = error instanceof ReferenceError && /alias/i.test(error.message);
    failProfile(source, [
      aliasBomb
        ? profileProblem(
            '(file)',
            `YAML aliases that expand to a small document (at most ${PROFILE_LIMITS.maxAliasCount} alias uses)`,
            // A plain anchor reused 21 times trips this too: the text must not call every such file an attack.
            'more alias uses than that, counting what each alias expands to (a "billion laughs" document expands exponentially)',
          )
        : profileProblem(
            '(file)',
            'a YAML document gorust can read',
            error instanceof Error ? error.message : 'unreadable',
          ),
    ]);
  }
}

function linePosition(text: string, index: number): { line: number; col: number } {
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
