/** @module The environment of a lab run (bench-anchors §7.A) as stored with it: CPU, cores, kernel, toolchain and load-generator versions, GC settings, build profile, how busy the machine was; and the one-line description shown next to measured figures. Captured by runner/environment.ts. */

export type Environment = {
  captured_at: string;
  cpu_model: string;
  /** CPUs this process may use (cgroup/affinity aware). */
  cores: number;
  logical_cpus: number;
  /** Threads per core > 1 means SMT siblings share execution units. */
  threads_per_core: number | null;
  cpu_governor: string | null;
  /** cgroup v2 cpu.max ("max 100000" = unlimited). */
  cgroup_cpu_max: string | null;
  memory_gib: number;
  os: string;
  arch: string;
  kernel: string;
  /** 1-minute load average when the run started: a busy machine makes every figure noisier. */
  loadavg_1m: number;
  node_version: string;
  go_version: string | null;
  rustc_version: string | null;
  cargo_version: string | null;
  loadgen: string;
  loadgen_version: string | null;
  /** As the Go servers will see them: "default" when unset (GOGC=100, no memory limit). */
  gogc: string;
  gomemlimit: string;
  gomaxprocs: string;
  build_profile: { go: string; rust: string };
};

/** The build profile the manifest's commands use, stated as the research asks (§6.1: flags, LTO, strip). */
export const DEFAULT_BUILD_PROFILE = {
  go: 'go build -trimpath (CGO default, no -ldflags)',
  rust: 'cargo build --release (workspace [profile.release] settings)',
};

/**
 * One line naming the machine and the toolchains, shown next to measured figures.
 * @example
 * describeEnvironment(env); // 'Intel Xeon, 2 cores, Linux 6.1.0, go1.26.8, rustc 1.95.0, labload 3f2a9c1d0e4b5a67'
 */
export function describeEnvironment(env: Environment): string {
  return [
    env.cpu_model,
    `${env.cores} cores`,
    `${env.os === 'linux' ? 'Linux' : env.os} ${env.kernel}`,
    env.go_version,
    env.rustc_version?.split(' ').slice(0, 2).join(' '),
    env.loadgen_version ? `${env.loadgen} ${env.loadgen_version}` : null,
  ]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(', ');
}
