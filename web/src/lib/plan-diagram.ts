/** @module The hybrid plan diagram as the web app draws it: the shared chart (src/core/report/charts.ts) plus every call the profile describes (calls inside one language muted), edge labels that state the unit once (in the subtitle), smaller nodes and no edge labels when the figure would crowd, and a one-paragraph text alternative. */
import { type Decision, hybridPlanOption, type Profile } from '../../../src/core/browser.ts';

/** Beyond this many labelled edges the labels overlap: the costs are then read from the table under the chart. */
const MAX_EDGE_LABELS = 14;
const MUTED = '#8e97a6';

type GraphLink = { source: string; target: string; label?: object; lineStyle?: object };
type GraphSeries = { links?: GraphLink[]; symbolSize?: number; label?: object; edgeLabel?: object };

const round = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toPrecision(2);

/**
 * @example
 * chart.setOption(planDiagramOption(decision, profile));
 */
export function planDiagramOption(decision: Decision, profile: Profile): ReturnType<typeof hybridPlanOption> {
  const option = hybridPlanOption(decision);
  const series = (Array.isArray(option.series) ? option.series[0] : option.series) as GraphSeries | undefined;
  if (!series || decision.components.length === 0) return option;
  const crossing = new Set(decision.boundaries.map((b) => `${b.from}\u0000${b.to}`));
  const placed = new Set(decision.components.map((c) => c.name));
  const labelled = decision.boundaries.length <= MAX_EDGE_LABELS;
  const links: GraphLink[] = (series.links ?? []).map((link) => {
    const boundary = decision.boundaries.find((b) => b.from === link.source && b.to === link.target);
    if (!boundary) return link;
    return {
      ...link,
      label: {
        ...(link.label ?? {}),
        show: labelled,
        formatter: `${boundary.mechanism} ${round(boundary.per_call_us)}${boundary.chatty ? ' (chatty)' : ''}`,
      },
    };
  });
  for (const component of profile.components ?? []) {
    for (const call of component.calls ?? []) {
      if (crossing.has(`${component.name}\u0000${call.to}`)) continue;
      if (!placed.has(component.name) || !placed.has(call.to)) continue;
      links.push({
        source: component.name,
        target: call.to,
        label: { show: false },
        lineStyle: { color: MUTED, type: 'dotted', width: 1.5, curveness: 0.25, opacity: 0.8 },
      });
    }
  }
  const rows = Math.max(
    decision.components.filter((c) => c.language === 'go').length,
    decision.components.filter((c) => c.language === 'rust').length,
  );
  const title = Array.isArray(option.title) ? option.title[0] : option.title;
  return {
    ...option,
    title: {
      ...(title ?? {}),
      subtext: labelled
        ? 'Go left · Rust right · labels: mechanism, µs per call\ndotted grey: calls within one language'
        : 'Go left · Rust right · costs per call: the table below\ndotted grey: calls within one language',
    },
    series: [
      {
        ...series,
        symbolSize: rows > 4 ? 30 : 46,
        label: { ...(series.label ?? {}), fontSize: rows > 4 ? 11 : 12, width: 150 },
        edgeLabel: { ...(series.edgeLabel ?? {}), fontSize: 10 },
        links,
      },
    ],
  } as ReturnType<typeof hybridPlanOption>;
}

/**
 * The diagram in words: who gets which language and which calls cross, for screen readers and as the chart's summary.
 * @example
 * planSummary(decision, profile); // '3 components: api (Go), ... 2 calls; 1 crosses languages (grpc).'
 */
export function planSummary(decision: Decision, profile: Profile): string {
  const parts = decision.components.map((c) => `${c.name} (${c.language === 'go' ? 'Go' : 'Rust'})`);
  const calls = (profile.components ?? []).reduce((sum, c) => sum + (c.calls?.length ?? 0), 0);
  const crossing = decision.boundaries.map((b) => `${b.from} → ${b.to} by ${b.mechanism}`);
  return `${decision.components.length} components: ${parts.join(', ')}. ${calls} call${calls === 1 ? '' : 's'}; ${
    crossing.length === 0
      ? 'none crosses languages'
      : `${crossing.length} cross${crossing.length === 1 ? 'es' : ''} languages: ${crossing.join('; ')}`
  }. Costs and reasons are in the tables below.`;
}
