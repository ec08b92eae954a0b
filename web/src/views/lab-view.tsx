/** @module The Lab view: a measured run from the store: anchor flags first, per-workload figures (boundary costs, CPU kernels), latency by percentile per language and rate step, GC pauses against latency, build/size/cross-compilation tables; invalid steps marked invalid with their reasons. */
import { useCallback, useMemo, useState } from 'react';
import { formatFigure, formatPercent, gcTimelineChart, percentileChart } from '../../../src/core/browser.ts';
import { LabSummary } from '../components/lab-summary.tsx';
import { LabTables } from '../components/lab-tables.tsx';
import { SvgChart } from '../components/svg-chart.tsx';
import { getLabRun, listLabRuns } from '../lib/api.ts';
import { decideDraftWithRun, type LabDecisionResult } from '../lib/lab-decision.ts';
import {
  gcTimelines,
  type LabRun,
  percentileSeriesAll,
  percentileSeriesAt,
  rateSteps,
} from '../lib/lab-model.ts';
import { anchorFlags, type BuildSummary, openingRate, runHealth } from '../lib/lab-summary.ts';
import { routeHref } from '../lib/route.ts';
import { useAsync } from '../lib/use-async.ts';

/**
 * @example
 * <LabView run="20260102-030405-1a2b" />
 */
export function LabView({ run }: { run?: string | undefined }) {
  const runs = useAsync(() => listLabRuns(), []);
  if (runs.status === 'loading') return <p className="muted">Loading lab runs…</p>;
  if (runs.status === 'error')
    return (
      <p className="error" data-testid="lab-error">
        Could not load lab runs: {runs.error}. The Lab needs the server: run <code>gorust serve</code>.
      </p>
    );
  if (runs.value.length === 0)
    return (
      <section className="card" data-testid="lab">
        <h2>No lab run yet</h2>
        <p>
          Measure Go and Rust on this machine with <code>gorust lab run http-json boundary --quick</code> (a
          few minutes; name the workloads you want: http-json, gc-cache, cpu, build, boundary), then reload.
          Runs appear here with every step, valid or not.
        </p>
        <p className="small muted">
          First time? <code>gorust lab doctor</code> lists the tools the lab needs and the command that
          installs each; <code>gorust lab setup</code> installs the load generator and protoc plugins.
        </p>
      </section>
    );
  const selected = run ?? runs.value[0]?.id ?? '';
  return (
    <div data-testid="lab">
      <div className="toolbar">
        <label htmlFor="lab-run" className="muted">
          Run
        </label>
        <select
          id="lab-run"
          // As wide as its longest run's label, but never wider than the screen (a 375 px phone).
          style={{ width: 'auto', maxWidth: '100%', minWidth: 0 }}
          value={selected}
          data-testid="lab-run-select"
          onChange={(event) => {
            window.location.hash = routeHref({ view: 'lab', run: event.target.value });
          }}
        >
          {runs.value.map((row) => (
            <option key={row.id} value={row.id}>
              {row.id} · {row.mode} · {row.status}
              {row.invalid_steps ? ` · ${row.invalid_steps} invalid step(s)` : ''}
            </option>
          ))}
        </select>
      </div>
      <RunDetail id={selected} />
    </div>
  );
}

function RunDetail({ id }: { id: string }) {
  const state = useAsync(() => getLabRun(id), [id]);
  if (state.status === 'loading') return <p className="muted">Loading run {id}…</p>;
  if (state.status === 'error')
    return (
      <p className="error">
        Could not load run {id}: {state.error}
      </p>
    );
  return <RunCharts run={state.value} />;
}

