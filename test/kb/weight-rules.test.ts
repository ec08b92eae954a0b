/** @module The audit of kb/weights.yaml: every weight rule, existing-code rule and the experience shift rests on evidence ids that exist in kb/evidence.yaml or is marked policy; the knowledge-base check refuses an unknown id or a rule with neither; the reasons the engine emits (caps and priorities included) carry exactly the table's evidence and policy flag. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  decide,
  type InputProblem,
  type KnowledgeBaseTexts,
  parseKnowledgeBase,
  parseProfileText,
  UserError,
} from '../../src/core/index.ts';
import { defaultKnowledgeBaseDir, readKnowledgeBaseTexts } from '../../src/io/kb-files.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const texts = readKnowledgeBaseTexts(defaultKnowledgeBaseDir()) as KnowledgeBaseTexts;
const kb = parseKnowledgeBase(texts);
const evidenceIds = new Set(kb.evidence.map((e) => e.id));
const concerns = new Map(kb.evidence.map((e) => [e.id, new Set<string>(e.criteria)]));

/** Every row of kb/weights.yaml that moves a weight or a rating, with where it sits. */
const rows = [
  ...kb.weights.rules.map((r) => ({ where: 'rules', id: r.id, evidence: r.evidence, policy: r.policy })),
  ...(kb.weights.existing_code?.rules ?? []).map((r) => ({
    where: 'existing_code.rules',
    id: r.id,
    evidence: r.evidence,
    policy: r.policy,
  })),
  ...kb.weights.interop_counterparts.map((r) => ({
    where: 'interop_counterparts',
    id: r.id,
    evidence: r.evidence,
    policy: r.policy,
  })),
  {
    where: 'experience',
    id: 'experience',
    evidence: kb.weights.experience.evidence,
    policy: kb.weights.experience.policy,
  },
];

/**
 * The rules marked policy after the audit: five that no source in kb/evidence.yaml supports, and two modelling
 * choices that rest on evidence they cite (`existing-go-code`, `leaving-go-runtime`: the reports show them as policy,
 * with their sources).
 */
const POLICY_RULES = [
  'small-team',
  'cpu-bound-little-waiting',
  'mixed-workload',
  'cli-tool',
  'existing-go-code',
  'leaving-go-runtime',
  'cli-or-library-role',
  // The experience shift: its direction rests on evidence, its sizes were fitted on the training decisions.
  'experience',
];

describe('kb/weights.yaml: every rule rests on evidence that exists, or says policy', () => {
  it.each(rows)('$where $id', (row) => {
    expect(row.evidence.length > 0 || row.policy, 'evidence ids, or policy: true').toBe(true);
    expect(row.evidence.filter((id) => !evidenceIds.has(id))).toEqual([]);
  });

  it('marks policy exactly the audited rules (a new policy rule is a deliberate choice)', () => {
    expect(rows.filter((row) => row.policy).map((row) => row.id)).toEqual(POLICY_RULES);
  });
});

