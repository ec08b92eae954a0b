/** @module Tests of safe links and file-name slugs. */
import { describe, expect, it } from 'vitest';
import { safeHref, slugify } from './download.ts';

describe('safeHref', () => {
  it('keeps http and https links only', () => {
    expect(safeHref('https://go.dev/blog')).toBe('https://go.dev/blog');
    expect(safeHref('HTTP://example.com')).toBe('HTTP://example.com');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
  });
});

describe('slugify', () => {
  it('makes a file-name-safe slug and never an empty one', () => {
    expect(slugify('Read states <service>')).toBe('read-states-service');
    expect(slugify('<img src=x onerror=alert(1)>')).toBe('img-src-x-onerror-alert-1');
    expect(slugify('../../etc')).toBe('etc');
    expect(slugify('***')).toBe('decision');
  });
});
