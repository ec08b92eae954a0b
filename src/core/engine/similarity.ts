/** @module Similar real-world projects: the knowledge base's case studies nearest to the profile by traits, with their language and source. */
import type { SimilarProject } from '../decision/schema.ts';
import type { Project } from '../kb/schema.ts';
import type { UnitFacts } from './conditions.ts';
import { compareText, roundTo } from './numbers.ts';
import type { Parameters } from './parameters.ts';

/** How much each trait counts towards similarity (they add up to 1). */
const TRAIT_WEIGHTS = {
  workload: 0.15,
  domain: 0.3,
  targets: 0.15,
  roles: 0.15,
  latency: 0.1,
  safety: 0.05,
  heap: 0.05,
  team: 0.05,
} as const;

function jaccard<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const union = new Set([...a, ...b]).size;
  const both = a.filter((x) => b.includes(x)).length;
  return both / union;
}

function teamBucket(size: number, params: Parameters): 'small' | 'medium' | 'large' {
  if (size <= params.team_small_max) return 'small';
  if (size >= params.team_large_min) return 'large';
  return 'medium';
}

/**
 * Similarity in [0, 1] of a case study to a profile: weighted matches of workload, domain, targets, roles,
 * latency- and safety-criticality, live-heap size and team size. Roles count only when both sides list some.
 * @example
 * projectSimilarity(kb.projects[0], projectFacts(profile), params); // 0.72
 */
export function projectSimilarity(project: Project, facts: UnitFacts, params: Parameters): number {
  const t = project.traits;
  const latencyCritical =
    facts.hardRealtime ||
    (facts.slo !== undefined && facts.slo.p99_ms <= params.latency_critical_p99_ms) ||
    (facts.hasComponents && facts.latencyCritical);
  const heapLarge = (facts.liveHeapGib ?? 0) >= params.large_live_heap_gib;
  const parts: [number, number][] = [
    [TRAIT_WEIGHTS.workload, t.workload === facts.workload ? 1 : 0],
    [TRAIT_WEIGHTS.domain, jaccard(t.domain, facts.domain)],
    [TRAIT_WEIGHTS.targets, jaccard(t.targets, facts.targets)],
    [TRAIT_WEIGHTS.latency, t.latency_critical === latencyCritical ? 1 : 0],
    [TRAIT_WEIGHTS.safety, t.safety_critical === facts.safetyCritical ? 1 : 0],
    [TRAIT_WEIGHTS.heap, t.live_heap_large === heapLarge ? 1 : 0],
    [TRAIT_WEIGHTS.team, t.team_size === teamBucket(facts.teamSize, params) ? 1 : 0],
  ];
  if (t.roles.length > 0 && facts.roles.length > 0)
    parts.push([TRAIT_WEIGHTS.roles, jaccard(t.roles, facts.roles)]);
  const total = parts.reduce((s, [w]) => s + w, 0);
  return parts.reduce((s, [w, v]) => s + w * v, 0) / total;
}

/**
 * The nearest case studies, most similar first (ties by name), above the similarity floor.
 * @example
 * similarProjects(kb.projects, projectFacts(profile), params); // [{ name: 'Linkerd', ... }]
 */
export function similarProjects(
  projects: readonly Project[],
  facts: UnitFacts,
  params: Parameters,
): SimilarProject[] {
  return projects
    .map((p) => ({ p, s: roundTo(projectSimilarity(p, facts, params), 2) }))
    .filter(({ s }) => s >= params.similar_min)
    .sort((a, b) => b.s - a.s || compareText(a.p.name, b.p.name) || compareText(a.p.id, b.p.id))
    .slice(0, params.similar_max_count)
    .map(({ p, s }) => ({ name: p.name, languages: [...p.languages], similarity: s, source: p.source }));
}
