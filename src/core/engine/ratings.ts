/** @module Each language's rating per criterion: the knowledge base's prior, replaced by lab measurements where a run measured that criterion, then shifted for the team's experience (scaled by team size and turnover) and for existing code; and each rating difference's uncertainty, from the confidence of its evidence. */
import type { LabEvidence, MeasuredLatency } from '../decision/lab-evidence.ts';
import type { InteropCounterpart, KnowledgeBase } from '../kb/schema.ts';
import type { Profile } from '../profile/schema.ts';
import { CRITERION_IDS, type CriterionId, type Language } from '../profile/vocabulary.ts';
import { formatFigure, roundTo } from './numbers.ts';
import type { Parameters } from './parameters.ts';
import { rampStrength } from './weights.ts';

/** How the team's experience moved one criterion's ratings. */
export type ExperienceShift = {
  go: number;
  rust: number;
  /** How much of the level shift applied: the criterion's share x the team-size and turnover factor. */
  scale: number;
  text: string;
};

/** How existing code moved one criterion's ratings. */
export type ExistingShift = {
  rule: string;
  favors: Language;
  points: number;
  reason: string;
  evidence: string[];
  policy: boolean;
};

/**
 * What a lab run did to one criterion's prior: `replaced` when a significant (or exact, for builds) measurement
 * replaced it, `prior_kept` when the run only had comparisons that are not significant (shown beside the prior, not
 * combined with it). Ratings are before experience and existing-code shifts.
 */
export type LabUse = {
  use: 'replaced' | 'prior_kept';
  prior: { go: number; rust: number };
  /** The ratings the measurement gave (when it replaced the prior). */
  measured?: { go: number; rust: number };
  /** The figures that replaced the prior. */
  used: string[];
  /** The comparisons that were not significant: shown beside the prior, not used. */
  not_significant: string[];
};

export type CriterionRating = {
  /** Displayed ratings (two decimals). */
  go: number;
  rust: number;
  /** Exact Go-minus-Rust difference the engine decides with. */
  diff: number;
  /** Standard deviation of the difference (rating points): the rating's uncertainty, from its evidence. */
  sd: number;
  /** "measured on this machine: ..." when a lab run replaced the prior. */
  measured: string | undefined;
  /** How the team's experience shifted the ratings, when it did. */
  experience: ExperienceShift | undefined;
  /** How existing code shifted the ratings, when it did. */
  existing: ExistingShift | undefined;
  /** What the lab run did to the prior, when a run measured this criterion. */
  lab?: LabUse | undefined;
  /** The interop counterpart rule that replaced the prior ratings (interop only), when one did. */
  counterpart: InteropCounterpart | undefined;
};

export type Ratings = Record<CriterionId, CriterionRating>;

/** A measured comparison: how many times costlier Go was than Rust (above 1 favours Rust), and the figures. */
type Measurement = { goOverRust: number; text: string };

/**
 * How much today's team experience counts for a language the team has at `level`: 1 for one person on a stable
 * team, less as turnover rises, and for "some" or "strong" also as the team grows (more of the code will be written
 * by people who join later, so a fluent team's lead thins out). A team with no one fluent keeps the whole of its
 * "none" shift at any size: a larger team has more people to bring up the curve and nobody in it to mentor them.
 * @example
 * experienceScale(profile, kb.weights.experience, 'strong'); // 0.78
 */
export function experienceScale(
  profile: Profile,
  experience: KnowledgeBase['weights']['experience'],
  level: Profile['team']['go'],
): number {
  const turnover = experience.turnover_factor[profile.team.turnover] ?? 1;
  const half = experience.half_at_team_size;
  const size = half === undefined || level === 'none' ? 1 : 1 / (1 + (profile.team.size - 1) / half);
  return turnover * size;
}

/**
 * Rate both languages on every criterion for this profile.
 * @example
 * deriveRatings(profile, kb, params).development_speed; // { go: 10, rust: 4, ... }
 */
