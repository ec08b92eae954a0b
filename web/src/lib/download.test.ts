/** @module Tests of safe links and file-name slugs. */
import { describe, expect, it } from 'vitest';
import { profileFileName } from '../../../src/core/browser.ts';
import { safeHref } from './download.ts';

describe('safeHref', () => {
  it('keeps http and https links only', () => {
    expect(safeHref('https://go.dev/blog')).toBe('https://go.dev/blog');
    expect(safeHref('HTTP://example.com')).toBe('HTTP://example.com');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
  });
});

describe('profileFileName', () => {
  it('makes a file-name-safe name, never an empty one, and the one an ADR exported from the web app records', () => {
    expect(profileFileName('Read states <service>')).toBe('read-states-service.gorust.yaml');
    expect(profileFileName('<img src=x onerror=alert(1)>')).toBe('img-src-x-onerror-alert-1.gorust.yaml');
    expect(profileFileName('../../etc')).toBe('etc.gorust.yaml');
    expect(profileFileName('***')).toBe('decision.gorust.yaml');
    expect(profileFileName('Ünïcode gateway')).toBe('unicode-gateway.gorust.yaml');
  });
});
