/** @module Tests of process hygiene: timeouts kill whole groups, servers stop with their group, a SIGKILLed lab leaves nothing behind, temp folders go away. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LabProcessError,
  liveProcessGroups,
  makeTempDir,
  processesInGroups,
  readGroupStats,
  removeTempDir,
  runCommand,
  startFailure,
  startServer,
  stopAllProcesses,
} from './process.ts';

const node = process.execPath;
const serverScript = `
const http = require('node:http');
let ballast = null;
const server = http.createServer((req, res) => {
  if (req.url === '/grow') { ballast = Buffer.alloc(200 * 1024 * 1024, 1); ballast = null; global.gc(); }
  res.end('ok');
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ event: 'listening', addr: '127.0.0.1:' + server.address().port }) + '\\n');
});
process.on('SIGTERM', () => process.exit(0));
`;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Alive and not a zombie: in a container PID 1 may never reap orphans, so a dead grandchild can linger as Z. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

afterAll(async () => {
  await stopAllProcesses();
});

describe('runCommand', () => {
  it('returns exit code, stdout and stderr', async () => {
    const r = await runCommand('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 5_000 });
    expect(r).toMatchObject({
      exitCode: 3,
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
      aborted: false,
    });
    expect(liveProcessGroups()).toEqual([]);
  });

  it('kills the whole group, grandchildren included, on timeout', async () => {
    const r = await runCommand('/bin/sh', ['-c', 'sleep 30 & echo $!; sleep 30'], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeLessThan(5_000);
    const grandchild = Number(r.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    // SIGKILL is delivered asynchronously: on a busy machine the grandchild may need a moment to die.
    for (let i = 0; i < 20 && isAlive(grandchild); i++) await sleep(50);
    expect(isAlive(grandchild)).toBe(false);
  });

  it('stops the group when the abort signal fires', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const r = await runCommand('/bin/sh', ['-c', 'sleep 30'], {
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    expect(r).toMatchObject({ aborted: true, timedOut: false });
    expect(r.durationMs).toBeLessThan(5_000);
  });

  it('throws a clear error when the program does not exist', async () => {
    await expect(runCommand('/nonexistent/tool', [], { timeoutMs: 1_000 })).rejects.toThrow(LabProcessError);
  });
});

describe('startServer', () => {
  it('waits for the listening line, reads /proc stats and stops the group', async () => {
    const server = await startServer({ exec: node, args: ['--expose-gc', '-e', serverScript] });
    expect(server.addr).toMatch(/^127\.0\.0\.1:\d+$/);
    const response = await fetch(`http://${server.addr}/`);
    expect(await response.text()).toBe('ok');
    const stats = server.stats();
    expect(stats?.rss_peak_mib).toBeGreaterThan(5);
    expect(stats?.cpu_s).toBeGreaterThan(0);
    // Grow the heap, then reset the peak mark: the peak drops back towards the current RSS.
    await fetch(`http://${server.addr}/grow`);
    const grown = server.stats()?.rss_peak_mib ?? 0;
    expect(grown).toBeGreaterThan((stats?.rss_peak_mib ?? 0) + 50);
    expect(server.resetPeakRss()).toBe(true);
    expect(server.stats()?.rss_peak_mib ?? 0).toBeLessThan(grown - 50);
    const final = await server.stop();
    expect(final?.rss_peak_mib).toBeGreaterThan(5);
    expect(isAlive(server.pid)).toBe(false);
    expect(processesInGroups([server.pid])).toEqual([]);
    expect(server.stats()).toBeNull();
    expect(liveProcessGroups()).toEqual([]);
  });

  it('reports a server that exits before listening, with its stderr', async () => {
    await expect(
      startServer({ exec: node, args: ['-e', 'console.error("bad flag --x"); process.exit(2)'] }),
    ).rejects.toThrow(/exited before listening[\s\S]*bad flag --x/);
    expect(liveProcessGroups()).toEqual([]);
  });

  it('gives up and kills a server that never listens', async () => {
    await expect(
      startServer({ exec: node, args: ['-e', 'setInterval(() => {}, 1000)'], startTimeoutMs: 300 }),
    ).rejects.toThrow(/did not print its listening line within 300 ms/);
    expect(liveProcessGroups()).toEqual([]);
  });

  it('refuses a server that announces a non-loopback address', async () => {
    const script = `process.stdout.write('{"event":"listening","addr":"0.0.0.0:80"}\\n'); setInterval(() => {}, 1000);`;
    await expect(startServer({ exec: node, args: ['-e', script] })).rejects.toThrow(/non-loopback/);
    expect(liveProcessGroups()).toEqual([]);
  });
});

describe('a lab that is killed with SIGKILL', () => {
  it('leaves no server behind (the reaper kills the group)', async () => {
    const dir = makeTempDir('proc-test');
    const labScript = join(dir, 'lab.mts');
    const processModule = new URL('./process.ts', import.meta.url).pathname;
    writeFileSync(
      labScript,
      `import { startServer, makeTempDir } from ${JSON.stringify(processModule)};
const server = await startServer({ exec: ${JSON.stringify(node)}, args: ['-e', ${JSON.stringify(serverScript)}] });
const tmp = makeTempDir('killed-lab');
process.stdout.write(JSON.stringify({ pid: server.pid, tmp }) + '\\n');
setInterval(() => {}, 1000);
`,
    );
    const lab = spawn(node, ['--import', 'tsx', labScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      lab.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
      });
      lab.once('exit', () => reject(new Error('lab script exited early')));
    });
    const { pid } = JSON.parse(line) as { pid: number; tmp: string };
    expect(isAlive(pid)).toBe(true);
    lab.kill('SIGKILL');
    let alive = true;
    for (let i = 0; i < 30 && alive; i++) {
      await sleep(100);
      alive = processesInGroups([pid]).length > 0;
    }
    expect(alive).toBe(false);
    removeTempDir(dir);
  });

  it('stops servers and removes temp folders on Ctrl-C (SIGINT), exiting with 130', async () => {
    const dir = makeTempDir('proc-test');
    const labScript = join(dir, 'lab.mts');
    const processModule = new URL('./process.ts', import.meta.url).pathname;
    writeFileSync(
      labScript,
      `import { startServer, makeTempDir } from ${JSON.stringify(processModule)};
const server = await startServer({ exec: ${JSON.stringify(node)}, args: ['-e', ${JSON.stringify(serverScript)}] });
const tmp = makeTempDir('interrupted-lab');
process.stdout.write(JSON.stringify({ pid: server.pid, tmp }) + '\\n');
setInterval(() => {}, 1000);
`,
    );
    const lab = spawn(node, ['--import', 'tsx', labScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => lab.once('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve) => {
      let text = '';
      lab.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
      });
    });
    const { pid, tmp } = JSON.parse(line) as { pid: number; tmp: string };
    expect(existsSync(tmp)).toBe(true);
    lab.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(tmp)).toBe(false);
    // SIGKILL is delivered asynchronously: give a busy machine a moment to finish the group off.
    for (let i = 0; i < 20 && processesInGroups([pid]).length > 0; i++) await sleep(50);
    expect(processesInGroups([pid])).toEqual([]);
    removeTempDir(dir);
  });

  it('on Ctrl-C, stops servers but leaves the exit to a listener of its own (the CLI), which can still report', async () => {
    const dir = makeTempDir('proc-test');
    const labScript = join(dir, 'cli.mts');
    const processModule = new URL('./process.ts', import.meta.url).pathname;
    // Like `gorust lab run`: the CLI listens for SIGINT before the lab starts a server, aborts, stores, then exits 130.
    writeFileSync(
      labScript,
      `import { startServer } from ${JSON.stringify(processModule)};
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
controller.signal.addEventListener('abort', () =>
  setTimeout(() => {
    process.stdout.write('the steps measured so far are stored\\n');
    process.exit(130);
  }, 300),
);
const server = await startServer({ exec: ${JSON.stringify(node)}, args: ['-e', ${JSON.stringify(serverScript)}] });
process.stdout.write(JSON.stringify({ pid: server.pid }) + '\\n');
setInterval(() => {}, 1000);
`,
    );
    const lab = spawn(node, ['--import', 'tsx', labScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const exited = new Promise<number | null>((resolve) => lab.once('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve) => {
      lab.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
    });
    const { pid } = JSON.parse(line) as { pid: number };
    lab.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(out).toContain('the steps measured so far are stored');
    for (let i = 0; i < 20 && processesInGroups([pid]).length > 0; i++) await sleep(50);
    expect(processesInGroups([pid])).toEqual([]);
    removeTempDir(dir);
  });

  it('removes temp folders and stops servers when the lab exits normally', async () => {
    const dir = makeTempDir('proc-test');
    const labScript = join(dir, 'lab.mts');
    const processModule = new URL('./process.ts', import.meta.url).pathname;
    writeFileSync(
      labScript,
      `import { startServer, makeTempDir } from ${JSON.stringify(processModule)};
const server = await startServer({ exec: ${JSON.stringify(node)}, args: ['-e', ${JSON.stringify(serverScript)}] });
const tmp = makeTempDir('exiting-lab');
process.stdout.write(JSON.stringify({ pid: server.pid, tmp }) + '\\n');
process.exit(0);
`,
    );
    const result = await runCommand(node, ['--import', 'tsx', labScript], { timeoutMs: 15_000 });
    const { pid, tmp } = JSON.parse(result.stdout.split('\n')[0] ?? '{}') as { pid: number; tmp: string };
    expect(existsSync(tmp)).toBe(false);
    await sleep(100);
    expect(processesInGroups([pid])).toEqual([]);
    removeTempDir(dir);
  });
});

describe('readGroupStats', () => {
  it('returns null for a group that does not exist', () => {
    expect(readGroupStats(999_999_999)).toBeNull();
  });
});

describe('startFailure', () => {
  it("names the program behind taskset and keeps its own stderr, without the lab's GC trace lines", () => {
    const why = startFailure(
      { exec: 'taskset', args: ['-c', '1', '/tmp/gorust-x/go/server', '--port', '41453'] },
      'did not answer 200 on 127.0.0.1:41453/healthz within 20000 ms (last: fetch failed)',
      'gc 1 @0.034s 14%: 0.011+1.2+0.003 ms clock\nlistening on the wrong port\ngc 2 @0.051s 9%: 0.01+1+0 ms clock\n',
    );
    expect(why).toBe(
      'server did not answer 200 on 127.0.0.1:41453/healthz within 20000 ms (last: fetch failed); stderr:\nlistening on the wrong port',
    );
    expect(startFailure({ exec: '/bin/prog', args: [] }, 'exited', 'gc 1 @0.1s 1%: x')).toBe('prog exited');
  });
});
