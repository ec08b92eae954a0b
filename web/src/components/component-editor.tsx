/** @module The components of the system (the hybrid split): add, edit, remove, reorder; each with its role, workload, latency needs, memory, targets, interop, its own existing code, its own team (the Go and Rust experience of the people who build it) and the calls it makes with their rate per request. */
import { useState } from 'react';
import { type InputProblem, ownTeamWords } from '../../../src/core/browser.ts';
import {
  EXISTING_CODE_LANGUAGE_NAMES,
  INTEROPS,
  ROLES,
  TARGETS,
  WORKLOAD_KINDS,
} from '../../../src/core/profile/vocabulary.ts';
import {
  addComponent,
  type ComponentValue,
  type ExistingCodeValue,
  moveItem,
  removeComponent,
  setField,
  updateComponent,
} from '../lib/parts.ts';
import { plainProblem, problemsAt } from '../lib/plain-words.ts';
import { useFocusLater } from '../lib/use-focus-later.ts';
import { ComponentTeamFields } from './component-team-fields.tsx';
import { ExistingCodeFields } from './existing-code-fields.tsx';
import { CheckboxGroup, NumberField, SelectField, TextField, Whose } from './fields.tsx';

const OPTIONS = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/**
 * @example
 * <ComponentEditor components={list} projectExisting={existingCodeOf(draft)} problems={problems} onChange={setList} />
 */

