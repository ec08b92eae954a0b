/** @module The stakeholders (an SRE lead, a product lead, the engineers): each with a name, a role, a weight and their own 0-5 priorities per criterion; add, edit, remove. */
import { useState } from 'react';
import type { InputProblem, KnowledgeBase } from '../../../src/core/browser.ts';
import { freshName, type StakeholderValue, setField } from '../lib/parts.ts';
import { plainProblem, problemsAt } from '../lib/plain-words.ts';
import { useFocusLater } from '../lib/use-focus-later.ts';
import { NumberField, TextField } from './fields.tsx';

const LEVELS = [0, 1, 2, 3, 4, 5] as const;

/**
 * @example
 * <StakeholderEditor stakeholders={list} kb={kb} problems={problems} onChange={setList} />
 */
export function StakeholderEditor({
  stakeholders,
  kb,
  problems,
  onChange,
}: {
  stakeholders: StakeholderValue[];
  kb: KnowledgeBase;
  problems: InputProblem[];
  onChange: (next: StakeholderValue[]) => void;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const focusLater = useFocusLater();
  const update = (index: number, next: StakeholderValue) =>
    onChange(stakeholders.map((s, i) => (i === index ? next : s)));
  return (
    <section className="parts" aria-labelledby="stakeholders-title" data-testid="stakeholders">
      <h2 className="section-title" id="stakeholders-title">
        Stakeholders <span className="muted small">(optional: whose priorities count)</span>
      </h2>
      {stakeholders.length === 0 && (
        <p className="help">
          Add the people who make this call, each with their own priorities, to see where they disagree.
        </p>
      )}
      <ol className="part-list">
        {stakeholders.map((person, index) => {
          const path = `stakeholders[${index}]`;
          const own = problemsAt(problems, path, true);
          const isOpen = open === index;
          const id = `stakeholder-${index}`;
          const set = <K extends keyof StakeholderValue>(key: K, value: StakeholderValue[K] | undefined) =>
            update(index, setField(person, key, value));
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: addressed by position; names change while typed
            <li key={index} className={`part${own.length > 0 ? ' invalid' : ''}`} data-testid={id}>
              <div className="part-head">
                <span className="part-name">{person.name || '(no name)'}</span>
                <span className="muted small">
                  {person.role ?? ''}
                  {person.weight !== undefined ? ` · weight ${person.weight}` : ''}
                </span>
              </div>
              <div className="part-actions">
                <button
                  type="button"
                  aria-expanded={isOpen}
                  aria-controls={`${id}-form`}
                  onClick={() => setOpen(isOpen ? null : index)}
                  data-testid={`${id}-edit`}
                  aria-label={`${isOpen ? 'Done' : 'Edit'} ${person.name}`}
                >
                  {isOpen ? 'Done' : 'Edit'}
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${person.name}`}
                  onClick={() => {
                    onChange(stakeholders.filter((_, i) => i !== index));
                    setOpen(null);
                  }}
                  data-testid={`${id}-remove`}
                >
                  Remove
                </button>
              </div>
              {!isOpen && own.length > 0 && (
                <div className="help error">{plainProblem(own[0] as InputProblem)} (Edit to fix.)</div>
              )}
              {isOpen && (
                <div className="part-form" id={`${id}-form`}>
                  <TextField
                    id={`${id}-name`}
                    label="Name"
                    value={person.name}
                    problems={problemsAt(own, `${path}.name`)}
                    onChange={(value) => set('name', value ?? '')}
                  />
                  <div className="field-pair">
                    <TextField
                      id={`${id}-role`}
                      label="Role"
                      value={person.role}
                      optional
                      onChange={(value) => set('role', value)}
                    />
                    <NumberField
                      id={`${id}-weight`}
                      label="Weight (default 1)"
                      value={person.weight}
                      min={0}
                      problems={problemsAt(own, `${path}.weight`)}
                      onChange={(value) => set('weight', value)}
                    />
                  </div>
                  <fieldset className="question priorities">
                    <legend className="label">
                      Their priorities (0 ignores a criterion; 3 keeps the weight the project's facts give it,
                      or lifts it to the average; 5 gives 5/3 of that)
                    </legend>
                    {kb.criteria.map((criterion) => {
                      const value = person.priorities[criterion.id];
                      const fieldId = `${id}-p-${criterion.id}`;
                      return (
                        <div className="priority-row" key={criterion.id}>
                          <label htmlFor={fieldId}>{criterion.name}</label>
                          <select
                            id={fieldId}
                            data-testid={fieldId}
                            value={value === undefined ? '' : String(value)}
                            onChange={(event) =>
                              set('priorities', {
                                ...setField(
                                  person.priorities,
                                  criterion.id,
                                  event.target.value === '' ? undefined : Number(event.target.value),
                                ),
                              })
                            }
                          >
                            <option value="">derived</option>
                            {LEVELS.map((level) => (
                              <option key={level} value={level}>
                                {level}
                              </option>
                            ))}
                          </select>
                        </div>
                      );
                    })}
                  </fieldset>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => {
          onChange([
            ...stakeholders,
            {
              name: freshName(
                stakeholders.map((s) => s.name),
                'Stakeholder',
              ),
              priorities: {},
            },
          ]);
          setOpen(stakeholders.length);
          // A keyboard user lands in the new stakeholder's first field, not back on the button.
          focusLater(`stakeholder-${stakeholders.length}-name`);
        }}
        data-testid="add-stakeholder"
      >
        Add stakeholder
      </button>
    </section>
  );
}
