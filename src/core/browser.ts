/** @module The core as the web UI's first load imports it: the part of index.ts the browser needs, without the YAML text parser (~30 KiB gzipped), which web/src/lib/profile-yaml.ts loads on demand from index.ts. A separate list because bundlers put every module an entry reaches into its chunk, re-exports included, so a tree-shaken index.ts would still carry the YAML parser into the first download. */

export type { Decision } from './decision/schema.ts';
export { DEFAULT_SAMPLES, decide } from './engine/decide.ts';
export { listWords } from './engine/numbers.ts';
export { PRIORITY_AVERAGE, priorityWeight } from './engine/weights.ts';
export type { InputProblem } from './errors.ts';
export { UserError } from './errors.ts';
export type { KnowledgeBase } from './kb/schema.ts';
export { parseProfileValue } from './profile/parse.ts';
export type { Profile } from './profile/schema.ts';
export type { Question } from './questions.ts';
export {
  answersToProfile,
  COMPONENT_TEAM_QUESTIONS,
  EXISTING_CODE_QUESTIONS,
  profileToAnswers,
  QUESTIONS,
  validateAnswer,
} from './questions.ts';
export type { GcMark, PercentileSeries, TimelinePoint } from './report/charts.ts';
export {
  contributionChart,
  gcTimelineChart,
  hybridPlanChart,
  percentileChart,
  perRequest,
  radarChart,
} from './report/charts.ts';
export { asSentence, componentNames, componentOdds, gateOdds } from './report/decisive.ts';
export { diffDecisions } from './report/diff.ts';
export type { NumberChange } from './report/diff-schema.ts';
export { profileFileName } from './report/escape.ts';
export { ownTeamWords } from './report/facts.ts';
export {
  confidenceMeaning,
  differsOn,
  favoursClause,
  formatConfidence,
  formatCount,
  formatFigure,
  formatPercent,
  formatPercentPair,
  formatRate,
  formatRating,
  formatSigned,
  sensitivityWeights,
  trackRecordSentence,
  VERDICT_NAMES,
  verdictWithRival,
  weakening,
} from './report/format.ts';
export type { SvgChild, SvgNode } from './report/svg.ts';
export type { PolicyChoice, ReasonKind, WeightBasis } from './report/weight-basis.ts';
export {
  checklistFacts,
  existingCodeText,
  experienceText,
  factorText,
  factsText,
  policyChoices,
  policyChoiceText,
  REASON_KIND_LABELS,
  ratingLead,
  reasonKind,
  sentence,
  weightBasis,
} from './report/weight-basis.ts';
