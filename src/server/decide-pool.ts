/** @module decide() off the server's event loop: a small pool of worker threads (decide-worker.ts), each holding the knowledge base, with a bounded queue and a time limit per decision, so health checks and other requests stay responsive while a large profile is decided. */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type DecideOptions,
  type Decision,
  decide,
  type InputProblem,
  type KnowledgeBase,
  type Profile,
  UserError,
} from '../core/index.ts';
import { packagePath } from '../io/paths.ts';
import { ProblemError } from './problem.ts';

export type DecideJob = { id: number; profile: Profile; options: DecideOptions };
export type DecideReply =
  | { id: number; ok: true; decision: Decision }
  | {
      id: number;
      ok: false;
      error: { name: string; message: string; problems?: unknown; stack?: string | undefined };
    };

/** Limits of the pool, documented in the README (`gorust serve`). */
export const DECIDE_POOL_DEFAULTS = {
  /** Worker threads; decide() is CPU-bound, so more than the cores only adds queueing. */
  workers: Math.max(1, Math.min(2, availableParallelism())),
  /** Decisions waiting for a worker before new ones get 503 (Retry-After). */
  maxQueued: 32,
  /** A decision of the largest allowed profile takes about 1 s; one taking this long is stopped (503). */
  timeoutMs: 30_000,
} as const;

export type DecidePoolOptions = Partial<{ workers: number; maxQueued: number; timeoutMs: number }>;

/** Something that decides: the pool, or decide() itself on the calling thread (tests, the CLI). */
export type Decider = {
  decide(profile: Profile, options: DecideOptions): Promise<Decision>;
  close(): Promise<void>;
};

/**
 * decide() on the calling thread, wrapped as a Decider.
 * @example
 * const decider = inlineDecider(kb);
 */
export function inlineDecider(kb: KnowledgeBase): Decider {
  return {
    decide: async (profile, options) => decide(profile, kb, options),
    close: async () => undefined,
  };
}

type Pending = {
  job: DecideJob;
  done: (decision: Decision) => void;
  fail: (error: unknown) => void;
};

type Slot = { worker: Worker; busy: Pending | null; timer: NodeJS.Timeout | null };

/** What a decision waiting in a closed pool answers: the server is stopping (503, not our bug). */
function stoppingError(): ProblemError {
  return new ProblemError(503, 'stopping', 'the server is stopping; retry once it is back');
}

/**
 * How to start a worker: dist/server/decide-worker.js when built (scripts/build-cli.ts); from source (tsx, vitest) a small bootstrap
 * that registers tsx's loader in the worker before importing decide-worker.ts.
 */
function workerStart(): { script: string; eval: boolean } {
  const here = fileURLToPath(import.meta.url);
  // Built, the server is a bundle whose code may sit in a chunk: the worker is its own entry of that build.
  if (!here.endsWith('.ts'))
    return { script: packagePath('dist', 'server', 'decide-worker.js'), eval: false };
  const api = pathToFileURL(
    join(dirname(here), '..', '..', 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs'),
  ).href;
  const entry = pathToFileURL(join(dirname(here), 'decide-worker.ts')).href;
  return {
    script: `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    eval: true,
  };
}

/**
 * A pool of worker threads running decide(). Workers start on first use and do not keep the process alive;
 * a worker that crashes or overruns its time limit is replaced.
 * @example
 * const pool = createDecidePool(kb);
 * const decision = await pool.decide(profile, { seed: 1 });
 * await pool.close();
 */
export function createDecidePool(kb: KnowledgeBase, options: DecidePoolOptions = {}): Decider {
  const size = options.workers ?? DECIDE_POOL_DEFAULTS.workers;
  const maxQueued = options.maxQueued ?? DECIDE_POOL_DEFAULTS.maxQueued;
  const timeoutMs = options.timeoutMs ?? DECIDE_POOL_DEFAULTS.timeoutMs;
  const start = workerStart();
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(start.script, { eval: start.eval, workerData: { kb } });
    worker.unref();
    const slot: Slot = { worker, busy: null, timer: null };
    worker.on('message', (reply: DecideReply) => finish(slot, reply));
    worker.on('error', (error) => lose(slot, error));
    worker.on('exit', (code) => lose(slot, new Error(`the decide worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  };

  /** A worker died or was stopped: fail its job, drop it, and let the queue start a new one. */
  const lose = (slot: Slot, error: unknown) => {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    const pending = slot.busy;
    slot.busy = null;
    pending?.fail(error);
    pump();
  };

  const finish = (slot: Slot, reply: DecideReply) => {
    const pending = slot.busy;
    if (pending === null || pending.job.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy = null;
    slot.worker.unref();
    if (reply.ok) pending.done(reply.decision);
    else if (reply.error.name === 'UserError') {
      pending.fail(new UserError(reply.error.message, (reply.error.problems ?? []) as InputProblem[]));
    } else {
      const error = new Error(`decide failed in its worker: ${reply.error.message}`);
      if (reply.error.stack !== undefined) error.stack = reply.error.stack;
      pending.fail(error);
    }
    pump();
  };

  const pump = () => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.busy === null) ?? (slots.length < size ? spawn() : undefined);
      if (slot === undefined) return;
      const pending = queue.shift() as Pending;
      slot.busy = pending;
      // A busy worker keeps the process alive until it answers; an idle one does not.
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        const stuck = slot.busy;
        slot.busy = null;
        stuck?.fail(
          new ProblemError(
            503,
            'unavailable',
            `deciding took longer than ${timeoutMs / 1000} s and was stopped`,
          ),
        );
        void slot.worker.terminate();
      }, timeoutMs);
      slot.timer.unref();
      slot.worker.postMessage(pending.job);
    }
  };

  return {
    decide(profile, decideOptions) {
      if (closed) return Promise.reject(stoppingError());
      const waiting = queue.length;
      if (waiting >= maxQueued) {
        return Promise.reject(
          new ProblemError(
            503,
            'unavailable',
            `the server is busy: ${waiting} decisions are waiting; retry shortly`,
          ),
        );
      }
      return new Promise<Decision>((done, fail) => {
        queue.push({ job: { id: nextId++, profile, options: decideOptions }, done, fail });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.fail(stoppingError());
      const stopped = slots.splice(0);
      for (const slot of stopped) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.busy?.fail(stoppingError());
        slot.busy = null;
      }
      await Promise.all(stopped.map((slot) => slot.worker.terminate()));
    },
  };
}
