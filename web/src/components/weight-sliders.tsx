/** @module What-if sliders: one per criterion; each move re-runs decide() in the browser with the slider as the criterion's priority. An untouched slider sets nothing (the criterion keeps its derived weight exactly), and a slider put back where it started is dropped, so the result is restored exactly. Each slider shows its priority and weight, marks the priority at which the verdict flips, and announces "priority 4 of 5, weight 18%". */
import { useMemo, useRef, useState } from 'react';
import {
  DEFAULT_SAMPLES,
  type Decision,
  decide,
  formatCount,
  formatPercent,
  type KnowledgeBase,
  listWords,
  type Profile,
  sensitivityWeights,
} from '../../../src/core/browser.ts';
import type { Priorities } from '../lib/draft.ts';
import {
  flipPriority,
  PRIORITY_MAX,
  PRIORITY_STEP,
  priorityFromWeight,
  sliderPosition,
} from '../lib/what-if.ts';

export type WeightSlidersProps = {
  decision: Decision;
  /** The profile decided (with the sliders' priorities in it), to find each criterion's derived weight. */
  profile: Profile;
  kb: KnowledgeBase;
  /** Priorities the profile itself sets (profile v1 `priorities`). */
  own: Priorities;
  /** Priorities set by the sliders, laid over `own`. */
  overrides: Priorities;
  /** The stakeholders as the draft has them, before the sliders' priorities were laid over theirs. */
  stakeholders?: readonly { name: string; priorities?: Priorities | undefined }[] | undefined;
  /** A slider moved; `undefined` when it is back where it started (the override is dropped). */
  onChange: (id: string, value: number | undefined) => void;
  onReset: () => void;
  samples: number;
  /** True while the shown figures come from the fast live run. */
  approximate?: boolean | undefined;
  lastRunMs: number | null;
};

/** The weights the profile's rules give each criterion with no priority set (one cheap run: weights need no sampling). */
function derivedWeights(profile: Profile, kb: KnowledgeBase): Map<string, number> {
  const bare: Profile = { ...profile };
  delete bare.priorities;
  delete bare.stakeholders;
  const decision = decide(bare, kb, { seed: 1, samples: 1, decisiveFacts: false });
  return new Map(decision.criteria.map((row) => [row.id, row.weight]));
}

const format = (priority: number) =>
  Number.isInteger(priority) ? String(priority) : priority.toFixed(2).replace(/0$/, '');

/**
 * @example
 * <WeightSliders decision={decision} profile={profile} kb={kb} own={{}} overrides={overrides} onChange={set} onReset={reset} samples={1500} lastRunMs={4} />
 */