function RunCharts({ run }: { run: LabRun }) {
  const steps = useMemo(() => rateSteps(run.summary ?? []), [run]);
  const workloads = useMemo(() => [...new Set(steps.map((s) => s.workload))], [steps]);
  const [workload, setWorkload] = useState<string | null>(null);
  const current = workload && workloads.includes(workload) ? workload : (workloads[0] ?? null);
  const rates = useMemo(
    () =>
      [...new Set(steps.filter((s) => s.workload === current).map((s) => s.rate_rps))].sort((a, b) => a - b),
    [steps, current],
  );
  // 'all' draws every rate step at once; a number picks one step. The chart opens on the rate the server compared
  // the languages at (valid for both), never on a rate where every step is invalid when a valid one exists.
  const [rate, setRate] = useState<number | 'all' | null>(null);
  const showAll = rate === 'all';
  const opening = useMemo(
    () =>
      openingRate(
        (run.summary ?? []).find((w) => w.name === current),
        rates,
        (r) => steps.some((s) => s.workload === current && s.rate_rps === r && s.valid),
      ),
    [run, rates, steps, current],
  );
  const currentRate = typeof rate === 'number' && rates.includes(rate) ? rate : opening;
  const slo = run.slo_p99_ms ?? undefined;
  const series = useMemo(
    () =>
      current === null || currentRate === null
        ? null
        : showAll
          ? percentileSeriesAll(steps, current)
          : percentileSeriesAt(steps, current, currentRate),
    [steps, current, currentRate, showAll],
  );
  const percentileTitle = showAll
    ? `${current} at every offered rate`
    : `${current} at ${formatFigure(currentRate)} req/s offered`;
  const drawPercentiles = useCallback(
    (width: number) =>
      percentileChart(series ?? [], {
        width,
        // Every rate step makes a long legend: room for its rows under the axis name.
        height: 360 + (showAll ? 60 : 0),
        title: percentileTitle,
        sloMs: slo,
      }),
    [series, showAll, percentileTitle, slo],
  );
  const timelines = useMemo(
    () => gcTimelines(run.summary ?? []).filter((t) => t.workload === current && t.rate_rps === currentRate),
    [run, current, currentRate],
  );
  const [timelineIndex, setTimelineIndex] = useState(0);
  const timeline = timelines[Math.min(timelineIndex, timelines.length - 1)];
  const drawTimeline = useCallback(
    (width: number) =>
      gcTimelineChart(
        {
          latency: timeline?.latency ?? [],
          cycles: timeline?.cycles ?? [],
          title: timeline?.label,
          sloMs: slo,
        },
        { width, height: 320 },
      ),
    [timeline, slo],
  );
  const health = runHealth({ steps: run.steps ?? [], summary: run.summary ?? [] });
  const flags = anchorFlags(run);

  return (
    <>
      <section className="card">
        <div className="kv small">
          <span className="muted">Run</span>
          <span className="mono">
            {run.id} · {run.mode} · {run.status}
          </span>
          <span className="muted">Started</span>
          <span>{new Date(run.started_at).toLocaleString('en-GB')}</span>
          <span className="muted">Machine</span>
          <span>{run.environment_line}</span>
          <span className="muted">Steps</span>
          <span data-testid="lab-health">
            {(run.steps ?? []).length} steps,{' '}
            {health.status === 'valid' ? (
              <span className="badge valid">all valid</span>
            ) : (
              <>
                {health.invalidSteps > 0 && (
                  <span className="badge invalid">{health.invalidSteps} invalid</span>
                )}{' '}
                {health.invalidWorkloads.length > 0 && (
                  <span className="badge invalid">not valid: {health.invalidWorkloads.join(', ')}</span>
                )}{' '}
                {health.flags > 0 && (
                  <span className="badge invalid">
                    {health.flags} anchor flag{health.flags === 1 ? '' : 's'}: probable harness problem
                  </span>
                )}
              </>
            )}
          </span>
        </div>
      </section>
      {run.indicative && (
        <div className="notice small" data-testid="lab-indicative">
          A quick run is indicative only: with two repeats no difference can be significant, so its figures
          never replace the knowledge base's priors. Run the standard mode (<code>gorust lab run …</code>) to
          decide on it.
        </div>
      )}
      <UseInDecision runId={run.id} />
      <LabSummary.AnchorFlags flags={flags} />
      <LabSummary.Workloads summary={run.summary ?? []} />
      {current !== null && (
        <section className="card" data-testid="lab-latency">
          <div className="toolbar">
            <h2 style={{ margin: 0 }}>Latency by percentile</h2>
            <span className="spacer" />
            <select
              value={current}
              style={{ width: 'auto' }}
              onChange={(event) => setWorkload(event.target.value)}
              aria-label="Workload"
            >
              {workloads.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
            <select
              value={showAll ? 'all' : (currentRate ?? '')}
              style={{ width: 'auto' }}
              onChange={(event) => setRate(event.target.value === 'all' ? 'all' : Number(event.target.value))}
              aria-label="Offered rate"
              data-testid="lab-rate-select"
            >
              <option value="all">every rate</option>
              {rates.map((r) => {
                const bad = steps.some((s) => s.workload === current && s.rate_rps === r && !s.valid);
                return (
                  <option key={r} value={r}>
                    {formatFigure(r)} req/s{bad ? ' (has invalid steps)' : ''}
                  </option>
                );
              })}
            </select>
          </div>
          <div className="small muted">
            Open-loop load (labload at a fixed rate, latency from the intended send time, the generator's own
            lag excluded); x axis is 1/(1−p) on a log scale so the tail gets as much room as the median. Lines
            marked "(invalid)" did not meet the validity rules.
          </div>
          {series && (
            <SvgChart
              draw={drawPercentiles}
              testId="chart-percentiles"
              label={`Latency by percentile, ${percentileTitle}; the figures are in the rate steps table below`}
            />
          )}
          {timelines.length > 0 && timeline && (
            <>
              <div className="toolbar" style={{ marginTop: 10 }}>
                <h2 style={{ margin: 0 }}>GC pauses against latency</h2>
                <span className="spacer" />
                <select
                  value={Math.min(timelineIndex, timelines.length - 1)}
                  style={{ width: 'auto' }}
                  onChange={(event) => setTimelineIndex(Number(event.target.value))}
                  aria-label="Go step"
                >
                  {timelines.map((t, i) => (
                    <option key={t.step_id} value={i}>
                      {t.label}
                    </option>
                  ))}
                </select>
              </div>
              {timeline && !timeline.hasCycles && (
                <div className="notice small">
                  This step kept GC counts only, not each cycle: latency is shown without the pauses.
                </div>
              )}
              <SvgChart
                draw={drawTimeline}
                testId="chart-gc"
                label={`GC pause timeline: ${timeline.label}, p99 and max latency per window and each GC pause`}
              />
            </>
          )}
          <LabTables.RateSteps steps={steps.filter((s) => s.workload === current)} />
        </section>
      )}
      <LabTables.Build summary={(run.summary ?? []).find((w): w is BuildSummary => w.kind === 'build')} />
    </>
  );
}

/** "Use this run in my decision": the Decide view's profile decided by the server with this run, as `--lab` does. */
function UseInDecision({ runId }: { runId: string }) {
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'busy' }
    | { status: 'done'; result: LabDecisionResult | null }
    | { status: 'error'; error: string }
  >({ status: 'idle' });
  const verdict = (d: LabDecisionResult['with']) =>
    `${d.verdict === 'go' ? 'Go' : d.verdict === 'rust' ? 'Rust' : 'hybrid'} (confidence ${formatPercent(d.confidence)})`;
  return (
    <section className="card" data-testid="lab-use">
      <div className="toolbar">
        <button
          type="button"
          data-testid="lab-use-button"
          disabled={state.status === 'busy'}
          onClick={() => {
            setState({ status: 'busy' });
            decideDraftWithRun(runId).then(
              (result) => setState({ status: 'done', result }),
              (error: unknown) =>
                setState({ status: 'error', error: error instanceof Error ? error.message : String(error) }),
            );
          }}
        >
          Use this run in my decision
        </button>
        <span className="small muted">
          Decides your current profile (the Decide tab) with this run&apos;s significant figures in place of
          the priors, as <code>gorust decide --lab {runId}</code> does.
        </span>
      </div>
      <div aria-live="polite">
        {state.status === 'busy' && <p className="muted">Deciding…</p>}
        {state.status === 'error' && <p className="error">Could not decide: {state.error}</p>}
        {state.status === 'done' && state.result === null && (
          <p className="notice small">
            No profile yet: answer the questionnaire in the <a href={routeHref({ view: 'decide' })}>Decide</a>{' '}
            tab first, then come back.
          </p>
        )}
        {state.status === 'done' && state.result !== null && (
          <div data-testid="lab-use-result">
            <p>
              Without the run: <strong>{verdict(state.result.without)}</strong>. With run {runId}:{' '}
              <strong>{verdict(state.result.with)}</strong>.
            </p>
            {state.result.measured.length > 0 ? (
              <ul className="small">
                {state.result.measured.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : (
              <p className="small muted">No measured figure replaced a prior.</p>
            )}
            {state.result.excluded.length > 0 && (
              <>
                <p className="small">Left out, the prior kept:</p>
                <ul className="small muted">
                  {state.result.excluded.map((e) => (
                    <li key={`${e.figure}: ${e.reason}`}>
                      {e.figure}: {e.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
