/** @module Finds the lab's tools (Go, Rust, the labload load generator, any Go tools the manifest lists), says how to install each missing one, and installs labload (built from lab/workloads with cargo) and the go-installable ones into the project-local tools folder. No protoc: the boundary workload's Go code is committed and its Rust build compiles the proto with protox. */
import { createHash } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { packageRoot } from '../../io/paths.ts';
import {
  workloadsDir as defaultWorkloadsDir,
  type GoTool,
  goTools,
  labCacheDir,
  loadManifest,
} from './manifest.ts';
import { runCommand } from './process.ts';

/** The lab's load generator: built from lab/workloads/loadgen (the Cargo workspace) into the tools folder. */
export const LOADGEN_BIN = 'labload';
/** Fallback when lab/workloads/go.mod cannot be read; the go.mod `go` line is the real floor (older Go refuses the module). */
export const MIN_GO = [1, 22] as const;
/** The Go release the lab was developed and tested with; the suggested install command fetches it. */
const SUGGESTED_GO = '1.26.8';

export type ToolCheck = {
  name: string;
  ok: boolean;
  version?: string;
  path?: string;
  /** What the lab needs, e.g. "Go >= 1.22". */
  need: string;
  /** The exact command that installs it (empty when ok). */
  install: string;
  /** Why it is not ok (missing, too old, wrong version). */
  problem?: string;
};

/** What each known Go tool is for, in doctor's words; a tool the manifest adds later is described by its workloads. */
const TOOL_ROLES: Record<string, string> = {};

/**
 * The Go tools the lab installs and checks: lab/workloads/manifest.json's `tools` list, the one source of their
 * versions (the same file pins what the boundary workload's build runs from the tools folder).
 * @example
 * manifestTools().map((t) => `${t.name}@${t.version}`); // ['stringer@v0.40.0', ...] ([] today)
 */
export function manifestTools(manifestPath?: string): GoTool[] {
  return goTools(loadManifest(manifestPath));
}

export { packageRoot };

/**
 * The project-local tools folder: $GORUST_TOOLS, else `<package root>/.tools/bin`.
 * @example
 * toolsDir(); // '/home/me/gorust/.tools/bin'
 */
