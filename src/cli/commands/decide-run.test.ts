/** @module Unit tests of `gorust decide`'s output plan (decide-run.ts): the format inferred from --out, contradictions refused, folders only for ADRs. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../core/index.ts';
import { planOutput } from './decide-run.ts';

const folders = new Set(['/work/docs/decisions']);
const isDirectory = (path: string) => folders.has(path);
const plan = (format: Parameters<typeof planOutput>[0]['format'], out?: string) =>
  planOutput({ format, ...(out === undefined ? {} : { out }) }, '/work', isDirectory);

describe('planOutput', () => {
  it('prints text by default and keeps a given format on stdout', () => {
    expect(plan(undefined)).toEqual({ format: 'text' });
    expect(plan('md')).toEqual({ format: 'md' });
  });

  it('infers the format from the --out extension when --format is not given', () => {
    expect(plan(undefined, 'decision.json')).toEqual({
      format: 'json',
      out: { path: '/work/decision.json', folder: false },
    });
    expect(plan(undefined, 'report.MD').format).toBe('md');
    expect(plan(undefined, 'report.html').format).toBe('html');
    expect(plan(undefined, 'report.htm').format).toBe('html');
    expect(plan(undefined, 'summary.txt').format).toBe('text');
    expect(plan(undefined, 'summary').format).toBe('text');
  });

  it('accepts a --format that fits the extension (an ADR is Markdown)', () => {
    expect(plan('adr', 'docs/0001-use-go.md').format).toBe('adr');
    expect(plan('json', 'x.json').format).toBe('json');
    expect(plan('text', 'x.txt').format).toBe('text');
  });

  it('refuses a --format that contradicts the extension, naming both', () => {
    expect(() => plan('md', 'x.json')).toThrow(UserError);
    expect(() => plan('md', 'x.json')).toThrow(
      '--format md does not match --out x.json: a .json file is for --format json',
    );
    expect(() => plan('json', 'x.html')).toThrow('is for --format html');
    expect(() => plan('text', 'x.md')).toThrow('is for --format md or adr');
  });

  it('writes into a folder, existing or ending in /, only with --format adr', () => {
    expect(plan('adr', 'docs/decisions')).toEqual({
      format: 'adr',
      out: { path: '/work/docs/decisions', folder: true },
    });
    expect(plan('adr', 'new/')).toEqual({ format: 'adr', out: { path: '/work/new', folder: true } });
    expect(() => plan(undefined, 'docs/decisions')).toThrow('only --format adr numbers files in a folder');
    expect(() => plan('md', 'reports/')).toThrow('only --format adr numbers files in a folder');
  });
});
