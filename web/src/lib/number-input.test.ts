/** @module Tests of reading a number input: blank, a number, and text the browser could not read. */
import { describe, expect, it } from 'vitest';
import { QUESTIONS, validateAnswer } from '../../../src/core/browser.ts';
import { numberFromInput } from './number-input.ts';

describe('numberFromInput', () => {
  it('reads a blank as nothing and a number as itself', () => {
    expect(numberFromInput({ value: '', validity: { badInput: false } })).toBeUndefined();
    expect(numberFromInput({ value: '0.25', validity: { badInput: false } })).toBe(0.25);
  });

  it('reads text the browser could not parse as not a number, which the form names as such', () => {
    const value = numberFromInput({ value: '', validity: { badInput: true } });
    const teamSize = QUESTIONS.find((q) => q.id === 'team.size');
    expect(teamSize).toBeDefined();
    if (!teamSize) return;
    const problem = validateAnswer(teamSize, value);
    expect(problem).toMatch(/^Enter /);
    expect(problem).not.toMatch(/needed/);
  });
});
