/** @module Cross-file checks of the knowledge base: unique ids, every referenced evidence and claim id exists, all twelve criteria and three boundary mechanisms exactly once. */
import type { InputProblem } from '../errors.ts';
import { didYouMean } from '../profile/did-you-mean.ts';
import { CRITERION_IDS, type CriterionId, MECHANISMS } from '../profile/vocabulary.ts';
import { formatPath } from './problems.ts';
import { KB_FILES, type KnowledgeBase } from './schema.ts';

type Records = readonly Record<string, unknown>[];

/**
 * Check references between the files that validated on their own; files that failed are skipped, so one
 * broken file does not bury the report under follow-on errors.
 * @example
 * checkCrossReferences({ criteria, evidence }); // [] when every criterion's evidence id exists
 */
export function checkCrossReferences(kb: Partial<KnowledgeBase>): InputProblem[] {
  const problems: InputProblem[] = [];

  for (const key of ['criteria', 'claims', 'evidence', 'projects', 'caveats', 'tips', 'checklist'] as const) {
    const records = kb[key];
    if (records) problems.push(...duplicateIds(KB_FILES[key], records, 'id'));
  }
  if (kb.weights) {
    problems.push(...duplicateIds(`${KB_FILES.weights}: rules`, kb.weights.rules, 'id'));
    // Every weight rule (and the experience shift) rests on evidence or says it is a modelling choice.
    const experience = { id: 'experience', ...kb.weights.experience };
    for (const [i, rule] of [
      ...kb.weights.rules,
      ...(kb.weights.existing_code?.rules ?? []),
      ...(kb.weights.interop_counterparts ?? []),
      experience,
    ].entries()) {
      if (rule.evidence.length === 0 && !rule.policy) {
        problems.push({
          path: `${KB_FILES.weights}: rule ${rule.id}`,
          expected: 'evidence ids, or policy: true for a modelling choice',
          found: 'neither',
          message: `weight rule ${rule.id} (#${i}) has no evidence and is not marked policy`,
        });
      }
    }
  }
  if (kb.weights && kb.evidence) problems.push(...uncitedFactors(kb.weights.rules, kb.evidence));
  if (kb.criteria && kb.evidence) problems.push(...offTopicRatingEvidence(kb.criteria, kb.evidence));
  if (kb.boundaries) problems.push(...duplicateIds(KB_FILES.boundaries, kb.boundaries, 'mechanism'));

  if (kb.criteria)
    problems.push(
      ...missingValues(
        KB_FILES.criteria,
        'criterion',
        CRITERION_IDS,
        kb.criteria.map((c) => c.id),
      ),
    );
  if (kb.boundaries) {
    problems.push(
      ...missingValues(
        KB_FILES.boundaries,
        'boundary mechanism',
        MECHANISMS,
        kb.boundaries.map((b) => b.mechanism),
      ),
    );
  }

  if (kb.evidence) {
    const evidenceIds = kb.evidence.map((e) => e.id);
    const check = (file: string, records: Records | undefined, field: string) => {
      if (records) problems.push(...danglingIds(file, records, field, evidenceIds, 'evidence'));
    };
    check(KB_FILES.criteria, kb.criteria, 'evidence');
    check(KB_FILES.claims, kb.claims, 'evidence');
    check(KB_FILES.caveats, kb.caveats, 'evidence');
    check(KB_FILES.tips, kb.tips, 'evidence');
    check(KB_FILES.boundaries, kb.boundaries, 'evidence');
    if (kb.weights) {
      check(`${KB_FILES.weights}: rules`, kb.weights.rules, 'evidence');
      check(`${KB_FILES.weights}: existing_code.rules`, kb.weights.existing_code?.rules ?? [], 'evidence');
      check(`${KB_FILES.weights}: experience`, [kb.weights.experience], 'evidence');
      check(`${KB_FILES.weights}: interop_counterparts`, kb.weights.interop_counterparts ?? [], 'evidence');
    }
    if (kb.parameters) {
      for (const [name, parameter] of Object.entries(kb.parameters)) {
        for (const [i, id] of parameter.evidence.entries()) {
          if (!evidenceIds.includes(id)) {
            problems.push(
              dangling(`${KB_FILES.parameters}.${name}.evidence[${i}]`, id, evidenceIds, 'evidence'),
            );
          }
        }
      }
    }
  }

  if (kb.claims) {
    const claimIds = kb.claims.map((c) => c.id);
    const check = (file: string, records: Records | undefined, field: string) => {
      if (records) problems.push(...danglingIds(file, records, field, claimIds, 'claim'));
    };
    check(KB_FILES.evidence, kb.evidence, 'claims');
    check(KB_FILES.caveats, kb.caveats, 'corrects');
    check(KB_FILES.tips, kb.tips, 'claim');
    check(KB_FILES.checklist, kb.checklist, 'claim');
  }
  return problems;
}

function duplicateIds(file: string, records: Records, field: string): InputProblem[] {
  const seen = new Map<unknown, number>();
  const problems: InputProblem[] = [];
  records.forEach((record, i) => {
    const value = record[field];
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else {
      problems.push({
        path: formatPath(file, [i, field], records),
        expected: `a ${field} not used by another record`,
        found: `${String(value)}, already used by record [${first}]`,
        message: `duplicate ${field} ${String(value)}`,
      });
    }
  });
  return problems;
}

