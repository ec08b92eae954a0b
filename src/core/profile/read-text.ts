/** @module Profile text -> parsed value: the guards against hostile text (text-guard.ts: size, binary data, nesting), then YAML (the yaml library, which also bounds alias expansion) or JSON, with no schema. Its own module because the YAML parser is ~30 KiB gzipped, which the browser loads only to import a file, and the CLI only for a profile its plain reader leaves alone (read-text-quick.ts). */
import { parseDocument } from 'yaml';
import { failProfile, PROFILE_LIMITS, profileProblem } from './problems.ts';
import { guardText, linePosition } from './text-guard.ts';

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

/** How a profile's YAML is read (the plain reader, plain-yaml.ts, is checked against the library with these). */
export const PROFILE_YAML_OPTIONS = {
  prettyErrors: true,
  uniqueKeys: true,
  schema: 'core',
  strict: true,
  logLevel: 'error',
} as const;

function readYaml(text: string, source: string): unknown {
  const doc = parseDocument(text, PROFILE_YAML_OPTIONS);
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    failProfile(
      source,
      issues.slice(0, PROFILE_LIMITS.maxSyntaxErrors).map((issue) => {
        const at = issue.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}` : '(file)';
        const message = (issue.message.split('\n')[0] ?? '')
          .replace(/ at line \d+.*$/, '')
          .replace(/; please use YAML\.parseAllDocuments\(\)/, ' (a profile is one document)');
        // The library names no key: "Map keys must be unique" alone left the reader to find which.
        const key =
          issue.code === 'DUPLICATE_KEY' && at !== undefined
            ? /^\s*(?:"([^"]*)"|'([^']*)'|([^:#]+?))\s*:/.exec(
                text.split('\n')[at.line - 1]?.slice(at.col - 1) ?? '',
              )
            : null;
        const name = key?.[1] ?? key?.[2] ?? key?.[3];
        return profileProblem(
          where,
          'valid YAML',
          name === undefined ? message : `${message}: "${name}" is given twice in the same mapping`,
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
