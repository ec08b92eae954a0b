/** @module The ADR files of a folder, for `gorust decide --format adr` and `gorust check`: which records exist, which project each records (gorust's data comment), their status in MADR, log4brains or Nygard form, marking one superseded, and the repository-relative path of a profile. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  type AdrRecordData,
  adrRecordProblem,
  fileSlug,
  type KnowledgeBase,
  readAdrRecordData,
  TIE_BREAKER,
  TIE_BREAKER_LABEL,
} from '../../core/decide-entry.ts';

/** One numbered record in an ADR folder. */
export type AdrFile = {
  path: string;
  file: string;
  number: number;
  text: string;
  /** gorust's data, when gorust wrote the record. */
  data: AdrRecordData | undefined;
  /** What is damaged in gorust's data, when the record carries gorust's marker but its data cannot be read. */
  problem: string | undefined;
  status: string | undefined;
};

/**
 * The numbered records (`NNNN-*.md`) of a folder, in number order; none when the folder does not exist.
 * @example
 * listAdrs('docs/adr').map((a) => a.file); // ['0001-use-go-for-x.md']
 */
export function listAdrs(dir: string): AdrFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const records: AdrFile[] = [];
  for (const file of names.sort()) {
    const number = /^(\d{4})-.*\.md$/.exec(file)?.[1];
    if (number === undefined) continue;
    const path = join(dir, file);
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    const text = readFileSync(path, 'utf8');
    records.push({
      path,
      file,
      number: Number(number),
      text,
      data: readAdrRecordData(text),
      problem: adrRecordProblem(text),
      status: adrStatus(text),
    });
  }
  return records;
}

/**
 * A record's status in any of the three layouts: MADR front matter `status:`, log4brains' `* Status:` line, or the
 * first line of Nygard's `## Status` section.
 * @example
 * adrStatus('---\nstatus: "proposed"\n---\n# T\n'); // 'proposed'
 */
export function adrStatus(text: string): string | undefined {
  const front = /^---\n[\s\S]*?^status:\s*"?([^"\n]*)"?\s*$[\s\S]*?^---$/m.exec(text);
  if (front?.[1] !== undefined && text.startsWith('---\n')) return front[1].trim();
  const header = /^[*-] Status:\s*(.+)$/im.exec(text);
  if (header?.[1] !== undefined) return header[1].trim();
  // Nygard (adr-tools): the section's first line, unless a later one says it was superseded (`adr new -s` adds
  // "Superseded by [3. ...](...)" and leaves a Proposed status standing above it).
  const section = /^## Status\s*\n+((?:[^\n#][^\n]*\n*)*)/m.exec(text)?.[1] ?? '';
  const lines = section
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.find((l) => /^super[sc]eded by\b/i.test(l)) ?? lines[0];
}

/** How a record was laid out and who it names, so a record that supersedes it keeps both. */
export type AdrLayout = {
  template: 'madr' | 'log4brains' | 'nygard';
  deciders?: string[] | undefined;
  consulted?: string[] | undefined;
  informed?: string[] | undefined;
};

/**
 * The layout of a record (MADR front matter, log4brains' status list, Nygard's Status section) and the people it
 * names; the placeholder "(to be named)" names nobody.
 * @example
 * adrLayout('* Status: proposed\n* Deciders: Ana Ruiz\n').deciders; // ['Ana Ruiz']
 */
export function adrLayout(text: string): AdrLayout {
  const people = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const list = value
      .split(', ')
      .map((n) => n.trim())
      .filter((n) => n !== '' && n !== '(to be named)');
    return list.length > 0 ? list : undefined;
  };
  if (text.startsWith('---\n')) {
    const front = text.slice(4, text.indexOf('\n---', 4));
    // gorust writes these as JSON strings (valid YAML); an edited plain value is read as it stands.
    const field = (name: string) => {
      const raw = new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(front)?.[1]?.trim();
      if (raw === undefined) return undefined;
      try {
        return raw.startsWith('"') ? String(JSON.parse(raw)) : raw;
      } catch {
        return raw;
      }
    };
    return {
      template: 'madr',
      deciders: people(field('decision-makers')),
      consulted: people(field('consulted')),
      informed: people(field('informed')),
    };
  }
  // The people lines gorust keeps above the first section (Nygard: between the date and Status; log4brains: under
  // its header list, which has no field for the consulted and informed).
  const firstSection = text.search(/^## /m);
  const line = (label: string) =>
    people(
      new RegExp(`^${label}:[ \\t]*(.*)$`, 'm')
        .exec(text.slice(0, firstSection < 0 ? text.length : firstSection))?.[1]
        ?.replace(/\\(.)/g, '$1'),
    );
  const deciders = /^[*-] Deciders:[ \t]*(.*)$/im.exec(text)?.[1];
  if (deciders !== undefined || /^[*-] Status:/im.test(text))
    return {
      template: 'log4brains',
      deciders: people(deciders?.replace(/\\(.)/g, '$1')),
      consulted: line('Consulted'),
      informed: line('Informed'),
    };
  return {
    template: 'nygard',
    deciders: line('Deciders'),
    consulted: line('Consulted'),
    informed: line('Informed'),
  };
}

