import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, UnknownOutcomeError } from '../../src/errors.js';
import { makeClient } from './helpers.js';
import { PROJECT, SK, closedPort, useStubs } from './stub-server.js';

const GROUP = { id: 'g-1', name: 'web', status: 'available' };
const stub = useStubs();

describe('signing and headers', () => {
  it('signs GETs and POSTs over the exact bytes sent', async () => {
    const s = await stub([{ status: 200, body: { server_group: GROUP } }, { status: 200, body: { job_id: 'j1' } }]);
    const { api } = makeClient(s.url);
    await api.getGroup('g-1');
    await api.groupAction('g-1', { action: 'reverse', priorityStation: 'target' });
    expect(s.seen.map((r) => r.signatureOk)).toEqual([true, true]);
    const [get, post] = s.seen;
    expect(get.url).toBe(`/v1/${PROJECT}/server-groups/g-1`);
    expect(get.headers['x-project-id']).toBe(PROJECT);
    expect(get.headers['user-agent']).toBe('sdrs/test');
    expect(get.headers['content-type']).toBeUndefined();
    expect(get.headers.authorization).toMatch(/SignedHeaders=host;x-project-id;x-sdk-date,/);
    expect(post.body).toBe('{"reverse-server-group":{"priority_station":"target"}}');
    expect(post.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(post.headers.authorization).toMatch(/SignedHeaders=content-type;host;x-project-id;x-sdk-date,/);
  });

  it('sends and signs X-Security-Token for temporary credentials', async () => {
    const s = await stub([{ status: 200, body: { domains: [] } }]);
    const { api, setCreds } = makeClient(s.url);
    setCreds({ kind: 'aksk', ak: 'AKIDEXAMPLEKEY1234', sk: SK, securityToken: 'tok-temporary-123' });
    await api.listDomains();
    expect(s.seen[0].headers['x-security-token']).toBe('tok-temporary-123');
    expect(s.seen[0].headers.authorization).toContain('x-security-token');
    expect(s.seen[0].signatureOk).toBe(true);
  });

  it('uses X-Auth-Token instead of a signature for token auth', async () => {
    const s = await stub([{ status: 200, body: { vpcs: [] } }]);
    const { api, setCreds } = makeClient(s.url);
    setCreds({ kind: 'token', token: 'iam-token-abcdef' });
    await api.listVpcs();
    expect(s.seen[0].headers['x-auth-token']).toBe('iam-token-abcdef');
    expect(s.seen[0].headers.authorization).toBeUndefined();
  });

  it('fetches credentials again for every request', async () => {
    const s = await stub([{ status: 200, body: { server_group: GROUP } }], {
      AKIDEXAMPLEKEY1234: SK, AKIDSECONDKEY99999: 'second-secret-key',
    });
    const { api, setCreds } = makeClient(s.url);
    await api.getGroup('g-1');
    setCreds({ kind: 'aksk', ak: 'AKIDSECONDKEY99999', sk: 'second-secret-key' });
    await api.getGroup('g-1');
    expect(s.seen.map((r) => /Access=(\w+)/.exec(String(r.headers.authorization))?.[1])).toEqual([
      'AKIDEXAMPLEKEY1234', 'AKIDSECONDKEY99999',
    ]);
    expect(s.seen.every((r) => r.signatureOk)).toBe(true);
  });
});

describe('retry policy', () => {
  it('retries a GET on 503 and 429, then succeeds', async () => {
    const s = await stub([{ status: 503 }, { status: 429 }, { status: 200, body: { server_group: GROUP } }]);
    const { api, sleeps } = makeClient(s.url);
    await expect(api.getGroup('g-1')).resolves.toMatchObject({ id: 'g-1' });
    expect(s.seen).toHaveLength(3);
    // full jitter with random 0.5: 0.5 * 500, 0.5 * 1000
    expect(sleeps).toEqual([250, 500]);
  });

  it('retries a GET whose connection was reset', async () => {
    const s = await stub(['destroy', { status: 200, body: { server_group: GROUP } }]);
    const { api } = makeClient(s.url);
    await expect(api.getGroup('g-1')).resolves.toMatchObject({ id: 'g-1' });
    expect(s.seen).toHaveLength(2);
  });

  it('gives up on a GET after the limit with an exit-7 ApiError', async () => {
    const s = await stub([{ status: 502, body: '<html>bad gateway</html>' }]);
    const { api, sleeps } = makeClient(s.url, { retry: { limit: 2 } });
    const err = await api.getGroup('g-1').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.exitCode).toBe(7);
    expect(s.seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('caps the backoff at maxMs', async () => {
    const s = await stub([{ status: 500 }]);
    const { api, sleeps } = makeClient(s.url, { retry: { limit: 4, baseMs: 1000, maxMs: 3000 }, random: () => 0.999 });
    await api.getGroup('g-1').catch(() => {});
    expect(sleeps).toEqual([999, 1998, 2997, 2997]);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped at 60 s', async () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    const s = await stub([
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 503, headers: { 'retry-after': new Date(now + 7000).toUTCString() } },
      { status: 503, headers: { 'retry-after': '3600' } },
      { status: 200, body: { server_group: GROUP } },
    ]);
    // Verification in the stub uses the real clock, so only Retry-After maths uses `now`.
    const { api, sleeps } = makeClient(s.url, { now: () => now });
    await api.getGroup('g-1').catch(() => {});
    expect(sleeps).toEqual([3000, 7000, 60_000]);
  });

  it('never re-sends a POST that got a 500: UnknownOutcomeError', async () => {
    const s = await stub([{ status: 500, body: { error: { code: 'SDRS.0006', message: 'internal' } } }]);
    const { api } = makeClient(s.url);
    const err = await api.groupAction('g-1', { action: 'failover' }).catch((e) => e);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect(err.exitCode).toBe(7);
    expect(err.details).toMatchObject({ method: 'POST', path: `/v1/${PROJECT}/server-groups/g-1/action` });
    expect(s.seen).toHaveLength(1);
  });

  it('never re-sends a POST whose connection dropped', async () => {
    const s = await stub(['destroy']);
    const { api } = makeClient(s.url);
    const err = await api.createGroup({ name: 'a', source_availability_zone: 'az1', target_availability_zone: 'az2', domain_id: 'd', source_vpc_id: 'v' }).catch((e) => e);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect(s.seen).toHaveLength(1);
  });

  it('never re-sends a DELETE that got a 503', async () => {
    const s = await stub([{ status: 503 }]);
    const { api } = makeClient(s.url);
    await expect(api.deleteGroup('g-1')).rejects.toBeInstanceOf(UnknownOutcomeError);
    expect(s.seen).toHaveLength(1);
  });

  it('retries a POST that was throttled (429: not processed)', async () => {
    const s = await stub([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200, body: { job_id: 'j-9' } }]);
    const { api, sleeps } = makeClient(s.url);
    await expect(api.groupAction('g-1', { action: 'start' })).resolves.toEqual({ job_id: 'j-9' });
    expect(s.seen.map((r) => r.body)).toEqual(['{"start-server-group":{}}', '{"start-server-group":{}}']);
    expect(sleeps).toEqual([1000]);
  });

  it('retries a POST on connection refused (never reached the server)', async () => {
    const base = await closedPort();
    const port = Number(new URL(base).port);
    let server: http.Server | undefined;
    const { api } = makeClient(base, {
      sleep: async () => {
        // The service comes up during the first backoff.
        server ??= await new Promise<http.Server>((resolve) => {
          const srv = http.createServer((_req, res) => res.end('{"job_id":"j-1"}'));
          srv.listen(port, '127.0.0.1', () => resolve(srv));
        });
      },
    });
    try {
      await expect(api.groupAction('g-1', { action: 'stop' })).resolves.toEqual({ job_id: 'j-1' });
    } finally {
      server?.closeAllConnections();
      await new Promise((r) => server?.close(r));
    }
  });

  it('a POST to a service that stays down is a NetworkError, not an unknown outcome', async () => {
    const base = await closedPort();
    const { api, sleeps } = makeClient(base, { retry: { limit: 2 } });
    const err = await api.groupAction('g-1', { action: 'stop' }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(7);
    expect(err.message).toMatch(/ECONNREFUSED.*after 3 attempts/);
    expect(sleeps).toHaveLength(2);
  });

  it('a GET that times out is retried, a POST that times out is an unknown outcome', async () => {
    const s = await stub(() => ({ status: 200 }));
    const hang = http.createServer(() => { /* never answers */ });
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hang.address() as { port: number }).port}`;
    try {
      const get = makeClient(url, { timeoutMs: 200, retry: { limit: 1 } });
      await expect(get.api.getGroup('g-1')).rejects.toBeInstanceOf(NetworkError);
      expect(get.sleeps).toHaveLength(1);
      const post = makeClient(url, { timeoutMs: 200 });
      await expect(post.api.groupAction('g-1', { action: 'start' })).rejects.toBeInstanceOf(UnknownOutcomeError);
      expect(post.sleeps).toHaveLength(0);
    } finally {
      hang.closeAllConnections();
      await new Promise((r) => hang.close(r));
      void s;
    }
  });
});
