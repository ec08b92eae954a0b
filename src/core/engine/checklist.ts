/** @module The article's decision checklist evaluated line by line for a profile: does the line apply, which language does it favour, and why. */
import type { ChecklistRow } from '../decision/schema.ts';
import type { ChecklistItem } from '../kb/schema.ts';
import { conditionFacts, evaluateCondition, type UnitFacts, uniqueByPath } from './conditions.ts';

/**
 * Evaluate every checklist line. A line applies when its condition holds for the whole project or, with
 * components, for one of them (the row then names the components it applies to); a line that applies carries the
 * profile facts that made it apply (`facts`: of a line with alternatives, only those that hold).
 * @example
 * evaluateChecklist(kb.checklist, projectFacts(profile), []); // [{ item, applies, favors, why, facts? }]
 */
export function evaluateChecklist(
  items: readonly ChecklistItem[],
  project: UnitFacts,
  components: readonly UnitFacts[],
): ChecklistRow[] {
  return items.map((item) => {
    if (evaluateCondition(item.when, project)) {
      const facts = conditionFacts(item.when, project);
      return { item: item.item, applies: true, favors: item.favors, why: item.why_applies, facts };
    }
    const holding = components.filter((facts) => evaluateCondition(item.when, facts));
    const names = holding.map((facts) => facts.component ?? '');
    if (names.length > 0) {
      // A project fact the components inherit (the deadline, the team's size) is named once.
      const facts = uniqueByPath(holding.flatMap((unit) => conditionFacts(item.when, unit)));
      return {
        item: item.item,
        applies: true,
        favors: item.favors,
        why: `${item.why_applies} (applies to component${names.length > 1 ? 's' : ''} ${names.join(', ')})`,
        facts,
      };
    }
    return { item: item.item, applies: false, favors: item.favors, why: item.why_not };
  });
}

/**
 * Whether a condition holds for the project or for one of its components.
 * @example
 * holdsAnywhere(tip.when, project, components); // true
 */
export function holdsAnywhere(
  condition: ChecklistItem['when'],
  project: UnitFacts,
  components: readonly UnitFacts[],
): boolean {
  return evaluateCondition(condition, project) || components.some((c) => evaluateCondition(condition, c));
}