export function deriveRatings(
  profile: Profile,
  kb: KnowledgeBase,
  params: Parameters,
  lab?: LabEvidence,
  /** The unit's interop counterpart rule (kb/weights.yaml `interop_counterparts`), replacing the interop prior. */
  counterpart?: InteropCounterpart,
): Ratings {
  const measurements = lab === undefined ? undefined : measureCriteria(lab);
  const ratings = {} as Ratings;
  const exp = kb.weights.experience;
  const scaleGo = experienceScale(profile, exp, profile.team.go);
  const scaleRust = experienceScale(profile, exp, profile.team.rust);
  const existing = existingCodeShifts(profile, kb);
  const sdOf = ratingSd(kb, params);
  for (const id of CRITERION_IDS) {
    const criterion = kb.criteria.find((c) => c.id === id);
    const own = id === 'interop' ? counterpart : undefined;
    let go = own?.ratings.go ?? criterion?.go.rating ?? 5;
    let rust = own?.ratings.rust ?? criterion?.rust.rating ?? 5;
    let measured: string | undefined;
    const found = measurements?.[id];
    let sd = sdOf(id);
    const prior = { go, rust };
    const beside = (lab?.not_significant ?? []).filter((n) => n.criteria.includes(id)).map((n) => n.text);
    let labUse: LabUse | undefined;
    if (found !== undefined && found.length > 0 && lab !== undefined) {
      [go, rust] = ratingsFromMeasurement(go, rust, found, params);
      measured = `measured on this machine: ${found.map((m) => m.text).join('; ')} (lab run ${lab.run_id}, ${lab.environment})`;
      sd *= params.rating_sd_measured_factor;
      labUse = {
        use: 'replaced',
        prior,
        measured: { go: roundTo(go, 2), rust: roundTo(rust, 2) },
        used: found.map((m) => m.text),
        not_significant: beside,
      };
    } else if (beside.length > 0) {
      labUse = { use: 'prior_kept', prior, used: [], not_significant: beside };
    }
    let experience: ExperienceShift | undefined;
    if (exp.criteria.includes(id)) {
      const share = exp.share[id] ?? 1;
      const shiftGo = exp.shift[profile.team.go] * share * scaleGo;
      const shiftRust = exp.shift[profile.team.rust] * share * scaleRust;
      go += shiftGo;
      rust += shiftRust;
      if (shiftGo !== 0 || shiftRust !== 0) {
        experience = {
          go: roundTo(shiftGo, 2),
          rust: roundTo(shiftRust, 2),
          // The share a level of some or strong experience keeps (a "none" level is not thinned by team size).
          scale: roundTo(share * experienceScale(profile, exp, 'some'), 3),
          text: `team experience: Go ${profile.team.go} (${signed(roundTo(shiftGo, 2))}), Rust ${profile.team.rust} (${signed(roundTo(shiftRust, 2))})`,
        };
      }
    }
    const shift = existing[id];
    if (shift !== undefined) {
      if (shift.favors === 'go') go += shift.points;
      else rust += shift.points;
    }
    const cGo = clamp(go);
    const cRust = clamp(rust);
    ratings[id] = {
      go: roundTo(cGo, 2),
      rust: roundTo(cRust, 2),
      diff: cGo - cRust,
      sd,
      measured,
      experience,
      existing: shift,
      ...(labUse ? { lab: labUse } : {}),
      counterpart: own,
    };
  }
  return ratings;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}

function clamp(r: number): number {
  return Math.min(10, Math.max(0, r));
}

/**
 * The standard deviation of each criterion's Go-minus-Rust difference: the mean of its evidence's confidence
 * (high, medium, low: `rating_sd_*`), times the calibration scale `rating_spread_scale`.
 */
function ratingSd(kb: KnowledgeBase, params: Parameters): (id: CriterionId) => number {
  const sdFor = { high: params.rating_sd_high, medium: params.rating_sd_medium, low: params.rating_sd_low };
  const counts = confidenceCounts(kb);
  return (id) => {
    const c = counts[id];
    const n = c.high + c.medium + c.low;
    const mean =
      n === 0
        ? params.rating_sd_low
        : (c.high * sdFor.high + c.medium * sdFor.medium + c.low * sdFor.low) / n;
    return mean * params.rating_spread_scale;
  };
}