/**
 * The record a gorust record says it supersedes ("This record supersedes [ADR-0003](0003-x.md)", or Nygard's
 * "Supersedes [...](...)"), read from its link, or undefined.
 * @example
 * supersededBy('This record supersedes [ADR-0003](0003-use-go.md).'); // { number: 3, file: '0003-use-go.md' }
 */
export function supersededBy(text: string): { number: number; file: string } | undefined {
  // The sentence may wrap between its words (ADR prose is wrapped at 80 columns); a link never does.
  const target = /^(?:This record supersedes|Supersedes)\s+\[[^\]]*\]\(([^)\s]+)\)/m.exec(text)?.[1];
  if (target === undefined) return undefined;
  let file: string;
  try {
    file = decodeURI(target);
  } catch {
    return undefined;
  }
  const number = /^(\d{4})-/.exec(file)?.[1];
  return number === undefined ? undefined : { number: Number(number), file };
}

/** True when a record no longer stands (superseded, deprecated or rejected). */
export function isRetired(status: string | undefined): boolean {
  return status !== undefined && /^(superseded|superceded|deprecated|rejected)/i.test(status);
}

/**
 * The standing gorust records of the same project in a folder (same project name, folded like a file slug).
 * @example
 * recordsOfProject(listAdrs('docs/adr'), 'Metrics gateway');
 */
export function recordsOfProject(records: readonly AdrFile[], project: string): AdrFile[] {
  const slug = fileSlug(project);
  return records.filter(
    (r) => r.data !== undefined && fileSlug(r.data.project) === slug && !isRetired(r.status),
  );
}

/**
 * Mark a record superseded by another, in the record's own layout: MADR's front-matter status becomes
 * `superseded by ADR-NNNN` with a link under the title; log4brains' `* Status:` line and Nygard's `## Status`
 * section name the new record with a link.
 * @example
 * markSuperseded(oldText, 5, '0005-use-rust-for-x.md');
 */
export function markSuperseded(text: string, number: number, file: string): string {
  const id = `ADR-${String(number).padStart(4, '0')}`;
  const link = `[${id}](${encodeURI(file)})`;
  // log4brains takes the link's text after "superseded by" as the new record's slug: its file name without .md.
  const slugLink = `[${file.replace(/\.md$/, '')}](${encodeURI(file)})`;
  if (text.startsWith('---\n') && /^status:/m.test(text)) {
    const end = text.indexOf('\n---\n', 4);
    const front = text.slice(0, end).replace(/^status:.*$/m, `status: "superseded by ${id}"`);
    const rest = text.slice(end).replace(/^(# .*)$/m, `$1\n\nSuperseded by ${link}.`);
    return front + rest;
  }
  if (/^[*-] Status:/im.test(text))
    return text.replace(/^([*-]) Status:.*$/im, `$1 Status: superseded by ${slugLink}`);
  // Nygard, as adr-tools' `adr new -s` does it: the status word goes, the section's links (this record's own
  // "Supersedes [...]") stay, and "Superseded by" follows them.
  if (/^## Status\s*$/m.test(text))
    return text.replace(/^## Status\s*\n+((?:[^\n#][^\n]*\n|\n)*)/m, (_m, section: string) => {
      const links = section
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^[A-Z][\w ]*\[[^\]]*\]\([^)]*\)/.test(l) && !/^super[sc]eded by\b/i.test(l));
      return `## Status\n\n${[...links, `Superseded by ${link}`].join('\n\n')}\n\n`;
    });
  return text;
}

/**
 * The records whose text names a record's old file (a "Superseded by" link, log4brains' slug), with the new name put
 * in its place: what `decide --force` rewrites when a record's new title renames its file, so no link is left
 * pointing at a file that is gone. File stems are lowercase letters, digits and dashes, so the stem is matched whole.
 * @example
 * relinkedRecords(records, '0002-use-go-for-x.md', '0002-use-rust-for-x.md'); // [{ path: 'docs/adr/0001-....md', text: '...' }]
 */
