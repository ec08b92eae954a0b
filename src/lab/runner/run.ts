/** @module runLab(): build what the chosen workloads need, record the environment, run each workload's steps (each stored as it completes), and leave nothing running whatever happens. */
import { join } from 'node:path';
import { UserError } from '../../core/index.ts';
import { openStore, type Store } from '../../store/db.ts';
import {
  createRun,
  finishRun,
  getRun,
  markOrphanedRuns,
  type RunMode,
  recordStep,
  type StoredRun,
} from '../../store/lab-runs.ts';
import { buildProgram } from './build.ts';
import { captureEnvironment } from './environment.ts';
import { ensureRemoteLoadgen, type LoadgenHost } from './loadgen.ts';
import {
  findWorkload,
  labCacheDir,
  loadManifest,
  type ManifestWorkload,
  modeParams,
  type PlaceholderValues,
  resolveProgram,
  workloadsDir,
} from './manifest.ts';
import { makeTempDir, removeTempDir, stopAllProcesses } from './process.ts';
import { startReaper } from './reaper.ts';
import {
  describeRemoteHost,
  type RemoteHostInfo,
  serverBindAddress,
  sshHostAddress,
} from './remote-hosts.ts';
import { copyServerBinary, type RemoteServers, type ServerHost } from './remote-server.ts';
import { findTool, LOADGEN_BIN, toolsDir } from './toolchain.ts';
import { loadWorkloadFile, manifestWorkloadOf } from './workload-file.ts';
import { RUNNERS } from './workloads/index.ts';
import { loadgenCpuList, serverCpuList } from './workloads/servers.ts';
import { serviceRunner } from './workloads/service.ts';
import { LabAbortedError, type LabPlan, type WorkloadContext } from './workloads/types.ts';

/** What the progress display shows: the current step, how far the run is and how long it should still take. */
export type LabProgress = {
  workload: string;
  label: string;
  /** Steps stored so far in this run. */
  steps: number;
  elapsed_s: number;
  /** Estimated total seconds of the run (builds excluded). */
  estimate_s: number;
};

export type RunLabOptions = {
  /** Default `standard`. */
  mode?: RunMode | undefined;
  dbPath?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: LabProgress) => void) | undefined;
  /** A team's workload file (`lab run --workload FILE`): its pair is measured instead of named workloads. */
  workloadFile?: string | undefined;
  /** Overrides of the plan (tests use shorter steps). */
  plan?: Partial<LabPlan> | undefined;
  manifestPath?: string | undefined;
  /**
   * `--loadgen ssh://...`: run labload on these hosts (the rate split between them, their records merged), with the
   * servers bound to this machine's address that reaches them instead of loopback.
   */
  loadgenHosts?: LoadgenHost[] | undefined;
  /**
   * `--server ssh://HOST`: the servers under test (http-json, gc-cache) run on that host, their locally built
   * binaries copied there (same CPU architecture), bound to the host's address as given.
   */
  serverHost?: LoadgenHost | undefined;
};

export type RunLabResult = { run: StoredRun; failures: string[] };

/**
 * The plan of a mode. `quick` (CI: every workload in about three minutes with builds cached) is indicative only: two
 * repeats cannot show a significant difference. `standard` (the default) measures one Go/Rust pair in at most 15
 * minutes on 2 cores with six interleaved repeats, enough for a 1.5x p99 difference to reach p < 0.05. `full` follows
 * bench-anchors §7: at least 10 interleaved repeats, at least 60 s per rate step after 15 s of warm-up.
 * @example
 * labPlan('quick').stepSeconds; // 3
 */
export function labPlan(mode: RunMode): LabPlan {
  const common = { mode, quick: mode === 'quick', threads: 1, sloP99Ms: 50, seed: 1 };
  if (mode === 'quick') {
    return {
      ...common,
      repeats: 2,
      stepSeconds: 3,
      warmupSeconds: 1,
      probeSeconds: 2,
      timeoutS: 5,
      maxWorkers: 256,
    };
  }
  if (mode === 'standard') {
    // 2 x 5 s probes + 6 x (2 x 3 s warm-up + 6 rungs x 2 languages x 10.5 s + 2 s of starts) = 814 s for http-json.
    return {
      ...common,
      repeats: 6,
      stepSeconds: 10,
      warmupSeconds: 3,
      probeSeconds: 5,
      timeoutS: 10,
      maxWorkers: 1024,
    };
  }
  return {
    ...common,
    repeats: 10,
    stepSeconds: 60,
    warmupSeconds: 15,
    probeSeconds: 10,
    timeoutS: 10,
    maxWorkers: 1024,
  };
}

/**
 * Mark runs whose lab process died without finishing them as interrupted (called before listing or running).
 * @example
 * reconcileRuns(db);
 */
