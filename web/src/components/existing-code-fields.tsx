/** @module The fields of existing code (`existing_code`: language, rough size in kloc, plan), one group shared by the project's section and each component's editor; the questions' words and choices are core's EXISTING_CODE_QUESTIONS, the ones `gorust init` asks. Emptying every field takes the existing code out of the profile. */
import { EXISTING_CODE_QUESTIONS, type InputProblem } from '../../../src/core/browser.ts';
import { type ExistingCodeValue, setOptionalField } from '../lib/parts.ts';
import { optionWords, problemsAt } from '../lib/plain-words.ts';
import { NumberField, SelectField } from './fields.tsx';

const { language: LANGUAGE, plan: PLAN } = EXISTING_CODE_QUESTIONS;

/** What each plan means, in CONTRACT.md's words: "port: translate it file by file, keeping its structure; ...". */
const PLAN_WORDS = optionWords(PLAN.options);

/**
 * @example
 * <ExistingCodeFields id="existing-code" path="existing_code" legend="Existing code" value={value} problems={problems} onChange={set} />
 */
export function ExistingCodeFields({
  id,
  path,
  legend,
  hideLegend = false,
  help,
  emptyLabel,
  value,
  problems,
  onChange,
  whose,
}: {
  /** The prefix of the fields' ids: `${id}-language`, `${id}-kloc`, `${id}-plan`. */
  id: string;
  /** Where the object sits in the profile, for its problems: `existing_code`, `components[2].existing_code`. */
  path: string;
  legend: string;
  /** The legend is read by screen readers only (a heading above already says it). */
  hideLegend?: boolean;
  /** What leaving it blank means. */
  help?: string;
  /** The name of the language's empty choice: "(none)", "(the project's)". */
  emptyLabel: string;
  value: ExistingCodeValue | undefined;
  problems: InputProblem[];
  onChange: (next: ExistingCodeValue | undefined) => void;
  /** Whose code it is, for screen readers after each field's label ("of component api"). */
  whose?: string | undefined;
}) {
  const at = (field: string) => problemsAt(problems, `${path}.${field}`);
  const set = <K extends keyof ExistingCodeValue>(key: K, next: ExistingCodeValue[K] | undefined) =>
    onChange(setOptionalField(value, key, next));
  return (
    <fieldset className="question existing-code" data-testid={id}>
      <legend className={hideLegend ? 'visually-hidden' : 'label'}>{legend}</legend>
      {help && <div className="help existing-code-help">{help}</div>}
      <div className="field-pair">
        <SelectField
          id={`${id}-language`}
          label="Language"
          whose={whose}
          value={value?.language}
          options={LANGUAGE.options}
          optional
          emptyLabel={emptyLabel}
          problems={at('language').concat(problemsAt(problems, path))}
          onChange={(next) => set('language', next)}
        />
        <NumberField
          id={`${id}-kloc`}
          label="Size (kloc)"
          whose={whose}
          value={value?.kloc}
          min={0}
          problems={at('kloc')}
          onChange={(next) => set('kloc', next)}
        />
      </div>
      <SelectField
        id={`${id}-plan`}
        label="Plan for it"
        whose={whose}
        value={value?.plan}
        options={PLAN.options}
        optional
        help={PLAN_WORDS}
        problems={at('plan')}
        onChange={(next) => set('plan', next)}
      />
    </fieldset>
  );
}
