/** @module The questionnaire: renders the shared QUESTIONS (the same definition `gorust init` asks) as form controls. */
import type { ReactNode } from 'react';
import { QUESTIONS, type Question, validateAnswer } from '../../../src/core/browser.ts';
import type { Answers } from '../lib/draft.ts';

export type QuestionnaireProps = {
  answers: Answers;
  onChange: (id: string, value: unknown) => void;
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
export function Questionnaire({ answers, onChange }: QuestionnaireProps) {
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
            <QuestionField question={question} value={answers[question.id]} onChange={onChange} />
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
}: {
  question: Question;
  value: unknown;
  onChange: (id: string, value: unknown) => void;
}) {
  const inputId = `q-${question.id}`;
  // Blank required answers are listed next to the verdict; here only what the user typed wrong.
  const problem = value === undefined || value === '' ? undefined : validateAnswer(question, value);
  const help = (
    <>
      {question.help && <div className="help">{question.help}</div>}
      {problem && (
        <div className="help error" data-testid={`${inputId}-error`}>
          {problem}
        </div>
      )}
    </>
  );
  const set = (next: unknown) => onChange(question.id, next);
  // An emptied field is a blank answer, not an empty string or zero.
  const setTyped = (text: string, parse: (text: string) => unknown = String) =>
    set(text === '' ? undefined : parse(text));
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
    case 'select':
      return frame(
        label,
        <select
          id={inputId}
          data-testid={inputId}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => setTyped(event.target.value)}
        >
          {(question.optional || value === undefined) && <option value="">(not set)</option>}
          {(question.options ?? []).map((option) => (
            <option key={option.value} value={option.value} title={option.hint}>
              {option.label}
            </option>
          ))}
        </select>,
      );
    case 'multiselect': {
      const selected = new Set(Array.isArray(value) ? (value as string[]) : []);
      const toggle = (option: string, on: boolean) => {
        const next = new Set(selected);
        if (on) next.add(option);
        else next.delete(option);
        const list = (question.options ?? []).map((o) => o.value).filter((v) => next.has(v));
        set(list);
      };
      return frame(
        <span className="label">{question.prompt}</span>,
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
        </div>,
      );
    }
    case 'number':
      return frame(
        label,
        <input
          id={inputId}
          data-testid={inputId}
          type="number"
          min={question.min}
          max={question.max}
          step={question.integer ? 1 : 'any'}
          value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
          placeholder={question.optional ? 'optional' : ''}
          onChange={(event) => setTyped(event.target.value, Number)}
        />,
      );
    default:
      return frame(
        label,
        <input
          id={inputId}
          data-testid={inputId}
          type="text"
          value={typeof value === 'string' ? value : ''}
          placeholder={question.optional ? 'optional' : ''}
          onChange={(event) => setTyped(event.target.value)}
        />,
      );
  }
}

function sentenceCase(text: string): string {
  return text.length === 0 ? 'Other' : text[0]?.toUpperCase() + text.slice(1).replaceAll('_', ' ');
}
