/** @module Text (80 columns) and JSON views of an evaluation of the real-decision corpus. */
import type { CaseResult, Ratio, ReliabilityBin, SplitSummary } from './metrics.ts';

export type Evaluation = { training: SplitSummary; holdout: SplitSummary; cases: CaseResult[] };

const WIDTH = 80;

function pct(r: Ratio): string {
  if (r.total === 0) return '-';
  return `${r.right}/${r.total} ${((100 * r.right) / r.total).toFixed(1).padStart(5)}%`;
}

function row(label: string, a: string, b: string): string {
  return `${label.padEnd(36)}${a.padEnd(22)}${b}`;
}

function bin(b: ReliabilityBin): string {
  if (b.count === 0) return '-';
  return `${(b.accuracy ?? 0).toFixed(2)} (n=${b.count}, P ${(b.meanP ?? 0).toFixed(2)})`;
}

/** A case's file name without `.yaml`, shortened to `max` characters. */
function caseName(file: string, max: number): string {
  const name = file.replace(/\.yaml$/, '');
  return name.length <= max ? name : `${name.slice(0, max - 3)}...`;
}

function clip(text: string): string {
  return text.length <= WIDTH ? text : `${text.slice(0, WIDTH - 3)}...`;
}

/**
 * The evaluation as lines of at most 80 characters.
 * @example
 * renderText(evaluation, { cases: false });
 */
export function renderText(e: Evaluation, options: { cases: boolean }): string {
  const { training: t, holdout: h } = e;
  const lines = [
    `Real decisions: ${t.cases + h.cases} (training ${t.cases}, holdout ${h.cases})`,
    '',
    row('', 'training', 'holdout'),
    row('verdicts right', pct(t.verdicts), pct(h.verdicts)),
    row('hybrid splits right (every comp.)', pct(t.hybridSplits), pct(h.hybridSplits)),
    row('experience-neutral verdicts right', pct(t.experienceNeutral), pct(h.experienceNeutral)),
    row('decided after Rust 1.0, right', pct(t.postRust1), pct(h.postRust1)),
    row('cross-language decisions, right', pct(t.crossLanguage), pct(h.crossLanguage)),
    row('Brier score (0 best, 0.667 uniform)', t.brier.toFixed(3), h.brier.toFixed(3)),
    row('confident misses (P >= 0.9)', String(t.confidentMisses.length), String(h.confidentMisses.length)),
    '',
    'Reliability: share right by P(verdict) bin (n cases, mean P)',
    row('P(verdict)', 'training', 'holdout'),
    ...t.reliability.map((b, i) => {
      const hb = h.reliability[i] as ReliabilityBin;
      const label = `${b.from.toFixed(1)}-${b.to.toFixed(1)}${b.to === 1 ? ' (incl. 1)' : ''}`;
      return row(label, bin(b), bin(hb));
    }),
  ];
  for (const s of [t, h]) {
    lines.push('', `Misses, ${s.split} (${s.misses.length}):`);
    if (s.misses.length === 0) lines.push('  none');
    for (const m of s.misses) {
      const flag = m.p >= 0.9 ? ' CONFIDENT' : '';
      lines.push(
        clip(
          `  ${caseName(m.file, 30)}: expected ${m.expected}, got ${m.verdict} (P ${m.p.toFixed(2)})${flag}`,
        ),
      );
    }
    const splitMisses = e.cases.filter((r) => r.split === s.split && r.splitMisses.length > 0);
    if (splitMisses.length > 0) lines.push(`Hybrid split misses, ${s.split}:`);
    for (const r of splitMisses) lines.push(clip(`  ${caseName(r.file, 30)}: ${r.splitMisses.join('; ')}`));
  }
  if (options.cases) {
    lines.push('', 'Cases (split, expected, verdict, P, experience-neutral verdict):');
    for (const r of e.cases) {
      const mark = r.right ? ' ' : 'x';
      lines.push(
        clip(
          `${mark} ${caseName(r.file, 30).padEnd(30)} ${r.split.padEnd(9)} ${r.expected.padEnd(7)}${r.verdict.padEnd(7)}${r.p.toFixed(2)}  ${r.neutralVerdict}`,
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The evaluation as JSON for machines.
 * @example
 * renderJson(evaluation);
 */
export function renderJson(e: Evaluation): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}
