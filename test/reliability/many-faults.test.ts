/**
 * One multi-group reverse under read faults. Its frugal reads (bulk pre-flight listings,
 * batched group listings, job reads gated on the group) must survive 5xx, 429 and dropped
 * connections like the plain per-group reads did: every group reversed, each exactly once,
 * exit 0, and still about one job read per group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { summary, startWorld, type World } from './helpers.js';

const GROUPS = 24;
const FAULTS = '5xx=0.08,429=0.08,reset=0.08,latency=20ms,write.5xx=0,write.429=0,write.reset=0';

let w: World;
beforeAll(async () => {
  w = await startWorld({ seed: 'empty', jobDurationMs: 1500, faultSeed: 20261125 });
});
afterAll(async () => {
  await w?.stop();
});

describe('multi-group reverse under read faults', () => {
  it(`${GROUPS} groups at once: all reversed once, exit 0`, { timeout: 120_000 }, async () => {
    const seeded = await w.admin('POST', '/groups', { name: 'mf', count: GROUPS });
    const names: string[] = seeded.server_groups.map((g: { name: string }) => g.name);
    await w.admin('PUT', '/config', { faults: FAULTS, fault_seed: 20261125 });
    await w.admin('DELETE', '/faults');
    await w.admin('DELETE', '/counters');
    const r = await runSdrs(['group', 'reverse', ...names, '--to', 'target', '--yes', '--concurrency', String(GROUPS), '--json'], { env: w.env, timeoutMs: 110_000 });
    const faults = await w.admin('GET', '/faults');
    const counters = await w.admin('GET', '/counters');
    await w.admin('PUT', '/config', { faults: null });
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results).toHaveLength(GROUPS);
    for (const x of results) expect(x).toMatchObject({ result: 'reversed', status: 'protected', priority_station: 'target', exit_code: 0 });
    const world = await w.state();
    const reverses = Object.values(world.jobs as Record<string, any>).filter((j) => j.type === 'reverseProtectionGroupNoCG');
    expect(reverses).toHaveLength(GROUPS);
    expect(new Set(reverses.map((j) => j.entities.server_group_id)).size).toBe(GROUPS);
    // The faults hit the reads this path depends on.
    const get = faults.injected.by_method.GET ?? {};
    expect((get.error ?? 0) + (get.throttle ?? 0) + (get.reset ?? 0)).toBeGreaterThan(0);
    // Frugal even so: job reads stay near one per group (retries of failed reads included).
    const jobReads = counters.routes['GET /v1/{project_id}/jobs/{job_id}'] ?? 0;
    expect(jobReads).toBeLessThan(GROUPS * 2);
    summary(
      `many-faults: ${GROUPS} groups in one reverse under read faults (${get.error ?? 0} 5xx, ${get.throttle ?? 0} 429, ${get.reset ?? 0} resets on GETs): ` +
        `all reversed once, exit 0; ${counters.total} requests (${(counters.total / GROUPS).toFixed(1)} per group), ${jobReads} job reads`,
    );
  });
});
