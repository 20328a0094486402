import { describe, expect, it } from 'vitest';
import { FaultInjector, NO_FAULTS } from '../../src/emulator/faults.js';
import { SEED_IDS, formatFaults, parseDuration, parseFaults } from '../../src/emulator/index.js';
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
    expect(parseDuration('1m30s')).toBe(90_000); // the CLI's grammar: compounds too
    expect(parseDuration(' 2S ')).toBe(2000);
    expect(parseDuration('200 ms')).toBe(200); // accepted before the grammars were merged
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

describe('read/write rates, queued faults and statistics', () => {
  it('parses read.* and write.* overrides; unset rates inherit the base', () => {
    const f = parseFaults('5xx=0.01,write.429=0.2,read.reset=0.05,latency=10ms');
    expect(f.write).toEqual({ p5xx: 0.01, p429: 0.2, pReset: 0 });
    expect(f.read).toEqual({ p5xx: 0.01, p429: 0, pReset: 0.05 });
    expect(parseFaults(formatFaults(f))).toEqual(f);
    expect(formatFaults(f)).toBe('5xx=0.01,latency=10ms,read.reset=0.05,write.429=0.2');
    expect(parseFaults('5xx=0.1')).toEqual({ p5xx: 0.1, p429: 0, pReset: 0, latencyMs: 0, rps: 0 });
  });
  it.each(['post.5xx=0.1', 'write.latency=1s', 'write.5xx=0.6,write.429=0.6', 'read.5xx=2'])('rejects %s', (spec) => {
    expect(() => parseFaults(spec)).toThrow();
  });

  it('applies write rates to mutations and read rates to GETs', () => {
    const f = new FaultInjector(parseFaults('write.5xx=1'), 1);
    expect(f.decide('GET').kind).toBe('none');
    expect(f.decide('POST')).toMatchObject({ kind: 'error' });
    expect(f.decide('DELETE')).toMatchObject({ kind: 'error' });
    expect(f.stats).toMatchObject({ error: 2, by_method: { POST: { error: 1 }, DELETE: { error: 1 } } });
  });

  it('without overrides, draws exactly as before (same seed, same sequence)', () => {
    const a = new FaultInjector(parseFaults('5xx=0.2,429=0.2,reset=0.2'), 7);
    const b = new FaultInjector({ p5xx: 0.2, p429: 0.2, pReset: 0.2, latencyMs: 0, rps: 0 }, 7);
    const seq = (f: FaultInjector) => Array.from({ length: 40 }, (_, i) => JSON.stringify(f.decide(i % 3 ? 'GET' : 'POST')));
    expect(seq(a)).toEqual(seq(b));
  });

  it('queued faults hit the next matching request only, before the dice', async () => {
    const h = await harness({ seed: 'demo' });
    const q = await h.c.admin('POST', '/faults/next', { fault: '503', method: 'POST', path: '/action', count: 2 });
    expect(q.body.queued).toEqual([{ fault: '503', method: 'POST', path: '/action' }, { fault: '503', method: 'POST', path: '/action' }]);
    expect((await h.c.get('/server-groups')).status).toBe(200);
    expect((await h.c.post('/server-groups', {})).status).toBe(400); // no match: the real answer
    const stop = () => h.c.post(`/server-groups/${SEED_IDS.demoGroup}/action`, { 'stop-server-group': {} });
    expect((await stop()).status).toBe(503);
    expect((await stop()).status).toBe(503);
    expect((await stop()).status).toBe(200);
    await h.c.admin('POST', '/faults/next', { fault: '429', retry_after: 2 });
    const t = await h.c.get('/server-groups');
    expect(t.status).toBe(429);
    expect(t.headers.get('retry-after')).toBe('2');
    const s = await h.c.admin('GET', '/faults');
    expect(s.body).toMatchObject({ faults: 'none', queued: [], injected: { error: 2, throttle: 1, by_method: { POST: { error: 2 }, GET: { throttle: 1 } } } });
    expect((await h.c.admin('DELETE', '/faults')).body.injected).toMatchObject({ error: 0, throttle: 0, by_method: {} });
    expect((await h.c.admin('POST', '/faults/next', { fault: '418' })).status).toBe(400);
    expect((await h.c.admin('POST', '/faults/next', { fault: '500', count: 0 })).status).toBe(400);
  });

  it('reset-after processes a mutation, then drops the connection; reset-before does not process it', async () => {
    const h = await harness({ seed: 'demo' });
    const name = () => h.c.admin('GET', '/state').then((r) => r.body.world.groups[SEED_IDS.demoGroup].name);
    await h.c.admin('POST', '/faults/next', { fault: 'reset-before', method: 'PUT' });
    await expect(h.c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'before' } })).rejects.toThrow();
    expect(await name()).toBe('demo-erp');
    await h.c.admin('POST', '/faults/next', { fault: 'reset-after', method: 'PUT' });
    await expect(h.c.put(`/server-groups/${SEED_IDS.demoGroup}`, { server_group: { name: 'after' } })).rejects.toThrow();
    expect(await name()).toBe('after');
    expect((await h.c.admin('GET', '/faults')).body.injected).toMatchObject({ reset: 1, reset_processed: 1 });
  });
});
