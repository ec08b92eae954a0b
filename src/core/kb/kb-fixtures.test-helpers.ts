/** @module Fixture builder for knowledge-base parser tests: a minimal valid KB as YAML texts, with overrides per file. */
import { stringify } from 'yaml';
import { CRITERION_IDS, MECHANISMS } from '../profile/vocabulary.ts';
import type { KnowledgeBaseTexts } from './parse.ts';

/** The smallest knowledge base that validates, as plain data, so a test can break exactly one thing. */
export function minimalKnowledgeBase(): Record<keyof KnowledgeBaseTexts, unknown> {
  return {
    criteria: CRITERION_IDS.map((id) => ({
      id,
      name: id,
      meaning: `what ${id} means`,
      go: { rating: 5, rationale: 'because' },
      rust: { rating: 6, rationale: 'because' },
      evidence: ['gc-guide'],
    })),
    evidence: [
      {
        id: 'gc-guide',
        claim: 'GOGC and GOMEMLIMIT tune the Go GC.',
        organisation: 'Go team',
        year: 2022,
        source: 'https://go.dev/doc/gc-guide',
        confidence: 'high',
        compared_against: 'default settings',
        stance: 'nuances',
        // Every criterion cites it, and a criterion cites only evidence that concerns it.
        criteria: [...CRITERION_IDS],
      },
    ],
    claims: [
      {
        id: 'go-con-gc',
        section: 'go-con',
        text: 'GC adds runtime overhead.',
        criteria: ['latency_predictability'],
        favors: 'rust',
        assessment: 'nuanced',
        evidence: ['gc-guide'],
      },
    ],
    projects: [
      {
        id: 'kubernetes',
        name: 'Kubernetes',
        languages: ['go'],
        summary: 'Container orchestration.',
        traits: {
          workload: 'io-bound',
          domain: ['cloud-native'],
          targets: ['server'],
          latency_critical: false,
          team_size: 'large',
        },
        source: 'https://github.com/kubernetes/kubernetes',
        confidence: 'high',
        year: 2025,
      },
    ],
    caveats: [{ id: 'gc-tunable', text: 'GC is tunable.', corrects: ['go-con-gc'], evidence: ['gc-guide'] }],
    tips: [{ id: 'tune-gc', text: 'Tune GOGC first.', claim: 'go-con-gc', evidence: ['gc-guide'] }],
    checklist: [
      {
        id: 'latency',
        claim: 'go-con-gc',
        item: 'Latency',
        favors: 'rust',
        criteria: ['latency_predictability'],
        when: { slo_p99_ms_max: 5 },
        why_applies: 'tight SLO',
        why_not: 'loose SLO',
      },
    ],
    weights: {
      base: Object.fromEntries(CRITERION_IDS.map((id) => [id, 1])),
      rules: [
        {
          id: 'io',
          when: { workload: ['io-bound'] },
          multiply: { concurrency_model: 1.5 },
          reason: 'io',
          policy: true,
        },
      ],
      experience: {
        criteria: ['development_speed'],
        shift: { none: -2, some: 0, strong: 1 },
        reason: 'skills',
        policy: true,
      },
    },
    boundaries: MECHANISMS.map((mechanism) => ({
      mechanism,
      per_call_us: 1,
      what: `a ${mechanism} call`,
      evidence: ['gc-guide'],
    })),
    parameters: { gc_pause_us: { value: 300, unit: 'us', why: 'typical', evidence: ['gc-guide'] } },
  };
}

/** YAML texts of a knowledge base given as data. */
export function toTexts(kb: Record<string, unknown>): KnowledgeBaseTexts {
  return Object.fromEntries(Object.entries(kb).map(([key, value]) => [key, stringify(value)]));
}

/** One record of a list file in fixture data, to edit in place; throws when absent so a test fails loudly. */
export function recordOf(kb: Record<string, unknown>, key: string, index: number): Record<string, unknown> {
  const list = kb[key];
  const record: unknown = Array.isArray(list) ? list[index] : undefined;
  if (record === null || typeof record !== 'object')
    throw new Error(`no record ${key}[${index}] in the fixture`);
  return record as Record<string, unknown>;
}
