/**
 * Paging always ends (issue 14, item 6): a listing whose page brings nothing new
 * (a service or proxy ignoring `offset`, pages that cycle), or that runs past the
 * page cap, is a bad response (exit 7) naming the listing, not an endless loop.
 */
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/errors.js';
import { MAX_PAGES, pageGuard } from '../../src/api/paging.js';
import { makeClient } from './helpers.js';
import { useStubs } from './stub-server.js';

const stub = useStubs();
const groups = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `g-${from + i}`, name: `g-${from + i}`, status: 'available' }));
const offsetOf = (url: string) => Number(new URL(url, 'http://x').searchParams.get('offset'));

describe('paging always ends', () => {
  it('a service that ignores offset: stopped at the repeated page, exit 7, naming the listing', async () => {
    const s = await stub(() => ({ status: 200, body: { server_groups: groups(0, 100), count: 5000 } }));
    const { api } = makeClient(s.url);
    const err = await api.listAllGroups().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7, details: { listing: 'server_groups', pages: 2 } });
    expect((err as Error).message).toMatch(/GET \/server-groups: the listing of server groups repeats itself: page 2 \(offset 100\) has the same 100 ids as page 1/);
    expect(s.seen).toHaveLength(2);
  });

  it('pages that cycle (A, B, A): stopped when a page brings nothing new', async () => {
    const s = await stub((seen) => ({ status: 200, body: { protected_instances: groups((offsetOf(seen.url) / 100) % 2 === 0 ? 0 : 100, 100) } }));
    const { api } = makeClient(s.url);
    await expect(api.listAllInstances()).rejects.toThrow(/the listing of protected instances makes no progress: page 3 \(offset 200\) has no protected instances not already listed/);
    expect(s.seen).toHaveLength(3);
  });

  it('an item repeated across pages (an insert while paging) is listed once, and the listing ends', async () => {
    const s = await stub((seen) => {
      const offset = offsetOf(seen.url);
      return { status: 200, body: { server_groups: offset === 0 ? groups(0, 100) : groups(99, 50), count: 150 } };
    });
    const { api } = makeClient(s.url);
    const all = await api.listAllGroups();
    expect(all.map((g) => g.id)).toEqual(groups(0, 149).map((g) => g.id));
  });

  it('a listing that never ends is cut at the page cap', async () => {
    const s = await stub((seen) => ({ status: 200, body: { replications: groups(offsetOf(seen.url) + 1_000_000, 100) } }));
    const { api } = makeClient(s.url, { maxPages: 20 });
    await expect(api.listAllReplications()).rejects.toThrow(/the listing of replications did not end after 20 pages \(2000 replications\); sdrs stops there/);
    expect(s.seen).toHaveLength(20);
  });

  it(`the cap is ${MAX_PAGES} pages (100,000 items) by default`, () => {
    expect(MAX_PAGES).toBe(1000);
    const guard = pageGuard('GET', '/server-groups', 'server_groups');
    for (let p = 0; p < MAX_PAGES; p++) {
      guard.next();
      guard.add(groups(p * 100, 100), `offset ${p * 100}`);
    }
    expect(() => guard.next()).toThrow(/did not end after 1000 pages \(100000 server groups\)/);
  });

  it('the cap counts pages, and a listing that ends on the last allowed page is whole', () => {
    const guard = pageGuard('GET', '/replications', 'replications', 3);
    for (let p = 0; p < 3; p++) {
      guard.next();
      expect(guard.add(groups(p * 100, p === 2 ? 10 : 100), `offset ${p * 100}`)).toHaveLength(p === 2 ? 10 : 100);
    }
    expect(() => guard.next()).toThrow(/did not end after 3 pages \(210 replications\)/);
  });

  it('ECS servers paged by page number: a repeated page is caught too', async () => {
    const servers = Array.from({ length: 100 }, (_, i) => ({ id: `s-${i}`, name: `s-${i}`, status: 'ACTIVE' }));
    const s = await stub(() => ({ status: 200, body: { servers, count: 900 } }));
    const { api } = makeClient(s.url);
    await expect(api.listServers()).rejects.toThrow(/GET \/cloudservers\/detail: the listing of servers repeats itself: page 2 \(page 2\) has the same 100 ids as page 1/);
    expect(s.seen).toHaveLength(2);
  });
});