export function WeightSliders({
  decision,
  profile,
  kb,
  own,
  overrides,
  stakeholders,
  onChange,
  onReset,
  samples,
  approximate = false,
  lastRunMs,
}: WeightSlidersProps) {
  const names = new Map(kb.criteria.map((criterion) => [criterion.id, criterion.name]));
  const flips = new Map(decision.sensitivity.map((row) => [row.criterion, row.flip_weight]));
  const base = useMemo(() => derivedWeights(profile, kb), [profile, kb]);
  const touched = Object.keys(overrides).length > 0;
  // With stakeholders a slider is everyone's priority, but the weights are the average of each stakeholder's own
  // normalised weights: no single priority maps to the flip weight, so only the weight is shown.
  const group = (profile.stakeholders ?? []).length > 0;
  const inForce = { ...own, ...overrides };
  const sliders = useRef<HTMLDivElement>(null);
  // What Reset did, said in words: the button it was pressed on is disabled at once, so the focus moves to the first
  // slider and this line is announced.
  const [resetSaid, setResetSaid] = useState('');
  const reset = () => {
    const moved = Object.keys(overrides).length;
    onReset();
    setResetSaid(
      `${moved === 1 ? 'The moved slider is' : `All ${moved} moved sliders are`} back where the profile puts ${moved === 1 ? 'it' : 'them'}.`,
    );
    sliders.current?.querySelector<HTMLInputElement>('input[type="range"]')?.focus();
  };
  const change = (id: string, value: number | undefined) => {
    setResetSaid('');
    onChange(id, value);
  };
  return (
    <section className="card" data-testid="what-if" aria-labelledby="what-if-title">
      <div className="toolbar">
        <h2 style={{ margin: 0 }} id="what-if-title">
          What if the weights were different?
        </h2>
        <span className="spacer" />
        <button type="button" onClick={reset} disabled={!touched} data-testid="reset-weights">
          Reset
        </button>
      </div>
      <p className="small muted" data-testid="what-if-note" data-approximate={approximate}>
        {approximate
          ? `Approximate while you drag (${formatCount(samples)} Monte-Carlo samples); settles on the CLI's ${formatCount(DEFAULT_SAMPLES)} when you stop`
          : `Re-runs the engine in your browser with ${formatCount(samples)} Monte-Carlo samples${samples === DEFAULT_SAMPLES ? ', as the CLI does' : ''}`}
        {lastRunMs !== null && ` · last run ${lastRunMs.toFixed(1)} ms`}. Priority 0 ignores a criterion, 3
        keeps the weight the profile's facts give it (or lifts it to an average criterion's), 5 gives it 5/3
        of that. An untouched slider sits where the profile's derived weight puts it;{' '}
        {group
          ? 'with stakeholders, a slider sets that priority for every stakeholder, and as their weights are averaged, each row gives the weight at which the verdict flips rather than a priority.'
          : 'the tick marks the priority at which the verdict flips.'}
      </p>
      <p className="small live-note" role="status" data-testid="reset-status">
        {resetSaid}
      </p>
      <div className="sliders" ref={sliders}>
        {decision.criteria.map((row) => {
          const derived = priorityFromWeight(base.get(row.id) ?? row.weight, base.size);
          const start = own[row.id] ?? sliderPosition(derived);
          const set = overrides[row.id] ?? own[row.id];
          const priority = set ?? derived;
          const position = sliderPosition(priority);
          const flipWeight = flips.get(row.id);
          const others = Object.fromEntries(Object.entries(inForce).filter(([id]) => id !== row.id));
          const flipAt =
            flipWeight === null || flipWeight === undefined || group
              ? null
              : flipPriority(row.id, flipWeight, base, others);
          // The first slider step past the flip, on the side the flip lies: at the priority named, it has flipped.
          const flipStep =
            flipAt === null
              ? null
              : flipAt < priority
                ? Math.floor(flipAt / PRIORITY_STEP) * PRIORITY_STEP
                : Math.ceil(flipAt / PRIORITY_STEP) * PRIORITY_STEP;
          const name = names.get(row.id) ?? row.id;
          // Weights and flip points as the reports print them (whole percentages, a decimal more when the two
          // would read alike).
          const sensitivity = decision.sensitivity.find((entry) => entry.criterion === row.id);
          const shown = sensitivity === undefined ? undefined : sensitivityWeights(decision, sensitivity);
          const weightText = shown?.now ?? formatPercent(row.weight);
          // Which verdict it flips to: two criteria can tip a hybrid to different languages.
          const to = shown?.to === undefined ? '' : ` to ${shown.to}`;
          // With stakeholders, a moved slider replaces each one's own priority: say whose it replaced (their own, from
          // the draft: the profile evaluated already carries the slider's value for everyone).
          const replaced =
            group && overrides[row.id] !== undefined
              ? (stakeholders ?? profile.stakeholders ?? [])
                  .filter((person) => {
                    const theirs = person.priorities?.[row.id];
                    return theirs !== undefined && theirs !== overrides[row.id];
                  })
                  .map((person) => `${person.name}'s ${format(person.priorities?.[row.id] ?? 0)}`)
              : [];
          return (
            <div className={`slider-row${overrides[row.id] !== undefined ? ' touched' : ''}`} key={row.id}>
              <label className="name" htmlFor={`w-${row.id}`}>
                {name}
              </label>
              <span className="track">
                <input
                  id={`w-${row.id}`}
                  data-testid={`weight-${row.id}`}
                  type="range"
                  min={0}
                  max={PRIORITY_MAX}
                  step={PRIORITY_STEP}
                  value={position}
                  aria-valuetext={`priority ${format(position)} of 5, weight ${weightText}`}
                  onChange={(event) => {
                    const next = Number(event.target.value);
                    change(row.id, next === start ? undefined : next);
                  }}
                />
                {flipAt !== null && (
                  <span
                    className="flip-mark"
                    aria-hidden="true"
                    title={`The verdict flips${to} at priority ${format(Math.round(flipAt * 100) / 100)}`}
                    style={{ left: `calc(8px + (100% - 16px) * ${flipAt / PRIORITY_MAX})` }}
                  />
                )}
              </span>
              <span className="num mono" data-testid={`priority-${row.id}`}>
                {set === undefined ? '≈' : ''}
                {format(position)}
              </span>
              <span className="num mono" title="normalised weight">
                {weightText}
              </span>
              <span className="flip">
                {flipWeight === null || flipWeight === undefined
                  ? // A weight of 0 cannot be scaled to a flip: the criterion is ignored, not unable to flip.
                    row.weight === 0
                    ? 'ignored: raise it to see where it flips'
                    : 'never flips'
                  : group
                    ? `flips${to} at weight ${shown?.flip ?? formatPercent(flipWeight)}`
                    : flipStep === null
                      ? `flips${to} at ${shown?.flip ?? formatPercent(flipWeight)} (beyond 0-5)`
                      : `flips${to} at priority ${format(flipStep)} (${shown?.flip ?? formatPercent(flipWeight)})`}
                {replaced.length > 0 && (
                  <span className="replaced" data-testid={`replaced-${row.id}`}>
                    {' '}
                    · replaces {listWords(replaced)}
                  </span>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
