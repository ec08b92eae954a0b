/** @module decide(): profile + knowledge base (+ measured lab evidence) -> Decision. Pure and deterministic: gates, continuous weights, ratings with their uncertainty, weighted score, SMAA-2 acceptability, decisive facts, stakeholders, checklist, hybrid plan, similar projects. */

import type { LabEvidence } from '../decision/lab-evidence.ts';
import type {
  ComponentRow,
  Decision,
  DecisiveFact,
  Disagreement,
  Gate,
  StakeholderRow,
} from '../decision/schema.ts';
import type { InteropCounterpart, KnowledgeBase } from '../kb/schema.ts';
import type { ExistingCode, Profile } from '../profile/schema.ts';
import {
  CRITERION_IDS,
  EXISTING_CODE_LANGUAGE_NAMES,
  type Language,
  type Verdict,
} from '../profile/vocabulary.ts';
import { evaluateChecklist, holdsAnywhere } from './checklist.ts';
import {
  componentFacts,
  entryComponents,
  evaluateCondition,
  type PressureModel,
  projectFacts,
  type UnitFacts,
} from './conditions.ts';
import { evidenceConcerns } from './evidence-concerns.ts';
import { factVariants } from './facts.ts';
import { normalCdf, projectGates, type SoftGate, softGateProbability, unitGates } from './gates.ts';
import {
  boundaryCosts,
  callsByCallee,
  cgoCaveat,
  linkedBudgetCaveats,
  overBudgetCaveats,
  planBoundaries,
} from './hybrid.ts';
import {
  compareText,
  formatAmount,
  formatMib,
  formatRate,
  listWords,
  roundTo,
  roundToSum,
} from './numbers.ts';
import { type Parameters, readParameters } from './parameters.ts';
import { deriveRatings, type Ratings } from './ratings.ts';
import { assignUnits, combineVerdict, flipWeight, moreProbableRival, type RobustUnit } from './robustness.ts';
import { exactMargin, ratingDiffs, scoreTable } from './score.ts';
import { similarProjects } from './similarity.ts';
import { acceptability, type Draws, makeDraws, type SmaaModel, type VerdictCounts } from './smaa.ts';
import { trackRecordFor } from './track-record.ts';
import { deriveWeights, type UnitWeights } from './weights.ts';

export type DecideOptions = {
  /** Seed of the SMAA draws; same profile and seed give byte-identical output. Default 1. */
  seed?: number | undefined;
  /** SMAA draws; default 10,000 (the web app's sliders use fewer). */
  samples?: number | undefined;
  /** Measured figures from a lab run; they replace the knowledge base's priors where present. */
  lab?: LabEvidence | undefined;
  /**
   * Work out `decisive_facts` (default true; the CLI, the API and reports need them). A caller that shows none, such
   * as the web app's live what-if re-runs, passes false: the decision then has no `decisive_facts`, and every other
   * field is what it would be with them.
   */
  decisiveFacts?: boolean | undefined;
};

export const DEFAULT_SEED = 1;
export const DEFAULT_SAMPLES = 10_000;

/** Draws used to measure each decisive fact and each stakeholder's own verdict (common random numbers). */
const SIDE_SAMPLES = 1000;
/** How many decisive facts the decision lists. */
const DECISIVE_MAX = 5;
/** A gate that holds in fewer draws than this is reported as near its edge (and a gate that did not fire but holds in more). */
const GATE_EDGE = 0.9;

type Unit = {
  facts: UnitFacts;
  /** The weights the verdict is computed with (the group's mean for stakeholders). */
  weights: UnitWeights;
  /** One weight vector per stakeholder (one without stakeholders). */
  weightsBy: UnitWeights[];
  hard: Gate[];
  soft: SoftGate[];
  fixed: Language | undefined;
  /** The unit's ratings: the shared ones, unless its interop counterpart replaces the interop prior. */
  ratings: Ratings;
  diffs: number[];
};

type Weighed = { weights: UnitWeights; weightsBy: UnitWeights[] };

