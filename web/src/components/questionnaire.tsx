/** @module The questionnaire: renders the shared QUESTIONS (the same definition `gorust init` asks) as form controls. */
import { type ReactNode, useState } from 'react';
import { type InputProblem, QUESTIONS, type Question, validateAnswer } from '../../../src/core/browser.ts';
import type { Answers } from '../lib/draft.ts';
import { numberFromInput } from '../lib/number-input.ts';
import { plainProblem } from '../lib/plain-words.ts';

export type QuestionnaireProps = {
  answers: Answers;
  onChange: (id: string, value: unknown) => void;
  /** Problems the whole-profile check found (a p99.9 target below the p99 one): shown at their field. */
  problems?: InputProblem[] | undefined;
};

const SECTION_TITLES: Record<string, string> = {
  project: 'Project',
  workload: 'Workload',
  team: 'Team',
  delivery: 'Delivery',
};

/**
 * Every question, grouped by the profile section it fills in.
 * @example
 * <Questionnaire answers={draft.answers} onChange={setAnswer} />
 */
export function Questionnaire({ answers, onChange, problems = [] }: QuestionnaireProps) {
  // The questions the user has changed since this draft was opened: one of them left blank is flagged at its field.
  // Untouched blank questions of a new draft are listed next to the verdict only, not all flagged before the first
  // answer. The decide view gives the form a new key when it opens another draft, which forgets them.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const change = (id: string, value: unknown) => {
    if (!touched.has(id)) setTouched(new Set(touched).add(id));
    onChange(id, value);
  };
  let section = '';
  return (
    <form data-testid="questionnaire" onSubmit={(event) => event.preventDefault()}>
      {QUESTIONS.map((question) => {
        const head = question.path[0] ?? '';
        const title = head !== section ? (SECTION_TITLES[head] ?? sentenceCase(head)) : null;
        section = head;
        return (
          <div key={question.id}>
            {title && <div className="section-title">{title}</div>}
            <QuestionField
              question={question}
              value={answers[question.id]}
              onChange={change}
              touched={touched.has(question.id)}
              profileProblem={problems.find((p) => p.path === question.id)}
            />
          </div>
        );
      })}
    </form>
  );
}

function QuestionField({
  question,
  value,
  onChange,
  touched,
  profileProblem,
}: {
  question: Question;
  value: unknown;
  onChange: (id: string, value: unknown) => void;
  /** The user changed this answer: left blank, a required one says so here, not only next to the verdict. */
  touched: boolean;
  profileProblem?: InputProblem | undefined;
}) {
  const inputId = `q-${question.id}`;
  // What the user typed wrong, or left blank after changing it; then what does not fit the rest of the profile.
  const blank = value === undefined || value === '';
  const own = blank
    ? touched
      ? blankProblem(question, profileProblem)
      : undefined
    : validateAnswer(question, value);
  const problem = own ?? (profileProblem && !blank ? plainProblem(profileProblem) : undefined);
  const errorId = `${inputId}-error`;
  const invalid = problem === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': errorId };
  const help = (
    <>
      {question.help && <div className="help">{question.help}</div>}
      {problem && (
        <div className="help error" id={errorId} data-testid={errorId}>
          {problem}
        </div>
      )}
    </>
  );
  const set = (next: unknown) => onChange(question.id, next);
  // An emptied field is a blank answer, not an empty string or zero.
  const setTyped = (text: string) => set(text === '' ? undefined : text);
  // Every kind of question is framed alike: its label, its control, then its help and problem.
  const frame = (label: ReactNode, control?: ReactNode) => (
    <div className="question">
      {label}
      {control}
      {help}
    </div>
  );
  const label = <label htmlFor={inputId}>{question.prompt}</label>;

  switch (question.kind) {
    case 'confirm':
      return frame(
        <label className="confirm" htmlFor={inputId}>
          <input
            id={inputId}
            data-testid={inputId}
            type="checkbox"
            checked={value === true}
            onChange={(event) => set(event.target.checked)}
          />
          {question.prompt}
        </label>,
      );
    case 'select': {
      // The chosen option's meaning, in words under the control: an option's title shows only to a mouse.
      const hint = (question.options ?? []).find((option) => option.value === value)?.hint;
      const hintId = `${inputId}-hint`;
      return frame(
        label,
        <>
          <select
            id={inputId}
            data-testid={inputId}
            {...invalid}
            aria-describedby={
              [hint === undefined ? undefined : hintId, problem === undefined ? undefined : errorId]
                .filter((part) => part !== undefined)
                .join(' ') || undefined
            }
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => setTyped(event.target.value)}
          >
            {(question.optional || value === undefined) && <option value="">(not set)</option>}
            {(question.options ?? []).map((option) => (
              <option key={option.value} value={option.value} title={option.hint}>
                {option.label}
              </option>
            ))}
          </select>
          {hint !== undefined && (
            <div className="help" id={hintId} data-testid={hintId}>
              {hint}
            </div>
          )}
        </>,
      );
    }
    case 'multiselect': {
      const selected = new Set(Array.isArray(value) ? (value as string[]) : []);
      const toggle = (option: string, on: boolean) => {
        const next = new Set(selected);
        if (on) next.add(option);
        else next.delete(option);
        const list = (question.options ?? []).map((o) => o.value).filter((v) => next.has(v));
        set(list);
      };
      return (
        <fieldset className="question chips-group">
          <legend className="label">{question.prompt}</legend>
          <div className="chips" data-testid={inputId}>
            {(question.options ?? []).map((option) => (
              <label
                key={option.value}
                className={`chip${selected.has(option.value) ? ' on' : ''}`}
                title={option.hint}
              >
                <input
                  type="checkbox"
                  data-testid={`${inputId}-${option.value}`}
                  checked={selected.has(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                />
                {option.label}
              </label>
            ))}
          </div>
          {help}
        </fieldset>
      );
    }
    case 'number':
      return frame(
        label,
        <input
          id={inputId}
          data-testid={inputId}
          {...invalid}
          type="number"
          min={question.min}
          max={question.max}
          step={question.integer ? 1 : 'any'}
          value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
          placeholder={question.optional ? 'optional' : ''}
          onChange={(event) => set(numberFromInput(event.target))}
        />,
      );
    default:
      return frame(
        label,
        <input
          id={inputId}
          data-testid={inputId}
          {...invalid}
          type="text"
          value={typeof value === 'string' ? value : ''}
          placeholder={question.optional ? 'optional' : ''}
          onChange={(event) => setTyped(event.target.value)}
        />,
      );
  }
}

/** Why a required question left blank stops the verdict, in the words the verdict's list uses (none when optional). */
function blankProblem(question: Question, profileProblem: InputProblem | undefined): string | undefined {
  const needed = validateAnswer(question, undefined);
  if (needed === undefined) return undefined;
  return profileProblem ? plainProblem(profileProblem) : needed;
}

function sentenceCase(text: string): string {
  return text.length === 0 ? 'Other' : text[0]?.toUpperCase() + text.slice(1).replaceAll('_', ' ');
}