/** A draft's language is form text until checked: a name for the known ones, the text itself for others. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = EXISTING_CODE_LANGUAGE_NAMES;
export function ComponentEditor({
  components,
  projectExisting,
  problems,
  onChange,
}: {
  components: ComponentValue[];
  /** The project's existing code, which a component that states none of its own keeps. */
  projectExisting?: ExistingCodeValue | undefined;
  problems: InputProblem[];
  onChange: (next: ComponentValue[]) => void;
}) {
  // The component being edited; a new one opens for editing.
  const [open, setOpen] = useState<number | null>(null);
  const focusLater = useFocusLater();
  // The open form follows its component when components swap places.
  const move = (index: number, delta: number) => {
    onChange(moveItem(components, index, delta));
    if (open === index) setOpen(index + delta);
    else if (open === index + delta) setOpen(index);
  };
  return (
    <section className="parts" aria-labelledby="components-title" data-testid="components">
      <h2 className="section-title" id="components-title">
        Components <span className="muted small">(optional: for a per-component, hybrid plan)</span>
      </h2>
      {components.length === 0 && (
        <p className="help">
          Describe the parts of the system to get a plan per component: which language each gets, and how each
          call between them crosses the boundary.
        </p>
      )}
      <ol className="part-list">
        {components.map((component, index) => {
          const path = `components[${index}]`;
          const own = problemsAt(problems, path, true);
          const isOpen = open === index;
          const team = ownTeamWords(component.team);
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: components are addressed by position; names change while typed
              key={index}
              className={`part${own.length > 0 ? ' invalid' : ''}`}
              data-testid={`component-${index}`}
            >
              <div className="part-head">
                <span className="part-name">{component.name || '(no name)'}</span>
                <span className="muted small">
                  {component.role}
                  {component.workload ? ` · ${component.workload}` : ''}
                  {component.existing_code?.language
                    ? ` · existing ${LANGUAGE_NAMES[component.existing_code.language] ?? component.existing_code.language} code`
                    : ''}
                  {team ? ` · its team: ${team}` : ''}
                  {component.calls?.length
                    ? ` · ${component.calls.length} ${component.calls.length === 1 ? 'call' : 'calls'}`
                    : ''}
                </span>
              </div>
              <div className="part-actions">
                <button
                  type="button"
                  className="icon"
                  aria-label={`Move ${component.name} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Move ${component.name} down`}
                  disabled={index === components.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  id={`component-${index}-edit`}
                  aria-expanded={isOpen}
                  aria-controls={`component-${index}-form`}
                  onClick={() => setOpen(isOpen ? null : index)}
                  data-testid={`component-${index}-edit`}
                  aria-label={`${isOpen ? 'Done' : 'Edit'} ${component.name}`}
                >
                  {isOpen ? 'Done' : 'Edit'}
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${component.name}`}
                  onClick={() => {
                    onChange(removeComponent(components, index));
                    setOpen(null);
                  }}
                  data-testid={`component-${index}-remove`}
                >
                  Remove
                </button>
              </div>
              {!isOpen && own.length > 0 && (
                <div className="help error">{plainProblem(own[0] as InputProblem)} (Edit to fix.)</div>
              )}
              {isOpen && (
                <ComponentForm
                  index={index}
                  component={component}
                  others={components.filter((_, i) => i !== index).map((c) => c.name)}
                  projectHasCode={projectExisting !== undefined}
                  problems={own}
                  onChange={(next) => onChange(updateComponent(components, index, next))}
                />
              )}
              {isOpen && (
                // After the last field, where a keyboard user arrives: closes the form and returns to its Edit button.
                <button
                  type="button"
                  id={`component-${index}-done`}
                  onClick={() => {
                    setOpen(null);
                    focusLater(`component-${index}-edit`);
                  }}
                  data-testid={`component-${index}-done`}
                >
                  Done with {component.name || 'this component'}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => {
          onChange(addComponent(components));
          setOpen(components.length);
          // A keyboard user lands in the new component's first field, not back on the button.
          focusLater(`component-${components.length}-name`);
        }}
        data-testid="add-component"
      >
        Add component
      </button>
    </section>
  );
}

function ComponentForm({
  index,
  component,
  others,
  projectHasCode,
  problems,
  onChange,
}: {
  index: number;
  component: ComponentValue;
  others: string[];
  projectHasCode: boolean;
  problems: InputProblem[];
  onChange: (next: ComponentValue) => void;
}) {
  const id = `component-${index}`;
  const path = `components[${index}]`;
  const at = (field: string) => problemsAt(problems, `${path}.${field}`);
  const set = <K extends keyof ComponentValue>(key: K, value: ComponentValue[K] | undefined) =>
    onChange(setField(component, key, value));
  const slo = component.latency_slo ?? {};
  const setSlo = (key: 'p99_ms' | 'p999_ms', value: number | undefined) => {
    const next = setField(slo, key, value);
    set('latency_slo', Object.keys(next).length > 0 ? next : undefined);
  };
  const calls = component.calls ?? [];
  // Every component's form has the same fields: screen readers hear whose each one is ("Language of component api").
  const which = component.name.trim() === '' ? `component ${index + 1}` : `component ${component.name}`;
  const of = `of ${which}`;
  const setCalls = (next: ComponentValue['calls']) => set('calls', next);
  return (
    <div className="part-form" id={`${id}-form`}>
      <TextField
        id={`${id}-name`}
        label="Name"
        whose={`of component ${index + 1}`}
        value={component.name}
        problems={at('name')}
        onChange={(value) => set('name', value ?? '')}
      />
      <SelectField
        id={`${id}-role`}
        label="Role"
        whose={of}
        value={component.role}
        options={ROLES}
        problems={at('role')}
        onChange={(value) => set('role', value ?? 'api')}
      />
      <SelectField
        id={`${id}-workload`}
        label="What mostly limits its speed?"
        whose={`(${which})`}
        value={component.workload}
        options={WORKLOAD_KINDS}
        optional
        help="Blank: the project's workload."
        problems={at('workload')}
        onChange={(value) => set('workload', value)}
      />
      <div className="question">
        <label className="confirm" htmlFor={`${id}-latency-critical`}>
          <input
            id={`${id}-latency-critical`}
            data-testid={`${id}-latency-critical`}
            type="checkbox"
            checked={component.latency_critical === true}
            onChange={(event) => set('latency_critical', event.target.checked ? true : undefined)}
          />
          Latency-critical (its tail latency is what users feel)
          <Whose words={`(${which})`} />
        </label>
      </div>
      <div className="field-pair">
        <NumberField
          id={`${id}-p99`}
          label="Own p99 target (ms)"
          whose={of}
          value={slo.p99_ms}
          min={0}
          problems={at('latency_slo.p99_ms')}
          onChange={(value) => setSlo('p99_ms', value)}
        />
        <NumberField
          id={`${id}-p999`}
          label="Own p99.9 target (ms)"
          whose={of}
          value={slo.p999_ms}
          min={0}
          problems={at('latency_slo.p999_ms').concat(at('latency_slo'))}
          onChange={(value) => setSlo('p999_ms', value)}
        />
      </div>
      <div className="field-pair">
        <NumberField
          id={`${id}-heap`}
          label="Live heap (GiB)"
          whose={of}
          value={component.live_heap_gib}
          min={0}
          problems={at('live_heap_gib')}
          onChange={(value) => set('live_heap_gib', value)}
        />
        <NumberField
          id={`${id}-memory`}
          label="Memory cap (MiB)"
          whose={of}
          value={component.memory_budget_mib}
          min={0}
          problems={at('memory_budget_mib')}
          onChange={(value) => set('memory_budget_mib', value)}
        />
      </div>
      <NumberField
        id={`${id}-rps`}
        label="Peak requests per second"
        whose={of}
        value={component.peak_rps}
        min={0}
        problems={at('peak_rps')}
        onChange={(value) => set('peak_rps', value)}
      />
      <CheckboxGroup
        id={`${id}-targets`}
        legend="Where does it run?"
        whose={`(${which})`}
        options={OPTIONS(TARGETS)}
        value={component.targets ?? []}
        hints="None ticked: the project's targets that suit its role."
        onChange={(value) => set('targets', value)}
      />
      <CheckboxGroup
        id={`${id}-interop`}
        legend="What must it interoperate with?"
        whose={`(${which})`}
        options={OPTIONS(INTEROPS)}
        value={component.interop ?? []}
        onChange={(value) => set('interop', value)}
      />
      <ExistingCodeFields
        id={`${id}-existing`}
        path={`${path}.existing_code`}
        legend="Existing code of its own"
        whose={of}
        help={
          projectHasCode
            ? "Blank: it keeps the project's existing code. Fill it in for code that is this component's alone (a fork of an existing codebase, say)."
            : "Blank: none. Fill it in for code that is this component's alone (a fork of an existing codebase, say)."
        }
        emptyLabel={projectHasCode ? "(the project's)" : '(none)'}
        value={component.existing_code}
        problems={problems}
        onChange={(value) => set('existing_code', value)}
      />
      <ComponentTeamFields
        id={`${id}-team`}
        path={`${path}.team`}
        whose={of}
        value={component.team}
        problems={problems}
        onChange={(value) => set('team', value)}
      />
      <fieldset className="question calls" data-testid={`${id}-calls`}>
        <legend className="label">
          Calls it makes
          <Whose words={`(${which})`} />
        </legend>
        {calls.length === 0 && (
          <div className="help">None. A call's rate decides how its boundary is crossed.</div>
        )}
        {calls.map((call, j) => {
          const callId = `${id}-call-${j}`;
          const toProblems = at(`calls[${j}].to`);
          const rateProblems = at(`calls[${j}].per_request`);
          const targets = others.includes(call.to) || call.to === '' ? others : [call.to, ...others];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: calls have no identity of their own
            <div className="call-row" key={j}>
              <SelectField
                id={`${callId}-to`}
                label="To"
                whose={`(call ${j + 1} ${of})`}
                value={call.to === '' ? undefined : call.to}
                options={targets}
                problems={toProblems}
                onChange={(value) => setCalls(calls.map((c, k) => (k === j ? { ...c, to: value ?? '' } : c)))}
              />
              <NumberField
                id={`${callId}-rate`}
                label="Calls per request"
                whose={`(call ${j + 1} ${of})`}
                value={Number.isNaN(call.per_request) ? undefined : call.per_request}
                min={0}
                problems={rateProblems}
                onChange={(value) =>
                  setCalls(calls.map((c, k) => (k === j ? { ...c, per_request: value ?? Number.NaN } : c)))
                }
              />
              <button
                type="button"
                aria-label={`Remove the call to ${call.to || 'nothing yet'}`}
                onClick={() => setCalls(calls.filter((_, k) => k !== j))}
              >
                Remove
              </button>
            </div>
          );
        })}
        <button
          type="button"
          disabled={others.length === 0}
          onClick={() => setCalls([...calls, { to: others[0] ?? '', per_request: 1 }])}
          data-testid={`${id}-add-call`}
        >
          Add call
        </button>
        {others.length === 0 && <span className="help"> Add another component to call it.</span>}
      </fieldset>
    </div>
  );
}
