/** @module The lab's last line of defence for process hygiene: a tiny watchdog process that kills every process the lab started once the lab is gone, even after SIGKILL, when no exit handler can run. */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Every process the lab starts inherits this variable (through the environment), which is how the watchdog finds them. */
export const OWNER_ENV = 'GORUST_LAB_OWNER';

export type Reaper = {
  token: string;
  pid: number | undefined;
  /** Normal end: the watchdog sweeps once more (nothing should be left) and exits. */
  stop(): void;
};

// Runs in a separate node process. Its stdin is a pipe from the lab: EOF means the lab ended (normally or killed),
// then it kills every process whose initial environment carries the token, with its process group.
const WATCHDOG = `
const fs = require('node:fs');
const token = process.argv[1];
const needle = Buffer.from('${OWNER_ENV}=' + token + '\\0');
function sweep() {
  let killed = 0;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    let environ;
    try { environ = fs.readFileSync('/proc/' + name + '/environ'); } catch { continue; }
    if (environ.indexOf(needle) === -1) continue;
    try { process.kill(-pid, 'SIGKILL'); } catch {}
    try { process.kill(pid, 'SIGKILL'); killed++; } catch {}
  }
  return killed;
}
process.stdin.on('data', () => {});
process.stdin.on('close', () => {
  // A process may fork while we sweep: sweep until a pass finds nothing (bounded).
  for (let i = 0; i < 5 && sweep() > 0; i++) {}
  process.exit(0);
});
process.stdin.resume();
`;

/**
 * Start the watchdog and mark this process's environment so every child inherits the token.
 * @example
 * const reaper = startReaper();
 * try { await measure(); } finally { reaper.stop(); }
 */
export function startReaper(): Reaper {
  const token = randomBytes(8).toString('hex');
  const previous = process.env[OWNER_ENV];
  const env = { ...process.env };
  delete env[OWNER_ENV];
  const child = spawn(process.execPath, ['-e', WATCHDOG, token], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env,
  });
  child.on('error', () => {});
  child.stdin?.on('error', () => {});
  child.unref();
  // The pipe must not keep the lab's event loop alive, yet it must stay open for as long as the lab lives.
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  process.env[OWNER_ENV] = token;
  let stopped = false;
  return {
    token,
    pid: child.pid,
    stop() {
      if (stopped) return;
      stopped = true;
      if (previous === undefined) delete process.env[OWNER_ENV];
      else process.env[OWNER_ENV] = previous;
      child.stdin?.end();
    },
  };
}
