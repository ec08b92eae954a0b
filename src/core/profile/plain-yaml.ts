/**
 * @module A reader for the plain YAML profiles are written in, without the yaml library (whose loading and parsing
 * cost a cold `gorust decide` about 11 ms of its start-up): block mappings and sequences (a sequence may sit at its
 * key's indentation, a mapping may start on its `- ` line), plain, single- and double-quoted scalars without escapes,
 * flow lists and mappings on one line, and comments. It reads only what it recognises with certainty and returns
 * undefined for anything else (anchors, aliases, tags, directives, several documents, block scalars, escapes,
 * multi-line scalars or flow collections, tabs, duplicate keys, odd indentation, keys other than simple names...), so
 * the caller reads that text with the yaml library, which gives the value or words the error. Where it returns a
 * value it is the one the yaml library gives with the core schema (`parseDocument(text, { schema: 'core' }).toJS()`),
 * which test/profile/plain-yaml-differential.test.ts checks on every example, every corpus profile and generated text.
 */

/** Why the text was left to the yaml library: never shown, only thrown and caught inside this module. */
class NotPlain extends Error {}

const notPlain = (): never => {
  throw new NotPlain();
};

type Line = { indent: number; text: string };

/** A mapping key the reader accepts: a simple name that the core schema reads as a string. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,99}(?=:( |$))/;
const SPECIAL_KEY = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL|__proto__)$/;

/** Characters that may not start a plain scalar here (the YAML indicators; `-` is handled on its own). */
const INDICATOR = /^[?:,[\]{}#&*!|>'"%@`]/;

/**
 * The value the yaml library's core schema gives a plain scalar: its tests in its order (null, bool, octal, decimal
 * and hexadecimal integers, infinities and NaN, exponent floats, floats), each resolved as the library resolves it.
 */
export function coreScalar(text: string): unknown {
  if (text === '') return null;
  // Every test but the string's needs one of these first characters: most names are strings at once.
  if (!'~nNtTfF+-.0123456789'.includes(text[0] as string)) return text;
  if (/^(?:~|[Nn]ull|NULL)$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return Number.parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return Number.parseFloat(text);
  return text;
}

/** What may follow a value on its line: nothing, or spaces and a comment. */
function checkRest(text: string, from: number): void {
  const rest = text.slice(from);
  if (!/^(?: *| +#.*)$/.test(rest)) notPlain();
}

/** A quoted scalar starting at `from` (without escapes or line breaks); returns the value and the index after it. */
function quoted(text: string, from: number): [string, number] {
  const quote = text[from];
  if (quote === '"') {
    const end = text.indexOf('"', from + 1);
    if (end < 0) notPlain();
    const value = text.slice(from + 1, end);
    if (value.includes('\\')) notPlain();
    return [value, end + 1];
  }
  let value = '';
  let i = from + 1;
  for (;;) {
    const end = text.indexOf("'", i);
    if (end < 0) notPlain();
    value += text.slice(i, end);
    if (text[end + 1] === "'") {
      value += "'";
      i = end + 2;
    } else {
      return [value, end + 1];
    }
  }
}

/** A plain scalar's text is usable here when it starts with no indicator and holds nothing the reader leaves alone. */
function checkPlain(text: string, flow: boolean): void {
  if (text === '' || INDICATOR.test(text)) notPlain();
  if (text[0] === '-' && (text.length === 1 || text[1] === ' ')) notPlain();
  if (/: |:$|[[\]{}]| #/.test(text)) notPlain();
  if (flow && /[:#'"]/.test(text)) notPlain();
}

/** A flow collection or scalar (inside `[...]` or `{...}`) starting at `from`; returns the value and the index after it. */
function flowNode(text: string, from: number): [unknown, number] {
  const first = text[from];
  if (first === '[') {
    const list: unknown[] = [];
    let i = skipSpaces(text, from + 1);
    if (text[i] === ']') return [list, i + 1];
    for (;;) {
      const [item, next] = flowNode(text, i);
      list.push(item);
      i = skipSpaces(text, next);
      if (text[i] === ']') return [list, i + 1];
      if (text[i] !== ',') notPlain();
      i = skipSpaces(text, i + 1);
      if (text[i] === ']' || text[i] === ',') notPlain();
    }
  }
  if (first === '{') {
    const map: Record<string, unknown> = {};
    let i = skipSpaces(text, from + 1);
    if (text[i] === '}') return [map, i + 1];
    for (;;) {
      const key = KEY.exec(text.slice(i, i + 102))?.[0];
      if (key === undefined || SPECIAL_KEY.test(key) || Object.hasOwn(map, key)) return notPlain();
      // KEY ends before ': ', so the value starts after the colon and its spaces.
      const [value, next] = flowNode(text, skipSpaces(text, i + key.length + 1));
      map[key] = value;
      i = skipSpaces(text, next);
      if (text[i] === '}') return [map, i + 1];
      if (text[i] !== ',') notPlain();
      i = skipSpaces(text, i + 1);
      if (text[i] === '}' || text[i] === ',') notPlain();
    }
  }
  if (first === '"' || first === "'") return quoted(text, from);
  let end = from;
  while (end < text.length && !',[]{}'.includes(text[end] as string)) end++;
  const plain = text.slice(from, end).trimEnd();
  checkPlain(plain, true);
  return [coreScalar(plain), end];
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ') i++;
  return i;
}

/** The value written after `key: ` or `- ` on a line (not empty, no comment alone). */
function inlineValue(text: string): unknown {
  const first = text[0];
  if (first === '[' || first === '{') {
    const [value, end] = flowNode(text, 0);
    checkRest(text, end);
    return value;
  }
  if (first === '"' || first === "'") {
    const [value, end] = quoted(text, 0);
    checkRest(text, end);
    return value;
  }
  const comment = text.indexOf(' #');
  const plain = (comment < 0 ? text : text.slice(0, comment)).trimEnd();
  checkPlain(plain, false);
  return coreScalar(plain);
}

/** The text after an indicator with any comment alone removed: '' when nothing but spaces and a comment follows. */
function afterIndicator(text: string): string {
  const value = text.trimStart();
  return value.startsWith('#') ? '' : value;
}

const isSequenceEntry = (line: Line) => line.text === '-' || line.text.startsWith('- ');

class Reader {
  private i = 0;
  private readonly lines: Line[];

  constructor(lines: Line[]) {
    this.lines = lines;
  }

  document(): Record<string, unknown> {
    const first = this.lines[0];
    if (first === undefined || first.indent !== 0 || isSequenceEntry(first)) notPlain();
    const value = this.mapping(0);
    if (this.i !== this.lines.length) notPlain();
    return value;
  }

  /** The block node whose first line is the current one, more indented than its parent. */
  private block(indent: number): unknown {
    const line = this.lines[this.i] as Line;
    return isSequenceEntry(line) ? this.sequence(indent) : this.mapping(indent);
  }

  /** A block node's value after `key:` or `- ` with nothing on the line: a nested block, or null. */
  private nested(parentIndent: number, sequenceAtSameIndent: boolean): unknown {
    const next = this.lines[this.i];
    if (next === undefined || next.indent < parentIndent) return null;
    if (next.indent > parentIndent) return this.block(next.indent);
    return sequenceAtSameIndent && isSequenceEntry(next) ? this.sequence(parentIndent) : null;
  }

  /** After a value written on its own line, the next line may not be more indented (a multi-line scalar, or an error). */
  private endOfInline(indent: number): void {
    const next = this.lines[this.i];
    if (next !== undefined && next.indent > indent) notPlain();
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (;;) {
      const line = this.lines[this.i];
      if (line === undefined || line.indent < indent) return map;
      if (line.indent > indent || isSequenceEntry(line)) return notPlain();
      const key = KEY.exec(line.text)?.[0];
      if (key === undefined || SPECIAL_KEY.test(key) || Object.hasOwn(map, key)) return notPlain();
      const rest = afterIndicator(line.text.slice(key.length + 1));
      this.i++;
      if (rest === '') {
        map[key] = this.nested(indent, true);
      } else {
        map[key] = inlineValue(rest);
        this.endOfInline(indent);
      }
    }
  }

  private sequence(indent: number): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const line = this.lines[this.i];
      if (line === undefined || line.indent < indent) return list;
      if (line.indent > indent) return notPlain();
      if (!isSequenceEntry(line)) return list;
      const rest = afterIndicator(line.text.slice(1));
      if (rest === '') {
        this.i++;
        list.push(this.nested(indent, false));
      } else if (KEY.test(rest)) {
        // A mapping that starts on the entry's line: its keys sit at the column of the first one.
        const column = indent + line.text.length - rest.length;
        this.lines[this.i] = { indent: column, text: rest };
        list.push(this.mapping(column));
      } else {
        if (rest === '-' || rest.startsWith('- ')) notPlain();
        list.push(inlineValue(rest));
        this.i++;
        this.endOfInline(indent);
      }
    }
  }
}

/**
 * The value of a profile's YAML text when it is written in the plain subset this module reads, else undefined (then
 * the yaml library reads it, or words what is wrong with it). The text has passed read-text's guards (size, binary
 * data, nesting), and its BOM is removed.
 * @example
 * readPlainYaml('version: 1\nteam: { size: 4 }\n'); // { version: 1, team: { size: 4 } }
 * readPlainYaml('a: &x 1\nb: *x\n'); // undefined: anchors are left to the yaml library
 */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  // Tabs, carriage returns and characters YAML treats specially (NEL, line and paragraph separators, a BOM inside).
  if (/[\t\r\u0085\u2028\u2029\uFEFF]/.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    // Directives and document markers; a long line may hold a key the yaml library refuses (over 1024 characters).
    if (raw.length > 1000 || content.startsWith('%') || /^(?:---|\.\.\.)(?: |$)/.test(raw)) return undefined;
    // A line that is only spaces and a comment after trimEnd is skipped above; trailing spaces stay for the value.
    lines.push({ indent: raw.length - content.length, text: content.trimEnd() });
  }
  try {
    return new Reader(lines).document();
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}
