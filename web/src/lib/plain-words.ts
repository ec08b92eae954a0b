/** @module Validation problems in plain words for the form: "Enter a number of milliseconds", not the schema's "expected number > 0, found ...". The field path picks the words; problems of fields the map does not know keep the validator's own message. */
import type { InputProblem } from '../../../src/core/browser.ts';

/** What each numeric field holds, by its last path segment. */
const NUMBER_FIELDS: Record<string, { unit: string; min: string }> = {
  p99_ms: { unit: 'a number of milliseconds', min: 'more than 0' },
  p999_ms: { unit: 'a number of milliseconds', min: 'more than 0' },
  live_heap_gib: { unit: 'a size in GiB', min: '0 or more' },
  memory_budget_mib: { unit: 'a size in MiB', min: 'more than 0' },
  peak_rps: { unit: 'a number of requests per second', min: '0 or more' },
  per_request: { unit: 'how many calls it makes per request', min: '0 or more' },
  size: { unit: 'a whole number of engineers', min: 'at least 1' },
  deadline_weeks: { unit: 'a number of weeks', min: 'more than 0' },
  lifetime_years: { unit: 'a number of years', min: 'more than 0' },
  weight: { unit: 'a weight', min: 'more than 0; 1 is an ordinary voice' },
  kloc: { unit: 'a size in thousands of lines', min: 'more than 0' },
};

/**
 * One problem as a sentence for the person filling in the form.
 * @example
 * plainProblem({ path: 'workload.latency_slo.p99_ms', message: 'expected number > 0, found -1', expected: '', found: '' });
 * // 'Enter a number of milliseconds (more than 0).'
 */
export function plainProblem(problem: InputProblem): string {
  const last = lastSegment(problem.path);
  if (/found nothing|missing/.test(problem.message) && !/unique/.test(problem.message)) {
    if (last === 'name' || last === 'project') return 'Enter a name.';
    if (last === 'workload' || last === 'kind') return 'Choose what mostly limits its speed.';
    if (last === 'go' || last === 'rust' || last === 'team') return "Choose the team's experience.";
    // Existing code is optional as a whole; once one of its fields is set, these two are needed.
    if (last === 'language')
      return 'Choose the language the existing code is written in, or clear its fields.';
    if (last === 'plan') return 'Choose the plan for the existing code: port, rewrite or extend.';
    const number = NUMBER_FIELDS[last];
    if (number) return `Enter ${number.unit} (${number.min}).`;
    return 'This answer is needed.';
  }
  if (last === 'p999_ms' && /greater than or equal/.test(problem.message))
    return 'Enter a p99.9 target at least as long as the p99 target.';
  const number = NUMBER_FIELDS[last];
  if (number) return `Enter ${number.unit} (${number.min}).`;
  if (last === 'name') {
    if (/unique/.test(problem.message))
      return `${sentence(problem.message).replace(/\.$/, '')}: choose another name.`;
    return 'Enter a name.';
  }
  if (last === 'to') return sentence(problem.message);
  if (last === 'role') return 'Choose a role.';
  if (last === 'workload' || last === 'kind') return 'Choose what mostly limits its speed.';
  if (last === 'go' || last === 'rust') return "Choose the team's experience.";
  return sentence(problem.message);
}

/**
 * The problems that belong to one field (exact path) or, with `prefix`, to everything under it.
 * @example
 * problemsAt(problems, 'components[0].name');
 */
export function problemsAt(problems: readonly InputProblem[], path: string, prefix = false): InputProblem[] {
  return problems.filter((p) =>
    prefix
      ? p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`)
      : p.path === path,
  );
}

function lastSegment(path: string): string {
  const parts = path.split(/[.[\]]+/).filter((part) => part !== '' && !/^\d+$/.test(part));
  return parts.at(-1) ?? '';
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.length > 0 ? (trimmed[0]?.toUpperCase() ?? '') + trimmed.slice(1) : trimmed;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * What each choice of a question means, in one line: "none: nobody has shipped it; some: ...".
 * @example
 * optionWords(COMPONENT_TEAM_QUESTIONS.go.options); // 'none: nobody has shipped it; some: ...; strong: ....'
 */
export function optionWords(options: readonly { value: string; hint?: string | undefined }[]): string {
  return `${options.map((option) => `${option.value}: ${option.hint ?? ''}`).join('; ')}.`;
}
