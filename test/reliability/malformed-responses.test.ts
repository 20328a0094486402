/**
 * Malformed responses from the server or a proxy in front of it (which the
 * emulator cannot produce): not JSON, HTML, an empty body, a huge body, a
 * missing field, items of the wrong shape. A tiny node:http stub answers;
 * the scenario is the project id in the path, so scenarios run side by side.
 * Every one must end with a clear one-line error and the documented exit
 * code; never a crash (exit 1) or a stack trace.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { baseEnv } from '../helpers/run.js';
import { expectCleanError, runMain, summary } from './helpers.js';

type Reply = { status: number; body: string | Buffer | (() => AsyncIterable<Buffer>); type?: string };
const html = (title: string, size = 3000) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1>${'<p>corporate proxy says hello</p>'.repeat(Math.ceil(size / 34))}</body></html>`;
const json = (v: unknown): Reply => ({ status: 200, body: JSON.stringify(v) });
const GROUP = {
  id: '11111111-2222-3333-4444-555555555555', name: 'g', description: null, status: 'available', progress: 100,
  source_availability_zone: 'az-a', target_availability_zone: 'az-b', domain_id: 'd', domain_name: 'dom', priority_station: 'source',
  protected_instance_num: 0, replication_num: 0, source_vpc_id: 'v', created_at: 't', updated_at: 't',
};
const JOB = '0123456789abcdef0123456789abcdef';
/** A body of `mb` MiB, streamed. */
const huge = (mb: number) => async function* () {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  for (let i = 0; i < mb; i++) yield chunk;
};

