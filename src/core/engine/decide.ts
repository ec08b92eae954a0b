/** @module decide(): profile + knowledge base (+ measured lab evidence) -> Decision. Pure and deterministic: gates, weights, ratings, weighted score, robustness, checklist, hybrid plan, similar projects. */

import type { LabEvidence } from '../decision/lab-evidence.ts';
import type { ComponentRow, Decision, Gate } from '../decision/schema.ts';
import type { KnowledgeBase } from '../kb/schema.ts';
import type { Profile } from '../profile/schema.ts';
import { CRITERION_IDS, type Language, type Verdict } from '../profile/vocabulary.ts';
import { evaluateChecklist, holdsAnywhere } from './checklist.ts';
import { componentFacts, projectFacts, type UnitFacts } from './conditions.ts';
import { projectGates, unitGates } from './gates.ts';
import { boundaryCosts, cgoCaveat, planBoundaries } from './hybrid.ts';
import { compareText, roundTo, roundToSum } from './numbers.ts';
import { readParameters } from './parameters.ts';
import { deriveRatings, type Ratings } from './ratings.ts';
import { assignUnits, combineVerdict, flipWeight, monteCarlo, type RobustUnit } from './robustness.ts';
import { exactMargin, ratingDiffs, scoreTable } from './score.ts';
import { similarProjects } from './similarity.ts';
import { deriveWeights, type UnitWeights } from './weights.ts';

export type DecideOptions = {
  /** Seed of the Monte-Carlo robustness analysis; same profile and seed give byte-identical output. Default 1. */
  seed?: number | undefined;
  /** Monte-Carlo samples; default 10,000 (the web app's sliders use fewer). */
  samples?: number | undefined;
  /** Measured figures from a lab run; they replace the knowledge base's priors where present. */
  lab?: LabEvidence | undefined;
};

export const DEFAULT_SEED = 1;
export const DEFAULT_SAMPLES = 10_000;

type Unit = { facts: UnitFacts; weights: UnitWeights; gates: Gate[]; fixed: Language | undefined };

/**
 * Decide Go, Rust or hybrid for a validated profile.
 * @example
 * const decision = decide(profile, kb, { seed: 1 });
 * decision.verdict; // 'go'
 */
export function decide(profile: Profile, kb: KnowledgeBase, options: DecideOptions = {}): Decision {
  // The seed is recorded as an integer in the decision; the PRNG works on its 32-bit value.
  const seed =
    options.seed !== undefined && Number.isFinite(options.seed) ? Math.trunc(options.seed) : DEFAULT_SEED;
  const samples = Math.max(1, Math.floor(options.samples ?? DEFAULT_SAMPLES));
  const params = readParameters(kb);
  const ratings = deriveRatings(profile, kb, params, options.lab);
  const diffs = ratingDiffs(ratings);

  const project = projectFacts(profile);
  const projectWeights = deriveWeights(project, kb.weights, profile.priorities);
  const table = scoreTable(projectWeights, ratings, kb);
  const wholeProjectGates = projectGates(profile, params);
  const forced = wholeProjectGates[0]?.favors;

  const components = profile.components ?? [];
  const units: Unit[] =
    components.length === 0
      ? [makeUnit(project, projectWeights, [...wholeProjectGates, ...unitGates(project, params)])]
      : components.map((component) => {
          const facts = componentFacts(profile, component);
          const own = unitGates(facts, params).filter((g) => !wholeProjectGates.some((p) => p.id === g.id));
          const unit = makeUnit(facts, deriveWeights(facts, kb.weights, profile.priorities), own);
          return forced === undefined
            ? unit
            : { ...unit, fixed: forced, gates: [...wholeProjectGates, ...own] };
        });
  const gates =
    components.length === 0
      ? (units[0]?.gates ?? [])
      : [...wholeProjectGates, ...units.flatMap((u) => u.gates.filter((g) => g.component !== undefined))];

  const robust: RobustUnit[] = units.map((u) => ({ fixed: u.fixed, raw: u.weights.raw }));
  const languages = assignUnits(robust, diffs);
  const verdict: Verdict = combineVerdict(languages);

  const counts = monteCarlo(robust, diffs, { seed, samples, spread: params.mc_weight_spread });
  const [go = 0, rust = 0, hybrid = 0] = roundToSum(
    [counts.go / samples, counts.rust / samples, counts.hybrid / samples],
    4,
    1,
  );
  const probabilities = { go, rust, hybrid };
  const confidence = probabilities[verdict];

  const sensitivity = CRITERION_IDS.map((criterion, i) => {
    const flip = flipWeight(robust, diffs, i, table.rows[i]?.weight ?? 0);
    return { criterion, flip_weight: flip === null ? null : roundTo(flip, 3) };
  });

  const componentFactsList = units.filter((u) => u.facts.component !== undefined).map((u) => u.facts);
  const languageByName = new Map(
    units.map((u, i) => [u.facts.component ?? '', languages[i] ?? 'go'] as const),
  );
  const componentRows: ComponentRow[] = units
    .filter((u) => u.facts.component !== undefined)
    .map((u, i) => componentRow(u, languages[i] ?? 'go', ratings, diffs, kb));
  const boundaries = planBoundaries(
    profile,
    new Map(componentFactsList.map((f) => [f.component ?? '', f] as const)),
    languageByName,
    boundaryCosts(kb, options.lab),
    params,
  );

  const tips = kb.tips.filter((t) => holdsAnywhere(t.when, project, componentFactsList)).map((t) => t.text);
  const caveats = kb.caveats
    .filter((c) => holdsAnywhere(c.when, project, componentFactsList))
    .map((c) => c.text);
  if (boundaries.some((b) => b.mechanism === 'ffi')) caveats.push(cgoCaveat(profile));
  if (confidence < params.close_call_threshold) {
    tips.push(closeCallTip(confidence, sensitivity, table.rows, kb));
  }

  const decision: Decision = {
    verdict,
    confidence,
    close_call: confidence < params.close_call_threshold,
    scores: table.scores,
    probabilities,
    gates,
    criteria: table.rows,
    sensitivity,
    checklist: evaluateChecklist(kb.checklist, project, componentFactsList),
    components: componentRows,
    boundaries,
    similar_projects: similarProjects(kb.projects, project, params),
    tips,
    caveats,
    project:
      profile.project.summary === undefined
        ? { name: profile.project.name }
        : { name: profile.project.name, summary: profile.project.summary },
    seed,
    samples,
    weight_spread: params.mc_weight_spread,
  };
  if (options.lab !== undefined) decision.lab_run = options.lab.run_id;
  return decision;
}