/** The problems parseKnowledgeBase reports for weights.yaml edited by `edit`. */
function problemsWith(edit: (weights: Record<string, unknown>) => void): InputProblem[] {
  const weights = parse(texts.weights ?? '') as Record<string, unknown>;
  edit(weights);
  try {
    parseKnowledgeBase({ ...texts, weights: stringify(weights) });
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  return [];
}

type Row = { evidence?: string[]; policy?: boolean };
const places: [string, (weights: Record<string, unknown>) => Row][] = [
  ['rules', (w) => (w.rules as Row[])[0] as Row],
  ['existing_code.rules', (w) => (w.existing_code as { rules: Row[] }).rules[0] as Row],
  ['interop_counterparts', (w) => (w.interop_counterparts as Row[])[0] as Row],
  ['experience', (w) => w.experience as Row],
];

describe('the knowledge-base check refuses', () => {
  it.each(places)('an unknown evidence id in %s, naming it', (_where, row) => {
    const problems = problemsWith((w) => {
      row(w).evidence = ['no-such-evidence'];
    });
    expect(problems.map((p) => p.message)).toContain('unknown evidence id no-such-evidence');
    expect(problems.every((p) => p.path.startsWith('weights.yaml'))).toBe(true);
  });

  it.each(places)('a row in %s with neither evidence nor policy', (_where, row) => {
    const problems = problemsWith((w) => {
      row(w).evidence = [];
      row(w).policy = false;
    });
    expect(problems.map((p) => p.message).join('\n')).toMatch(/has no evidence and is not marked policy/);
  });

  type Rule = { id: string; multiply: Record<string, number>; evidence?: string[]; policy_for?: string[] };
  const systems = (w: Record<string, unknown>) =>
    (w.rules as Rule[]).find((r) => r.id === 'systems-domain') as Rule;

  it('a rule that multiplies a criterion none of its evidence concerns, unless policy_for names it', () => {
    expect(problemsWith(() => undefined)).toEqual([]);
    const problems = problemsWith((w) => {
      systems(w).policy_for = ['ecosystem_fit'];
    });
    expect(problems.map((p) => p.message)).toEqual([
      'weight rule systems-domain multiplies memory_efficiency, but none of its evidence (pingcap-why-rust-2017, android-memory-safety) concerns it: cite evidence about memory_efficiency, or list it under policy_for',
    ]);
  });

  it('policy_for naming a criterion the rule does not multiply, or one its evidence concerns', () => {
    const problems = problemsWith((w) => {
      systems(w).policy_for = ['memory_efficiency', 'ecosystem_fit', 'interop', 'safety_guarantees'];
    });
    expect(problems.map((p) => p.message)).toEqual([
      'weight rule systems-domain lists safety_guarantees under policy_for, but android-memory-safety concerns it',
      'weight rule systems-domain lists interop under policy_for, but does not multiply it',
    ]);
  });
});

describe("the reasons the engine emits carry the table's evidence and policy flag", () => {
  const table = new Map(rows.map((row) => [row.id, row]));
  const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));

  it.each(examples)('examples/%s, and the same project porting C code', (file) => {
    const profile = parseProfileText(readFileSync(join(ROOT, 'examples', file), 'utf8'), file);
    const porting = {
      ...profile,
      existing_code: { language: 'c' as const, kloc: 100, plan: 'port' as const },
    };
    for (const decision of [decide(profile, kb, { samples: 500 }), decide(porting, kb, { samples: 500 })]) {
      for (const row of decision.criteria) {
        for (const reason of row.weight_reasons ?? []) {
          const rule = table.get(reason.rule);
          if (reason.rule === 'cap-product' || reason.rule === 'cap-share') {
            // The caps are the product's bound on stacked rules (src/core/engine/weights.ts): policy, no source.
            expect(reason).toMatchObject({ policy: true, evidence: [] });
          } else if (reason.rule === 'priority') {
            // The user's own priority: neither the product's policy nor a source.
            expect(reason).toMatchObject({ policy: false, evidence: [] });
          } else {
            expect(rule, `${reason.rule} is a row of kb/weights.yaml`).toBeDefined();
            // On each criterion a rule cites its evidence that concerns that criterion; where none does, the factor
            // is a modelling choice (policy_for). Until 2026-12-07 every criterion cited all of it: systems work
            // cited Android's memory-safety record for runtime performance.
            const weightRule = kb.weights.rules.find((r) => r.id === reason.rule);
            const cited = (rule?.evidence ?? []).filter((e) => concerns.get(e)?.has(row.id));
            const policy = rule?.policy === true || weightRule?.policy_for.includes(row.id) === true;
            expect({ evidence: reason.evidence, policy: reason.policy }).toEqual({
              evidence: weightRule === undefined || rule?.policy ? rule?.evidence : cited,
              policy,
            });
            if (!policy) expect(reason.evidence.length, `${reason.rule} on ${row.id}`).toBeGreaterThan(0);
          }
        }
        const existing = row.existing_code;
        if (existing !== undefined) {
          const rule = table.get(existing.rule);
          expect({ evidence: existing.evidence, policy: existing.policy }).toEqual({
            evidence: rule?.evidence,
            policy: rule?.policy,
          });
        }
      }
    }
  });
});
