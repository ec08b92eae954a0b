/** @module The hybrid plan diagram as the web app draws it: the shared chart (src/core/report/charts.ts) plus every call the profile describes (calls inside one language muted), edge labels that state the unit once (in the subtitle), no edge labels when the figure would crowd, and a one-paragraph text alternative. */
import {
  type Decision,
  hybridPlanChart,
  type Profile,
  perRequest,
  type SvgNode,
} from '../../../src/core/browser.ts';

/** Beyond this many labelled edges the labels overlap: the costs are then read from the table under the chart. */
const MAX_EDGE_LABELS = 14;

const round = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toPrecision(2);

/**
 * The plan at a width, with the profile's calls within one language drawn muted.
 * @example
 * <SvgChart draw={(width) => planDiagram(decision, profile, width)} label="Hybrid plan diagram" />
 */
export function planDiagram(decision: Decision, profile: Profile, width: number): SvgNode {
  const crossing = new Set(decision.boundaries.map((b) => `${b.from}\u0000${b.to}`));
  const labelled = decision.boundaries.length <= MAX_EDGE_LABELS;
  const mutedCalls = (profile.components ?? []).flatMap((component) =>
    (component.calls ?? [])
      .filter((call) => !crossing.has(`${component.name}\u0000${call.to}`))
      .map((call) => ({ from: component.name, to: call.to })),
  );
  return hybridPlanChart(decision, {
    width,
    mutedCalls,
    edgeLabel: (b) =>
      labelled
        ? `${b.mechanism} ${round(b.per_call_us)}${perRequest(b)}${b.chatty ? ' (chatty)' : ''}`
        : null,
    subtitle: labelled
      ? 'Go left · Rust right\nlabels: mechanism, µs per call × calls per request\ndotted grey: calls within one language'
      : 'Go left · Rust right · costs per call: the table below\ndotted grey: calls within one language',
  });
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
