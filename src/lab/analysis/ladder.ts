/** @module The offered-load ladder (about 10% to 90% of closed-loop capacity, bench-anchors §7.C.2) and the headline: the highest offered rate that meets the SLO. */

/** Fractions of closed-loop capacity, from bench-anchors §7.C.2; quick mode keeps the ends and the middle. */
export const LADDER_FRACTIONS = [0.1, 0.25, 0.5, 0.7, 0.8, 0.9] as const;
export const QUICK_LADDER_FRACTIONS = [0.1, 0.5, 0.9] as const;

/** Rounds to two significant digits so rates read well (1234 -> 1200) and repeat across runs. */
function roundRate(x: number): number {
  if (x < 10) return Math.max(1, Math.round(x));
  const magnitude = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(x / magnitude) * magnitude;
}

/**
 * Integer request rates from about 10% to 90% of the measured closed-loop capacity, ascending and distinct.
 * @example
 * rateLadder(12_345, { quick: false }); // [1200, 3100, 6200, 8600, 9900, 11000]
 */
export function rateLadder(capacityRps: number, options: { quick: boolean }): number[] {
  if (!Number.isFinite(capacityRps) || capacityRps <= 0) {
    throw new RangeError(`capacity must be a positive number of requests per second, got ${capacityRps}`);
  }
  const fractions = options.quick ? QUICK_LADDER_FRACTIONS : LADDER_FRACTIONS;
  return [...new Set(fractions.map((f) => roundRate(f * capacityRps)))].sort((a, b) => a - b);
}

export type LadderStep = {
  target_rps: number;
  valid: boolean;
  p99_ms: number;
  errors?: number;
  requests?: number;
};

/** A step with more failed requests than this does not meet the SLO whatever its p99 (bench-anchors §7.C.5). */
export const MAX_ERROR_RATE = 0.01;

/**
 * The highest offered rate whose VALID step met the p99 SLO with under 1% errors; null when none did. Invalid steps
 * never count, whatever their latency. With repeats, pass one entry per repeat: a rate counts only if all its valid
 * repeats meet the SLO.
 * @example
 * headlineRate([{ target_rps: 100, valid: true, p99_ms: 3 }, { target_rps: 900, valid: true, p99_ms: 80 }], 50); // 100
 */
export function headlineRate(steps: readonly LadderStep[], sloP99Ms: number): number | null {
  const byRate = new Map<number, { meets: boolean; seen: boolean }>();
  for (const step of steps) {
    if (!step.valid) continue;
    const errorRate = step.requests ? (step.errors ?? 0) / step.requests : 0;
    const meets = step.p99_ms <= sloP99Ms && errorRate < MAX_ERROR_RATE;
    const entry = byRate.get(step.target_rps) ?? { meets: true, seen: false };
    byRate.set(step.target_rps, { meets: entry.meets && meets, seen: true });
  }
  let best: number | null = null;
  for (const [rate, entry] of byRate)
    if (entry.seen && entry.meets && (best === null || rate > best)) best = rate;
  return best;
}
