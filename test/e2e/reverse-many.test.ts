/** Several groups in one reverse: pre-flight for all, one confirmation, concurrent watch, per-group results. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { countMethod, makeProtectedGroup, startWorld, type TestWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';
import { worstExit } from '../../src/commands/group/reverse-many.js';

let w: TestWorld;
const ids = { domain: SEED_IDS.domain, vpc: SEED_IDS.vpc };
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.stop();
});
beforeEach(async () => {
  await w.client.admin('POST', '/reset', { seed: 'empty' });
  await Promise.all(['g-a', 'g-b', 'g-c'].map((n) => makeProtectedGroup(w.client, n, ids)));
  await w.client.admin('DELETE', '/counters');
});

const sdrs = (args: string[]) => runSdrs(args, { env: w.env });

describe('sdrs group reverse with several groups', () => {
  it('reverses every named group concurrently and prints an array of per-group results', async () => {
    const r = await sdrs(['group', 'reverse', 'g-a', 'g-b', 'g-c', '--to', 'target', '--yes', '--concurrency', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.map((x: { name: string }) => x.name)).toEqual(['g-a', 'g-b', 'g-c']);
    for (const x of results) {
      expect(x).toMatchObject({ result: 'reversed', status: 'protected', priority_station: 'target', exit_code: 0, error: null });
      expect(x.job_id).toMatch(/^[0-9a-f]{32}$/);
    }
    const counters = await w.counters();
    expect(countMethod(counters, 'POST')).toBe(3);
    // Frugal: the checks of all groups read instances, pairs and servers in one listing each.
    expect(counters.routes).toMatchObject({
      'GET /v1/{project_id}/protected-instances': 1, 'GET /v1/{project_id}/replications': 1, 'GET /v1/{project_id}/cloudservers/detail': 1,
    });
    expect(counters.routes['GET /v1/{project_id}/cloudservers/{server_id}'] ?? 0).toBe(0);
    expect(counters.routes['GET /v1/{project_id}/jobs/{job_id}']).toBeLessThanOrEqual(3 * 2);
    // Plain progress lines, one per change, and a final summary.
    expect(r.stderr).toMatch(/\[\d+s\] g-b: /);
    expect(r.stderr).toMatch(/3\/3 done/);
  });

  it('--all with --name selects the groups; one already on target is a no-op', async () => {
    await sdrs(['group', 'reverse', 'g-a', '--to', 'target', '--yes']);
    await w.client.admin('DELETE', '/counters');
    const r = await sdrs(['group', 'reverse', '--all', '--name', 'g-', '--to', 'target', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^GROUP\s+RESULT\s+STATUS/);
    expect(r.stdout).toMatch(/g-a\s+no-op/);
    expect(r.stdout).toMatch(/g-b\s+reversed/);
    expect(countMethod(await w.counters(), 'POST')).toBe(2);
  });

  it('checks every group before sending anything: one failure stops all (exit 3, no action)', async () => {
    const state = (await w.client.admin('GET', '/state')).body;
    const vm = Object.values(state.world.servers as Record<string, { id: string; name: string }>).find((s) => s.name === 'g-b-vm')!;
    await w.client.admin('PUT', `/servers/${vm.id}/power`, { status: 'ACTIVE' });
    const r = await sdrs(['group', 'reverse', 'g-a', 'g-b', 'g-c', '--to', 'target', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/✖ g-b: 1 production server\(s\) still running: g-b-vm/);
    expect(r.stderr).toMatch(/✔ g-a: ready/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('a failing group makes the exit code its own; the others still finish', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'link down' });
    const r = await sdrs(['group', 'reverse', 'g-a', 'g-b', 'g-c', '--to', 'target', '--yes', '--concurrency', '1', '--json']);
    expect(r.code).toBe(5);
    const results = JSON.parse(r.stdout);
    const failed = results.filter((x: { result: string }) => x.result === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ exit_code: 5, status: 'error-reversing', error: { exit_code: 5 } });
    expect(failed[0].error.message).toContain('SDRS.1029');
    expect(results.filter((x: { result: string }) => x.result === 'reversed')).toHaveLength(2);
  });

  it('refuses unknown groups, --all with names, filters without --all and a bad --concurrency (nothing sent)', async () => {
    expect((await sdrs(['group', 'reverse', 'g-a', 'nope', '--to', 'target', '--yes'])).code).toBe(3);
    expect((await sdrs(['group', 'reverse', 'g-a', '--all', '--to', 'target', '--yes'])).code).toBe(2);
    expect((await sdrs(['group', 'reverse', 'g-a', '--status', 'protected', '--to', 'target', '--yes'])).code).toBe(2);
    expect((await sdrs(['group', 'reverse', 'g-a', 'g-b', '--to', 'target', '--yes', '--concurrency', '0'])).code).toBe(2);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });
});

describe('worstExit', () => {
  it('is the largest code, or 130/143 when interrupted', () => {
    expect(worstExit([0, 0])).toBe(0);
    expect(worstExit([0, 5, 3])).toBe(5);
    expect(worstExit([6, 7])).toBe(7);
    expect(worstExit([0, 5], 'SIGINT')).toBe(130);
    expect(worstExit([0], 'SIGTERM')).toBe(143);
  });
});

describe('rows after the requests were sent', () => {
  it('every job read refused: the rows do not claim production stayed where it was (status unknown)', async () => {
    const http = await import('node:http');
    const target = new URL(w.env.SDRS_ENDPOINT);
    // Forwards everything but the job reads, which it answers 403: the reverses happen, their watch cannot read them.
    const proxy = http.createServer((req, res) => {
      if (req.method === 'GET' && /\/jobs\//.test(req.url ?? '')) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'SDRS.0403', message: 'forbidden' } }));
        return;
      }
      const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const port = (proxy.address() as { port: number }).port;
      const r = await runSdrs(['group', 'reverse', 'g-a', 'g-b', '--to', 'target', '--yes', '--json', '--interval', '20ms'], { env: { ...w.env, SDRS_ENDPOINT: `http://127.0.0.1:${port}` } });
      expect(r.code, r.stderr).toBe(7);
      const rows = JSON.parse(r.stdout) as { status: string; priority_station: string | null; job_id: string | null }[];
      for (const row of rows) {
        expect(row.job_id).toMatch(/^[0-9a-f]{32}$/);
        // Not "protected on source" from the read before the request: either as read after, or unknown.
        expect(row.status === 'unknown' ? row.priority_station : 'skip').toSatisfy((v) => v === null || v === 'skip');
        expect(row.status === 'protected' && row.priority_station === 'source').toBe(false);
      }
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });
});
