/** @module The optional own-team step of `gorust init`'s component loop: whether the people who build a component have other Go or Rust experience than the project's team, and if so each level (`components[].team`, CONTRACT.md; the questions are core's COMPONENT_TEAM_QUESTIONS, which the web form shows too). One yes/no question comes first, so declining costs one keystroke; each level offers the project's first, so Enter keeps it. */
import { COMPONENT_TEAM_QUESTIONS } from '../../core/index.ts';
import { type Prompter, settled } from '../prompts.ts';

/** `components[].team` as the profile writes it: only the levels that differ from the project's. */
export type ComponentTeamAnswer = { go?: string; rust?: string };

/** The project team's levels, which a component keeps for each level it does not state. */
export type ProjectTeam = { go: string; rust: string };

/** The first choice of each level: keep the project's (Enter alone). */
const SAME_AS_PROJECT = 'same';

/**
 * Ask whether a component's own team differs from the project's and, if so, its Go and Rust levels. Returns undefined
 * when it does not, or when both levels were kept.
 * @example
 * const team = await askComponentTeam(prompter, 'proxy', { go: 'strong', rust: 'some' }); // { go: 'none', rust: 'strong' }
 */
export async function askComponentTeam(
  prompter: Prompter,
  component: string,
  project: ProjectTeam,
): Promise<ComponentTeamAnswer | undefined> {
  const differs = settled(
    await prompter.confirm({
      message: `Is ${component} built by people whose Go or Rust experience differs from the project team's? (no: it keeps the project's, Go ${project.go}, Rust ${project.rust})`,
      initialValue: false,
    }),
  );
  if (!differs) return undefined;
  const team: ComponentTeamAnswer = {};
  for (const question of [COMPONENT_TEAM_QUESTIONS.go, COMPONENT_TEAM_QUESTIONS.rust]) {
    const key = question.id as keyof ProjectTeam;
    const level = settled(
      await prompter.select({
        // The component's name first, so a long interview never leaves the user guessing whose team it is.
        message: `${component}: ${question.prompt}`,
        options: [{ value: SAME_AS_PROJECT, label: `the project's (${project[key]})` }, ...question.options],
        initialValue: SAME_AS_PROJECT,
      }),
    );
    if (level !== SAME_AS_PROJECT) team[key] = level;
  }
  return Object.keys(team).length > 0 ? team : undefined;
}
