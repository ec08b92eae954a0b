/** @module Tests of the stale temp-folder sweep: folders of dead owners go, live owners' and unowned folders stay. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER_FILE, processStartTicks, sweepStaleTempDirs, writeOwner } from './stale-temp.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function root(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stale-sweep-test-'));
  roots.push(dir);
  return dir;
}

describe('sweepStaleTempDirs', () => {
  it('removes folders whose owner has exited, keeps live and unowned ones', () => {
    const base = root();
    // A real process that has exited: its pid is no longer running (or, if reused, has another start time).
    const dead = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout.trim());
    const stale = join(base, 'gorust-selftest-dead');
    mkdirSync(stale);
    writeFileSync(join(stale, OWNER_FILE), `${deadPid} 1\n`);
    writeFileSync(join(stale, 'big.bin'), 'x'.repeat(1024));

    const live = join(base, 'gorust-build-live');
    mkdirSync(live);
    writeOwner(live);

    const unowned = join(base, 'gorust-old-unowned');
    mkdirSync(unowned);
    const other = join(base, 'not-ours');
    mkdirSync(other);
    writeFileSync(join(other, OWNER_FILE), `${deadPid} 1\n`);

    expect(sweepStaleTempDirs(base)).toEqual([stale]);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unowned)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it('treats a reused pid with another start time as gone', () => {
    const base = root();
    const dir = join(base, 'gorust-run-reused');
    mkdirSync(dir);
    writeFileSync(join(dir, OWNER_FILE), `${process.pid} 0\n`);
    expect(processStartTicks(process.pid)).not.toBe('0');
    expect(sweepStaleTempDirs(base)).toEqual([dir]);
  });
});
