import { describe, expect, it } from 'vitest';
import { FaultInjector, NO_FAULTS } from '../../src/emulator/faults.js';
import { SEED_IDS, parseDuration, parseFaults } from '../../src/emulator/index.js';
import { harness } from './setup.js';

describe('parseFaults / parseDuration', () => {
  it('parses the documented spec', () => {
    expect(parseFaults('5xx=0.05,429=0.05,reset=0.02,latency=200ms')).toEqual({ p5xx: 0.05, p429: 0.05, pReset: 0.02, latencyMs: 200, rps: 0 });
    expect(parseFaults('rps=10')).toMatchObject({ rps: 10 });
    expect(parseFaults('')).toEqual(NO_FAULTS);
    expect(parseFaults('none')).toEqual(NO_FAULTS);
  });
  it.each(['5xx=2', 'bogus=1', '429', 'latency=fast', 'rps=1.5', '5xx=0.6,429=0.6'])('rejects %s', (spec) => {
    expect(() => parseFaults(spec)).toThrow();
  });
  it('parses durations', () => {
    expect(parseDuration('200ms')).toBe(200);
    expect(parseDuration('3s')).toBe(3000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('250')).toBe(250);
    expect(() => parseDuration('3 weeks')).toThrow();
  });
});

describe('fault injection', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const seq = (seed: number) => {
      const f = new FaultInjector(parseFaults('5xx=0.2,429=0.2,reset=0.2'), seed);
      return Array.from({ length: 50 }, () => JSON.stringify(f.decide('POST')));
    };
    expect(seq(7)).toEqual(seq(7));
    expect(seq(7)).not.toEqual(seq(8));
    const kinds = new Set(seq(7).map((s) => JSON.parse(s).kind));
    expect(kinds).toEqual(new Set(['none', 'error', 'throttle', 'reset']));
    // Both outcomes of a dropped mutation happen.
    const processed = new Set(seq(7).map((s) => JSON.parse(s)).filter((d) => d.kind === 'reset').map((d) => d.processed));
    expect(processed).toEqual(new Set([true, false]));
  });

  it('replays the same HTTP statuses with the same seed', async () => {
    const statuses = async (seed: number) => {
      const h = await harness({ faults: '5xx=0.3,429=0.3', faultSeed: seed });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await h.c.get('/server-groups')).status);
      return out;
    };
    const a = await statuses(42);
    expect(await statuses(42)).toEqual(a);
    expect(a).toContain(200);
    expect(a.some((s) => s === 500 || s === 503)).toBe(true);
    expect(a).toContain(429);
  });

  it('answers 5xx with an SDRS body and 429 with Retry-After and the gateway body', async () => {
    const h = await harness({ faults: '5xx=1' });
    const e = await h.c.get('/server-groups');
    expect([500, 503]).toContain(e.status);
    expect(e.body.error.code).toBe('SDRS.0006');
    await h.c.admin('PUT', '/config', { faults: '429=1' });
    const t = await h.c.get('/server-groups');
    expect(t.status).toBe(429);
    expect(Number(t.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(t.body.error_code).toBe('APIGW.0308');
  });

  it('a faulted request changes nothing; admin routes are never faulted', async () => {
    const h = await harness({ seed: 'demo', faults: '5xx=1' });
    const r = await h.c.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'stop-server-group': {} });
    expect(r.status).toBeGreaterThanOrEqual(500);
    const state = await h.c.admin('GET', '/state');
    expect(state.status).toBe(200);
    expect(state.body.world.groups[SEED_IDS.demoGroup].status).toBe('protected');
  });

  it('reset drops the connection; a dropped mutation may or may not have been applied', async () => {
    const h = await harness({ seed: 'demo', faults: 'reset=1', faultSeed: 3 });
    await expect(h.c.get('/server-groups')).rejects.toThrow();
    const applied: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      await h.c.admin('POST', '/reset', { seed: 'demo' });
      await expect(h.c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: `n${i}` } })).rejects.toThrow();
      applied.push((await h.c.admin('GET', '/state')).body.world.groups[SEED_IDS.demoGroup].name === `n${i}`);
    }
    expect(new Set(applied)).toEqual(new Set([true, false]));
  });

  it('rps=N throttles beyond N requests per second with 429', async () => {
    const h = await harness({ faults: 'rps=3' });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => h.c.get('/server-groups').then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('latency delays reads but not writes', async () => {
    const h = await harness({ seed: 'demo', faults: 'latency=400ms' });
    const t0 = Date.now();
    await h.c.get('/server-groups');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    const t1 = Date.now();
    await h.c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'x' } });
    expect(Date.now() - t1).toBeLessThan(390);
  });
});
