/** @module Tests of the paths module: the package root, and the XDG data and cache folders with their fallbacks. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir, dataDir, envPath, packagePath, packageRoot, packageVersion } from './paths.ts';

describe('packageRoot', () => {
  it('is the folder whose package.json is gorust, from the sources too', () => {
    expect(packageRoot()).toBe(resolve(import.meta.dirname, '..', '..'));
    expect(existsSync(packagePath('kb', 'criteria.yaml'))).toBe(true);
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('dataDir and cacheDir', () => {
  it('follow XDG_DATA_HOME and XDG_CACHE_HOME when they are absolute', () => {
    expect(dataDir({ XDG_DATA_HOME: '/d' })).toBe('/d/gorust');
    expect(cacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/gorust');
  });

  it('fall back to ~/.local/share and ~/.cache when unset, empty or relative (as the XDG spec says)', () => {
    expect(dataDir({})).toBe(join(homedir(), '.local', 'share', 'gorust'));
    expect(dataDir({ XDG_DATA_HOME: '' })).toBe(join(homedir(), '.local', 'share', 'gorust'));
    expect(cacheDir({ XDG_CACHE_HOME: 'relative/cache' })).toBe(join(homedir(), '.cache', 'gorust'));
  });

  it('resolves an override variable to an absolute path, and ignores an empty one', () => {
    expect(envPath({ X: 'a/b' }, 'X')).toBe(resolve('a/b'));
    expect(envPath({ X: '' }, 'X')).toBeUndefined();
  });
});