export function relinkedRecords(
  records: readonly AdrFile[],
  oldFile: string,
  newFile: string,
): { path: string; text: string }[] {
  const stem = (file: string) => file.replace(/\.md$/, '');
  const source = `(?<![a-z0-9-])${stem(oldFile).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9-])`;
  return records
    .filter((r) => r.file !== oldFile && r.file !== newFile && new RegExp(source).test(r.text))
    .map((r) => ({ path: r.path, text: r.text.replace(new RegExp(source, 'g'), stem(newFile)) }));
}

/** The nearest folder at or above `from` holding `.git` (a folder, or a file for worktrees), or undefined. */
export function repoRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (statSync(join(dir, '.git'), { throwIfNoEntry: false }) !== undefined) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Where a profile is, for the record: relative to the repository that holds the ADR folder, else to the ADR folder;
 * always with `/` and never absolute.
 * @example
 * recordedProfilePath('/repo/gorust.yaml', '/repo/docs/adr'); // { profile: 'gorust.yaml', base: 'repo' }
 */
export function recordedProfilePath(
  profile: string,
  adrDir: string,
): { profile: string; base: 'repo' | 'adr' } {
  const root = repoRoot(adrDir);
  const from = root ?? resolve(adrDir);
  const rel = relative(from, profile);
  const posix = rel.split(sep).join('/');
  return { profile: isAbsolute(rel) ? profile : posix, base: root === undefined ? 'adr' : 'repo' };
}

/** The absolute path of a recorded profile, from the ADR's folder. */
export function resolveRecordedProfile(data: AdrRecordData, adrDir: string): string | undefined {
  if (data.profile === undefined) return undefined;
  const base = data.base === 'adr' ? resolve(adrDir) : (repoRoot(adrDir) ?? resolve(adrDir));
  return resolve(base, data.profile);
}

/** SHA-256 of a file's bytes, hex. */
export function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The knowledge base's fingerprint, recorded in an ADR so `gorust check` can say the knowledge base changed. */
export function kbHash(kb: KnowledgeBase): string {
  return sha256(JSON.stringify(kb));
}

/**
 * Parse `--supersedes`: `3`, `0003` or `ADR-0003`.
 * @example
 * parseAdrNumber('ADR-0003'); // 3
 */
