/** @module The Lab view's summary of a run, as `gorust lab show` prints it: anchor flags first, then per workload its state, boundary costs (ns per cgo call, gRPC/HTTP p50/p99) and CPU kernels. */
import { formatFigure } from '../../../src/core/browser.ts';
import {
  type AnchorFlag,
  type BoundarySummary,
  boundaryRows,
  type CpuSummary,
  kernelRows,
  type WorkloadSummary,
  workloadHeadline,
} from '../lib/lab-summary.ts';

/** A measured figure as `gorust lab show` prints it; an en dash where there is none. */
const fmt = (value: number | null | undefined): string => formatFigure(value, '–');

/** Figures far outside published ranges: shown above everything else, since they say the measurement is suspect. */
function AnchorFlags({ flags }: { flags: AnchorFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <section className="card anchor-flags" data-testid="lab-anchor-flags" role="alert">
      <h2>
        <span className="badge invalid">probable harness problem</span> {flags.length} figure
        {flags.length === 1 ? '' : 's'} far outside published ranges
      </h2>
      <p className="small muted">
        A figure more than its anchor's factor away from published measurements usually means the machine or
        the harness (a busy CPU, a noisy neighbour, a short quick run), not Go or Rust. Re-run before trusting
        it.
      </p>
      <ul>
        {flags.map((flag) => (
          <li key={`${flag.workload}-${flag.lang}-${flag.metric}`}>
            <strong>
              {flag.workload}: {flag.lang} <span className="mono">{flag.metric}</span> = {fmt(flag.value)}
            </strong>
            <div className="small">{flag.note}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Flag({ flagged }: { flagged: boolean }) {
  return flagged ? <span className="badge invalid">flagged</span> : null;
}

function BoundaryCosts({ summary }: { summary: BoundarySummary }) {
  const rows = boundaryRows(summary);
  return (
    <table data-testid="lab-boundary">
      <thead>
        <tr>
          <th>Boundary cost (median of valid repeats)</th>
          <th className="num">Measured</th>
          <th>Anchor</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.metric} className={row.flag ? 'flagged' : ''}>
            <td>
              {row.label} <span className="small muted mono">{row.metric}</span>
            </td>
            <td className="num">
              {row.value === null ? '– (not measured)' : `${fmt(row.value)} ${row.unit}`}
            </td>
            <td>
              <Flag flagged={row.flag !== null} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CpuKernels({ summary }: { summary: CpuSummary }) {
  const rows = kernelRows(summary);
  if (rows.length === 0) return null;
  return (
    <table data-testid="lab-cpu">
      <thead>
        <tr>
          <th>Kernel</th>
          <th className="num">Go</th>
          <th className="num">Rust</th>
          <th className="num">Go / Rust</th>
          <th>Mann-Whitney</th>
          <th>Checks</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.kernel} className={row.flag || !row.checksumsMatch ? 'flagged' : ''}>
            <td className="mono">{row.kernel}</td>
            <td className="num">{fmt(row.go)} s</td>
            <td className="num">{fmt(row.rust)} s</td>
            <td className="num">{row.ratio === null ? '–' : `${fmt(row.ratio)}×`}</td>
            <td>
              {row.better === '~' ? 'no significant difference' : `${row.better} faster`}
              {row.p !== null && <span className="small muted"> p={row.p.toFixed(3)}</span>}
            </td>
            <td>
              {!row.checksumsMatch && <span className="badge invalid">checksums differ</span>}
              <Flag flagged={row.flag !== null} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The workload's headline: the significant winner with its interval and p-value, or no significant difference and why. */
function Headline({ summary }: { summary: WorkloadSummary }) {
  const headline = workloadHeadline(summary);
  if (!headline) return null;
  return (
    <div
      className={`lab-headline${headline.winner ? ` winner-${headline.winner}` : ''}`}
      data-testid={`lab-headline-${summary.name}`}
    >
      <strong>{headline.title}</strong>
      <div className="small">{headline.detail}</div>
      {headline.why && <div className="small muted">{headline.why}</div>}
    </div>
  );
}

/** Per workload: valid or not (by the lab's rules), its specific figures, problems and notes. */
function Workloads({ summary }: { summary: WorkloadSummary[] }) {
  if (summary.length === 0) return null;
  return (
    <section className="card" data-testid="lab-summary">
      <h2>What the run measured</h2>
      {summary.map((w) => (
        <div key={w.name} className="lab-workload" data-testid={`lab-workload-${w.name}`}>
          <h3>
            {w.name}{' '}
            {w.valid ? (
              <span className="badge valid">valid</span>
            ) : (
              <span className="badge invalid">not valid</span>
            )}{' '}
            <span className="small muted">
              {w.steps} steps, {w.invalid_steps} invalid
            </span>
          </h3>
          <Headline summary={w} />
          {w.kind === 'boundary' && <BoundaryCosts summary={w} />}
          {w.kind === 'cpu' && <CpuKernels summary={w} />}
          {w.problems.length > 0 && (
            <ul className="small error">
              {w.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {w.notes.length > 0 && (
            <ul className="small muted">
              {w.notes.map((n) => (
                <li key={n}>note: {n}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

export const LabSummary = { AnchorFlags, Workloads };
