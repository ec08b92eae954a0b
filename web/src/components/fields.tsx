/** @module Small labelled form fields shared by the component, stakeholder and existing-code editors: each shows its help and its problem in plain words right below it, both tied to the control with aria-describedby. */
import type { InputProblem } from '../../../src/core/browser.ts';
import { numberFromInput } from '../lib/number-input.ts';
import { plainProblem } from '../lib/plain-words.ts';

type Base = {
  id: string;
  label: string;
  problems?: InputProblem[] | undefined;
  help?: string;
  /**
   * Whose field it is, read after the label by screen readers only ("of component api"): the same field of two
   * parts then has two names, each starting with the label a voice user sees.
   */
  whose?: string | undefined;
};

function FieldLabel({ id, label, whose }: { id: string; label: string; whose?: string | undefined }) {
  return (
    <label htmlFor={id}>
      {label}
      <Whose words={whose} />
    </label>
  );
}

/**
 * Words after a label or legend that only screen readers read: whose field it is.
 * @example
 * <label htmlFor="c0-critical">Latency-critical<Whose words="of component api" /></label>
 */
export function Whose({ words }: { words?: string | undefined }) {
  return words === undefined ? null : <span className="visually-hidden"> {words}</span>;
}

function Problem({ id, problems }: { id: string; problems?: InputProblem[] | undefined }) {
  const first = problems?.[0];
  if (!first) return null;
  return (
    <div className="help error" id={`${id}-error`} data-testid={`${id}-error`}>
      {plainProblem(first)}
    </div>
  );
}

/** The ids of a field's help and problem, for aria-describedby (undefined when it has neither). */
const describedBy = (id: string, problems?: InputProblem[], help?: string) =>
  [help ? `${id}-help` : undefined, problems && problems.length > 0 ? `${id}-error` : undefined]
    .filter((part) => part !== undefined)
    .join(' ') || undefined;

function Help({ id, help }: { id: string; help?: string | undefined }) {
  return help ? (
    <div className="help" id={`${id}-help`}>
      {help}
    </div>
  ) : null;
}

/** A choice: its value, and the words shown for it when they differ ("C++" for cpp). */
export type FieldOption = string | { value: string; label: string };

/**
 * @example
 * <TextField id="c0-name" label="Name" value={name} onChange={setName} />
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  problems,
  help,
  optional,
  whose,
}: Base & { value: string | undefined; onChange: (next: string | undefined) => void; optional?: boolean }) {
  return (
    <div className="question">
      <FieldLabel id={id} label={label} whose={whose} />
      <input
        id={id}
        data-testid={id}
        type="text"
        value={value ?? ''}
        placeholder={optional ? 'optional' : ''}
        aria-invalid={problems && problems.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, problems, help)}
        onChange={(event) => onChange(event.target.value === '' && optional ? undefined : event.target.value)}
      />
      <Help id={id} help={help} />
      <Problem id={id} problems={problems} />
    </div>
  );
}

/**
 * A number input whose blank value is "not set" (undefined).
 * @example
 * <NumberField id="c0-rps" label="Peak requests per second" value={rps} onChange={setRps} />
 */
export function NumberField({
  id,
  label,
  value,
  onChange,
  problems,
  help,
  min,
  step,
  whose,
}: Base & {
  value: number | undefined;
  onChange: (next: number | undefined) => void;
  min?: number;
  step?: number | 'any';
}) {
  return (
    <div className="question">
      <FieldLabel id={id} label={label} whose={whose} />
      <input
        id={id}
        data-testid={id}
        type="number"
        min={min}
        step={step ?? 'any'}
        value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
        placeholder="optional"
        aria-invalid={problems && problems.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, problems, help)}
        onChange={(event) => onChange(numberFromInput(event.target))}
      />
      <Help id={id} help={help} />
      <Problem id={id} problems={problems} />
    </div>
  );
}

/**
 * @example
 * <SelectField id="c0-role" label="Role" value={role} options={ROLES} onChange={setRole} />
 */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  problems,
  help,
  optional,
  emptyLabel,
  whose,
}: Base & {
  value: string | undefined;
  options: readonly FieldOption[];
  onChange: (next: string | undefined) => void;
  optional?: boolean;
  /** What the empty choice of an optional field is called (default "(not set)"). */
  emptyLabel?: string;
}) {
  return (
    <div className="question">
      <FieldLabel id={id} label={label} whose={whose} />
      <select
        id={id}
        data-testid={id}
        value={value ?? ''}
        aria-invalid={problems && problems.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, problems, help)}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        {(optional || value === undefined) && (
          <option value="">{optional ? (emptyLabel ?? '(not set)') : 'Choose…'}</option>
        )}
        {options.map((option) => {
          const { value: key, label } =
            typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <option key={key} value={key}>
              {label}
            </option>
          );
        })}
      </select>
      <Help id={id} help={help} />
      <Problem id={id} problems={problems} />
    </div>
  );
}

/**
 * A group of checkboxes in a fieldset whose legend is the question.
 * @example
 * <CheckboxGroup id="c0-targets" legend="Where does it run?" options={TARGETS} value={targets} onChange={setTargets} />
 */
export function CheckboxGroup({
  id,
  legend,
  options,
  value,
  onChange,
  hints,
  whose,
}: {
  id: string;
  legend: string;
  /** Whose choices they are ("of component api"), read after the legend by screen readers only. */
  whose?: string | undefined;
  options: readonly { value: string; label: string; hint?: string | undefined }[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  hints?: string;
}) {
  const selected = new Set(value);
  return (
    <fieldset className="question chips-group" data-testid={id}>
      <legend className="label">
        {legend}
        <Whose words={whose} />
      </legend>
      <div className="chips">
        {options.map((option) => (
          <label
            key={option.value}
            className={`chip${selected.has(option.value) ? ' on' : ''}`}
            title={option.hint}
          >
            <input
              type="checkbox"
              data-testid={`${id}-${option.value}`}
              checked={selected.has(option.value)}
              onChange={(event) => {
                const next = new Set(selected);
                if (event.target.checked) next.add(option.value);
                else next.delete(option.value);
                onChange(options.map((o) => o.value).filter((v) => next.has(v)));
              }}
            />
            {option.label}
          </label>
        ))}
      </div>
      {hints && <div className="help">{hints}</div>}
    </fieldset>
  );
}
