/** @module The worker thread of the decide pool (decide-pool.ts): receives the knowledge base once, then decides one profile per message, off the server's event loop. */
import { parentPort, workerData } from 'node:worker_threads';
import { decide, type KnowledgeBase } from '../core/index.ts';
import type { DecideJob, DecideReply } from './decide-pool.ts';

const kb = (workerData as { kb: KnowledgeBase }).kb;

parentPort?.on('message', (job: DecideJob) => {
  let reply: DecideReply;
  try {
    reply = { id: job.id, ok: true, decision: decide(job.profile, kb, job.options) };
  } catch (error) {
    const e = error as Error & { problems?: unknown };
    reply = {
      id: job.id,
      ok: false,
      error: { name: e.name, message: e.message, problems: e.problems, stack: e.stack },
    };
  }
  parentPort?.postMessage(reply);
});
