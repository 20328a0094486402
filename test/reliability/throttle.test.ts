/**
 * Throttling: the emulator answers 429 (Retry-After: 1) beyond N requests per
 * second. Many `sdrs job wait` processes watching at once must all finish
 * (no request fails for good) by slowing down as the service asks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS, startWorld, summary, type World } from './helpers.js';

const WATCHERS = 15;
const RPS = 8;

let w: World;
beforeAll(async () => {
  w = await startWorld({ seed: 'empty' });
});
afterAll(async () => {
  await w?.stop();
});

describe('throttling', () => {
  it(`${WATCHERS} watchers against rps=${RPS}: every job seen to its end, sdrs waits as asked`, { timeout: 120_000 }, async () => {
    await w.admin('PUT', '/config', { job_duration: '8s', faults: null });
    const jobs: string[] = [];
    for (let i = 0; i < WATCHERS; i++) {
      const r = await w.client.post('/server-groups', {
        server_group: { name: `thr-${i}`, source_availability_zone: LOCAL_AZ, target_availability_zone: REMOTE_AZ, domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
      });
      expect(r.status).toBe(200);
      jobs.push(r.body.job_id);
    }
    await w.admin('PUT', '/config', { faults: `rps=${RPS}` });
    await w.admin('DELETE', '/faults');
    await w.admin('DELETE', '/counters');

    const started = Date.now();
    const results = await Promise.all(
      jobs.map((id) => runSdrs(['job', 'wait', id, '--interval', '200ms', '--timeout', '90s', '--debug'], { env: w.env, timeoutMs: 100_000 })),
    );
    const seconds = (Date.now() - started) / 1000;
    const faults = await w.admin('GET', '/faults');
    const counters = await w.admin('GET', '/counters');
    await w.admin('PUT', '/config', { faults: null });

    for (const [i, r] of results.entries()) {
      expect(r.code, `watcher ${i}: ${r.stderr.slice(-2000)}`).toBe(0);
      expect(r.stderr).toContain(`Job ${jobs[i]} finished: SUCCESS`);
      expect(r.stderr).not.toMatch(/^error:/m);
    }
    // The service did throttle, and every throttled request was retried no sooner than Retry-After.
    expect(faults.injected.throttle_rps).toBeGreaterThan(0);
    let throttled = 0;
    for (const r of results) {
      const lines = r.stderr.split('\n');
      lines.forEach((l, i) => {
        if (!/^\[debug\] ← 429 /.test(l)) return;
        throttled++;
        const next = lines.slice(i + 1).find((x) => /^\[debug\] (retry \d|→ )/.test(x));
        // Either the transport retries after exactly Retry-After, or (retries used up) the watcher backs off.
        if (next?.startsWith('[debug] retry')) expect(Number(/in (\d+) ms/.exec(next)![1]), next).toBeGreaterThanOrEqual(1000);
      });
    }
    expect(throttled).toBe(faults.injected.throttle_rps);
    // Frugal and slowed down: the service never saw more than it allows on average.
    const accepted = counters.total - faults.injected.throttle_rps;
    expect(accepted / seconds).toBeLessThanOrEqual(RPS);
    summary(
      `throttle: ${WATCHERS} concurrent 'sdrs job wait' against rps=${RPS}: ${counters.total} requests, ${faults.injected.throttle_rps} answered 429 ` +
        `and retried after Retry-After, ${accepted} served (${(accepted / seconds).toFixed(1)}/s) in ${seconds.toFixed(1)}s; failed watchers: 0`,
    );
  });
});