function makeUnit(facts: UnitFacts, weights: UnitWeights, gates: Gate[]): Unit {
  return { facts, weights, gates, fixed: gates[0]?.favors };
}

function componentRow(
  unit: Unit,
  language: Language,
  ratings: Ratings,
  diffs: readonly number[],
  kb: KnowledgeBase,
): ComponentRow {
  const name = unit.facts.component ?? '';
  const t = scoreTable(unit.weights, ratings, kb);
  const scores = t.scores;
  const label = language === 'go' ? 'Go' : 'Rust';
  const gate = unit.gates[0];
  if (unit.fixed !== undefined) {
    const reason = gate?.reason ?? 'a project-wide gate decides every component';
    return { name, language, why: `${label}, decided by a gate: ${reason}`, scores };
  }
  const margin = exactMargin(unit.weights.normalized, diffs);
  const drivers = t.rows
    .filter((r) => (margin >= 0 ? r.contribution > 0 : r.contribution < 0))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || compareText(a.id, b.id))
    .slice(0, 3)
    .map((r) => {
      const name = kb.criteria.find((c) => c.id === r.id)?.name ?? r.id;
      return `${name.toLowerCase()} (${r.contribution > 0 ? '+' : ''}${r.contribution.toFixed(2)})`;
    });
  const traits = [
    `${unit.facts.roles.join(', ')} role`,
    `${unit.facts.workload} workload`,
    ...(unit.facts.slo === undefined ? [] : [`p99 SLO ${unit.facts.slo.p99_ms} ms`]),
    ...(unit.facts.liveHeapGib === undefined ? [] : [`${unit.facts.liveHeapGib} GiB live heap`]),
  ].join(', ');
  return {
    name,
    language,
    // Scores with a fixed two decimals, as the reports show them: "7.47 vs 7.50", never "7.47 vs 7.5".
    why: `${label} ${(language === 'go' ? scores.go : scores.rust).toFixed(2)} vs ${language === 'go' ? `Rust ${scores.rust.toFixed(2)}` : `Go ${scores.go.toFixed(2)}`} for its own traits (${traits}); main drivers: ${drivers.join(', ')}.`,
    scores,
  };
}

/** A weight as a percentage with one decimal: the close-call tip compares weights a point or less apart. */
function percent(share: number): string {
  return `${roundTo(share * 100, 1)}%`;
}

function closeCallTip(
  confidence: number,
  sensitivity: { criterion: string; flip_weight: number | null }[],
  rows: { id: string; weight: number }[],
  kb: KnowledgeBase,
): string {
  const nearest = sensitivity
    .filter((s) => s.flip_weight !== null)
    .map((s) => ({
      ...s,
      distance: Math.abs((s.flip_weight ?? 0) - (rows.find((r) => r.id === s.criterion)?.weight ?? 0)),
    }))
    .sort((a, b) => a.distance - b.distance || compareText(a.criterion, b.criterion))[0];
  const flip =
    nearest === undefined
      ? ''
      : ` The verdict flips if the weight of ${(kb.criteria.find((c) => c.id === nearest.criterion)?.name ?? nearest.criterion).toLowerCase()} moves from ${percent(rows.find((r) => r.id === nearest.criterion)?.weight ?? 0)} to ${percent(nearest.flip_weight ?? 0)}.`;
  return (
    `Close call: the verdict holds in ${roundTo(confidence * 100, 1)}% of weight perturbations.${flip} ` +
    'Settle it with evidence rather than opinion: run `gorust lab` on this machine and prototype the riskiest part.'
  );
}