type ConfidenceCounts = Record<CriterionId, { high: number; medium: number; low: number }>;
const CONFIDENCE_COUNTS = new WeakMap<KnowledgeBase, ConfidenceCounts>();

/** How many of each criterion's evidence records are of high, medium and low confidence (cached per knowledge base). */
function confidenceCounts(kb: KnowledgeBase): ConfidenceCounts {
  const cached = CONFIDENCE_COUNTS.get(kb);
  if (cached !== undefined) return cached;
  const confidence = new Map(kb.evidence.map((e) => [e.id, e.confidence] as const));
  const counts = {} as ConfidenceCounts;
  for (const id of CRITERION_IDS) {
    const c = { high: 0, medium: 0, low: 0 };
    for (const e of kb.criteria.find((x) => x.id === id)?.evidence ?? []) c[confidence.get(e) ?? 'low']++;
    counts[id] = c;
  }
  CONFIDENCE_COUNTS.set(kb, counts);
  return counts;
}

/**
 * Rating shifts from existing code (kb/weights.yaml `existing_code`): the plan and source language name the
 * favoured language; the size ramp (kloc) scales the points.
 */
function existingCodeShifts(
  profile: Profile,
  kb: KnowledgeBase,
): Partial<Record<CriterionId, ExistingShift>> {
  const code = profile.existing_code;
  const table = kb.weights.existing_code;
  const out: Partial<Record<CriterionId, ExistingShift>> = {};
  if (code === undefined || table === undefined) return out;
  const size = rampStrength({ ...table.size, fact: 'existing_kloc' }, code.kloc);
  for (const rule of table.rules) {
    if (rule.plan !== code.plan) continue;
    const favors: Language | undefined = rule.go.includes(code.language)
      ? 'go'
      : rule.rust.includes(code.language)
        ? 'rust'
        : undefined;
    if (favors === undefined) continue;
    for (const [id, points] of Object.entries(rule.shift) as [CriterionId, number][]) {
      const scaled = points * size;
      if (scaled <= 0) continue;
      out[id] = {
        rule: rule.id,
        favors,
        points: scaled,
        reason: rule.reason,
        evidence: rule.evidence,
        policy: rule.policy,
      };
    }
  }
  return out;
}

/**
 * Keep the prior's midpoint and replace the gap between the languages by the measured ratio:
 * `gap = points_per_doubling x log2(ratio)`, capped at `lab_max_gap` (the geometric mean when several figures).
 */
function ratingsFromMeasurement(
  priorGo: number,
  priorRust: number,
  found: readonly Measurement[],
  params: Parameters,
): [number, number] {
  const mid = (priorGo + priorRust) / 2;
  const logRatio = found.reduce((sum, m) => sum + Math.log2(m.goOverRust), 0) / found.length;
  const cap = params.lab_max_gap;
  const gap = Math.max(-cap, Math.min(cap, params.lab_points_per_doubling * logRatio));
  // A positive log ratio means Go costs more: Rust gets the upper half of the gap.
  return [mid - gap / 2, mid + gap / 2];
}

function ratio(go: number | undefined, rust: number | undefined): number | undefined {
  if (go === undefined || rust === undefined || !(go > 0) || !(rust > 0)) return undefined;
  return go / rust;
}

