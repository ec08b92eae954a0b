/** @module What a number input holds: nothing, a number, or text the browser could not read as one. */

/**
 * The number a `type="number"` input holds. Text the browser cannot read as a number (`1e400`, `1e`) reaches
 * script as an empty value with `validity.badInput` set; it becomes Infinity, which every check refuses as "not a
 * number", instead of a blank that would read "This answer is needed." while the field shows what was typed.
 * @example
 * numberFromInput({ value: '', validity: { badInput: true } }); // Infinity
 * numberFromInput({ value: '12.5', validity: { badInput: false } }); // 12.5
 */
export function numberFromInput(input: {
  value: string;
  validity: { badInput: boolean };
}): number | undefined {
  if (input.validity.badInput) return Number.POSITIVE_INFINITY;
  return input.value === '' ? undefined : Number(input.value);
}
