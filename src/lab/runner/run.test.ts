/** @module End-to-end lab tests (slow: they build and run the real Go and Rust programs): the quick suite CI runs, and the process-hygiene test that SIGKILLs the lab mid-run. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/db.ts';
import { getRun, latestRun } from '../../store/lab-runs.ts';
import { findTool } from './toolchain.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(root, 'src', 'cli', 'main.ts');
const ready =
  existsSync(cli) && findTool('labload') !== null && findTool('go') !== null && findTool('cargo') !== null;
const dir = mkdtempSync(join(tmpdir(), 'gorust-lab-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gorust(args: string[]): ChildProcess {
  // One node process (no tsx wrapper) so that killing it kills the lab itself.
  return spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
}

function collect(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += String(d);
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += String(d);
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Every live (non-zombie) descendant of `pid`, from /proc. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (rest[0] !== 'Z') parent.set(Number(entry), Number(rest[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describe.skipIf(!ready)('gorust lab run (real programs)', { tags: ['slow'] }, () => {
  it('runs http-json and boundary in quick mode end to end and stores the run', async () => {
    const db = join(dir, 'e2e.db');
    const started = Date.now();
    const result = await collect(
      gorust(['lab', 'run', 'http-json', 'boundary', '--quick', '--format', 'json', '--db', db]),
    );
    const wallS = (Date.now() - started) / 1000;
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      id: string;
      environment: Record<string, unknown>;
      workloads: { name: string; valid: boolean; go: Record<string, number>; rust: Record<string, number> }[];
    };
    const http = json.workloads.find((w) => w.name === 'http-json') as
      | {
          valid: boolean;
          problems: string[];
          notes: string[];
          go: Record<string, number>;
          rust: Record<string, number>;
        }
      | undefined;
    expect(json.environment).toHaveProperty('go_version');
    // A capacity comes from a valid probe; a probe a busy machine made invalid is not shown, and a note says why.
    for (const lang of ['go', 'rust'] as const) {
      const capacity = http?.[lang].capacity_rps;
      if (capacity === undefined)
        expect(http?.notes.join('\n')).toContain(
          `${lang === 'go' ? 'Go' : 'Rust'} capacity not shown: its probe was invalid`,
        );
      else expect(capacity).toBeGreaterThan(0);
    }
    if (http?.valid) {
      for (const lang of ['go', 'rust'] as const) {
        expect(http[lang].p99_ms).toBeGreaterThan(0);
        expect(http[lang].achieved_rps).toBeGreaterThan(0);
        expect(http[lang].rss_peak_mib).toBeGreaterThan(0);
      }
    } else {
      // A machine too busy for a single valid step is reported as such, never papered over.
      expect(http?.problems.length).toBeGreaterThan(0);
    }
    expect(json.workloads.find((w) => w.name === 'boundary')?.valid).toBe(true);
    const store = openStore(db);
    expect(getRun(store, json.id)?.status).toBe('completed');
    store.close();
    // Wall time of the quick suite, for the record (builds are cached after the first run).
    expect(wallS).toBeGreaterThan(0);
  });

  it('leaves no server behind and keeps the measured steps when the lab is SIGKILLed mid-run', async () => {
    const db = join(dir, 'kill.db');
    const child = gorust(['lab', 'run', 'http-json', '--quick', '--db', db]);
    const done = collect(child);
    const pid = child.pid as number;
    // Wait until a few steps are stored (builds are cached by the previous test or a previous run).
    const stepsStored = () => {
      if (!existsSync(db)) return false;
      const store = openStore(db);
      try {
        return (latestRun(store)?.steps.length ?? 0) >= 3;
      } finally {
        store.close();
      }
    };
    expect(await until(stepsStored, 600_000)).toBe(true);
    const before = descendants(pid);
    expect(before.length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await done;
    expect(await until(() => before.every((p) => !alive(p)), 10_000)).toBe(true);
    const store = openStore(db);
    const run = latestRun(store);
    store.close();
    expect(run?.steps.length).toBeGreaterThanOrEqual(3);
    // `lab runs` reconciles the run whose lab died.
    const listed = await collect(gorust(['lab', 'runs', '--db', db]));
    expect(listed.stdout).toMatch(/interrupted/);
  });
});
