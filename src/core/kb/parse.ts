/** @module parseKnowledgeBase(): the YAML texts of `kb/*.yaml` in, one validated and cross-checked KnowledgeBase out, or every problem at once. */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type InputProblem, UserError } from '../errors.ts';
import { didYouMean } from '../profile/did-you-mean.ts';
import { checkCrossReferences } from './cross-references.ts';
import { describeValue, formatPath, knownKeysAt } from './problems.ts';
import { KB_FILES, type KnowledgeBase, knowledgeBaseSchema } from './schema.ts';

/** The YAML text of each knowledge-base file, keyed like KB_FILES (`criteria`, `evidence`, ...). */
export type KnowledgeBaseTexts = Partial<Record<keyof typeof KB_FILES, string>>;

type KbKey = keyof typeof KB_FILES;

/**
 * One schema per file, the knowledge base's own field schemas (KB_FILES has one key per field): list files
 * validate record by record, weights is an object, parameters a map.
 */
const FILE_SCHEMAS: Record<KbKey, z.ZodType> = knowledgeBaseSchema.shape;

/**
 * Aliases expand into copies; a small cap stops "billion laughs" documents. The knowledge base needs none,
 * but a few are harmless.
 */
const MAX_ALIAS_COUNT = 20;

/**
 * Parse and validate the knowledge base. Every file is required; every problem (YAML syntax, schema, duplicate
 * ids, dangling evidence or claim ids, missing or repeated criteria) is collected with its file and record path,
 * then thrown together as one UserError.
 * @example
 * const kb = parseKnowledgeBase({ criteria: criteriaYaml, evidence: evidenceYaml, ... });
 * kb.criteria.length; // 12
 */
export function parseKnowledgeBase(files: KnowledgeBaseTexts): KnowledgeBase {
  const problems: InputProblem[] = [];
  const parsed: Partial<Record<KbKey, unknown>> = {};

  for (const key of Object.keys(KB_FILES) as KbKey[]) {
    const fileName = KB_FILES[key];
    const text = files[key];
    if (text === undefined) {
      problems.push({
        path: fileName,
        expected: `the file kb/${fileName}`,
        found: 'no such file',
        message: `the knowledge base file ${fileName} is missing`,
      });
      continue;
    }
    const value = readYaml(text, fileName, problems);
    if (value === undefined) continue;
    const result = FILE_SCHEMAS[key].safeParse(value, { reportInput: true });
    if (result.success) parsed[key] = result.data;
    else problems.push(...result.error.issues.map((issue) => issueToProblem(issue, fileName, key, value)));
  }

  problems.push(...checkCrossReferences(parsed as Partial<KnowledgeBase>));

  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new UserError(`the knowledge base has ${count}`, problems);
  }
  return parsed as KnowledgeBase;
}

/** YAML 1.2 core schema only: no custom or language-specific tags, no merge keys, unique keys, capped aliases. */
function readYaml(text: string, fileName: string, problems: InputProblem[]): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    customTags: [],
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const issues = [...doc.errors, ...doc.warnings];
  for (const error of issues) {
    const where = lineCounter.linePos(error.pos[0]);
    problems.push({
      path: `${fileName}:${where.line}:${where.col}`,
      expected: 'valid YAML (core schema, no custom tags)',
      found: error.code,
      message: error.message.split('\n')[0] ?? error.message,
    });
  }
  if (issues.length > 0) return undefined;
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (value === null || value === undefined) {
      problems.push({
        path: fileName,
        expected: 'a YAML document',
        found: 'an empty file',
        message: 'the file is empty',
      });
      return undefined;
    }
    return value;
  } catch (error) {
    // toJS throws only for alias abuse (too many or unresolved aliases).
    problems.push({
      path: fileName,
      expected: `at most ${MAX_ALIAS_COUNT} alias expansions`,
      found: 'excessive or unresolved aliases',
      message: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

function issueToProblem(issue: z.core.$ZodIssue, fileName: string, key: KbKey, root: unknown): InputProblem {
  const path = formatPath(fileName, issue.path, root);
  const found = describeValue(issue.input);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(FILE_SCHEMAS[key], issue.path);
      const unknown = issue.keys.join(', ');
      const first = issue.keys[0] ?? '';
      const suggestion = didYouMean(first, known);
      return {
        path: issue.keys.length === 1 ? `${path}.${first}` : path,
        expected: known.length > 0 ? `one of the keys ${known.join(', ')}` : 'no other keys',
        found: `unknown key ${unknown}`,
        message: `unknown key ${unknown}`,
        suggestion: suggestion ? `did you mean ${suggestion}?` : undefined,
      };
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = typeof issue.input === 'string' ? didYouMean(issue.input, options) : undefined;
      return {
        path,
        expected: `one of ${options.join(', ')}`,
        found,
        message: issue.message,
        suggestion: suggestion ? `did you mean ${suggestion}?` : undefined,
      };
    }
    case 'invalid_type':
      return { path, expected: issue.expected, found, message: issue.message };
    case 'too_small':
      return { path, expected: `at least ${String(issue.minimum)}`, found, message: issue.message };
    case 'too_big':
      return { path, expected: `at most ${String(issue.maximum)}`, found, message: issue.message };
    case 'invalid_format':
      return {
        path,
        expected: issue.format === 'regex' ? issue.message : `a ${issue.format}`,
        found,
        message: issue.message,
      };
    default:
      return { path, expected: issue.message, found, message: issue.message };
  }
}