type Model = {
  ratings: Ratings;
  diffs: number[];
  sds: number[];
  project: UnitFacts;
  projectWeights: UnitWeights;
  projectWeightsBy: UnitWeights[];
  wholeProjectGates: Gate[];
  units: Unit[];
  hasComponents: boolean;
  groupWeights: number[];
};

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
  const model = buildModel(profile, kb, params, options.lab);
  const { ratings, diffs, project, units } = model;
  const table = scoreTable(model.projectWeights, ratings, kb);

  const robust: RobustUnit[] = units.map((u) => ({
    fixed: nominalFixed(u),
    raw: u.weights.raw,
    diffs: u.diffs,
  }));
  const languages = assignUnits(robust, diffs);
  const verdict: Verdict = combineVerdict(languages);

  const draws = makeDraws(seed, samples, CRITERION_IDS.length);
  const withFacts = options.decisiveFacts !== false;
  // The first SIDE_SAMPLES draws' counts are the decisive facts' baseline: taken in the same pass.
  const smaa = acceptability(smaaModel(model), draws, {
    spread: params.mc_weight_spread,
    checkpoint: withFacts ? Math.min(samples, SIDE_SAMPLES) : undefined,
  });
  const [go = 0, rust = 0, hybrid = 0] = roundToSum(
    [smaa.go / samples, smaa.rust / samples, smaa.hybrid / samples],
    4,
    1,
  );
  const probabilities = { go, rust, hybrid };
  const confidence = probabilities[verdict];
  const robustness = roundTo(smaa.weightsOnly[verdict] / samples, 4);

  const sensitivity = CRITERION_IDS.map((criterion, i) => {
    const flip = flipWeight(robust, diffs, i, table.rows[i]?.weight ?? 0);
    return flip === null
      ? { criterion, flip_weight: null }
      : { criterion, flip_weight: roundTo(flip.weight, 3), flips_to: flip.to };
  });

  const gates = reportedGates(model);
  const componentFactsList = units.filter((u) => u.facts.component !== undefined).map((u) => u.facts);
  const languageByName = new Map(
    units.map((u, i) => [u.facts.component ?? '', languages[i] ?? 'go'] as const),
  );
  const componentRows: ComponentRow[] = units
    .filter((u) => u.facts.component !== undefined)
    .map((u, i) => {
      const row = componentRow(u, languages[i] ?? 'go', kb);
      const pGo = (smaa.unitGo[i] ?? 0) / samples;
      const [pg = 0, pr = 0] = roundToSum([pGo, 1 - pGo], 4, 1);
      row.probabilities = { go: pg, rust: pr };
      row.near_tie = Math.max(pGo, 1 - pGo) < params.close_call_threshold;
      return row;
    });
  const factsByName = new Map(componentFactsList.map((f) => [f.component ?? '', f] as const));
  const costs = boundaryCosts(kb, options.lab);
  const boundaries = planBoundaries(profile, factsByName, languageByName, costs, params);

  const noted = factsForNotes(project, profile);
  const tips = kb.tips.filter((t) => holdsAnywhere(t.when, noted, componentFactsList)).map((t) => t.text);
  const caveats = kb.caveats
    .filter((c) => holdsAnywhere(c.when, noted, componentFactsList))
    .map((c) => c.text);
  if (boundaries.some((b) => b.mechanism === 'ffi')) caveats.push(cgoCaveat(profile));
  caveats.push(...nearMissGateCaveats(model));
  // Inputs the model cannot use come first, then a plan whose boundary spends more than its latency budget: a
  // reader should see them before the general caveats.
  caveats.unshift(
    ...inputCaveats(profile),
    ...overBudgetCaveats(boundaries, factsByName, costs, params, profile),
    ...linkedBudgetCaveats(boundaries, profile),
  );
  if (confidence < params.close_call_threshold) {
    tips.push(closeCallTip(confidence, sensitivity, table.rows, kb) + moreProbable(verdict, probabilities));
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
    checklist: evaluateChecklist(kb.checklist, noted, componentFactsList),
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
    robustness_to_priorities: robustness,
  };
  if (withFacts) {
    decision.decisive_facts = decisiveFacts(
      profile,
      kb,
      params,
      options.lab,
      model,
      verdict,
      draws,
      smaa.atCheckpoint,
    );
  }
  // The track record was measured with the knowledge base's priors; a lab run's measured ratings are another model.
  // A run whose figures replaced nothing (a quick run, or no significant difference) leaves the priors' model, and
  // the decision names no run (CONTRACT.md: lab_run is the run whose measurements replaced priors).
  const replaced =
    table.rows.some((row) => row.lab?.use === 'replaced') || boundaries.some((b) => b.measured === true);
  // Where no program in either language can fit the memory budget (a caveat says so), the track record, measured on
  // projects that were built, says nothing about the verdict: none is quoted.
  if (options.lab !== undefined && replaced) decision.lab_run = options.lab.run_id;
  else if (heapsOverBudget(profile).length === 0) decision.track_record = trackRecordFor(confidence);
  // A run that was asked for and replaced nothing says so in the report itself, not on stderr alone (until 2026-12-07
  // the report read as if no run had been given).
  if (options.lab !== undefined && !replaced) {
    const left = (options.lab.excluded ?? []).map((e) => `${e.figure}: ${e.reason}`);
    decision.caveats.push(
      `Lab run ${options.lab.run_id} replaced no prior, so the knowledge base's priors decide: ${left.length > 0 ? left.join('; ') : 'it measured nothing this decision uses'}.`,
    );
  }
  if ((profile.stakeholders ?? []).length > 0) addStakeholders(decision, profile, model, draws, params);
  return decision;
}

/** The priorities of each stakeholder over the project's own (one entry, the project's, without stakeholders). */
function groupPriorities(profile: Profile): Profile['priorities'][] {
  const people = profile.stakeholders ?? [];
  if (people.length === 0) return [profile.priorities];
  return people.map((s) => ({ ...(profile.priorities ?? {}), ...s.priorities }));
}

/**
 * The group's central weights: each stakeholder's normalised weights, averaged by their weight. Every criterion's
 * trace says so (`stakeholders`): the factor the group's weight is of the project's own, and each person's priority.
 */
function centralWeights(
  byGroup: UnitWeights[],
  groupWeights: readonly number[],
  own: UnitWeights,
  people: readonly StakeholderPriority[],
): UnitWeights {
  if (people.length === 0) return own;
  const total = groupWeights.reduce((a, b) => a + b, 0);
  const mean = CRITERION_IDS.map(
    (_, c) => byGroup.reduce((sum, w, g) => sum + (w.normalized[c] ?? 0) * (groupWeights[g] ?? 0), 0) / total,
  );
  const trace = Object.fromEntries(
    CRITERION_IDS.map((id, c) => {
      const ownWeight = own.normalized[c] ?? 0;
      const weight = mean[c] ?? 0;
      return [
        id,
        {
          ...own.trace[id],
          stakeholders: {
            factor: ownWeight > 0 ? weight / ownWeight : 1,
            people: people.map((p, i) => ({
              index: i,
              name: p.name,
              priority: p.priorities?.[id],
              inherited: p.own?.[id] === undefined,
            })),
          },
        },
      ];
    }),
  ) as UnitWeights['trace'];
  return { raw: mean, normalized: mean, trace };
}

/** One stakeholder's name and priorities (the project's, overlaid with their own). */
type StakeholderPriority = {
  name: string;
  priorities: Profile['priorities'];
  /** The priorities the stakeholder set themselves (the rest come from the project's `priorities`). */
  own: Profile['priorities'];
};

/** What the lean re-derivations of decisive facts share. */
type VariantCache = {
  /** Weights already derived for identical unit facts and priorities. */
  weights: Map<string, Weighed>;
  /** Ratings already derived, each with the profile fields it read (memoRatings). */
  ratings: RatingsMemo[];
};

export type RatingsMemo = {
  rule: string;
  /** The top-level profile fields the derivation read; undefined when it read them all. */
  fields: readonly string[] | undefined;
  values: string;
  ratings: Ratings;
};

/** The values of a profile's fields, as one comparable string (an absent field is not a null one). */
function fieldValues(profile: Profile, fields: readonly string[] | undefined): string {
  if (fields === undefined) return JSON.stringify(profile);
  const record = profile as unknown as Record<string, unknown>;
  return JSON.stringify(fields.map((f) => (record[f] === undefined ? { absent: true } : [record[f]])));
}

/**
 * The ratings of a variant of the profile: an earlier derivation's when every top-level profile field it read has the
 * same value here (deriveRatings is pure: it would read the same and give the same), else derived now with the
 * fields it reads recorded. Most decisive facts (all but the team's and the existing code's, today) leave them as
 * they were; the record follows whatever the ratings come to read.
 * @example
 * memoRatings(memo, variant, undefined, (p) => deriveRatings(p, kb, params)); // the earlier object when it applies
 */
