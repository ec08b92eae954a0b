/** @module The fields of a component's own team (`components[].team`: the Go and Rust experience of the people who build it, where it differs from the project's team), in each component's editor; the questions' words and levels are core's COMPONENT_TEAM_QUESTIONS, the ones `gorust init` asks, with the project team's level words. A blank level keeps the project's; emptying both takes the team out of the profile. */
import { COMPONENT_TEAM_QUESTIONS, type InputProblem } from '../../../src/core/browser.ts';
import { type ComponentTeamValue, setOptionalField } from '../lib/parts.ts';
import { optionWords, problemsAt } from '../lib/plain-words.ts';
import { SelectField } from './fields.tsx';

const { go: GO, rust: RUST } = COMPONENT_TEAM_QUESTIONS;

/** What each level means, in the project's team questions' words: "none: nobody has shipped it; ...". */
const LEVEL_WORDS = optionWords(GO.options);

/**
 * @example
 * <ComponentTeamFields id="component-0-team" path="components[0].team" value={component.team} problems={problems} onChange={set} />
 */
export function ComponentTeamFields({
  id,
  path,
  value,
  problems,
  onChange,
  whose,
}: {
  /** The prefix of the fields' ids: `${id}-go`, `${id}-rust`. */
  id: string;
  /** Where the object sits in the profile, for its problems: `components[2].team`. */
  path: string;
  value: ComponentTeamValue | undefined;
  problems: InputProblem[];
  onChange: (next: ComponentTeamValue | undefined) => void;
  /** Whose team it is, for screen readers after each field's label ("of component api"). */
  whose?: string | undefined;
}) {
  const at = (field: string) => problemsAt(problems, `${path}.${field}`);
  return (
    <fieldset className="question component-team" data-testid={id} aria-describedby={`${id}-help`}>
      <legend className="label">Its own team</legend>
      <div className="help component-team-help" id={`${id}-help`}>
        Blank: the project's team. Set a level where the people who build it differ (a data plane owned by a
        Rust team inside a Go shop, say). {LEVEL_WORDS}
      </div>
      <div className="field-pair">
        {[GO, RUST].map((question) => (
          <SelectField
            key={question.id}
            id={`${id}-${question.id}`}
            label={question.prompt}
            whose={whose}
            value={value?.[question.id as keyof ComponentTeamValue]}
            options={question.options}
            optional
            emptyLabel="(the project's)"
            problems={at(question.id).concat(question.id === 'go' ? problemsAt(problems, path) : [])}
            onChange={(next) =>
              onChange(setOptionalField(value, question.id as keyof ComponentTeamValue, next))
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