/** scenario -> [argv, reply to the scenario's one route, expected exit code, expected message]. */
const SCENARIOS: Record<string, { argv: string[]; reply: Reply; exit: number; message: RegExp; rest?: RegExp }> = {
  'not-json': { argv: ['group', 'list'], reply: { status: 200, body: 'OK', type: 'text/plain' }, exit: 7, message: /unexpected response to GET .*server-groups: the body is not JSON \(body: OK\)/ },
  'html-200': { argv: ['group', 'list'], reply: { status: 200, body: html('Proxy login'), type: 'text/html' }, exit: 7, message: /the body is not JSON \(body: <!DOCTYPE html><html><head><title>Proxy login/ },
  'html-502': { argv: ['group', 'list'], reply: { status: 502, body: html('502 Bad Gateway'), type: 'text/html' }, exit: 7, message: /HTTP 502 .*<title>502 Bad Gateway/ },
  'html-404': { argv: ['domain', 'list'], reply: { status: 404, body: html('Not Found'), type: 'text/html' }, exit: 3, message: /HTTP 404 .*GET .*active-domains/ },
  'empty-200': { argv: ['group', 'list'], reply: { status: 200, body: '' }, exit: 7, message: /expected a JSON object \(body: empty\)/ },
  'empty-401': { argv: ['group', 'list'], reply: { status: 401, body: '' }, exit: 4, message: /HTTP 401 .*empty body/ },
  'array': { argv: ['domain', 'list'], reply: json([]), exit: 7, message: /expected a JSON object/ },
  'truncated': { argv: ['group', 'list'], reply: { status: 200, body: '{"server_groups": [{"id": "a", "na' }, exit: 7, message: /not JSON/ },
  'deep': { argv: ['group', 'list'], reply: { status: 200, body: '['.repeat(200_000) }, exit: 7, message: /not JSON/ },
  'missing-list': { argv: ['group', 'list'], reply: json({ count: 3 }), exit: 7, message: /missing "server_groups" list/ },
  'wrong-type': { argv: ['domain', 'list'], reply: json({ domains: 'none' }), exit: 7, message: /missing "domains" list/ },
  'bad-items': { argv: ['group', 'list'], reply: json({ server_groups: [null, 42, 'x'], count: 3 }), exit: 7, message: /server_groups/ },
  'bad-domains': { argv: ['domain', 'list'], reply: json({ domains: [{ id: 'd' }, null] }), exit: 7, message: /domains/ },
  'missing-group': { argv: ['group', 'show', GROUP.id], reply: json({ server_group: { name: 'g' } }), exit: 7, message: /missing "server_group" with an id/ },
  'missing-status': { argv: ['job', 'show', JOB], reply: json({ job_id: JOB }), exit: 7, message: /missing job "status" or "job_id"/ },
  'bad-sub-jobs': { argv: ['job', 'show', JOB], reply: json({ job_id: JOB, status: 'FAIL', job_type: 't', entities: { sub_jobs: 'oops' } }), exit: 7, message: /sub_jobs/ },
  'huge-200': { argv: ['group', 'list'], reply: { status: 200, body: huge(12) }, exit: 7, message: /larger than 10485760 bytes/ },
  'huge-500': { argv: ['group', 'list'], reply: { status: 500, body: huge(12) }, exit: 7, message: /larger than 10485760 bytes/ },
  'escape-message': { argv: ['domain', 'list'], reply: { status: 400, body: JSON.stringify({ error: { code: 'SDRS.0201', message: 'bad \u001b[2J\u001b[Hthing\r\nsecond line' } }) }, exit: 3, message: /^error: bad \\u001b\[2J\\u001b\[Hthing$/, rest: /\n {2}second line \(SDRS\.0201, HTTP 400\)\n/ },
};

let server: http.Server;
let url: string;
const flaky = { count: 0 };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const scenario = /^\/v1\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
      let reply: Reply | undefined = SCENARIOS[scenario]?.reply;
      if (scenario === 'flaky-job') {
        // A proxy that garbles the first polls of a watch, then lets the real answers through.
        flaky.count++;
        reply = flaky.count <= 3
          ? { status: 200, body: html('Proxy hiccup', 200), type: 'text/html' }
          : json({ job_id: JOB, status: 'SUCCESS', job_type: 'createProtectionGroupNoCG', begin_time: null, end_time: null, error_code: null, fail_reason: null, entities: {} });
      }
      if (!reply) {
        res.writeHead(599).end();
        return;
      }
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' });
      const body = reply.body;
      if (typeof body === 'function') {
        (async () => {
          for await (const c of body()) if (!res.write(c)) await new Promise((r) => res.once('drain', r));
          res.end();
        })().catch(() => res.destroy());
      } else res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const envFor = (scenario: string) =>
  baseEnv({ SDRS_ENDPOINT: url, SDRS_PROJECT_ID: scenario, HUAWEICLOUD_SDK_AK: 'AKSTUBSTUBSTUB0001', HUAWEICLOUD_SDK_SK: 'stub-secret-key-value' });

describe('malformed responses', () => {
  it(`${Object.keys(SCENARIOS).length} kinds of bad answer: a clear error and the right exit code, never a crash`, { timeout: 60_000 }, async () => {
    const names = Object.keys(SCENARIOS);
    const results = await Promise.all(names.map((name) => runMain(SCENARIOS[name].argv, { env: envFor(name) })));
    const problems: string[] = [];
    for (const [i, r] of results.entries()) {
      const s = SCENARIOS[names[i]];
      const line = r.stderr.split('\n').find((l) => l.startsWith('error: ')) ?? '';
      if (r.code !== s.exit || !s.message.test(line) || (s.rest && !s.rest.test(r.stderr)) || r.stderr.length > 1500) {
        problems.push(`${names[i]}: exit ${r.code} (want ${s.exit})\n  ${r.stderr.slice(0, 600)}`);
        continue;
      }
      expectCleanError(r.stderr, names[i]);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    summary(`malformed responses: ${names.length} kinds of bad answer (not JSON, HTML 200/404/502, empty, truncated, 200k-deep, missing or mistyped fields, bad items, 12 MiB bodies, escape sequences); crashes: 0, wrong exit codes: 0`);
  });

  it('--json: the error is one JSON document on stderr', async () => {
    const r = await runMain(['--json', 'group', 'list'], { env: envFor('html-200') });
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('');
    const e = JSON.parse(r.stderr.trim()).error;
    expect(e).toMatchObject({ code: 'BAD_RESPONSE', exit_code: 7, method: 'GET' });
  });

  it('a proxy that garbles a few polls does not break a watch (real binary)', async () => {
    const r = await runSdrs(['job', 'wait', JOB, '--interval', '100ms'], { env: envFor('flaky-job') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Job ${JOB} finished: SUCCESS`);
    expect(flaky.count).toBe(4);
  });

  it('the real binary reports an HTML page from a proxy the same way', async () => {
    const r = await runSdrs(['group', 'list'], { env: envFor('html-200') });
    expect(r.code).toBe(7);
    expect(expectCleanError(r.stderr)).toMatch(/the body is not JSON/);
  });
});