export function memoRatings(
  memo: RatingsMemo[],
  profile: Profile,
  rule: InteropCounterpart | undefined,
  derive: (profile: Profile) => Ratings,
): Ratings {
  const id = rule?.id ?? '';
  for (const m of memo) if (m.rule === id && m.values === fieldValues(profile, m.fields)) return m.ratings;
  const read = new Set<string>();
  let every = false;
  const note = (key: string | symbol) => {
    if (typeof key === 'string') read.add(key);
    else every = true;
  };
  const tracked = new Proxy(profile, {
    get(target, key, receiver) {
      note(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      note(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      every = true;
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      every = true;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  const ratings = derive(tracked);
  const fields = every ? undefined : [...read].sort();
  memo.push({ rule: id, fields, values: fieldValues(profile, fields), ratings });
  return ratings;
}

function buildModel(
  profile: Profile,
  kb: KnowledgeBase,
  params: Parameters,
  lab: LabEvidence | undefined,
  explain = true,
  /** What earlier lean re-derivations of decisive facts derived (weights and ratings), to reuse. */
  cache?: VariantCache,
): Model {
  const rate = (rule?: InteropCounterpart, rated: Profile = profile): Ratings =>
    cache === undefined
      ? deriveRatings(rated, kb, params, lab, rule)
      : memoRatings(cache.ratings, rated, rule, (p) => deriveRatings(p, kb, params, lab, rule));
  const shared = rate();
  // Units whose interop counterpart replaces the interop prior, or whose own existing code or team replaces the
  // project's, get ratings of their own (one set per rule, code and team).
  const byUnitKind = new Map<string, { ratings: Ratings; diffs: number[] }>();
  const sharedRated = { ratings: shared, diffs: ratingDiffs(shared) };
  const rated = (facts: UnitFacts): { ratings: Ratings; diffs: number[] } => {
    const rule = kb.weights.interop_counterparts.find((r) => evaluateCondition(r.when, facts));
    const ownCode = facts.existingCode === profile.existing_code ? undefined : facts.existingCode;
    const ownTeam = facts.teamGo !== profile.team.go || facts.teamRust !== profile.team.rust;
    if (rule === undefined && ownCode === undefined && !ownTeam) return sharedRated;
    const key = JSON.stringify([rule?.id ?? '', ownCode ?? null, facts.teamGo, facts.teamRust]);
    let hit = byUnitKind.get(key);
    if (hit === undefined) {
      let unitProfile = ownCode === undefined ? profile : { ...profile, existing_code: ownCode };
      if (ownTeam)
        unitProfile = { ...unitProfile, team: { ...profile.team, go: facts.teamGo, rust: facts.teamRust } };
      const own = rate(rule, unitProfile);
      hit = { ratings: own, diffs: ratingDiffs(own) };
      byUnitKind.set(key, hit);
    }
    return hit;
  };
  const sds = CRITERION_IDS.map((id) => shared[id].sd);
  const pressure: PressureModel = {
    stwMs: params.gc_stw_pause_ms,
    perGibMs: params.gc_tail_ms_per_live_gib,
    impliedP99Ms: params.latency_critical_p99_ms,
  };
  const groups = groupPriorities(profile);
  const people: StakeholderPriority[] = (profile.stakeholders ?? []).map((s, i) => ({
    name: s.name,
    priorities: groups[i],
    own: s.priorities,
  }));
  const groupWeights = (profile.stakeholders ?? []).map((s) => s.weight ?? 1);
  const groupsKey = cache === undefined ? '' : JSON.stringify([profile.priorities, groups, groupWeights]);
  const concerns = evidenceConcerns(kb);
  const weigh = (facts: UnitFacts): Weighed => {
    const key = cache === undefined ? '' : `${groupsKey}|${JSON.stringify({ ...facts, paths: undefined })}`;
    const hit = cache?.weights.get(key);
    if (hit !== undefined) return hit;
    const own = deriveWeights(facts, kb.weights, profile.priorities, pressure, explain, concerns);
    // One stakeholder is a group too: their priorities, not the project's, set the weights.
    const weightsBy =
      people.length === 0
        ? [own]
        : groups.map((p) => deriveWeights(facts, kb.weights, p, pressure, explain, concerns));
    const weighed = { weights: centralWeights(weightsBy, groupWeights, own, people), weightsBy };
    cache?.weights.set(key, weighed);
    return weighed;
  };
  const project = projectFacts(profile);
  // The whole project's table (the headline scores, "what decided it", the stakeholders' disagreement) weighs only
  // the project facts that reach a component: one the components set aside moved the table but nothing else, so the
  // report's "reaches no component" and its headline disagreed (QA 2026-12-08: a 25 ms SLO and 2 GiB heap).
  const projectWeighed = weigh(
    (profile.components ?? []).length === 0 ? project : factsForNotes(project, profile),
  );
  const { ratings, diffs } = rated(project);
  const wholeProjectGates = projectGates(profile, params);
  const forced = wholeProjectGates[0]?.favors;
  const components = profile.components ?? [];
  let units: Unit[];
  if (components.length === 0) {
    const g = unitGates(project, params);
    const hard = [...wholeProjectGates, ...g.hard];
    units = [
      { facts: project, ...projectWeighed, hard, soft: g.soft, fixed: hard[0]?.favors, ratings, diffs },
    ];
  } else {
    const entries = entryComponents(profile);
    units = components.map((component) => {
      const facts = componentFacts(profile, component, entries);
      const g = unitGates(facts, params);
      const own = g.hard.filter((h) => !wholeProjectGates.some((p) => p.id === h.id));
      const r = rated(facts);
      if (forced !== undefined) {
        return {
          facts,
          ...weigh(facts),
          hard: [...wholeProjectGates, ...own],
          soft: [],
          fixed: forced,
          ...r,
        };
      }
      return { facts, ...weigh(facts), hard: own, soft: g.soft, fixed: own[0]?.favors, ...r };
    });
  }
  return {
    ratings,
    diffs,
    sds,
    project,
    projectWeights: projectWeighed.weights,
    projectWeightsBy: projectWeighed.weightsBy,
    wholeProjectGates,
    units,
    hasComponents: components.length > 0,
    groupWeights,
  };
}

/** A unit's language when a gate decides it nominally (hard, or a soft gate whose limit is below the model). */
function nominalFixed(unit: Unit): Language | undefined {
  if (unit.fixed !== undefined) return unit.fixed;
  return unit.soft.some((g) => g.lnMargin < 0) ? 'rust' : undefined;
}

function smaaModel(model: Model, group?: number): SmaaModel {
  return {
    units: model.units.map((u) => ({
      fixed: u.fixed,
      soft: u.fixed === undefined ? u.soft : [],
      rawBy: group === undefined ? u.weightsBy.map((w) => w.raw) : [(u.weightsBy[group] ?? u.weights).raw],
      diffs: u.diffs,
    })),
    diffs: model.diffs,
    sds: model.sds,
    groupWeights: group === undefined ? model.groupWeights : [],
  };
}

/**
 * The gates that fired, each soft one with how often it holds over its model's uncertainty; for a unit a hard gate
 * decides, the soft gates that agree with it and hold clearly as well.
 */
function reportedGates(model: Model): Gate[] {
  const out: Gate[] = [];
  const seen = new Set<string>();
  const add = (gate: Gate) => {
    const key = `${gate.id}/${gate.component ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(gate);
  };
  for (const g of model.wholeProjectGates) add(g);
  for (const unit of model.units) {
    for (const g of unit.hard) if (model.hasComponents ? g.component !== undefined : true) add(g);
    for (const soft of unit.soft) {
      if (soft.lnMargin >= 0) continue;
      const p = softGateProbability(soft);
      // Where a hard gate already decides, a soft one that also holds clearly is named too (a 0.25 MiB budget rules
      // out standard Go whatever the hard real-time gate says); one at its edge would only add doubt about nothing.
      if (unit.fixed !== undefined && (p < GATE_EDGE || soft.gate.favors !== unit.fixed)) continue;
      add({ ...soft.gate, holds_probability: roundTo(p, 3), near_edge: p < GATE_EDGE });
    }
  }
  return out;
}

/**
 * What the inputs say that the model cannot use as given: project facts that reach no component, calls a component
 * makes to itself (left out of the plan) or lists twice to one callee (added up), a memory budget below the live heap
 * it must hold (no language fits, so a memory gate's verdict rests on figures that contradict each other), and a
 * p99.9 target, which the priors do not judge (they judge the p99 SLO; a lab run measures each language's p99.9).
 */
function inputCaveats(profile: Profile): string[] {
  const out: string[] = [];
  const unreached = unreachedProjectFacts(profile);
  if (unreached !== undefined) out.push(unreached);
  // A call a component makes to itself is valid in profile v1 but crosses no boundary: the plan leaves it out.
  const selfCalling = (profile.components ?? []).filter((c) =>
    (c.calls ?? []).some((call) => call.to === c.name),
  );
  if (selfCalling.length > 0)
    out.push(
      `${listWords(selfCalling.map((c) => `"${c.name}"`))} ${selfCalling.length === 1 ? 'lists a call to itself' : 'list calls to themselves'}: work inside one component crosses no boundary, so the plan leaves ${selfCalling.length === 1 ? 'it' : 'them'} out. Calls name the other components a component calls.`,
    );
  // A platform listed twice ships once: counted once (four linux-amd64 entries weighed deployment as four targets).
  const platforms = profile.platforms ?? [];
  const repeated = [...new Set(platforms.filter((p, i) => platforms.indexOf(p) !== i))];
  if (repeated.length > 0)
    out.push(
      `platforms lists ${listWords(repeated)} more than once: each platform is counted once (${new Set(platforms).size} in all).`,
    );
  // Figures no real project has are valid profile v1 but most likely a unit typed wrong: say which, and keep them.
  const odd = implausibleFigures(profile);
  if (odd.length > 0)
    out.push(
      `${listWords(odd)}: beyond what any real system has, so probably a unit typed wrong (milliseconds, MiB or GiB); the decision takes ${odd.length === 1 ? 'it' : 'them'} as written.`,
    );
  // Calls stated at 0 per request are never made: no boundary is planned for them.
  const never = (profile.components ?? []).flatMap((c) =>
    [...callsByCallee((c.calls ?? []).filter((call) => call.to !== c.name))]
      .filter(([, total]) => total <= 0)
      .map(([callee]) => `"${c.name}" -> "${callee}"`),
  );
  if (never.length > 0)
    out.push(
      `${listWords(never)} ${never.length === 1 ? 'is stated at' : 'are stated at'} 0 calls per request: never made, so the plan draws no boundary there. Give the rate the calls have, however rare (0.001 is one request in a thousand).`,
    );
  const cycle = callCycle(profile);
  if (cycle !== undefined)
    out.push(
      `The calls form a cycle (${cycle.map((name) => `"${name}"`).join(' -> ')}): a request that comes back to a component it passed through multiplies its calls on every round, and where the cycle crosses languages one side calls back into the other. The plan prices each call on its own; check the cycle is bounded, or draw the calls as a tree.`,
    );
  const places = workloadPlaces(profile);
  for (const { where, heap, budget } of heapsOverBudget(profile)) {
    out.push(
      `The memory budget${where} (${formatMib(budget)}) is below the live heap (${formatAmount(heap, 3)} GiB, ${formatAmount(heap * 1024, 3)} MiB): no program in either language keeps that heap within it, so a verdict resting on the budget rests on figures that contradict each other: it names the language that needs the least on top of the heap, not one that fits, and no track record is quoted for it. Check both.`,
    );
  }
  // Two entries for one callee are valid in profile v1; the plan adds their calls up and says so.
  for (const component of profile.components ?? []) {
    const calls = component.calls ?? [];
    for (const [callee, total] of callsByCallee(calls)) {
      const listed = calls.filter((call) => call.to === callee);
      if (listed.length < 2) continue;
      out.push(
        `"${component.name}" lists ${listed.length} calls to "${callee}" (${listWords(listed.map((call) => formatRate(call.per_request)))} per request): the plan adds them up to ${formatRate(total)} per request, the load its boundary carries.`,
      );
    }
  }
  const targets = places.filter((p) => p.slo?.p999_ms !== undefined);
  if (targets.length > 0)
    out.push(
      `The p99.9 latency target${targets.length === 1 ? '' : 's'} (${targets.map((p) => `${formatAmount(p.slo?.p999_ms ?? 0, 3)} ms${p.where}`).join(', ')}) ${targets.length === 1 ? 'is' : 'are'} not in the model: the knowledge base's priors judge the p99 SLO alone. \`gorust lab run http-json\` measures each language's p99.9, and a decision made with \`--lab\` uses it as evidence of latency predictability.`,
    );
  return out;
}

/**
 * The project facts a profile with components sets aside, by profile path, with its entry components: a live heap,
 * memory budget and interop are each component's own, and the project's SLO and peak load reach only the entry
 * components that state none (one every entry restates with the same figure is not set aside). Undefined without
 * components. The caveat and the ADR's Context both read it.
 * @example
 * setAsideFacts(meshWithProjectHeap)?.paths; // ['workload.live_heap_gib']
 */
export function setAsideFacts(
  profile: Profile,
): { paths: string[]; entries: NonNullable<Profile['components']> } | undefined {
  const components = profile.components ?? [];
  if (components.length === 0) return undefined;
  const { workload } = profile;
  const entryNames = entryComponents(profile);
  const entries = components.filter((c) => entryNames.has(c.name));
  // Set aside when every entry component states its own figure, unless each restates the project's.
  const aside = (
    project: number | undefined,
    figure: (c: (typeof components)[number]) => number | undefined,
  ) => {
    if (project === undefined) return false;
    const values = entries.map(figure);
    return (
      values.every((v) => v !== undefined) && !(entries.length > 0 && values.every((v) => v === project))
    );
  };
  const paths: string[] = [];
  if (aside(workload.latency_slo?.p99_ms, (c) => c.latency_slo?.p99_ms)) {
    paths.push('workload.latency_slo.p99_ms');
    if (workload.latency_slo?.p999_ms !== undefined) paths.push('workload.latency_slo.p999_ms');
  }
  if (aside(workload.peak_rps, (c) => c.peak_rps)) paths.push('workload.peak_rps');
  if (workload.live_heap_gib !== undefined) paths.push('workload.live_heap_gib');
  if (workload.memory_budget_mib !== undefined) paths.push('workload.memory_budget_mib');
  if ((profile.interop ?? []).length > 0) paths.push('interop');
  // Hard real-time goes to the components that carry deadlines, those marked latency_critical.
  if (workload.hard_realtime && !components.some((c) => c.latency_critical))
    paths.push('workload.hard_realtime');
  return { paths, entries };
}

/**
 * Project facts that reach no component of a profile with components: a component's live heap, memory budget and
 * interop are its own, and the project's SLO and peak load reach only the entry components that state none. A gate
 * or rule the user expects from them does not fire, so the report says which facts were set aside and why. An SLO or
 * peak load every entry component restates with the same figure is not set aside: it is already where it goes.
 */
function unreachedProjectFacts(profile: Profile): string | undefined {
  const set = setAsideFacts(profile);
  if (set === undefined) return undefined;
  const { workload } = profile;
  const { entries, paths } = set;
  const entryOwn: string[] = [];
  const unused: string[] = [];
  const p99 = workload.latency_slo?.p99_ms;
  if (p99 !== undefined && paths.includes('workload.latency_slo.p99_ms')) {
    unused.push(`p99 SLO (${formatAmount(p99, 3)} ms)`);
    entryOwn.push('p99 SLO');
  }
  const rps = workload.peak_rps;
  if (rps !== undefined && paths.includes('workload.peak_rps')) {
    unused.push(`peak load (${formatAmount(rps, 3)} requests/s)`);
    entryOwn.push('peak load');
  }
  const componentOwn = unused.length;
  if (workload.live_heap_gib !== undefined)
    unused.push(`live heap (${formatAmount(workload.live_heap_gib, 3)} GiB)`);
  if (workload.memory_budget_mib !== undefined)
    unused.push(`memory budget (${formatMib(workload.memory_budget_mib)})`);
  if ((profile.interop ?? []).length > 0) unused.push(`interop (${(profile.interop ?? []).join(', ')})`);
  const ownFacts = unused.length;
  if (paths.includes('workload.hard_realtime')) unused.push('hard real-time requirement');
  if (unused.length === 0) return undefined;
  const why: string[] = [];
  if (entryOwn.length > 0) {
    const quoted = entries.map((c) => `"${c.name}"`).join(', ');
    why.push(
      entries.length === 0
        ? `the project's ${listWords(entryOwn)} ${entryOwn.length === 1 ? 'goes' : 'go'} only to entry components, and every component here is called by another`
        : `the entry ${entries.length === 1 ? 'component' : 'components'} (${quoted}) ${entries.length === 1 ? 'states its' : 'state their'} own ${listWords(entryOwn)}, which ${entryOwn.length === 1 ? 'takes' : 'take'} the project's place`,
    );
  }
  if (ownFacts > componentOwn)
    why.push("with components, a live heap, memory budget and interop are each component's own");
  if (unused.length > ownFacts) {
    why.push(
      'hard real-time binds only the components marked latency_critical (the ones with deadlines), and none is marked',
    );
  }
  return `The project's ${listWords(unused)} ${unused.length === 1 ? 'reaches' : 'reach'} no component, so no gate or weight of a component rests on ${unused.length === 1 ? 'it' : 'them'}: ${why.join('; ')}. State each on the components it concerns.`;
}

/**
 * The project's facts as the tips, caveats and checklist read them. With components, the facts that reach no
 * component are left out (a live heap, memory budget and stated interop are each component's own; an SLO or peak load
 * every entry component replaces with its own), so no note rests on a fact the caveats say was set aside: a 4 GiB
 * project heap with components once gave "Maximum runtime performance & memory control: Rust (given live heap 4 GiB)".
 */
function factsForNotes(project: UnitFacts, profile: Profile): UnitFacts {
  const aside = new Set(setAsideFacts(profile)?.paths ?? []);
  if (aside.size === 0) return project;
  return {
    ...project,
    liveHeapGib: aside.has('workload.live_heap_gib') ? undefined : project.liveHeapGib,
    memoryBudgetMib: aside.has('workload.memory_budget_mib') ? undefined : project.memoryBudgetMib,
    interop: aside.has('interop') ? project.impliedInterop : project.interop,
    slo: aside.has('workload.latency_slo.p99_ms') ? undefined : project.slo,
    peakRps: aside.has('workload.peak_rps') ? undefined : project.peakRps,
    hardRealtime: aside.has('workload.hard_realtime') ? false : project.hardRealtime,
    // An SLO set aside no longer makes the whole project latency-critical; a component marked so still does.
    latencyCritical: aside.has('workload.latency_slo.p99_ms')
      ? (!aside.has('workload.hard_realtime') && project.hardRealtime) ||
        (profile.components ?? []).some((c) => c.latency_critical)
      : project.latencyCritical,
  };
}

/** A soft gate that did not fire but holds in a fair share of the draws: say the limit is near the edge. */
function nearMissGateCaveats(model: Model): string[] {
  const out: string[] = [];
  for (const unit of model.units) {
    if (unit.fixed !== undefined) continue;
    for (const soft of unit.soft) {
      if (soft.lnMargin < 0) continue;
      const p = softGateProbability(soft);
      if (p <= 1 - GATE_EDGE) continue;
      out.push(
        `Near a hard gate (${soft.gate.id}${unit.facts.component === undefined ? '' : `, component "${unit.facts.component}"`}): ` +
          `the stated limit is close to the modelled Go figure, and the gate would hold in ${roundTo(p * 100, 0)}% ` +
          'of the uncertainty draws. Measure it with `gorust lab` before relying on Go here.',
      );
    }
  }
  return out;
}

/** The mean normalised Go-minus-Rust margin over the units (gates ignored): the direction facts push. */
function meanMargin(model: Model): number {
  const margins = model.units.map((u) => exactMargin(u.weights.normalized, u.diffs));
  return margins.reduce((a, b) => a + b, 0) / Math.max(1, margins.length);
}

/**
 * The verdict and, for a system of components, each component's language at the central weights and ratings: what
 * decide() returns as `verdict` and `components[].language`, without the uncertainty analysis, explanations or
 * decisive facts, for callers that decide many variants of a profile (revisit triggers, which must flip what
 * `gorust check` compares: the verdict or a Hybrid's plan).
 * @example
 * nominalPlan(profile, kb); // { verdict: 'hybrid', components: { gateway: 'go', store: 'rust' } }
 */
export function nominalPlan(
  profile: Profile,
  kb: KnowledgeBase,
  options: Pick<DecideOptions, 'lab'> = {},
): { verdict: Verdict; components: Record<string, Language> } {
  const model = buildModel(profile, kb, readParameters(kb), options.lab, false);
  const languages = nominalLanguages(model);
  const components: Record<string, Language> = {};
  model.units.forEach((u, i) => {
    const language = languages[i];
    if (u.facts.component !== undefined && language !== undefined) components[u.facts.component] = language;
  });
  return { verdict: combineVerdict(languages), components };
}

function nominalVerdict(model: Model): Verdict {
  return combineVerdict(nominalLanguages(model));
}

/** Each unit's language at the central weights and ratings (a hard gate's, where one decides it). */
function nominalLanguages(model: Model): Language[] {
  const robust = model.units.map((u) => ({ fixed: nominalFixed(u), raw: u.weights.raw, diffs: u.diffs }));
  return assignUnits(robust, model.diffs);
}

/**
 * Each unit's probability of Go under the rating uncertainty, by a normal approximation of its margin (sum of
 * w_c d_c with sd sqrt(sum of (w_c sd_c)^2)), times the chance that none of its soft gates holds: a cheap screen for
 * which facts matter. A hard gate counts as 0 or 1. Until 2026-12-07 a soft gate counted only when it held nominally,
 * so a memory budget at the edge of its gate (holding in half the draws) was screened out of the decisive facts.
 */
function approximateGo(model: Model): number[] {
  return model.units.map((u) => {
    if (u.fixed !== undefined) return u.fixed === 'go' ? 1 : 0;
    const noGate = u.soft.reduce((p, g) => p * (1 - softGateProbability(g)), 1);
    let m = 0;
    let v = 0;
    for (let c = 0; c < u.diffs.length; c++) {
      const w = u.weights.normalized[c] ?? 0;
      m += w * (u.diffs[c] ?? 0);
      v += (w * (model.sds[c] ?? 0)) ** 2;
    }
    return noGate * (v <= 0 ? (m >= 0 ? 1 : 0) : normalCdf(m / Math.sqrt(v)));
  });
}

/**
 * The facts that moved the verdict most: each stated fact is taken out in turn (removed, or set to a neutral value
 * such as "some" experience), screened by how far it moves each unit's approximate probability, and the strongest
 * are measured again with SMAA on the same draws (common random numbers) for P(verdict).
 */
function decisiveFacts(
  profile: Profile,
  kb: KnowledgeBase,
  params: Parameters,
  lab: LabEvidence | undefined,
  model: Model,
  verdict: Verdict,
  draws: Draws,
  /** The verdict counts of `model` over the first min(samples, SIDE_SAMPLES) draws, if already counted. */
  counted: (VerdictCounts & { samples: number }) | undefined,
): DecisiveFact[] {
  const limit = Math.min(draws.samples, SIDE_SAMPLES);
  const spread = params.mc_weight_spread;
  const marginBase = meanMargin(model);
  const approxBase = approximateGo(model);
  const cache: VariantCache = { weights: new Map(), ratings: [] };
  const screened = factVariants(profile).map((variant) => {
    const other = buildModel(variant.profile, kb, params, lab, false, cache);
    const approx = approximateGo(other);
    const moved = approx.reduce((sum, p, u) => sum + Math.abs(p - (approxBase[u] ?? 0)), 0);
    return {
      variant,
      other,
      moved,
      marginChange: marginBase - meanMargin(other),
      flips: nominalVerdict(other) !== verdict,
    };
  });
  const top = screened
    .filter((x) => x.flips || x.moved >= 0.005 || Math.abs(x.marginChange) >= 0.01)
    .sort(
      (a, b) =>
        Number(b.flips) - Number(a.flips) ||
        b.moved - a.moved ||
        Math.abs(b.marginChange) - Math.abs(a.marginChange) ||
        compareText(a.variant.path, b.variant.path),
    )
    .slice(0, DECISIVE_MAX);
  if (top.length === 0) return [];
  const base = counted ?? acceptability(smaaModel(model), draws, { spread, limit, weightsOnly: false });
  const pBase = base[verdict] / base.samples;
  return top
    .map(({ variant, other, marginChange, flips }): DecisiveFact => {
      const r = acceptability(smaaModel(other), draws, { spread, limit, weightsOnly: false });
      const change = pBase - r[verdict] / r.samples;
      // Which language the fact favours: by the verdict's probability where it moves it (a soft gate at its edge can
      // cost Go half its probability while nudging the mean score towards Go), else by the score margin.
      const byProbability =
        verdict !== 'hybrid' && Math.abs(change) >= 0.01
          ? change > 0
            ? verdict
            : verdict === 'go'
              ? 'rust'
              : 'go'
          : undefined;
      return {
        path: variant.path,
        value: variant.value,
        without: variant.without,
        favors:
          byProbability ??
          (marginChange > 0 ? 'go' : marginChange < 0 ? 'rust' : verdict === 'go' ? 'go' : 'rust'),
        probability_change: roundTo(change, 3),
        margin_change: roundTo(marginChange, 3),
        flips,
      };
    })
    .sort(
      (a, b) =>
        Number(b.flips) - Number(a.flips) ||
        Math.abs(b.probability_change) - Math.abs(a.probability_change) ||
        Math.abs(b.margin_change) - Math.abs(a.margin_change) ||
        compareText(a.path, b.path),
    );
}

/** Each stakeholder's own verdict and probabilities, the agreement, and the criteria they weigh most differently. */
function addStakeholders(
  decision: Decision,
  profile: Profile,
  model: Model,
  draws: Draws,
  params: Parameters,
): void {
  const people = profile.stakeholders ?? [];
  const limit = Math.min(draws.samples, SIDE_SAMPLES);
  const group = new Map(decision.components.map((c) => [c.name, c.language]));
  const rows: StakeholderRow[] = people.map((person, g) => {
    const m = smaaModel(model, g);
    const robust = model.units.map((u) => ({
      fixed: nominalFixed(u),
      raw: (u.weightsBy[g] ?? u.weights).raw,
      diffs: u.diffs,
    }));
    const languages = assignUnits(robust, model.diffs);
    const verdict = combineVerdict(languages);
    const r = acceptability(m, draws, { spread: params.mc_weight_spread, limit, weightsOnly: false });
    const [go = 0, rust = 0, hybrid = 0] = roundToSum(
      [r.go / r.samples, r.rust / r.samples, r.hybrid / r.samples],
      4,
      1,
    );
    const row: StakeholderRow = {
      name: person.name,
      weight: person.weight ?? 1,
      verdict,
      probabilities: { go, rust, hybrid },
    };
    if (person.role !== undefined) row.role = person.role;
    // Where this stakeholder's own plan parts from the group's: the components to name when they dissent.
    const differs = model.units
      .map((u, i) => [u.facts.component, languages[i]] as const)
      .filter(([name, language]) => name !== undefined && group.has(name) && group.get(name) !== language)
      .map(([name]) => name as string);
    if (differs.length > 0) row.differs_on = differs;
    return row;
  });
  // Shares of the largest weight, so that no sum of weights can overflow to Infinity (and the share to NaN).
  const top = Math.max(...rows.map((r) => r.weight), 0);
  const share = (r: StakeholderRow) => (top > 0 ? r.weight / top : 1);
  const total = rows.reduce((a, r) => a + share(r), 0);
  const agreeing = rows.filter((r) => r.verdict === decision.verdict).reduce((a, r) => a + share(r), 0);
  decision.stakeholders = rows;
  decision.agreement = total > 0 ? roundTo(agreeing / total, 4) : 1;
  // Disagreement on the project-level weights (the whole project's facts), per criterion.
  const byPerson = model.projectWeightsBy;
  const disagreements: Disagreement[] = CRITERION_IDS.map((criterion, c) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let minBy = '';
    let maxBy = '';
    byPerson.forEach((w, g) => {
      const v = w.normalized[c] ?? 0;
      const name = people[g]?.name ?? '';
      if (v < min) [min, minBy] = [v, name];
      if (v > max) [max, maxBy] = [v, name];
    });
    return { criterion, min: roundTo(min, 3), max: roundTo(max, 3), min_by: minBy, max_by: maxBy };
  })
    .filter((d) => d.max - d.min > 0)
    .sort((a, b) => b.max - b.min - (a.max - a.min) || compareText(a.criterion, b.criterion))
    .slice(0, 3);
  decision.disagreements = disagreements;
}

function componentRow(unit: Unit, language: Language, kb: KnowledgeBase): ComponentRow {
  const name = unit.facts.component ?? '';
  const t = scoreTable(unit.weights, unit.ratings, kb);
  const scores = t.scores;
  const label = language === 'go' ? 'Go' : 'Rust';
  const gate = unit.hard[0] ?? unit.soft.find((g) => g.lnMargin < 0)?.gate;
  if (nominalFixed(unit) !== undefined) {
    const reason = gate?.reason ?? 'a project-wide gate decides every component';
    return { name, language, why: `${label}, decided by a gate: ${reason}`, scores };
  }
  const margin = exactMargin(unit.weights.normalized, unit.diffs);
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
    ...(unit.facts.slo === undefined ? [] : [`p99 SLO ${formatAmount(unit.facts.slo.p99_ms, 3)} ms`]),
    ...(unit.facts.liveHeapGib === undefined
      ? []
      : [`${formatAmount(unit.facts.liveHeapGib, 3)} GiB live heap`]),
    // A memory budget moves the component's weights and can fire its gate: name it as the SLO and heap are named.
    ...(unit.facts.memoryBudgetMib === undefined
      ? []
      : [`memory budget ${formatMib(unit.facts.memoryBudgetMib)}`]),
    ...(unit.facts.paths.existingCode === 'existing_code' || unit.facts.existingCode === undefined
      ? []
      : [existingCodeTrait(unit.facts.existingCode)]),
    ...(unit.facts.paths.teamGo === 'team.go' && unit.facts.paths.teamRust === 'team.rust'
      ? []
      : [`its own team: Go ${unit.facts.teamGo}, Rust ${unit.facts.teamRust}`]),
  ].join(', ');
  // The project's existing code reaches every component that states none of its own: say so, as it can move the
  // component's language as much as its own traits do (a new batch job beside 40 kloc of Go to extend).
  const inherited =
    unit.facts.paths.existingCode === 'existing_code' && unit.facts.existingCode !== undefined
      ? ` and the project's ${existingCodeTrait(unit.facts.existingCode)}`
      : '';
  return {
    name,
    language,
    // Scores with a fixed two decimals, as the reports show them: "7.47 vs 7.50", never "7.47 vs 7.5".
    why: `${label} ${(language === 'go' ? scores.go : scores.rust).toFixed(2)} vs ${language === 'go' ? `Rust ${scores.rust.toFixed(2)}` : `Go ${scores.go.toFixed(2)}`} for its own traits (${traits})${inherited}; main drivers: ${drivers.join(', ')}.`,
    scores,
  };
}

/** A component's own existing code as one of its traits: "existing Go code to extend (500 kloc)". */
function existingCodeTrait(code: ExistingCode): string {
  const size = code.kloc === undefined ? '' : ` (${formatAmount(code.kloc, 3)} kloc)`;
  return `existing ${EXISTING_CODE_LANGUAGE_NAMES[code.language]} code to ${code.plan}${size}`;
}

/** A weight as a percentage with one decimal: the close-call tip compares weights a point or less apart. */
function percent(share: number): string {
  return `${roundTo(share * 100, 1)}%`;
}

const VERDICT_WORDS: Record<Verdict, string> = {
  go: 'Go throughout',
  rust: 'Rust throughout',
  hybrid: 'A hybrid',
};

/**
 * When another verdict is more probable than the nominal one, which, and in how many of the draws: the nominal verdict
 * follows the central ratings, the probabilities every uncertainty. Empty when the verdict is also the most probable.
 */
function moreProbable(verdict: Verdict, probabilities: Record<Verdict, number>): string {
  const best = moreProbableRival(verdict, probabilities);
  if (best === undefined) return '';
  return ` ${VERDICT_WORDS[best]} is more probable (${percent(probabilities[best])} of the draws) than this verdict.`;
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
  let flip = '';
  if (nearest !== undefined) {
    const name = (
      kb.criteria.find((c) => c.id === nearest.criterion)?.name ?? nearest.criterion
    ).toLowerCase();
    const now = percent(rows.find((r) => r.id === nearest.criterion)?.weight ?? 0);
    const at = percent(nearest.flip_weight ?? 0);
    // A verdict at the edge flips at its own weight: "from 6.6% to 6.6%" would say nothing. Only a move one way
    // flips it, so the words name the distance, as the reports' sensitivity section does.
    flip =
      now === at
        ? ` The verdict is at the edge: it flips within 0.1 point of the weight of ${name} now (${now}).`
        : ` The verdict flips if the weight of ${name} moves from ${now} to ${at}.`;
  }
  return (
    `Close call: the verdict holds in ${roundTo(confidence * 100, 1)}% of the draws of weights, ratings and uncertain inputs.${flip} ` +
    'Settle it with evidence rather than opinion: run `gorust lab` on this machine and prototype the riskiest part.'
  );
}

/** The project's workload and each component's, with where each is (" of component \"api\"", '' for the project). */
function workloadPlaces(profile: Profile) {
  return [
    {
      where: '',
      slo: profile.workload.latency_slo,
      heap: profile.workload.live_heap_gib,
      budget: profile.workload.memory_budget_mib,
    },
    ...(profile.components ?? []).map((c) => ({
      where: ` of component "${c.name}"`,
      slo: c.latency_slo,
      heap: c.live_heap_gib,
      budget: c.memory_budget_mib,
    })),
  ];
}

/** The places whose live heap alone is above their memory budget: no program in either language fits them. */
function heapsOverBudget(profile: Profile): { where: string; heap: number; budget: number }[] {
  return workloadPlaces(profile).flatMap(({ where, heap, budget }) =>
    heap !== undefined && budget !== undefined && heap * 1024 > budget ? [{ where, heap, budget }] : [],
  );
}

/** The first cycle of calls between distinct components (`a -> b -> a`), by depth-first search; undefined if none. */
function callCycle(profile: Profile): string[] | undefined {
  const calls = new Map(
    (profile.components ?? []).map((c) => [
      c.name,
      (c.calls ?? []).filter((call) => call.to !== c.name && call.per_request > 0).map((call) => call.to),
    ]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'open');
    path.push(name);
    for (const next of calls.get(name) ?? []) {
      const found = visit(next);
      if (found !== undefined) return found;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of calls.keys()) {
    const found = visit(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Bounds past which a figure is no real system's (a p99 under a microsecond, a petabyte live heap). */
const PLAUSIBLE = {
  p99_ms: { min: 0.001, what: 'a p99 SLO under a microsecond' },
  live_heap_gib: { max: 1e5, what: 'a live heap over 100 TiB' },
  memory_budget_mib: { max: 1e8, what: 'a memory budget over 100 TiB' },
  peak_rps: { max: 1e10, what: 'a peak load over 10 billion requests/s' },
  team_size: { max: 1e5, what: 'a team of over 100,000 people' },
  deadline_weeks: { max: 5200, what: 'a deadline over a century away' },
  lifetime_years: { max: 200, what: 'a lifetime over two centuries' },
} as const;

/**
 * The figures of a profile past PLAUSIBLE's bounds, each named with its path: `workload.latency_slo.p99_ms 1e-300 (a
 * p99 SLO under a microsecond)`. `gorust init` asks again about these, by the same bounds as the decision's caveat.
 * @example
 * implausibleFigures(profile); // ['workload.peak_rps 1e+23 (a peak load over 10 billion requests/s)']
 */
export function implausibleFigures(profile: Profile): string[] {
  const found: string[] = [];
  const check = (
    path: string,
    value: number | undefined,
    bound: { min?: number; max?: number; what: string },
  ) => {
    if (value === undefined) return;
    if (
      (bound.min !== undefined && value > 0 && value < bound.min) ||
      (bound.max !== undefined && value > bound.max)
    )
      found.push(`${path} ${formatAmount(value, 3)} (${bound.what})`);
  };
  const units = [
    { at: 'workload', w: profile.workload },
    ...(profile.components ?? []).map((c, i) => ({ at: `components[${i}]`, w: c })),
  ];
  for (const { at, w } of units) {
    check(`${at}.latency_slo.p99_ms`, w.latency_slo?.p99_ms, PLAUSIBLE.p99_ms);
    check(`${at}.live_heap_gib`, w.live_heap_gib, PLAUSIBLE.live_heap_gib);
    check(`${at}.memory_budget_mib`, w.memory_budget_mib, PLAUSIBLE.memory_budget_mib);
    check(`${at}.peak_rps`, w.peak_rps, PLAUSIBLE.peak_rps);
  }
  check('team.size', profile.team.size, PLAUSIBLE.team_size);
  check('delivery.deadline_weeks', profile.delivery?.deadline_weeks, PLAUSIBLE.deadline_weeks);
  check('delivery.lifetime_years', profile.delivery?.lifetime_years, PLAUSIBLE.lifetime_years);
  return found;
}