export function reconcileRuns(db: Store): number {
  return markOrphanedRuns(db, isAlive);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Run the named workloads and store every step as it completes. Returns the stored run; an interrupted run is
 * kept (status `interrupted`) with the steps it measured, then a LabAbortedError is thrown.
 * @example
 * const { run } = await runLab(['http-json', 'boundary'], { mode: 'quick' });
 */
export async function runLab(names: string[], options: RunLabOptions = {}): Promise<RunLabResult> {
  const file = options.workloadFile ? loadWorkloadFile(options.workloadFile) : null;
  if (file && names.length > 0)
    throw new UserError("--workload measures the file's pair alone: name no built-in workload with it");
  if (names.length === 0 && !file)
    throw new UserError(
      'name at least one workload (for example: http-json boundary) or give --workload FILE',
    );
  const plan: LabPlan = {
    ...labPlan(options.mode ?? 'standard'),
    ...(file ? { sloP99Ms: file.spec.slo.p99_ms } : {}),
    ...(options.plan ?? {}),
  };
  const manifest = loadManifest(options.manifestPath);
  const chosen = file
    ? [{ workload: manifestWorkloadOf(file), runner: serviceRunner(file) }]
    : [...new Set(names)].map((name) => {
        const workload = findWorkload(manifest, name);
        const runner = RUNNERS[name];
        if (!runner)
          throw new UserError(`workload "${name}" is in the manifest but gorust has no runner for it`);
        return { workload, runner };
      });
  const loadgen = findTool(LOADGEN_BIN);
  if (!loadgen)
    throw new UserError(
      'the load generator (labload) is not installed: run `gorust lab setup` (see `gorust lab doctor`)',
    );

  const remotes = options.loadgenHosts?.length ? options.loadgenHosts : undefined;
  if (remotes && file) {
    const missing = (['go', 'rust'] as const).filter((lang) => {
      const run = file.spec.programs[lang]?.run;
      return run !== undefined && !run.some((a) => a.includes('{host}'));
    });
    if (missing.length > 0)
      throw new UserError(
        `with --loadgen the programs must bind the address the generators reach: put "{host}" in the run command of ${missing.join(' and ')} (for example --listen "{host}:{port}")`,
      );
  }
  // Reach every generator host before anything is built: who it is, same architecture, and the address to bind.
  let remoteInfo: RemoteHostInfo[] = [];
  let serverHost: string | undefined;
  if (options.serverHost && file)
    throw new UserError(
      '--server runs the built-in workloads (http-json, gc-cache) on another host; a --workload file is not supported there yet',
    );
  let serverInfo: RemoteHostInfo | undefined;
  let remoteServer: ServerHost | undefined;
  if (options.serverHost) {
    serverInfo = await describeRemoteHost(options.serverHost);
    const bindIp = await sshHostAddress(options.serverHost);
    remoteServer = {
      host: options.serverHost,
      bindIp,
      sameMachine: serverInfo.same_machine,
      cores: serverInfo.cores,
    };
    serverHost = bindIp;
  }
  if (remotes) {
    remoteInfo = await Promise.all(remotes.map((h) => describeRemoteHost(h)));
    if (!remoteServer) serverHost = (await serverBindAddress(remotes)) ?? undefined;
  }

  const signal = options.signal ?? new AbortController().signal;
  const cache = labCacheDir();
  const values: PlaceholderValues = {
    bin: join(cache, 'bin'),
    cargo_target: join(cache, 'cargo-target'),
    tools: toolsDir(),
    workloads: file ? file.dir : workloadsDir(),
    threads: plan.threads,
  };
  const started = Date.now();
  const estimate = chosen.reduce((sum, c) => sum + c.runner.estimateSeconds(plan), 0);
  let stepCount = 0;
  const report = (workload: string, label: string) =>
    options.onProgress?.({
      workload,
      label,
      steps: stepCount,
      elapsed_s: (Date.now() - started) / 1000,
      estimate_s: estimate,
    });

  const reaper = startReaper();
  const db = openStore(options.dbPath);
  let tempDir: string | null = null;
  let runId: string | null = null;
  const failures: string[] = [];
  try {
    const valuesOf = (workload: ManifestWorkload): PlaceholderValues => ({
      ...values,
      ...modeParams(workload, plan.quick),
    });
    // The build workload times its own builds in a scratch copy; its manifest programs are not lab programs.
    const programNames = (workload: ManifestWorkload) =>
      workload.kind === 'build' ? [] : Object.keys(workload.programs);
    for (const { workload } of chosen) {
      for (const name of programNames(workload)) {
        const program = resolveProgram(workload, name, valuesOf(workload), { partial: true });
        if (program.build.length === 0) continue;
        report(workload.name, `building ${workload.name}/${name}`);
        await buildProgram(workload.name, program, {
          workloadsDir: values.workloads,
          stampDir: join(cache, 'stamps'),
          signal,
        });
        if (signal.aborted) throw new LabAbortedError('lab run interrupted during the builds');
      }
    }
    if (remotes) {
      report(chosen[0]?.workload.name ?? '', 'installing labload on the generator hosts');
      await Promise.all(remotes.map((h) => ensureRemoteLoadgen(h, loadgen)));
    }
    // --server: copy the built servers of the workloads that load one (the others keep theirs here).
    let serverRemote: RemoteServers | undefined;
    if (remoteServer) {
      const server = remoteServer;
      report(chosen[0]?.workload.name ?? '', `copying the servers to ${server.host.url}`);
      const binaries: Record<string, string> = {};
      for (const { workload } of chosen) {
        if (workload.name !== 'http-json' && workload.name !== 'gc-cache') continue;
        for (const name of programNames(workload)) {
          const exec = resolveProgram(workload, name, valuesOf(workload), { partial: true }).exec;
          binaries[exec] ??= await copyServerBinary(server.host, exec);
        }
      }
      serverRemote = { server, binaries };
    }
    report(chosen[0]?.workload.name ?? '', 'recording the environment');
    // Provenance (bench-anchors §7.A/B): the plan, the CPUs the servers were pinned to and those the load generator was pinned to.
    const environment = {
      ...(await captureEnvironment(
        file
          ? {
              buildProfile: {
                go: (file.spec.programs.go?.build ?? []).map((c) => c.join(' ')).join(' && ') || 'none',
                rust: (file.spec.programs.rust?.build ?? []).map((c) => c.join(' ')).join(' && ') || 'none',
              },
            }
          : {},
      )),
      plan,
      server_cpus: serverCpuList(plan.threads),
      loadgen_cpus: loadgenCpuList(plan.threads),
      // Generators on other hosts (--loadgen): each host as it described itself, and the address the servers bound.
      ...(remotes ? { loadgen_hosts: remoteInfo } : {}),
      ...(serverInfo ? { server_host: serverInfo } : {}),
      ...(remotes || serverInfo ? { server_addr: serverHost ?? '127.0.0.1' } : {}),
      // What a team's run measured: the file and the hash of its content when the run was made.
      ...(file ? { service: { name: file.spec.name, file: file.path, sha256: file.sha256 } } : {}),
    };
    reconcileRuns(db);
    const run = createRun(db, {
      mode: plan.mode,
      workloads: chosen.map((c) => c.workload.name),
      environment: environment as unknown as Record<string, unknown>,
      pid: process.pid,
    });
    runId = run.id;
    tempDir = makeTempDir('lab');
    for (const { workload, runner } of chosen) {
      if (signal.aborted) throw new LabAbortedError('lab run interrupted');
      const programs = Object.fromEntries(
        programNames(workload).map((name) => [
          name,
          resolveProgram(workload, name, valuesOf(workload), { partial: true }),
        ]),
      );
      const context: WorkloadContext = {
        plan,
        workload,
        programs,
        resolve: (name, extra = {}) => resolveProgram(workload, name, { ...valuesOf(workload), ...extra }),
        workloadsDir: values.workloads,
        loadgen,
        ...(remotes ? { remotes } : {}),
        ...(serverHost ? { serverHost } : {}),
        ...(serverRemote && (workload.name === 'http-json' || workload.name === 'gc-cache')
          ? { serverRemote }
          : {}),
        tempDir,
        signal,
        record: (step) => {
          // A step that ends after Ctrl-C was cut short (its servers were stopped): only finished steps are stored.
          if (signal.aborted) return;
          recordStep(db, run.id, step);
          stepCount += 1;
        },
        progress: (label) => report(workload.name, label),
      };
      try {
        await runner.run(context);
      } catch (error) {
        if (error instanceof LabAbortedError || signal.aborted) {
          throw new LabAbortedError('lab run interrupted', run.id);
        }
        // One broken workload must not cost the others: record why, go on, and mark the run failed at the end.
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${workload.name}: ${message}`);
        context.record({
          workload: workload.name,
          lang: '',
          variant: '',
          kind: 'error',
          repeat: 0,
          valid: false,
          reasons: [message],
          metrics: {},
          started_at: new Date().toISOString(),
          duration_ms: 0,
        });
      } finally {
        await stopAllProcesses();
      }
    }
    finishRun(db, run.id, failures.length > 0 ? 'failed' : 'completed', failures.join('; ') || undefined);
    const stored = getRun(db, run.id);
    if (!stored) throw new Error(`run ${run.id} vanished from the store`);
    return { run: stored, failures };
  } catch (error) {
    if (runId) {
      const aborted = error instanceof LabAbortedError || signal.aborted;
      finishRun(
        db,
        runId,
        aborted ? 'interrupted' : 'failed',
        error instanceof Error ? error.message : String(error),
      );
    }
    if (error instanceof LabAbortedError || signal.aborted) {
      throw new LabAbortedError('lab run interrupted', runId ?? undefined);
    }
    throw error;
  } finally {
    await stopAllProcesses();
    if (tempDir) removeTempDir(tempDir);
    reaper.stop();
    db.close();
  }
}
