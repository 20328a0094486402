/**
 * The deadline reaches the transport (issue 14, item 6): under `withDeadline` every
 * attempt gets at most the time left, and a retry whose Retry-After or backoff would
 * end past the deadline is not waited for; the error goes back to the waiter at once.
 * The waiter runs each check under its own deadline and reports the last failure.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../src/errors.js';
import { currentDeadline, withDeadline } from '../../src/util/deadline.js';
import { waitFor } from '../../src/watch/waiter.js';
import { makeClient } from './helpers.js';
import { useStubs } from './stub-server.js';

const stub = useStubs();
const GROUP = { id: 'g-1', name: 'web', status: 'available' };

describe('the transport under a deadline', () => {
  it('a 429 whose Retry-After passes the deadline is not retried: one request, the asked pause reported', async () => {
    const s = await stub([{ status: 429, headers: { 'retry-after': '3600' }, body: { error_code: 'APIGW.0308', error_msg: 'throttled' } }]);
    const { api, sleeps, debug } = makeClient(s.url);
    const err = await withDeadline(Date.now() + 2_000, () => api.getGroup('g-1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).details).toMatchObject({ retry_after_ms: 60_000, retry_after_requested_ms: 3_600_000 });
    expect(s.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(debug.join('\n')).toMatch(/no retry of GET .*: the 60000 ms wait would pass the deadline/);
  });

  it('without a deadline the same 429 is retried as before (the limit, 60 s each)', async () => {
    const s = await stub([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const { api, sleeps } = makeClient(s.url);
    await expect(api.getGroup('g-1')).rejects.toBeInstanceOf(ApiError);
    expect(sleeps).toEqual([60_000, 60_000, 60_000, 60_000]);
  });

  it('a Retry-After that fits in the time left is waited out and retried', async () => {
    const s = await stub([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200, body: { server_group: GROUP } }]);
    const { api, sleeps } = makeClient(s.url);
    await expect(withDeadline(Date.now() + 5_000, () => api.getGroup('g-1'))).resolves.toMatchObject({ id: 'g-1' });
    expect(sleeps).toEqual([1_000]);
  });

  it('headers and then silence: the attempt is cut at the deadline, not at the 5 s request timeout', async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { api } = makeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const t0 = Date.now();
      const err = await withDeadline(t0 + 1_000, () => api.getGroup('g-1')).catch((e: unknown) => e);
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect(err).toBeInstanceOf(NetworkError);
      expect(err).toMatchObject({ code: 'DEADLINE', details: { deadline: true, sent_at: expect.any(String), headers_at: expect.any(String) } });
      expect((err as Error).message).toMatch(/GET \/v1\/.*\/server-groups\/g-1 got the response headers and then no body in the \d+ ms left before the deadline/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('a deadline already passed: nothing is sent', async () => {
    const s = await stub([{ status: 200, body: { server_group: GROUP } }]);
    const { api } = makeClient(s.url);
    await expect(withDeadline(Date.now() - 1, () => api.getGroup('g-1'))).rejects.toMatchObject({ code: 'DEADLINE', details: { not_sent: true } });
    expect(s.seen).toHaveLength(0);
  });

  it('waiting for a free connection ends at the deadline too', async () => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const server = http.createServer((req, res) => {
      void held.then(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ server_group: GROUP })));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { api } = makeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { maxInFlight: 1 });
      const holder = api.getGroup('g-1'); // no deadline: holds the only slot
      const t0 = Date.now();
      await expect(withDeadline(t0 + 300, () => api.getGroup('g-1'))).rejects.toThrow(/was not sent: the deadline passed while it waited for a free connection/);
      expect(Date.now() - t0).toBeLessThan(2_000);
      release();
      await expect(holder).resolves.toMatchObject({ id: 'g-1' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('an enclosing earlier deadline wins', async () => {
    const at = Date.now() + 1_000;
    await withDeadline(at, () => withDeadline(at + 5_000, async () => expect(currentDeadline()).toBe(at)));
    expect(currentDeadline()).toBeUndefined();
  });
});

describe('the waiter', () => {
  it('runs each check under its deadline and reports the last failure with a TIMEOUT', async () => {
    let now = 1_000_000;
    const seen: (number | undefined)[] = [];
    const boom = new NetworkError('no answer');
    const res = await waitFor(
      { maxWaitMs: 5_000, minDelayMs: 1_000, now: () => now, sleep: async (ms) => void (now += ms), random: () => 0.5, isTransient: () => true },
      async () => {
        seen.push(currentDeadline());
        now += 10;
        throw boom;
      },
    );
    expect(res.state).toBe('TIMEOUT');
    expect(new Set(seen)).toEqual(new Set([1_005_000]));
    expect(res.lastError).toBe(boom);
    expect(res.lastErrorAt).toBeGreaterThan(1_000_000);
  });

  it('a successful check clears the last failure', async () => {
    let now = 0;
    let n = 0;
    const res = await waitFor(
      { maxWaitMs: 3_000, minDelayMs: 500, now: () => now, sleep: async (ms) => void (now += ms), random: () => 0.5, isTransient: () => true },
      async () => {
        if (++n === 1) throw new NetworkError('once');
        return { state: 'RETRY' as const, value: n };
      },
    );
    expect(res).toMatchObject({ state: 'TIMEOUT', value: n });
    expect(res.lastError).toBeUndefined();
  });
});
