/** @module The build workload on the http-json pair, in a scratch copy of lab/workloads: clean build, no-op rebuild, one-line incremental change, go vet against cargo check, binary size as built and stripped, and a cross-compilation matrix whose failures keep their exact reason. */
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NewStep } from '../../../store/lab-runs.ts';
import { labCacheDir } from '../manifest.ts';
import { runCommand } from '../process.ts';
import { throwIfAborted, type WorkloadRunner } from './types.ts';

type Lang = 'go' | 'rust';

/** The cross-compilation cells: Go's GOOS/GOARCH and Rust's target triple for the same platform. */
export const CROSS_TARGETS = [
  { target: 'linux/arm64', go: { GOOS: 'linux', GOARCH: 'arm64' }, rust: 'aarch64-unknown-linux-gnu' },
  { target: 'windows/amd64', go: { GOOS: 'windows', GOARCH: 'amd64' }, rust: 'x86_64-pc-windows-gnu' },
  { target: 'darwin/arm64', go: { GOOS: 'darwin', GOARCH: 'arm64' }, rust: 'aarch64-apple-darwin' },
  { target: 'wasm', go: { GOOS: 'wasip1', GOARCH: 'wasm' }, rust: 'wasm32-wasip1' },
] as const;

const SKIP = new Set(['target', 'bin', '.git', 'node_modules']);

/** Lines that say why a build failed, most telling first (a missing target, a missing linker, then any error). */
const WHY = [
  /target may not be installed/i,
  /error\[E\d+\]/,
  /linker|xcrun|ld:/i,
  /error|cannot|unsupported|undefined:/i,
];

/**
 * The reason of a failed build in a few lines: the most telling lines of its output, else its last lines.
 * @example
 * failureReason("error[E0463]: can't find crate for `core`\nnote: the `x` target may not be installed");
 */
export function failureReason(stderr: string, stdout = ''): string {
  const lines = [
    ...new Set(
      `${stderr}\n${stdout}`
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0 && !/^For more information/.test(l)),
    ),
  ];
  const picked: string[] = [];
  for (const pattern of WHY) {
    const hit = lines.find((l) => pattern.test(l) && !picked.includes(l));
    if (hit) picked.push(hit);
    if (picked.length === 2) break;
  }
  return (picked.length > 0 ? picked : lines.slice(-3)).join(' | ').slice(0, 600);
}

type Cmd = { cmd: string; args: string[]; cwd: string; env: Record<string, string> };

