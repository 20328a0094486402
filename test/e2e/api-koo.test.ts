/**
 * `sdrs api` (issue 20: "done when" line 3) and KooCLI profiles (line 2), in-process
 * against one emulator: paging, fields, --input, --dry-run, the exit codes, an unknown
 * outcome from a hostile server, a foreign host refused, and secrets never printed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countMethod, jobDone, useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';

const w = useDemoWorld();
const api = (args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) => runMain(['api', ...args], { env: opts.env ?? w.env, stdin: opts.stdin });
const GROUPS = '/v1/{project_id}/server-groups';

async function groupId(): Promise<string> {
  const r = await api(['GET', GROUPS]);
  return JSON.parse(r.stdout).server_groups[0].id;
}

/** A HOME holding only a KooCLI config with the emulator's keys (authEncrypt as given). */
function kooHome(encrypted: boolean): string {
  const home = mkdtempSync(join(tmpdir(), 'sdrs-koo-'));
  mkdirSync(join(home, '.hcloud'));
  const profile = { name: 'default', mode: 'AKSK', accessKeyId: w.emu.ak, secretAccessKey: w.emu.sk, region: 'cn-north-4', projectId: w.emu.projectId };
  writeFileSync(join(home, '.hcloud', 'config.json'), JSON.stringify({ current: 'default', authEncrypt: String(encrypted), profiles: [profile] }), { mode: 0o600 });
  return home;
}

