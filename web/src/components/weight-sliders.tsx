/** @module What-if sliders: one per criterion; each move re-runs decide() in the browser with the slider as the criterion's priority. */
import { DEFAULT_SAMPLES, type Decision, type KnowledgeBase } from '../../../src/core/browser.ts';
import type { Priorities } from '../lib/draft.ts';
import { PRIORITY_MAX, priorityFromWeight } from '../lib/what-if.ts';

export type WeightSlidersProps = {
  decision: Decision;
  kb: KnowledgeBase;
  /** Priorities the profile itself sets (profile v1 `priorities`). */
  own: Priorities;
  /** Priorities set by the sliders, laid over `own`. */
  overrides: Priorities;
  onChange: (id: string, value: number) => void;
  onReset: () => void;
  samples: number;
  /** True while the shown figures come from the fast live run. */
  approximate?: boolean | undefined;
  lastRunMs: number | null;
};

/**
 * @example
 * <WeightSliders decision={decision} kb={kb} own={{}} overrides={overrides} onChange={set} onReset={reset} samples={1500} lastRunMs={4} />
 */
export function WeightSliders({
  decision,
  kb,
  own,
  overrides,
  onChange,
  onReset,
  samples,
  approximate = false,
  lastRunMs,
}: WeightSlidersProps) {
  const names = new Map(kb.criteria.map((criterion) => [criterion.id, criterion.name]));
  const flips = new Map(decision.sensitivity.map((row) => [row.criterion, row.flip_weight]));
  const touched = Object.keys(overrides).length > 0;
  return (
    <section className="card" data-testid="what-if">
      <div className="toolbar">
        <h2 style={{ margin: 0 }}>What if the weights were different?</h2>
        <span className="spacer" />
        <span className="small muted" data-testid="what-if-note" data-approximate={approximate}>
          {approximate
            ? `Approximate while you drag (${samples.toLocaleString('en')} Monte-Carlo samples); settles on the CLI's ${DEFAULT_SAMPLES.toLocaleString('en')} when you stop`
            : `Re-runs the engine in your browser with ${samples.toLocaleString('en')} Monte-Carlo samples${samples === DEFAULT_SAMPLES ? ', as the CLI does' : ''}`}
          {lastRunMs !== null && ` · last run ${lastRunMs.toFixed(1)} ms`}
        </span>
        <button type="button" onClick={onReset} disabled={!touched} data-testid="reset-weights">
          Reset
        </button>
      </div>
      <div className="small muted" style={{ marginBottom: 6 }}>
        Priority 0 ignores a criterion, 3 is an average criterion, 5 makes it critical. Unset sliders sit
        where the profile's derived weight puts them.
      </div>
      {decision.criteria.map((row) => {
        const set = overrides[row.id] ?? own[row.id];
        const value = set ?? priorityFromWeight(row.weight, decision.criteria.length);
        const flip = flips.get(row.id);
        return (
          <div className={`slider-row${overrides[row.id] !== undefined ? ' touched' : ''}`} key={row.id}>
            <label className="name" htmlFor={`w-${row.id}`}>
              {names.get(row.id) ?? row.id}
            </label>
            <input
              id={`w-${row.id}`}
              data-testid={`weight-${row.id}`}
              type="range"
              min={0}
              max={PRIORITY_MAX}
              step={0.25}
              value={value}
              onChange={(event) => onChange(row.id, Number(event.target.value))}
            />
            <span className="num mono" title="normalised weight">
              {(row.weight * 100).toFixed(1)}%
            </span>
            <span className="flip">
              {flip === null || flip === undefined ? 'never flips' : `flips at ${(flip * 100).toFixed(1)}%`}
            </span>
          </div>
        );
      })}
    </section>
  );
}
