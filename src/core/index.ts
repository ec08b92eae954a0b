/** @module The one curated list of what the rest of gorust may import from the core. Nothing outside src/core imports core's internal files. (The HTML report has its own entry, ssr.ts, loaded only when HTML is asked for.) */

export type {
  LabEvidence,
  MeasuredBuild,
  MeasuredCrossCell,
  MeasuredLatency,
} from './decision/lab-evidence.ts';
export type {
  BoundaryRow,
  ChecklistRow,
  ComponentRow,
  CriterionRow,
  Decision,
  Gate,
  SensitivityRow,
  SimilarProject,
} from './decision/schema.ts';
export { decisionSchema } from './decision/schema.ts';
export type { DecideOptions } from './engine/decide.ts';
export {
  DEFAULT_SAMPLES,
  DEFAULT_SEED,
  decide,
  implausibleFigures,
  setAsideFacts,
} from './engine/decide.ts';
export { GATE_IDS } from './engine/gates.ts';
export { projectSloSpentByPlan } from './engine/hybrid.ts';
export { mulberry32 } from './engine/robustness.ts';
export { scoreShares } from './engine/score.ts';
export type { InputProblem } from './errors.ts';
export { InternalError, UserError } from './errors.ts';
export { KB_FILES } from './kb/files.ts';
export type { KnowledgeBaseTexts } from './kb/parse.ts';
export { parseKnowledgeBase } from './kb/parse.ts';
export type {
  BoundaryCost,
  Caveat,
  ChecklistItem,
  Claim,
  Condition,
  Criterion,
  Evidence,
  KnowledgeBase,
  Project,
  Tip,
  WeightRule,
  Weights,
} from './kb/schema.ts';
export { knowledgeBaseSchema } from './kb/schema.ts';
export { didYouMean } from './profile/did-you-mean.ts';
export {
  formatProblems,
  measureDepth,
  PROFILE_LIMITS,
  parseProfileValue,
  profileJsonSchema,
} from './profile/parse.ts';
export { parseProfileText } from './profile/parse-text.ts';
export type { Component, LatencySlo, Profile, ProfileInput } from './profile/schema.ts';
export { profileSchema } from './profile/schema.ts';
export * from './profile/vocabulary.ts';
export { questionSchema } from './question-schema.ts';
export type { Question, QuestionOption } from './questions.ts';
export {
  answersToProfile,
  COMMON_PLATFORMS,
  COMPONENT_TEAM_QUESTIONS,
  EXISTING_CODE_QUESTIONS,
  isAsked,
  memoryCapProblem,
  profileToAnswers,
  QUESTIONS,
  validateAnswer,
} from './questions.ts';
export type { AdrOptions, AdrRecordData, AdrTemplate, EvidenceSources } from './report/adr.ts';
export {
  ADR_TEMPLATES,
  adrFileName,
  adrRecordProblem,
  adrTitle,
  evidenceSources,
  planChanges,
  planEntries,
  readAdrRecordData,
  recordedConfidence,
  recordedFacts,
  renderAdr,
} from './report/adr.ts';
export type {
  ChartSize,
  GcMark,
  GcTimelineInput,
  HybridPlanOptions,
  PercentileChartOptions,
  PercentilePoint,
  PercentileSeries,
  TimelinePoint,
} from './report/charts.ts';
export {
  contributionChart,
  gcTimelineChart,
  hybridPlanChart,
  LANGUAGE_COLORS,
  percentileChart,
  percentileLabel,
  percentileToX,
  radarChart,
} from './report/charts.ts';
export { diffDecisions } from './report/diff.ts';
export type {
  BoundaryChange,
  ComponentChange,
  CriterionChange,
  DecisionDiff,
  NumberChange,
} from './report/diff-schema.ts';
export { decisionDiffSchema } from './report/diff-schema.ts';
export { escapeHtml, escapeMarkdown, escapeUserText, fileSlug, profileFileName } from './report/escape.ts';
export type { FactChange, ProfileFact } from './report/facts.ts';
export { diffFacts, factChangeText, ownTeamWords, profileFacts } from './report/facts.ts';
export {
  confidenceMeaning,
  decisionTitle,
  formatConfidence,
  formatFigure,
  formatPercent,
  trackRecordSentence,
  VERDICT_NAMES,
  WEAKER_DROP,
  weakening,
} from './report/format.ts';
export { decisionJsonSchema, decisionKeyOrder, renderJson } from './report/json.ts';
export type { KeyOrder } from './report/json-order.ts';
export { renderJsonInOrder } from './report/json-order.ts';
export { renderMarkdown } from './report/markdown.ts';
export type { SvgChild, SvgNode } from './report/svg.ts';
export { svgToString } from './report/svg.ts';
export type { TextReportOptions } from './report/text.ts';
export { renderText } from './report/text.ts';
export type { RevisitTrigger } from './report/triggers.ts';
export { revisitTriggers, triggerSentence, withChange } from './report/triggers.ts';
