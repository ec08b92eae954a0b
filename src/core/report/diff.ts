/** @module diffDecisions(): what changed between two decisions (verdict, scores, per-criterion weights and contributions, gates, components, boundaries), as data the UI and reports format. */
import type { Decision, Gate } from '../decision/schema.ts';
import type {
  BoundaryChange,
  ComponentChange,
  CriterionChange,
  DecisionDiff,
  NumberChange,
  StakeholderChange,
} from './diff-schema.ts';

const EPSILON = 1e-9;

function change(a: number | null | undefined, b: number | null | undefined): NumberChange {
  const left = a ?? null;
  const right = b ?? null;
  return { a: left, b: right, delta: left === null || right === null ? null : round3(right - left) };
}

/** The decision's figures have 3 decimals; a raw subtraction would add float noise (0.099 -> 0.09899999999999931). */
function round3(value: number): number {
  const rounded = Math.round(value * 1000) / 1000;
  // Avoid -0 in JSON-facing data.
  return rounded === 0 ? 0 : rounded;
}

function moved(c: NumberChange): boolean {
  if (c.a === null || c.b === null) return c.a !== c.b;
  return Math.abs(c.b - c.a) > EPSILON;
}

const gateKey = (gate: Gate) => `${gate.id}\u0000${gate.component ?? ''}`;

/**
 * Compare two decisions (typically two saved versions of one project): `b` relative to `a`.
 * @example
 * const diff = diffDecisions(before, after);
 * if (diff.verdict.changed) console.log(`${diff.verdict.a} -> ${diff.verdict.b}`);
 */
export function diffDecisions(a: Decision, b: Decision): DecisionDiff {
  const ids = [...new Set([...a.criteria.map((r) => r.id), ...b.criteria.map((r) => r.id)])];
  const criteria = ids
    .map((id): CriterionChange => {
      const left = a.criteria.find((r) => r.id === id);
      const right = b.criteria.find((r) => r.id === id);
      const contribution = change(left?.contribution, right?.contribution);
      return {
        id,
        weight: change(left?.weight, right?.weight),
        go: change(left?.go, right?.go),
        rust: change(left?.rust, right?.rust),
        contribution,
        flipped:
          contribution.a !== null &&
          contribution.b !== null &&
          Math.sign(contribution.a) !== Math.sign(contribution.b) &&
          Math.abs(contribution.a) > EPSILON &&
          Math.abs(contribution.b) > EPSILON,
      };
    })
    .sort(
      (x, y) =>
        Math.abs(y.contribution.delta ?? 0) - Math.abs(x.contribution.delta ?? 0) || x.id.localeCompare(y.id),
    );

  const gatesA = new Map(a.gates.map((g) => [gateKey(g), g]));
  const gatesB = new Map(b.gates.map((g) => [gateKey(g), g]));
  const gates = {
    added: b.gates.filter((g) => !gatesA.has(gateKey(g))),
    removed: a.gates.filter((g) => !gatesB.has(gateKey(g))),
    kept: b.gates.filter((g) => gatesA.has(gateKey(g))),
  };

  const names = [...new Set([...a.components.map((c) => c.name), ...b.components.map((c) => c.name)])];
  const components = names.map((name): ComponentChange => {
    const left = a.components.find((c) => c.name === name)?.language ?? null;
    const right = b.components.find((c) => c.name === name)?.language ?? null;
    return { name, a: left, b: right, changed: left !== right };
  });

  const edgeKey = (x: { from: string; to: string }) => `${x.from}\u0000${x.to}`;
  const edges = [...new Set([...a.boundaries.map(edgeKey), ...b.boundaries.map(edgeKey)])];
  const boundaries = edges.map((key): BoundaryChange => {
    const left = a.boundaries.find((x) => edgeKey(x) === key);
    const right = b.boundaries.find((x) => edgeKey(x) === key);
    const from = (left ?? right)?.from ?? '';
    const to = (left ?? right)?.to ?? '';
    const pick = (x: typeof left) => (x ? { mechanism: x.mechanism, per_call_us: x.per_call_us } : null);
    return {
      from,
      to,
      a: pick(left),
      b: pick(right),
      changed:
        !left ||
        !right ||
        left.mechanism !== right.mechanism ||
        Math.abs(left.per_call_us - right.per_call_us) > EPSILON,
    };
  });

  // Stakeholders, keyed by name: each one's own verdict and its probability.
  const people = [...new Set([...(a.stakeholders ?? []), ...(b.stakeholders ?? [])].map((s) => s.name))];
  const stakeholders = people.map((name): StakeholderChange => {
    const left = a.stakeholders?.find((s) => s.name === name);
    const right = b.stakeholders?.find((s) => s.name === name);
    const p = change(
      left === undefined ? undefined : left.probabilities[left.verdict],
      right === undefined ? undefined : right.probabilities[right.verdict],
    );
    return {
      name,
      a: left?.verdict ?? null,
      b: right?.verdict ?? null,
      p,
      changed: left?.verdict !== right?.verdict || moved(p),
    };
  });
  const seed = { a: a.seed ?? null, b: b.seed ?? null, changed: (a.seed ?? null) !== (b.seed ?? null) };

  const result: Omit<DecisionDiff, 'same'> = {
    verdict: { a: a.verdict, b: b.verdict, changed: a.verdict !== b.verdict },
    confidence: change(a.confidence, b.confidence),
    close_call: { a: a.close_call, b: b.close_call, changed: a.close_call !== b.close_call },
    scores: { go: change(a.scores.go, b.scores.go), rust: change(a.scores.rust, b.scores.rust) },
    probabilities: {
      go: change(a.probabilities.go, b.probabilities.go),
      rust: change(a.probabilities.rust, b.probabilities.rust),
      hybrid: change(a.probabilities.hybrid, b.probabilities.hybrid),
    },
    criteria,
    gates,
    components,
    boundaries,
    seed,
    ...(people.length === 0 ? {} : { agreement: change(a.agreement, b.agreement), stakeholders }),
  };
  const same =
    !result.verdict.changed &&
    !result.close_call.changed &&
    ![result.confidence, result.scores.go, result.scores.rust].some(moved) &&
    !criteria.some((c) => moved(c.weight) || moved(c.go) || moved(c.rust) || moved(c.contribution)) &&
    gates.added.length === 0 &&
    gates.removed.length === 0 &&
    !components.some((c) => c.changed) &&
    !boundaries.some((x) => x.changed) &&
    !stakeholders.some((x) => x.changed) &&
    !(result.agreement !== undefined && moved(result.agreement));
  return { ...result, same };
}
