/** @module The Lab view's tables: rate steps with validity, build times and sizes, the cross-compilation matrix. */
import { formatFigure } from '../../../src/core/browser.ts';
import type { RateStep } from '../lib/lab-model.ts';
import { type BuildSummary, buildTable, type CrossCell } from '../lib/lab-summary.ts';

/** A measured figure as `gorust lab show` prints it (report.ts): the precision a measurement holds; an en dash where there is none. */
const fmt = (value: number | null | undefined): string => formatFigure(value, '–');

function ratio(go: number | null, rust: number | null): string {
  if (go === null || rust === null || rust === 0) return '–';
  return `${fmt(go / rust)}×`;
}

function Validity({ valid, reasons }: { valid: boolean; reasons: string[] }) {
  if (valid) return <span className="badge valid">valid</span>;
  return (
    <>
      <span className="badge invalid">invalid</span>
      {reasons.length > 0 && <div className="small">{reasons.join('; ')}</div>}
    </>
  );
}

/** Every load step of a workload: offered and achieved rate, percentiles, validity with reasons. */
function RateSteps({ steps }: { steps: RateStep[] }) {
  return (
    <table data-testid="lab-steps" style={{ marginTop: 10 }}>
      <thead>
        <tr>
          <th className="num">Offered</th>
          <th>Who</th>
          <th className="num">Achieved</th>
          <th className="num">p50</th>
          <th className="num">p99</th>
          <th className="num">p99.9</th>
          <th className="num">max</th>
          <th className="num">GC pause max</th>
          <th className="num">Repeats</th>
          <th>Validity</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={`${s.lang}-${s.variant}-${s.rate_rps}`} className={s.valid ? '' : 'invalid'}>
            <td className="num">{fmt(s.rate_rps)}/s</td>
            <td>{s.label}</td>
            <td className="num">{fmt(s.achieved_rps)}/s</td>
            <td className="num">{fmt(s.p50_ms)} ms</td>
            <td className="num">{fmt(s.p99_ms)} ms</td>
            <td className="num">{fmt(s.p999_ms)} ms</td>
            <td className="num">{fmt(s.max_ms)} ms</td>
            <td className="num">{s.gc_pause_max_ms == null ? '–' : `${fmt(s.gc_pause_max_ms)} ms`}</td>
            <td className="num">{s.repeats}</td>
            <td>
              <Validity valid={s.valid} reasons={s.reasons} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CrossCellView({ cell }: { cell: CrossCell }) {
  if (cell.ok)
    return (
      <span className="lang" style={{ color: 'var(--ok)' }}>
        ✓ {fmt(cell.seconds)} s
      </span>
    );
  return (
    <>
      <span className="badge invalid">failed</span>
      {cell.reason && <div className="small mono">{cell.reason}</div>}
    </>
  );
}

/** Build times, binary sizes and the cross-compilation matrix, as the server summarised them (medians of valid steps). */
function Build({ summary }: { summary: BuildSummary | undefined }) {
  if (!summary) return null;
  const rows = buildTable(summary);
  const cross = summary.detail.cross;
  if (rows.length === 0 && cross.length === 0) return null;
  return (
    <div className="grid-2">
      <section className="card flush" data-testid="lab-build">
        <div style={{ padding: '14px 16px 4px' }}>
          <h2>Build and size</h2>
        </div>
        <table>
          <thead>
            <tr>
              <th>What</th>
              <th className="num">Go</th>
              <th className="num">Rust</th>
              <th className="num">Go / Rust</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.action}>
                <td>{row.action}</td>
                <td className="num">
                  {fmt(row.go)} {row.unit}
                </td>
                <td className="num">
                  {fmt(row.rust)} {row.unit}
                </td>
                <td className="num">{ratio(row.go, row.rust)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.problems.length > 0 && (
          <p className="small" style={{ padding: '4px 16px' }}>
            Invalid steps, left out of the medians: {summary.problems.join(' · ')}
          </p>
        )}
      </section>
      <section className="card flush" data-testid="lab-cross">
        <div style={{ padding: '14px 16px 4px' }}>
          <h2>Cross-compilation from this machine</h2>
        </div>
        <table>
          <thead>
            <tr>
              <th>Target</th>
              <th>Go</th>
              <th>Rust</th>
            </tr>
          </thead>
          <tbody>
            {cross.map((row) => (
              <tr key={row.target}>
                <td className="mono">{row.target}</td>
                <td>
                  <CrossCellView cell={row.go} />
                </td>
                <td>
                  <CrossCellView cell={row.rust} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export const LabTables = { RateSteps, Build };