function missingValues(
  file: string,
  what: string,
  required: readonly string[],
  present: string[],
): InputProblem[] {
  return required
    .filter((value) => !present.includes(value))
    .map((value) => ({
      path: file,
      expected: `a record for every ${what}: ${required.join(', ')}`,
      found: `no record for ${value}`,
      message: `missing ${what} ${value}`,
    }));
}

/** Check a field holding one id or a list of ids against the ids that exist. */
function danglingIds(
  file: string,
  records: Records,
  field: string,
  known: string[],
  what: string,
): InputProblem[] {
  const problems: InputProblem[] = [];
  records.forEach((record, i) => {
    const value = record[field];
    if (typeof value === 'string') {
      if (!known.includes(value))
        problems.push(dangling(formatPath(file, [i, field], records), value, known, what));
    } else if (Array.isArray(value)) {
      value.forEach((id, j) => {
        if (typeof id === 'string' && !known.includes(id)) {
          problems.push(dangling(formatPath(file, [i, field, j], records), id, known, what));
        }
      });
    }
  });
  return problems;
}

function dangling(path: string, id: string, known: string[], what: string): InputProblem {
  const suggestion = didYouMean(id, known);
  return {
    path,
    expected: `the id of a record in ${what === 'evidence' ? KB_FILES.evidence : KB_FILES.claims}`,
    found: `${id}, which no ${what} record has`,
    message: `unknown ${what} id ${id}`,
    suggestion: suggestion ? `did you mean ${suggestion}?` : undefined,
  };
}

/**
 * A weight rule that rests on evidence cites, for each criterion it multiplies, evidence that concerns that criterion
 * (the evidence record lists it), or names the criterion under `policy_for`: a rule about systems work must not cite
 * Android's memory-safety record for runtime performance. `policy_for` names only criteria the rule multiplies and
 * none its evidence concerns.
 */
function uncitedFactors(
  rules: readonly KnowledgeBase['weights']['rules'][number][],
  evidence: readonly KnowledgeBase['evidence'][number][],
): InputProblem[] {
  const concerns = new Map(evidence.map((e) => [e.id, new Set<string>(e.criteria)]));
  const problems: InputProblem[] = [];
  for (const rule of rules) {
    if (rule.policy) continue;
    const path = `${KB_FILES.weights}: rule ${rule.id}`;
    for (const criterion of Object.keys(rule.multiply)) {
      const cited = rule.evidence.filter((e) => concerns.get(e)?.has(criterion));
      const policy = rule.policy_for.includes(criterion as CriterionId);
      if (cited.length === 0 && !policy)
        problems.push({
          path,
          expected: `evidence that concerns ${criterion}, or ${criterion} under policy_for`,
          found: `evidence about ${listOrNone(rule.evidence.flatMap((e) => [...(concerns.get(e) ?? [])]))} only`,
          message: `weight rule ${rule.id} multiplies ${criterion}, but none of its evidence (${rule.evidence.join(', ')}) concerns it: cite evidence about ${criterion}, or list it under policy_for`,
        });
      if (cited.length > 0 && policy)
        problems.push({
          path,
          expected: `policy_for without ${criterion}`,
          found: `evidence about it: ${cited.join(', ')}`,
          message: `weight rule ${rule.id} lists ${criterion} under policy_for, but ${cited.join(', ')} concerns it`,
        });
    }
    for (const criterion of rule.policy_for)
      if (rule.multiply[criterion] === undefined)
        problems.push({
          path,
          expected: `criteria the rule multiplies (${Object.keys(rule.multiply).join(', ')})`,
          found: criterion,
          message: `weight rule ${rule.id} lists ${criterion} under policy_for, but does not multiply it`,
        });
  }
  return problems;
}

/**
 * A criterion's ratings cite only evidence that concerns the criterion (the evidence record lists it): a report
 * shows each criterion's evidence beside its ratings, and the ratings' spread comes from that evidence's confidence.
 */
function offTopicRatingEvidence(
  criteria: readonly KnowledgeBase['criteria'][number][],
  evidence: readonly KnowledgeBase['evidence'][number][],
): InputProblem[] {
  const concerns = new Map(evidence.map((e) => [e.id, new Set<string>(e.criteria)]));
  return criteria.flatMap((criterion) =>
    criterion.evidence
      .filter((id) => concerns.has(id) && !concerns.get(id)?.has(criterion.id))
      .map((id) => ({
        path: `${KB_FILES.criteria}: criterion ${criterion.id}`,
        expected: `evidence that concerns ${criterion.id}`,
        found: `${id}, about ${listOrNone([...(concerns.get(id) ?? [])])}`,
        message: `criterion ${criterion.id} cites ${id}, whose record does not list ${criterion.id}: list it there if the evidence speaks to it, or cite other evidence`,
      })),
  );
}

function listOrNone(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.length === 0 ? 'no criterion' : unique.join(', ');
}