/** Turn every figure of a lab run into per-criterion Go/Rust cost ratios with a line of text each. */
function measureCriteria(lab: LabEvidence): Partial<Record<CriterionId, Measurement[]>> {
  const out: Partial<Record<CriterionId, Measurement[]>> = {};
  const add = (id: CriterionId, r: number | undefined, text: string): void => {
    if (r === undefined || !Number.isFinite(r)) return;
    const list = out[id] ?? [];
    list.push({ goOverRust: r, text });
    out[id] = list;
  };
  const http = lab.http_json;
  // A team's own pair stands where http-json does; its figures say whose they are.
  const source = lab.service?.name ?? 'http-json';
  if (http !== undefined) {
    add(
      'latency_predictability',
      ratio(http.go.p999_ms, http.rust.p999_ms),
      `${source} p99.9 Go ${formatFigure(http.go.p999_ms)} ms vs Rust ${formatFigure(http.rust.p999_ms)} ms`,
    );
    const goRps = http.go.max_rps_within_slo ?? undefined;
    const rustRps = http.rust.max_rps_within_slo ?? undefined;
    add(
      'runtime_performance',
      ratio(rustRps, goRps),
      `${source} max rate within SLO Go ${formatFigure(goRps ?? 0)} req/s vs Rust ${formatFigure(rustRps ?? 0)} req/s`,
    );
    add(
      'memory_efficiency',
      ratio(http.go.rss_peak_mib, http.rust.rss_peak_mib),
      `${source} peak RSS Go ${formatFigure(http.go.rss_peak_mib ?? 0)} MiB vs Rust ${formatFigure(http.rust.rss_peak_mib ?? 0)} MiB`,
    );
  }
  // Compare Rust with the best Go GC setting the run measured (default, higher GOGC, GOMEMLIMIT): the evidence
  // says many Go GC problems are fixed by tuning, so the fair question is whether tuned Go meets the tail.
  const cache = lab.gc_cache ?? {};
  const rustCache: MeasuredLatency | undefined = cache.rust;
  const goSettings = Object.keys(cache)
    .filter((key) => key !== 'rust')
    .sort()
    .map((key) => ({ key, m: cache[key] as MeasuredLatency }));
  const bestGo = goSettings.reduce<{ key: string; m: MeasuredLatency } | undefined>(
    (best, s) => (best === undefined || s.m.p999_ms < best.m.p999_ms ? s : best),
    undefined,
  );
  if (bestGo !== undefined && rustCache !== undefined) {
    add(
      'latency_predictability',
      ratio(bestGo.m.p999_ms, rustCache.p999_ms),
      `gc-cache p99.9 Go (best GC setting, ${bestGo.key}) ${formatFigure(bestGo.m.p999_ms)} ms vs Rust ${formatFigure(rustCache.p999_ms)} ms`,
    );
    add(
      'memory_efficiency',
      ratio(bestGo.m.rss_peak_mib, rustCache.rss_peak_mib),
      `gc-cache peak RSS Go (${bestGo.key}) ${formatFigure(bestGo.m.rss_peak_mib ?? 0)} MiB vs Rust ${formatFigure(rustCache.rss_peak_mib ?? 0)} MiB`,
    );
  }
  for (const kernel of lab.cpu ?? []) {
    add(
      'runtime_performance',
      ratio(kernel.go_s, kernel.rust_s),
      `${kernel.kernel} Go ${formatFigure(kernel.go_s)} s vs Rust ${formatFigure(kernel.rust_s)} s`,
    );
  }
  const build = lab.build;
  if (build !== undefined) {
    add(
      'build_speed',
      ratio(build.go.clean_s, build.rust.clean_s),
      `clean build Go ${formatFigure(build.go.clean_s ?? 0)} s vs Rust ${formatFigure(build.rust.clean_s ?? 0)} s`,
    );
    add(
      'build_speed',
      ratio(build.go.incremental_s, build.rust.incremental_s),
      `incremental build Go ${formatFigure(build.go.incremental_s)} s vs Rust ${formatFigure(build.rust.incremental_s)} s`,
    );
    if (build.cross.length > 0) {
      const goOk = build.cross.filter((c) => c.go.ok).length;
      const rustOk = build.cross.filter((c) => c.rust.ok).length;
      // Counts plus one, so a target that fails for both does not divide by zero.
      add(
        'deployment',
        (rustOk + 1) / (goOk + 1),
        `cross-compiled out of the box: Go ${goOk}/${build.cross.length} targets, Rust ${rustOk}/${build.cross.length}`,
      );
    }
  }
  return out;
}
