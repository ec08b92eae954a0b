/** @module The one number formatter, re-exported by report/format.ts and used by the engine's texts, the reports, the lab and the web app: a measured figure at the precision a measurement holds (formatFigure), a stated amount as given (formatAmount), a count (formatCount), each grouping thousands the same way ("21,315"), and fixed decimals (formatNumber); also rounding a list so that it still adds up to its exact total, locale-free comparison and sentences. */

/**
 * Round to a number of decimals, without -0.
 * @example
 * roundTo(0.12345, 3); // 0.123
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

/**
 * Round each value to `decimals` so the rounded values add up to `total` (largest-remainder method; ties go to
 * the earlier index, so the result is deterministic).
 * @example
 * roundToSum([1 / 3, 1 / 3, 1 / 3], 3, 1); // [0.334, 0.333, 0.333]
 */
export function roundToSum(values: readonly number[], decimals: number, total: number): number[] {
  const factor = 10 ** decimals;
  const units = Math.round(total * factor);
  const floors = values.map((v) => Math.floor(v * factor + 1e-9));
  let missing = units - floors.reduce((a, b) => a + b, 0);
  const order = values
    .map((v, i) => ({ i, rest: v * factor - (floors[i] ?? 0) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing -= 1;
  }
  // Values that did not add up to the total to begin with: take the excess from the smallest remainders.
  for (const { i } of [...order].reverse()) {
    if (missing >= 0) break;
    if ((floors[i] ?? 0) <= 0) continue;
    floors[i] = (floors[i] ?? 0) - 1;
    missing += 1;
  }
  return floors.map((f) => roundTo(f / factor, decimals));
}

/**
 * Compare strings by UTF-16 code units: a locale-free order, identical on every machine.
 * @example
 * ['b', 'a'].sort(compareText); // ['a', 'b']
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A reason from the knowledge base (lower-case, no full stop) as a sentence: capitalised, ending in a full stop.
 * @example
 * sentence('a reason'); // 'A reason.'
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A number with at most `digits` decimals and no trailing zeros (7.10 -> 7.1, 100 -> 100). */
export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = n.toFixed(digits);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * A measured figure at the precision a measurement holds: thousands grouped from 1,000 ("21,315"), then 0, 1 or 2
 * decimals by size, two significant digits below 1; `missing` for null, undefined or a non-finite value.
 * @example
 * formatFigure(21315.4); // '21,315'
 * formatFigure(0.0123); // '0.012'
 */
export function formatFigure(value: number | null | undefined, missing = '-'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return missing;
  const abs = Math.abs(value);
  if (abs >= 1000) return formatCount(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/**
 * A count with thousands separators, the same on every machine (no locale): 10000 -> "10,000".
 * @example
 * formatCount(10000); // '10,000'
 */
export function formatCount(n: number): string {
  return groupThousands(String(Math.round(n)));
}

/** Thousands separators in the whole part of a plain decimal text ("12500.5" -> "12,500.5"). */
function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * A number at exactly `digits` decimals, thousands grouped, never "-0.0": the precision of a table column, so
 * "9.0" stands beside "9.4" (never "9").
 * @example
 * formatFixed(9, 1); // '9.0'
 * formatFixed(12500.5, 1); // '12,500.5'
 */
export function formatFixed(n: number, digits: number): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = n.toFixed(digits);
  return groupThousands(/^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed);
}

/**
 * A column of numbers at one precision: the fewest decimals (at most `maxDigits`) that show every value as
 * `maxDigits` would, applied to all of them, so a column never mixes "1" and "0.05".
 * @example
 * formatColumn([1, 0.05]); // ['1.00', '0.05']
 * formatColumn([2, 40]); // ['2', '40']
 */
export function formatColumn(values: readonly number[], maxDigits = 2): string[] {
  let digits = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    while (digits < maxDigits && roundTo(value, digits) !== roundTo(value, maxDigits)) digits += 1;
  }
  return values.map((value) => formatFixed(value, digits));
}

/**
 * A stated amount (requests per second, weeks, years, an SLO, a budget) as the profile or the knowledge base gave it,
 * or a model's figure in a sentence: up to `digits` decimals, thousands grouped from 1,000, so 0.5 never reads
 * "1", 12.5 weeks never "13", 12,500.5 requests/s never "12,501" and 67200 µs reads "67,200 µs".
 * @example
 * formatAmount(12.5); // '12.5'
 * formatAmount(100000); // '100,000'
 * formatAmount(12500.5); // '12,500.5'
 * formatAmount(0.125, 3); // '0.125'
 * formatAmount(0.000001); // '0.000001'
 */
export function formatAmount(n: number, digits = 2): string {
  // A stated amount that is not zero never reads "0": an SLO of 0.000001 ms reads "0.000001 ms".
  const tiny = n !== 0 && Number.isFinite(n) && Math.abs(n) < 0.5 * 10 ** -digits;
  // Beyond twelve decimals, the figure as a power of ten: 1e-300 ms reads "1e-300", not "0".
  if (tiny && Math.abs(n) < 1e-11) return n.toExponential(1).replace(/\.0e/, 'e');
  const text = formatNumber(n, tiny ? rateDigits([Math.abs(n)], digits) : digits);
  return Number.isFinite(n) ? groupThousands(text) : text;
}

/**
 * A rate of calls per request as stated, with a rare call's two significant figures: 0.0001 reads "0.0001", never
 * "0" (which would say the call is never made).
 * @example
 * formatRate(0.0001); // '0.0001'
 * formatRate(0.05); // '0.05'
 * formatRate(200); // '200'
 */
export function formatRate(n: number): string {
  return formatAmount(n, rateDigits([n], 2));
}

/** Decimals that keep two significant figures of the smallest rate under 0.01, and at least `least`. */
function rateDigits(values: readonly number[], least: number): number {
  const rare = values.filter((n) => n > 0 && n < 0.01);
  return rare.length === 0 ? least : Math.min(12, Math.ceil(-Math.log10(Math.min(...rare))) + 1);
}

/**
 * A column of call rates at one precision, as formatColumn, with enough decimals for its rarest call.
 * @example
 * formatRateColumn([1, 0.05]); // ['1.00', '0.05']
 * formatRateColumn([50, 0.0001]); // ['50.0000', '0.0001']
 */
export function formatRateColumn(values: readonly number[]): string[] {
  return formatColumn(values, rateDigits(values, 3));
}

/**
 * A memory size given in MiB: KiB below 1 MiB (a microcontroller's 0.25 MiB is "256 KiB", never "0 MiB").
 * @example
 * formatMib(0.25); // '256 KiB'
 * formatMib(2048); // '2,048 MiB'
 */
export function formatMib(mib: number): string {
  return mib > 0 && mib < 1 ? `${formatAmount(mib * 1024)} KiB` : `${formatAmount(mib)} MiB`;
}

/**
 * Names in a sentence: "a", "a and b", "a, b and c".
 * @example
 * listWords(['gateway', 'ledger-sync']); // 'gateway and ledger-sync'
 */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