export function toolsDir(): string {
  return process.env.GORUST_TOOLS || join(packageRoot(), '.tools', 'bin');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where toolchains often live without being on PATH (a fresh shell after the official installers). */
function wellKnownDirs(): string[] {
  const home = homedir();
  return [
    join(home, '.cargo', 'bin'),
    '/usr/local/go/bin',
    join(home, 'go', 'bin'),
    join(home, 'sdk', 'go', 'bin'),
  ];
}

/**
 * Absolute path of a tool: the lab tools folder first, then PATH, then well-known install folders; null if absent.
 * @example
 * findTool('labload'); // '/home/me/gorust/.tools/bin/labload'
 */
export function findTool(
  name: string,
  options: { pathEnv?: string; extraDirs?: string[] } = {},
): string | null {
  const pathDirs = (options.pathEnv ?? process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const dirs = [toolsDir(), ...pathDirs, ...(options.extraDirs ?? wellKnownDirs())];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * Parses `go version` output into [major, minor, patch].
 * @example
 * parseGoVersion('go version go1.26.8 linux/amd64'); // [1, 26, 8]
 */
export function parseGoVersion(text: string): [number, number, number] | null {
  const m = /go(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/**
 * Parses `rustc --version` output (or a bare `1.95` / `1.95.0`) into [major, minor, patch].
 * @example
 * parseRustVersion('rustc 1.95.0 (59807616e 2026-04-14)'); // [1, 95, 0]
 */
export function parseRustVersion(text: string): [number, number, number] | null {
  const m = /(?:^|\s|rustc\s)(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

function atLeast(found: readonly number[], need: readonly number[]): boolean {
  for (let i = 0; i < need.length; i++) {
    const a = found[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

export type RequiredVersions = {
  /** From lab/workloads/go.mod's `go` line (older Go refuses the module). */
  go: { version: [number, number, number]; text: string; source: string };
  /** From lab/workloads/Cargo.toml's `rust-version` (older cargo refuses the workspace); null when none is set. */
  rust: { version: [number, number, number]; text: string; source: string } | null;
};

/**
 * The toolchain floors the lab programs declare: go.mod's `go` line and Cargo.toml's `rust-version`.
 * @example
 * requiredVersions('/…/lab/workloads'); // { go: { version: [1, 26, 0], source: 'go.mod' }, rust: { version: [1, 95, 0], ... } }
 */
export function requiredVersions(workloads: string): RequiredVersions {
  const read = (name: string): string => {
    try {
      return readFileSync(join(workloads, name), 'utf8');
    } catch {
      return '';
    }
  };
  const goLine = /^go\s+((\d+)\.(\d+)(?:\.(\d+))?)\s*$/m.exec(read('go.mod'));
  const rustLine = /^\s*rust-version\s*=\s*"((\d+)\.(\d+)(?:\.(\d+))?)"/m.exec(read('Cargo.toml'));
  const parts = (m: RegExpExecArray): [number, number, number] => [
    Number(m[2]),
    Number(m[3]),
    Number(m[4] ?? 0),
  ];
  return {
    go: goLine
      ? { version: parts(goLine), text: goLine[1] ?? '', source: 'lab/workloads/go.mod' }
      : { version: [MIN_GO[0], MIN_GO[1], 0], text: MIN_GO.join('.'), source: 'the lab default' },
    rust: rustLine
      ? { version: parts(rustLine), text: rustLine[1] ?? '', source: 'lab/workloads/Cargo.toml rust-version' }
      : null,
  };
}

function goArch(): string {
  return process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
}

/**
 * The exact install command of a tool, for this platform: `go install` of the manifest's pinned version for a Go
 * tool, the system's package manager or installer otherwise ('' when gorust knows none).
 * @example
 * installCommand('go'); // 'curl -fsSLO https://go.dev/dl/go1.26.8.linux-amd64.tar.gz && ...'
 */
export function installCommand(name: string, tools = toolsDir(), goToolList: GoTool[] = []): string {
  const spec = goToolList.find((t) => t.name === name);
  if (spec) return `GOBIN=${tools} go install ${spec.path}@${spec.version}`;
  const mac = process.platform === 'darwin';
  // root (CI, containers) often has no sudo; everyone else needs it for system folders.
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  switch (name) {
    case 'go': {
      const file = `go${SUGGESTED_GO}.${process.platform}-${goArch()}.tar.gz`;
      return mac
        ? 'brew install go'
        : `curl -fsSLO https://go.dev/dl/${file} && ${sudo}rm -rf /usr/local/go && ${sudo}tar -C /usr/local -xzf ${file} && export PATH=$PATH:/usr/local/go/bin`;
    }
    case 'cargo':
    case 'rustc':
      return 'curl --proto \'=https\' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal && . "$HOME/.cargo/env"';
    default:
      return '';
  }
}

async function versionOf(path: string, args: string[]): Promise<string | null> {
  try {
    const r = await runCommand(path, args, { timeoutMs: 20_000 });
    return r.exitCode === 0 ? ((r.stdout || r.stderr).trim().split('\n')[0] ?? '') : null;
  } catch {
    return null;
  }
}

/** Module version baked into a Go binary (`go version -m`), e.g. "v12.13.0"; null when unknown. */
async function goModuleVersion(
  goPath: string | null,
  binary: string,
  module: string,
): Promise<string | null> {
  if (!goPath) return null;
  try {
    const r = await runCommand(goPath, ['version', '-m', binary], { timeoutMs: 20_000 });
    const line = r.stdout
      .split('\n')
      .find((l) => l.trim().startsWith('mod\t') || l.includes(`\t${module}\t`));
    return line?.trim().split(/\s+/)[2] ?? null;
  } catch {
    return null;
  }
}

export type DoctorOptions = {
  pathEnv?: string;
  extraDirs?: string[];
  /** The lab programs' folder, whose go.mod and Cargo.toml set the Go and Rust floors (default: lab/workloads). */
  workloadsDir?: string;
  /** The manifest whose `tools` list is checked and installed (default: lab/workloads/manifest.json). */
  manifestPath?: string;
};

/**
 * Checks every tool the lab needs. `ok` for all means `gorust lab doctor` exits 0; otherwise each failing check
 * carries the exact command that installs it.
 * @example
 * const checks = await doctor();
 * for (const c of checks.filter((c) => !c.ok)) console.log(`${c.name}: ${c.install}`);
 */
export async function doctor(options: DoctorOptions = {}): Promise<ToolCheck[]> {
  const find = (name: string): string | null => findTool(name, options);
  const checks: ToolCheck[] = [];
  const tools = toolsDir();
  const goToolList = manifestTools(options.manifestPath);

  const required = requiredVersions(options.workloadsDir ?? defaultWorkloadsDir());

  const goPath = find('go');
  const goNeed = required.go.version;
  const goCheck: ToolCheck = {
    name: 'go',
    ok: false,
    need: `Go >= ${required.go.text} (${required.go.source})`,
    install: '',
  };
  if (goPath) {
    const text = await versionOf(goPath, ['version']);
    const version = text ? parseGoVersion(text) : null;
    goCheck.path = goPath;
    if (version) goCheck.version = version.join('.');
    goCheck.ok = version !== null && atLeast(version, goNeed);
    if (!goCheck.ok)
      goCheck.problem = version
        ? `found Go ${version.join('.')}, too old: ${required.go.source} needs go ${required.go.text}`
        : 'go version failed';
  } else {
    goCheck.problem = 'not found';
  }
  checks.push(goCheck);

  for (const [name, need] of [
    ['cargo', 'the Rust toolchain'],
    ['rustc', 'the Rust compiler'],
  ] as const) {
    const path = find(name);
    const check: ToolCheck = { name, ok: false, need, install: '' };
    if (path) {
      const text = await versionOf(path, ['--version']);
      check.path = path;
      check.ok = text !== null;
      if (text) check.version = text;
      else check.problem = `${name} --version failed`;
      // cargo refuses a workspace whose rust-version is newer than the compiler: check it here, not at build time.
      const rustNeed = name === 'rustc' || name === 'cargo' ? required.rust?.version : undefined;
      const found = text ? parseRustVersion(text) : null;
      if (rustNeed && found && !atLeast(found, rustNeed)) {
        check.ok = false;
        check.need = `${need} >= ${required.rust?.text} (${required.rust?.source})`;
        check.problem = `found ${name} ${found.join('.')}, too old: ${required.rust?.source} is ${required.rust?.text}`;
      } else if (rustNeed) {
        check.need = `${need} >= ${required.rust?.text}`;
      }
    } else {
      check.problem = 'not found';
    }
    checks.push(check);
  }

  checks.push(loadgenCheck(tools, options.workloadsDir ?? defaultWorkloadsDir()));

  for (const spec of goToolList) {
    const path = find(spec.bin);
    const role = TOOL_ROLES[spec.name] ?? `needed by ${spec.neededBy.join(', ') || 'the lab'}`;
    const check: ToolCheck = { name: spec.name, ok: false, need: `${spec.version}, ${role}`, install: '' };
    if (path) {
      check.path = path;
      const version = await goModuleVersion(goPath, path, spec.path);
      if (version) check.version = version;
      // Without Go the version cannot be read; the binary being there is then the best evidence we have.
      check.ok = version === null || version === spec.version;
      if (!check.ok) check.problem = `found ${version}, need ${spec.version}`;
    } else {
      check.problem = 'not found';
    }
    checks.push(check);
  }

  for (const check of checks) {
    if (check.ok) continue;
    // A Rust that is there but too old is updated with rustup when rustup manages it (a distro rustc needs rustup).
    const tooOld = check.problem?.includes('too old') === true;
    check.install =
      tooOld && (check.name === 'rustc' || check.name === 'cargo') && find('rustup')
        ? 'rustup update stable'
        : check.name === LOADGEN_BIN
          ? 'gorust lab setup'
          : installCommand(check.name, tools, goToolList);
  }
  return checks;
}

/**
 * A hash of what labload is built from (the workspace's Cargo.toml and Cargo.lock, the crate's Cargo.toml and
 * sources): the installed binary carries it in `labload.stamp`, so a changed generator is rebuilt by `lab setup`.
 * @example
 * loadgenSourceHash(); // 'a3f1…'
 */
export function loadgenSourceHash(workloads: string = defaultWorkloadsDir()): string {
  const hash = createHash('sha256');
  const crate = join(workloads, 'loadgen');
  const files = [
    join(workloads, 'Cargo.toml'),
    join(workloads, 'Cargo.lock'),
    join(crate, 'Cargo.toml'),
    ...readdirSync(join(crate, 'src'))
      .sort()
      .map((f) => join(crate, 'src', f)),
  ];
  for (const file of files) hash.update(`${file.slice(workloads.length)}\0`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** The labload check: installed in the tools folder and built from the current sources. */
function loadgenCheck(tools: string, workloads: string): ToolCheck {
  const bin = join(tools, LOADGEN_BIN);
  const check: ToolCheck = {
    name: LOADGEN_BIN,
    ok: false,
    need: "the lab's open-loop load generator, built from lab/workloads/loadgen",
    install: '',
  };
  if (!isExecutable(bin)) {
    check.problem = 'not found';
    return check;
  }
  check.path = bin;
  let stamp = '';
  try {
    stamp = readFileSync(`${bin}.stamp`, 'utf8').trim();
  } catch {
    // no stamp: built by hand or by an older setup
  }
  const want = loadgenSourceHash(workloads);
  check.version = stamp || 'unknown';
  check.ok = stamp === want;
  if (!check.ok) check.problem = `built from other sources (stamp ${stamp || 'missing'}, sources ${want})`;
  return check;
}

/**
 * Builds labload with cargo (release, in the lab's shared cargo target folder, so the servers' dependencies are
 * compiled once) and installs it, stamped, into the tools folder.
 * @example
 * await installLoadgen('/usr/bin/cargo'); // { name: 'labload', action: 'installed', ... }
 */
export async function installLoadgen(
  cargo: string,
  options: { workloadsDir?: string; timeoutMs?: number } = {},
): Promise<SetupStep> {
  const workloads = options.workloadsDir ?? defaultWorkloadsDir();
  const tools = toolsDir();
  const target = join(labCacheDir(), 'cargo-target');
  const args = [
    'build',
    '--release',
    '--locked',
    '-p',
    'labload',
    '--manifest-path',
    join(workloads, 'Cargo.toml'),
    '--target-dir',
    target,
  ];
  const result = await runCommand(cargo, args, { cwd: workloads, timeoutMs: options.timeoutMs ?? 1_200_000 });
  if (result.exitCode !== 0) {
    const why = result.timedOut ? 'timed out' : result.stderr.trim().split('\n').slice(-8).join('\n');
    return { name: LOADGEN_BIN, action: 'failed', detail: `${cargo} ${args.join(' ')}\n${why}` };
  }
  mkdirSync(tools, { recursive: true });
  const bin = join(tools, LOADGEN_BIN);
  copyFileSync(join(target, 'release', LOADGEN_BIN), bin);
  chmodSync(bin, 0o755);
  writeFileSync(`${bin}.stamp`, `${loadgenSourceHash(workloads)}\n`);
  return { name: LOADGEN_BIN, action: 'installed', detail: `cargo build -p labload -> ${bin}` };
}

export type SetupStep = {
  name: string;
  action: 'present' | 'installed' | 'failed' | 'manual';
  detail: string;
};

/**
 * Builds labload (the load generator) and installs the manifest's Go tools (via `go install` of the pinned versions)
 * into the tools folder, and lists what must be installed by hand (Go, Rust) with the exact command.
 * @example
 * const steps = await setup(); // [{ name: 'labload', action: 'installed', detail: '...' }, ...]
 */
export async function setup(options: DoctorOptions & { timeoutMs?: number } = {}): Promise<SetupStep[]> {
  const tools = toolsDir();
  const goToolList = manifestTools(options.manifestPath);
  const checks = await doctor(options);
  const goCheck = checks.find((c) => c.name === 'go');
  const steps: SetupStep[] = [];
  const cargoCheck = checks.find((c) => c.name === 'cargo');
  for (const check of checks) {
    const spec = goToolList.find((t) => t.name === check.name);
    if (!check.ok && check.name === LOADGEN_BIN) {
      steps.push(
        cargoCheck?.ok && cargoCheck.path
          ? await installLoadgen(cargoCheck.path, {
              ...(options.workloadsDir ? { workloadsDir: options.workloadsDir } : {}),
              ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
            })
          : {
              name: LOADGEN_BIN,
              action: 'manual',
              detail: 'install Rust (cargo) first, then: gorust lab setup',
            },
      );
      continue;
    }
    if (check.ok) {
      steps.push({
        name: check.name,
        action: 'present',
        detail: `${check.version ?? ''} ${check.path ?? ''}`.trim(),
      });
      continue;
    }
    if (!spec || !goCheck?.ok || !goCheck.path) {
      steps.push({ name: check.name, action: 'manual', detail: check.install });
      continue;
    }
    mkdirSync(tools, { recursive: true });
    const result = await runCommand(goCheck.path, ['install', `${spec.path}@${spec.version}`], {
      cwd: tools,
      // GOTOOLCHAIN=local: never let `go install` fetch a different Go toolchain behind the user's back.
      env: { GOBIN: tools, GOTOOLCHAIN: 'local' },
      timeoutMs: options.timeoutMs ?? 600_000,
    });
    if (result.exitCode === 0) {
      steps.push({
        name: spec.name,
        action: 'installed',
        detail: `${spec.path}@${spec.version} -> ${join(tools, spec.bin)}`,
      });
    } else {
      const why = result.timedOut ? 'timed out' : result.stderr.trim().split('\n').slice(-5).join('\n');
      steps.push({ name: spec.name, action: 'failed', detail: `${check.install}\n${why}` });
    }
  }
  return steps;
}