describe('KooCLI profiles against the emulator', () => {
  it('sdrs --profile hcloud:default group list runs with only the endpoint set (the emulator is not at the region\'s address)', async () => {
    const home = kooHome(false);
    const r = await runMain(['--profile', 'hcloud:default', 'group', 'list'], { env: { HOME: home, SDRS_ENDPOINT: w.emu.url, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('demo-erp');
  });

  it('encrypted keys: exit 4 naming the fix, nothing sent', async () => {
    const home = kooHome(true);
    const r = await runMain(['--profile', 'hcloud:default', 'group', 'list'], { env: { HOME: home, SDRS_ENDPOINT: w.emu.url, NO_COLOR: '1' } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('stores its keys encrypted');
    expect(r.stderr).toContain('hcloud configure set --cli-auth-encrypt=false');
    expect((await w.counters()).total).toBe(0);
  });
});

describe('sdrs api', () => {
  it('a full URL has its {project_id} filled in too (it was sent as %7Bproject_id%7D)', async () => {
    const r = await api(['GET', `${w.emu.url}${GROUPS}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).server_groups.length).toBeGreaterThan(0);
  });

  it('GET --paginate follows limit/offset and prints one document with every group', async () => {
    const ids = { domain: '', vpc: '' };
    const g = (await api(['GET', `${GROUPS}/${await groupId()}`])).stdout;
    Object.assign(ids, { domain: JSON.parse(g).server_group.domain_id, vpc: JSON.parse(g).server_group.source_vpc_id });
    const jobs = await Promise.all([1, 2, 3, 4].map((i) => w.client.post('/server-groups', { server_group: { name: `page-${i}`, source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: ids.domain, source_vpc_id: ids.vpc } })));
    await Promise.all(jobs.map((j) => jobDone(w.client, j.body.job_id)));
    await w.client.admin('DELETE', '/counters');
    const r = await api(['GET', GROUPS, '-f', 'limit=2', '--paginate']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.server_groups.map((x: { name: string }) => x.name).sort()).toEqual(['demo-erp', 'page-1', 'page-2', 'page-3', 'page-4']);
    expect(doc.count).toBe(5);
    expect(countMethod(await w.counters(), 'GET')).toBe(3);
    // Without --paginate: the one page asked for.
    expect(JSON.parse((await api(['GET', GROUPS, '-F', 'limit=2'])).stdout).server_groups).toHaveLength(2);
  });

  it('POST …/action --input body.json: the job id on stderr with job wait as the next step; --wait follows it', async () => {
    await w.stopServers();
    const id = await groupId();
    const dir = mkdtempSync(join(tmpdir(), 'sdrs-api-'));
    writeFileSync(join(dir, 'body.json'), JSON.stringify({ 'reverse-server-group': { priority_station: 'target' } }));
    const r = await api(['POST', `${GROUPS}/${id}/action`, '--input', join(dir, 'body.json'), '--wait']);
    expect(r.code).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job).toMatchObject({ status: 'SUCCESS' });
    expect(countMethod(await w.counters(), 'POST')).toBe(1);
    const g = JSON.parse((await api(['GET', `${GROUPS}/${id}`])).stdout).server_group;
    expect(g.priority_station).toBe('target');
    // Stdin, no --wait: the answer on stdout, the job id and `sdrs job wait` on stderr.
    const back = await api(['POST', `${GROUPS}/${id}/action`, '--input', '-'], { stdin: '{"stop-server-group":{}}' });
    expect(back.code).toBe(0);
    const jobId = JSON.parse(back.stdout).job_id;
    expect(back.stderr).toContain(`Job ${jobId} submitted. Watch it with: sdrs job wait ${jobId}`);
  });

  it('-f/-F build the body of a change; --dry-run prints it and sends nothing, secrets redacted', async () => {
    const r = await api(['POST', `${GROUPS}/g1/action`, '-f', 'reverse-server-group.priority_station=target', '-F', 'x[n]=3', '-F', 'x[b]=true', '-f', 'x[s]=3', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.request.body).toEqual({ 'reverse-server-group': { priority_station: 'target' }, x: { n: 3, b: true, s: '3' } });
    expect(doc.request.url).toBe(`${w.emu.url}/v1/${w.emu.projectId}/server-groups/g1/action`);
    expect(r.stderr).toContain('Dry run: nothing was sent.');
    for (const secret of [w.emu.sk, w.emu.ak]) expect(r.stdout + r.stderr).not.toContain(secret);
    expect((await w.counters()).total).toBe(0);
  });

  it('bad input is exit 2 with nothing sent: not JSON on stdin, a foreign host, an unknown method', async () => {
    const notJson = await api(['PUT', `${GROUPS}/g1`, '--input', '-'], { stdin: '{"secret-looking": ' });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('is not valid JSON');
    expect(notJson.stderr).not.toContain('secret-looking');
    const foreign = await api(['POST', 'https://evil.example.com/v1/x/server-groups']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('refusing to send signed credentials to "https://evil.example.com"');
    expect((await api(['PATCH', GROUPS])).code).toBe(2);
    expect((await w.counters()).total).toBe(0);
    // A full URL under the configured endpoint is accepted.
    expect((await api(['GET', `${w.emu.url}/v1/${w.emu.projectId}/server-groups`])).code).toBe(0);
  });

  it('a path the service does not have: 404 is exit 3', async () => {
    const r = await api(['GET', '/v1/{project_id}/no-such-thing', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr).error).toMatchObject({ http_status: 404, exit_code: 3 });
  });

  it('the transport\'s rules: a GET is retried after a 503; a POST processed then cut off is exit 7, never re-sent', async () => {
    const id = await groupId();
    await w.client.admin('DELETE', '/counters');
    await w.client.admin('POST', '/faults/next', { fault: '503', method: 'GET', count: 1 });
    const read = await api(['GET', `${GROUPS}/${id}`]);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout).server_group.id).toBe(id);
    expect(countMethod(await w.counters(), 'GET')).toBe(2);
    await w.client.admin('POST', '/faults/next', { fault: 'reset-after', method: 'POST', count: 1 });
    const stop = await api(['POST', `${GROUPS}/${id}/action`, '--input', '-'], { stdin: '{"stop-server-group":{}}' });
    expect(stop.code).toBe(7);
    expect(stop.stderr).toContain('was not sent again');
    expect(countMethod(await w.counters(), 'POST')).toBe(1);
    // The service did make the change: the hint's GET shows it.
    expect(JSON.parse((await api(['GET', `${GROUPS}/${id}`])).stdout).server_group.status).not.toBe('protected');
  });

  it('a POST whose connection drops after the body was read: exit 7 OUTCOME_UNKNOWN, sent exactly once', async () => {
    let posts = 0;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'POST') posts++;
      req.resume();
      req.on('end', () => res.socket?.destroy());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const r = await api(['POST', `${GROUPS}/g1/action`, '-f', 'stop-server-group.x=1', '--json'], { env: { ...w.env, SDRS_ENDPOINT: url } });
      expect(r.code).toBe(7);
      const err = JSON.parse(r.stderr).error;
      expect(err.code).toBe('OUTCOME_UNKNOWN');
      expect(err.hint).toContain(`sdrs api GET /v1/${w.emu.projectId}/server-groups/g1`);
      expect(posts).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
