/** The client keeps at most maxInFlight requests open at once; queued callers can be interrupted. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { MAX_IN_FLIGHT } from '../../src/api/transport.js';
import { createLimiter } from '../../src/util/pool.js';
import { makeClient } from './helpers.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
});

/** A server that holds every request `holdMs` and records the most it had open at once. */
async function slowServer(holdMs: number) {
  const stats = { open: 0, peak: 0, total: 0 };
  const server = http.createServer((req, res) => {
    stats.total++;
    stats.peak = Math.max(stats.peak, ++stats.open);
    req.resume();
    setTimeout(() => {
      stats.open--;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ server_group: { id: req.url!.split('/').pop(), name: 'g', status: 'protected' } }));
    }, holdMs);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stats };
}

const id = (i: number) => i.toString(16).padStart(32, '0');

describe('requests in flight', () => {
  it(`at most ${MAX_IN_FLIGHT} by default, every request answered`, async () => {
    const s = await slowServer(30);
    const { api } = makeClient(s.url);
    const groups = await Promise.all(Array.from({ length: 40 }, (_, i) => api.getGroup(id(i))));
    expect(groups.map((g) => g.id)).toEqual(Array.from({ length: 40 }, (_, i) => id(i)));
    expect(s.stats.total).toBe(40);
    expect(s.stats.peak).toBe(MAX_IN_FLIGHT);
  });

  it('maxInFlight sets the bound', async () => {
    const s = await slowServer(20);
    const { api } = makeClient(s.url, { maxInFlight: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => api.getGroup(id(i))));
    expect(s.stats.peak).toBe(3);
  });

  it('a caller still waiting for its turn is interrupted by Ctrl-C and never sends', async () => {
    const s = await slowServer(300);
    const ac = new AbortController();
    const { api } = makeClient(s.url, { maxInFlight: 1, signal: ac.signal });
    const first = api.getGroup(id(1)).catch((e: unknown) => e);
    const second = api.getGroup(id(2)).catch((e: unknown) => e);
    // Ctrl-C once the first is in flight (a fixed delay can pass before it even leaves on a busy machine).
    while (s.stats.total < 1) await new Promise((r) => setTimeout(r, 5));
    ac.abort('SIGINT');
    expect(await second).toBeInstanceOf(InterruptedError);
    await first;
    expect(s.stats.total).toBe(1);
  });
});

describe('createLimiter', () => {
  it('runs tasks in order of arrival, never more than max at once', async () => {
    const limit = createLimiter(2);
    let open = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limit(async () => {
      peak = Math.max(peak, ++open);
      order.push(i);
      await new Promise((r) => setTimeout(r, 5));
      open--;
    })));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('a waiter that is aborted leaves the queue at once, while the running task goes on; the next caller gets its turn', async () => {
    const limit = createLimiter(1);
    let finish!: () => void;
    const running = limit(() => new Promise<string>((r) => (finish = () => r('first')))); // ignores any signal
    const ac = new AbortController();
    const queued = limit(async () => 'never', ac.signal);
    const after = limit(async () => 'third');
    ac.abort(new Error('stop'));
    await expect(queued).rejects.toThrow('stop');
    finish();
    expect(await running).toBe('first');
    expect(await after).toBe('third');
  });

  it('a finishing task hands its slot to the oldest waiter: a newcomer does not overtake the queue', async () => {
    const limit = createLimiter(1);
    const order: string[] = [];
    let finish!: () => void;
    const a = limit(() => new Promise<void>((r) => (finish = r)));
    const b = limit(async () => {
      order.push('b');
    });
    finish();
    await Promise.resolve(); // the slot is released here; c arrives in the same turn as b's wake-up
    const c = limit(async () => {
      order.push('c');
    });
    await Promise.all([a, b, c]);
    expect(order).toEqual(['b', 'c']);
  });

  it('a failing task frees its turn', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await limit(async () => 'next')).toBe('next');
  });

  it('rejects a bad bound', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
