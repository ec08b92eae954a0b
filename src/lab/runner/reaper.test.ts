/** @module Tests of the watchdog: children of the lab die when the lab stops or is killed with SIGKILL. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startReaper } from './reaper.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('reaper', () => {
  it('kills what the lab started (and only that) when the lab stops', async () => {
    const outsider = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    const reaper = startReaper();
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    try {
      expect(child.pid).toBeTypeOf('number');
      reaper.stop();
      expect(await waitFor(() => !alive(child.pid as number), 5000)).toBe(true);
      expect(alive(outsider.pid as number)).toBe(true);
    } finally {
      outsider.kill('SIGKILL');
      child.kill('SIGKILL');
    }
  });

  it('kills the lab’s detached children after the lab itself is SIGKILLed', async () => {
    const reaperPath = fileURLToPath(new URL('./reaper.ts', import.meta.url));
    const script = `
      const { startReaper } = await import(${JSON.stringify(reaperPath)});
      const { spawn } = await import('node:child_process');
      startReaper();
      const c = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
      process.stdout.write(String(c.pid) + '\\n');
      setInterval(() => {}, 1000);
    `;
    const lab = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      lab.stdout?.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
      lab.once('exit', () => reject(new Error('lab exited early')));
    });
    expect(alive(pid)).toBe(true);
    lab.kill('SIGKILL');
    expect(await waitFor(() => !alive(pid), 5000)).toBe(true);
  });
});