export function parseAdrNumber(text: string): number | undefined {
  const match = /^(?:adr-?)?(\d{1,4})$/i.exec(text.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The folders up to three levels below `root`, skipping hidden folders and node_modules, at most 500: where to look
 * for the records a user meant when the folder given has none (`gorust check .` at a repository's root).
 * @example
 * foldersBelow('/repo'); // ['/repo/docs', '/repo/src', '/repo/docs/adr', ...]
 */
export function foldersBelow(root: string): string[] {
  const found: string[] = [];
  let level = [root];
  for (let depth = 0; depth < 3 && level.length > 0 && found.length < 500; depth += 1) {
    const next: string[] = [];
    for (const dir of level) {
      try {
        for (const entry of readdirSync(dir, { withFileTypes: true }))
          if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
            next.push(join(dir, entry.name));
      } catch {
        // An unreadable folder holds nothing we can check.
      }
    }
    found.push(...next.slice(0, 500 - found.length));
    level = next;
  }
  return found;
}

/** The indexes of the ATX heading lines (`# ` to `###### `) of a Markdown text, skipping fenced code blocks. */
function headingLines(lines: readonly string[]): number[] {
  const found: number[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    } else if (marker !== undefined) fence = marker;
    else if (/^#{1,6} /.test(line)) found.push(i);
  });
  return found;
}

/** gorust's closing line, which its data comment follows. */
const GENERATED_LINE = /^Generated by gorust \(/m;

/**
 * The tie-breaker paragraph a team completed in a record (from its label to the next blank line), or undefined when
 * the record has none or it is still gorust's blank.
 * @example
 * filledTieBreaker('Tie-breaker (the decision-makers fill this in): Ana chose Go because ...\n'); // 'Tie-breaker ... Ana chose Go because ...'
 */
export function filledTieBreaker(text: string): string | undefined {
  const at = text.indexOf(TIE_BREAKER_LABEL);
  if (at < 0 || (at > 0 && text[at - 1] !== '\n')) return undefined;
  const end = text.indexOf('\n\n', at);
  const paragraph = text.slice(at, end < 0 ? text.length : end).trim();
  return paragraph === TIE_BREAKER ? undefined : paragraph;
}

/** What `decide --force` carried over from a record a team edited, and what it could not place. */
export type KeptTeamText = {
  text: string;
  /** Blocks kept: sections the team added, and text after gorust's data comment. */
  count: number;
  /** True when a tie-breaker the team completed was kept. */
  keptTieBreaker: boolean;
  /** A tie-breaker the team completed that the new record has no place for (the decision is no longer a tie). */
  droppedTieBreaker?: string | undefined;
};

/**
 * Carry what a team added to a record into its refreshed text (`decide --force`): every section whose heading the new
 * text does not have (a "## Team notes" section, a "### Review" under the outcome), each with its text up to the next
 * heading of its level or above, placed where it stood (before the gorust heading that followed it, else before
 * gorust's closing line); a tie-breaker the decision-makers completed, while the new record is still a tie; and
 * anything written after gorust's data comment, kept at the end. Other paragraphs typed inside gorust's own sections
 * cannot be told from gorust's words, so they are replaced: `count` says how many blocks were kept, for the note that
 * says so.
 * @example
 * keepTeamSections(oldText, newText); // { text: '...## Team notes\n\nReviewed with SRE.\n\n## Decision Outcome ...', count: 1 }
 */
export function keepTeamSections(previous: string, next: string): KeptTeamText {
  const cut = (text: string) => {
    const at = GENERATED_LINE.exec(text)?.index ?? text.length;
    return { body: text.slice(0, at), footer: text.slice(at) };
  };
  const old = cut(previous);
  const fresh = cut(next);
  const freshLines = fresh.body.split('\n');
  const freshHeadings = headingLines(freshLines);
  const headings = new Set(freshHeadings.map((i) => (freshLines[i] ?? '').trim()));
  const lines = old.body.split('\n');
  // A heading is a line starting with #s outside a fenced code block: a team's "# run this" in a shell block is text.
  const level = new Map(headingLines(lines).map((i) => [i, /^#+/.exec(lines[i] ?? '')?.[0].length ?? 0]));
  // Each kept block goes before the fresh heading that followed it in the old text (its index), or to the end.
  const placed = new Map<number, string[]>();
  const atEnd: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const own = level.get(i);
    if (own === undefined || own < 2 || headings.has((lines[i] ?? '').trim())) continue;
    let j = i + 1;
    while (j < lines.length && (level.get(j) ?? Number.POSITIVE_INFINITY) > own) j++;
    const block = lines.slice(i, j).join('\n').trim();
    // The first later heading gorust still writes (the team's own ones are kept, so skipped here).
    const following = [...level.keys()]
      .filter((k) => k >= j)
      .map((k) => (lines[k] ?? '').trim())
      .find((text) => headings.has(text));
    const before = freshHeadings.find((k) => (freshLines[k] ?? '').trim() === following);
    if (before !== undefined) placed.set(before, [...(placed.get(before) ?? []), block]);
    else atEnd.push(block);
    i = j - 1;
  }
  const count = atEnd.length + [...placed.values()].reduce((n, blocks) => n + blocks.length, 0);
  const bodyLines = freshLines.flatMap((line, k) => {
    const blocks = placed.get(k);
    return blocks === undefined ? [line] : [...blocks.flatMap((b) => [b, '']), line];
  });
  let body = bodyLines.join('\n');
  if (atEnd.length > 0) body = `${body.trimEnd()}\n\n${atEnd.join('\n\n')}\n\n`;
  // A tie-breaker the decision-makers completed stays while the record is still a tie.
  const tieBreaker = filledTieBreaker(old.body);
  let droppedTieBreaker: string | undefined;
  const keptTieBreaker = tieBreaker !== undefined && body.includes(TIE_BREAKER);
  if (keptTieBreaker) body = body.replace(TIE_BREAKER, () => tieBreaker);
  else droppedTieBreaker = tieBreaker;
  // Text after gorust's data comment (a section appended at the very end of the file).
  const end = old.footer.indexOf('-->');
  const after = end < 0 ? '' : old.footer.slice(end + 3).trim();
  const footer = after === '' ? fresh.footer : `${fresh.footer.trimEnd()}\n\n${after}\n`;
  const blocks = count + (after === '' ? 0 : 1);
  return {
    text: blocks === 0 && !keptTieBreaker ? next : body + footer,
    count: blocks,
    keptTieBreaker,
    droppedTieBreaker,
  };
}