export const buildRunner: WorkloadRunner = {
  name: 'build',
  estimateSeconds: (plan) => (plan.quick ? 90 : 900),
  async run(ctx) {
    // A stable scratch copy (restored from lab/workloads with the original timestamps every run) lets cargo and
    // go reuse its artifacts, so only the measured actions compile; the real tree is never touched.
    const scratch = join(labCacheDir(), 'build-scratch');
    cpSync(ctx.workloadsDir, scratch, {
      recursive: true,
      force: true,
      preserveTimestamps: true,
      filter: (src) => !SKIP.has(src.split('/').pop() ?? ''),
    });
    const out = join(ctx.tempDir, 'build-out');
    mkdirSync(out, { recursive: true });
    const goDir = join(scratch, 'http-json', 'go');
    const rustDir = join(scratch, 'http-json', 'rust');
    // The lab's cargo target dir already holds the compiled dependencies, so only the copied crates build from
    // scratch; full runs also time a truly clean build in an empty target dir.
    const rustTarget = join(labCacheDir(), 'cargo-target');
    const goBin = join(out, 'http-json-go');
    const rustBin = join(rustTarget, 'release', 'http-json-rust');

    const go = (args: string[], env: Record<string, string> = {}): Cmd => ({
      cmd: 'go',
      args,
      cwd: goDir,
      env,
    });
    const cargo = (args: string[], env: Record<string, string> = {}): Cmd => ({
      cmd: 'cargo',
      args: [...args, '--target-dir', rustTarget],
      cwd: rustDir,
      env,
    });
    const goBuild = (env: Record<string, string> = {}) => go(['build', '-trimpath', '-o', goBin, '.'], env);
    const rustBuild = (extra: string[] = []) => cargo(['build', '--release', ...extra]);

    const timed = async (lang: Lang, variant: string, c: Cmd, timeoutMs: number, record = true) => {
      throwIfAborted(ctx.signal);
      ctx.progress(`build ${lang}: ${variant}`);
      const started = new Date();
      const r = await runCommand(c.cmd, c.args, { cwd: c.cwd, env: c.env, timeoutMs });
      const ok = !r.timedOut && r.exitCode === 0;
      const step: NewStep = {
        workload: ctx.workload.name,
        lang,
        variant,
        kind: 'build',
        repeat: 0,
        valid: ok,
        reasons: ok
          ? []
          : [r.timedOut ? `timed out after ${timeoutMs / 1000} s` : failureReason(r.stderr, r.stdout)],
        metrics: { seconds: r.durationMs / 1000, ok },
        started_at: started.toISOString(),
        duration_ms: r.durationMs,
      };
      if (record) ctx.record(step);
      return step;
    };
    const long = ctx.plan.quick ? 600_000 : 1_800_000;

    // Clean builds: Go with an empty GOCACHE, Rust with an empty target dir (full mode only: minutes on two cores).
    if (!ctx.plan.quick) {
      await timed('go', 'clean', goBuild({ GOCACHE: join(ctx.tempDir, 'gocache-clean') }), long);
      const clean = join(ctx.tempDir, 'cargo-clean');
      await timed(
        'rust',
        'clean',
        { cmd: 'cargo', args: ['build', '--release', '--target-dir', clean], cwd: rustDir, env: {} },
        long,
      );
    }
    // Warm builds (not recorded) so the no-op and incremental figures start from an up-to-date tree.
    for (const [lang, c] of [
      ['go', goBuild()],
      ['rust', rustBuild()],
    ] as const) {
      const warm = await timed(lang, 'first', c, long, false);
      if (!warm.valid) {
        ctx.record(warm);
        return;
      }
    }
    const repeats = ctx.plan.quick ? 1 : 3;
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const [lang, c] of [
        ['go', goBuild()],
        ['rust', rustBuild()],
      ] as const) {
        ctx.record({ ...(await timed(lang, 'noop', c, long, false)), repeat });
      }
      appendFileSync(join(goDir, 'main.go'), `\nvar labTouch${repeat} = ${repeat + 1}\n`);
      appendFileSync(
        join(rustDir, 'src', 'main.rs'),
        `\n#[allow(dead_code)]\nconst LAB_TOUCH_${repeat}: u64 = ${repeat + 1};\n`,
      );
      ctx.record({ ...(await timed('go', 'incremental', goBuild(), long, false)), repeat });
      ctx.record({ ...(await timed('rust', 'incremental', rustBuild(), long, false)), repeat });
    }
    // Checks: warm once (cargo check keeps its own metadata artifacts), then time after a one-line change.
    await timed('go', 'check-warm', go(['vet', '.']), long, false);
    await timed('rust', 'check-warm', cargo(['check']), long, false);
    appendFileSync(join(goDir, 'main.go'), '\nvar labTouchCheck = 1\n');
    appendFileSync(
      join(rustDir, 'src', 'main.rs'),
      '\n#[allow(dead_code)]\nconst LAB_TOUCH_CHECK: u64 = 1;\n',
    );
    await timed('go', 'check', go(['vet', '.']), long);
    await timed('rust', 'check', cargo(['check']), long);

    // Sizes: as built (after the final release build) and stripped (a copy through `strip`).
    await timed('go', 'final', goBuild(), long, false);
    await timed('rust', 'final', rustBuild(), long, false);
    for (const [lang, bin] of [
      ['go', goBin],
      ['rust', rustBin],
    ] as const) {
      const started = new Date();
      if (!existsSync(bin)) continue;
      const stripped = join(out, `${lang}-stripped`);
      copyFileSync(bin, stripped);
      const s = await runCommand('strip', [stripped], { timeoutMs: 60_000 });
      ctx.record({
        workload: ctx.workload.name,
        lang,
        variant: 'size',
        kind: 'size',
        repeat: 0,
        valid: true,
        reasons: [],
        metrics: {
          binary_mib: statSync(bin).size / 2 ** 20,
          binary_bytes: statSync(bin).size,
          stripped_mib: s.exitCode === 0 ? statSync(stripped).size / 2 ** 20 : null,
          stripped_bytes: s.exitCode === 0 ? statSync(stripped).size : null,
        },
        started_at: started.toISOString(),
        duration_ms: Date.now() - started.getTime(),
      });
    }

    // Cross-compilation: success and time, or the exact reason it failed.
    for (const cell of CROSS_TARGETS) {
      const goStep = await timed(
        'go',
        `cross ${cell.target}`,
        go(['build', '-trimpath', '-o', join(out, `cross-${cell.go.GOOS}-${cell.go.GOARCH}`), '.'], {
          ...cell.go,
          CGO_ENABLED: '0',
        }),
        long,
        false,
      );
      ctx.record({ ...goStep, kind: 'cross', variant: cell.target });
      const rustStep = await timed(
        'rust',
        `cross ${cell.target}`,
        rustBuild(['--target', cell.rust]),
        long,
        false,
      );
      ctx.record({
        ...rustStep,
        kind: 'cross',
        variant: cell.target,
        metrics: { ...rustStep.metrics, triple: cell.rust },
      });
    }
  },
};
