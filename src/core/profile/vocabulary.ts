/** @module The closed vocabularies of profile v1 (CONTRACT.md §1): every enum the profile, the knowledge base and the UI share. */

export const WORKLOAD_KINDS = ['io-bound', 'cpu-bound', 'mixed'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export const LEVELS = ['none', 'some', 'strong'] as const;
export type Level = (typeof LEVELS)[number];

export const TURNOVERS = ['low', 'medium', 'high'] as const;
export type Turnover = (typeof TURNOVERS)[number];

export const TARGETS = [
  'server',
  'kubernetes',
  'serverless',
  'cli',
  'desktop',
  'mobile',
  'wasm-browser',
  'wasm-edge',
  'embedded-linux',
  'bare-metal',
] as const;
export type Target = (typeof TARGETS)[number];

export const DOMAINS = [
  'cloud-native',
  'web-api',
  'networking',
  'proxy',
  'database',
  'storage',
  'cli-tool',
  'devops-tooling',
  'data-pipeline',
  'game-engine',
  'audio-video',
  'cryptography',
  'blockchain',
  'os-component',
  'browser-engine',
  'ml-inference',
  'embedded',
  'finance-trading',
  'search',
  'observability',
] as const;
export type Domain = (typeof DOMAINS)[number];

export const INTEROPS = [
  'c-libraries',
  'bindings-for-other-languages',
  'embed-in-host',
  'existing-go-code',
  'existing-rust-code',
] as const;
export type Interop = (typeof INTEROPS)[number];

export const ROLES = [
  'api',
  'control-plane',
  'orchestration',
  'data-plane',
  'hot-path',
  'worker',
  'cli',
  'library',
  'storage-engine',
] as const;
export type Role = (typeof ROLES)[number];

/** What the team plans to do with code that already exists (`existing_code.plan`). */
export const EXISTING_CODE_PLANS = ['port', 'rewrite', 'extend'] as const;
export type ExistingCodePlan = (typeof EXISTING_CODE_PLANS)[number];

/** Languages an existing codebase may be written in (`existing_code.language`). */
export const EXISTING_CODE_LANGUAGES = [
  'go',
  'rust',
  'c',
  'cpp',
  'typescript',
  'javascript',
  'python',
  'java',
  'csharp',
  'ruby',
  'elixir',
  'other',
] as const;
export type ExistingCodeLanguage = (typeof EXISTING_CODE_LANGUAGES)[number];

/** Each existing-code language as its name is written ("cpp" is C++); typed so a new language needs one. */
export const EXISTING_CODE_LANGUAGE_NAMES: Record<ExistingCodeLanguage, string> = {
  go: 'Go',
  rust: 'Rust',
  c: 'C',
  cpp: 'C++',
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  python: 'Python',
  java: 'Java',
  csharp: 'C#',
  ruby: 'Ruby',
  elixir: 'Elixir',
  other: 'other-language',
};

/** Limits every face (CLI, API, web app) applies to one profile. */
export const PROFILE_CAPS = { maxComponents: 200, maxCallsPerComponent: 200, maxStakeholders: 50 } as const;

/** The twelve criterion ids of CONTRACT.md, in the order reports list them. */
export const CRITERION_IDS = [
  'runtime_performance',
  'latency_predictability',
  'memory_efficiency',
  'safety_guarantees',
  'concurrency_model',
  'development_speed',
  'onboarding',
  'build_speed',
  'ecosystem_fit',
  'deployment',
  'platform_reach',
  'interop',
] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

export const LANGUAGES = ['go', 'rust'] as const;
export type Language = (typeof LANGUAGES)[number];

export const VERDICTS = ['go', 'rust', 'hybrid'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const MECHANISMS = ['ffi', 'grpc', 'service'] as const;
export type Mechanism = (typeof MECHANISMS)[number];
/** How each boundary mechanism reads in a sentence. */
export const MECHANISM_NAMES: Record<Mechanism, string> = {
  ffi: 'cgo (FFI)',
  grpc: 'gRPC',
  service: 'a service API',
};
