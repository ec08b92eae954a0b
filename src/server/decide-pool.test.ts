/** @module Tests of the decide pool: decisions off the event loop equal the core's, a failing job is reported and the pool goes on, the queue is bounded, closing answers 503, and the server answers health checks quickly while a large allowed profile is decided. */
import { describe, expect, it } from 'vitest';
import { decide, PROFILE_CAPS, type Profile, parseProfileValue } from '../core/index.ts';
import { makeApp, PROFILE, postJson, testKb } from './app.test-helpers.ts';
import { createDecidePool } from './decide-pool.ts';
import { serveApp } from './serve.ts';

/** The largest profile the caps allow in components, each calling 50 others: about 1 s of decide() on one core. */
function largeProfile(): Profile {
  const n = PROFILE_CAPS.maxComponents;
  const components = Array.from({ length: n }, (_, i) => ({
    name: `svc-${i}`,
    role: 'api',
    calls: Array.from({ length: 50 }, (_, j) => ({ to: `svc-${(i + j + 1) % n}`, per_request: 1 })),
  }));
  return parseProfileValue({ ...PROFILE, components });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

describe('createDecidePool', () => {
  it('decides in a worker exactly as the core does, survives a failing job, and refuses work past its queue (503)', async () => {
    const pool = createDecidePool(testKb(), { workers: 1, maxQueued: 1 });
    try {
      expect(await pool.decide(PROFILE, { seed: 3, samples: 300 })).toEqual(
        decide(PROFILE, testKb(), { seed: 3, samples: 300 }),
      );
      await expect(pool.decide(null as unknown as Profile, {})).rejects.toThrow(
        /decide failed in its worker/,
      );
      const first = pool.decide(PROFILE, { samples: 100 });
      const second = pool.decide(PROFILE, { samples: 100 });
      await expect(pool.decide(PROFILE, { samples: 100 })).rejects.toMatchObject({ status: 503 });
      expect((await Promise.all([first, second])).map((d) => d.verdict)).toEqual(['go', 'go']);
    } finally {
      await pool.close();
    }
  });
});

describe('closing the decide pool', () => {
  it('answers the decisions running, waiting and asked after with 503 stopping (a problem, not an internal error)', async () => {
    const pool = createDecidePool(testKb(), { workers: 1, maxQueued: 4 });
    const runningAndWaiting = Promise.allSettled([
      pool.decide(PROFILE, { samples: 100 }),
      pool.decide(PROFILE, { samples: 100 }),
    ]);
    await pool.close();
    const stopping = {
      status: 'rejected',
      reason: expect.objectContaining({ status: 503, kind: 'stopping' }),
    };
    expect(await runningAndWaiting).toEqual([stopping, stopping]);
    await expect(pool.decide(PROFILE, {})).rejects.toMatchObject({ status: 503, kind: 'stopping' });
  });
});

describe('the server while a large profile is decided', () => {
  /** Health-check latencies (ms) measured one after another while POST /api/decide of `profile` runs; and when it ended. */
  async function probeDuring() {
    const { app } = makeApp();
    const running = await serveApp(app, { host: '127.0.0.1', port: 0 });
    try {
      // Warm the pool (a worker's first start loads the core) so the probe measures deciding, not start-up.
      await fetch(`${running.url}/api/decide?samples=100`, postJson(PROFILE));
      let finished = 0;
      const big = fetch(`${running.url}/api/decide`, postJson(largeProfile())).then(async (res) => {
        finished = performance.now();
        return res.status;
      });
      await new Promise((wait) => setTimeout(wait, 50));
      const probes: { ms: number; end: number }[] = [];
      while (finished === 0 && probes.length < 200) {
        const start = performance.now();
        const res = await fetch(`${running.url}/api/health`);
        await res.arrayBuffer();
        probes.push({ ms: performance.now() - start, end: performance.now() });
      }
      expect(await big).toBe(200);
      return { probes, finished };
    } finally {
      await running.close();
    }
  }

  it('answers health checks within 200 ms while deciding in the pool', async () => {
    const { probes, finished } = await probeDuring();
    const during = probes.filter((p) => p.end < finished).map((p) => p.ms);
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(median(during)).toBeLessThan(200);
    expect(Math.max(...during)).toBeLessThan(1000);
  }, 60_000);
});
