/**
 * "Trust nothing in an answer" end to end (issue 14, items 3 and 4). A tampering
 * proxy on loopback sits between sdrs and the real emulator: it forwards every request,
 * so the emulator really makes each change, then replaces the answer the CLI gets (an
 * HTML page, an error document with status 200, a 12 MiB body, a malformed job id,
 * a job read naming a malformed group). Each time the change was made, so the command
 * must end with exit 7, say the outcome is unknown, quote what it saw and give the
 * lookup; never exit 2 ("nothing sent") or a bare bad response.
 *
 * A second, hostile server answers `job wait` with another job's SUCCESS, an unknown
 * status, or nothing usable at all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/run.js';
import { SEED_IDS, expectCleanError, runMain, startWorld, summary, type World } from './helpers.js';

type Reply = { status: number; body: string | Buffer | (() => AsyncIterable<Buffer>); type?: string };
/** Decides the answer the CLI gets; undefined passes the emulator's answer through. */
type Tamper = (req: { method: string; path: string }, upstream: { status: number; text: string }) => Reply | undefined;

const HTML = `<!DOCTYPE html><html><head><title>Gateway login</title></head><body>${'<p>please sign in</p>'.repeat(200)}</body></html>`;
const huge = (mb: number) => async function* () {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  for (let i = 0; i < mb; i++) yield chunk;
};

let world: World;
let proxy: http.Server;
let tamper: Tamper = () => undefined;
const tampered: string[] = [];
let env: Record<string, string>;

function write(res: http.ServerResponse, r: Reply): void {
  res.writeHead(r.status, { 'content-type': r.type ?? 'application/json' });
  const body = r.body;
  if (typeof body !== 'function') {
    res.end(body);
    return;
  }
  (async () => {
    for await (const c of body()) if (!res.write(c)) await new Promise((ok) => res.once('drain', ok));
    res.end();
  })().catch(() => res.destroy());
}

beforeAll(async () => {
  world = await startWorld({ jobDurationMs: 150 });
  const upstream = new URL(world.emu.url);
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Forwarded as received (the Host header too: it is signed).
      const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (ur) => {
        const body: Buffer[] = [];
        ur.on('data', (c: Buffer) => body.push(c));
        ur.on('end', () => {
          const text = Buffer.concat(body).toString('utf8');
          const path = new URL(req.url ?? '/', 'http://x').pathname;
          const r = tamper({ method: req.method ?? 'GET', path }, { status: ur.statusCode ?? 0, text });
          if (r) {
            tampered.push(`${req.method} ${path}`);
            write(res, r);
          } else {
            res.writeHead(ur.statusCode ?? 502, ur.headers);
            res.end(text);
          }
        });
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  env = { ...world.env, SDRS_ENDPOINT: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
});

afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
  await world?.stop();
});

let n = 0;
/** A new protected group on the emulator (production on source, servers stopped). */
async function newGroup(): Promise<{ id: string; name: string }> {
  const r = await world.admin<{ server_groups: { id: string; name: string }[] }>('POST', '/groups', { name: `ua-${++n}`, count: 1 });
  return r.server_groups[0];
}
const groupNow = async (id: string) => (await world.client.get(`/server-groups/${id}`)).body.server_group as { status: string; priority_station: string };

/** The POST (or DELETE) of a change gets `reply` instead of the emulator's answer; everything else passes. */
const onChange = (reply: Reply): Tamper => (req) => (req.method !== 'GET' ? reply : undefined);
const jsonErr = (stderr: string) => JSON.parse(stderr.trim().split('\n').pop()!).error;

/** What the CLI is answered, after the emulator accepted the change. */
const ANSWERS: [string, Reply, RegExp][] = [
  ['200 with an HTML page', { status: 200, body: HTML, type: 'text/html' }, /HTTP 200 with an HTML page \(body: <!DOCTYPE html><html><head><title>Gateway login/],
  ['200 with an error document', { status: 200, body: JSON.stringify({ error: { code: 'SDRS.1013', message: 'group not found' } }) }, /HTTP 200 with an error document \(SDRS\.1013: group not found\)/],
  ['200 with {code, message}', { status: 200, body: JSON.stringify({ code: 'SDRS.0000', message: 'internal' }) }, /HTTP 200 with an error document \(SDRS\.0000: internal\)/],
  ['a 12 MiB body', { status: 200, body: huge(12) }, /a response larger than 10485760 bytes, not read/],
  ['a malformed job_id', { status: 200, body: JSON.stringify({ job_id: '../../__emulator/reset' }) }, /HTTP 200 with a malformed "job_id" "\.\.\/\.\.\/__emulator\/reset"/],
];

describe('a change the service made, answered with something else: never a bad response or exit 2, always the lookup', () => {
  it.each(ANSWERS)('group reverse, %s, the group unreadable afterwards: exit 7, outcome unknown, what was seen, the lookup', { timeout: 20_000 }, async (_name, reply, seen) => {
    const g = await newGroup();
    // The POST is answered with `reply`; afterwards the group cannot be read either, so nothing can be decided.
    let sent = false;
    tamper = (req) => {
      if (req.method !== 'GET') {
        sent = true;
        return reply;
      }
      return sent && req.path.includes(g.id) ? { status: 200, body: HTML, type: 'text/html' } : undefined;
    };
    const r = await runMain(['--json', 'group', 'reverse', g.name, '--to', 'target', '--yes', '--interval', '100ms'], { env });
    tamper = () => undefined;
    expect(r.code, r.stderr).toBe(7);
    const e = jsonErr(r.stderr);
    expect(e.code).toBe('OUTCOME_UNKNOWN');
    expect(e.message).toMatch(seen);
    expect(e.hint).toContain(`sdrs group show ${g.id}`);
    expect(e).toMatchObject({ group_id: g.id, method: 'POST' });
    const now = await groupNow(g.id);
    expect(now.status === 'reversing' || now.priority_station === 'target', JSON.stringify(now)).toBe(true);
  });

  it.each(ANSWERS.slice(0, 2))('group reverse, %s, the group readable: the reconcile sees the change (exit 0 and on target, or 7 with the lookup)', { timeout: 20_000 }, async (_name, reply) => {
    const g = await newGroup();
    tamper = onChange(reply);
    const r = await runMain(['--json', 'group', 'reverse', g.name, '--to', 'target', '--yes', '--interval', '100ms'], { env });
    tamper = () => undefined;
    expect([0, 7], r.stderr).toContain(r.code);
    expect(r.stderr).toMatch(/no clear answer|outcome is unknown/);
    if (r.code === 7) expect(jsonErr(r.stderr)).toMatchObject({ code: 'OUTCOME_UNKNOWN', hint: expect.stringContaining(`sdrs group show ${g.id}`) });
    else expect(await groupNow(g.id)).toMatchObject({ status: 'protected', priority_station: 'target' });
  });

  it('group stop, HTML 200: the reconcile runs (exit 0 once available, or 7 with the check command), never a bare bad response', { timeout: 20_000 }, async () => {
    const g = await newGroup();
    tamper = onChange({ status: 200, body: HTML, type: 'text/html' });
    const r = await runMain(['group', 'stop', g.name, '--yes', '--interval', '100ms'], { env });
    tamper = () => undefined;
    expect([0, 7], r.stderr).toContain(r.code);
    expect(r.stderr).toMatch(/no clear answer|outcome is unknown/);
    if (r.code === 7) {
      expect(expectCleanError(r.stderr)).toMatch(/outcome is unknown \(HTTP 200 with an HTML page/);
      expect(r.stderr).toMatch(/Check with: sdrs group status/);
    } else expect((await groupNow(g.id)).status).toBe('available');
  });

  it('group create, 200 error document: never "invalid", always the lookup', async () => {
    tamper = onChange({ status: 200, body: JSON.stringify({ error: { code: 'SDRS.0201', message: 'bad request' } }) });
    const name = `ua-create-${++n}`;
    const r = await runMain(['--json', 'group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--interval', '100ms'], { env });
    tamper = () => undefined;
    expect(r.code, r.stderr).toBe(7);
    const e = jsonErr(r.stderr);
    expect(e.code).toBe('OUTCOME_UNKNOWN');
    expect(e.message).toMatch(/HTTP 200 with an error document \(SDRS\.0201: bad request\)/);
    expect(e.hint).toMatch(/sdrs group (show|list)/);
  });

  it('group create whose job names a malformed group id: exit 7 with the job id and sdrs job wait, not exit 2', { timeout: 20_000 }, async () => {
    // The POST is answered truly; each read of its job is rewritten to name the group "../../x".
    tamper = (req, up) => {
      if (req.method !== 'GET' || !req.path.includes('/jobs/') || up.status !== 200) return undefined;
      const job = JSON.parse(up.text);
      return { status: 200, body: JSON.stringify({ ...job, entities: { ...job.entities, server_group_id: '../../x' } }) };
    };
    const name = `ua-create-${++n}`;
    const r = await runMain(['--json', 'group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--interval', '100ms'], { env });
    tamper = () => undefined;
    expect(r.code, r.stderr).toBe(7);
    const e = jsonErr(r.stderr);
    expect(e.job_id).toMatch(/^[0-9a-f-]+$/);
    expect(e.message).toContain(`job ${e.job_id} was accepted`);
    expect(e.message).toMatch(/entities\.server_group_id.*"\.\.\/\.\.\/x" is not a well-formed id/);
    expect(e.hint).toContain(`sdrs job wait ${e.job_id}`);
  });

  it('every read of the job failing after a stop: the job id, "accepted", outcome unknown, job wait and the check', { timeout: 20_000 }, async () => {
    const g = await newGroup();
    const home = env.HOME;
    writeFileSync(join(home, '.sdrsrc'), 'profiles:\n  default:\n    maxInterval: 60ms\n', { mode: 0o600 });
    try {
      tamper = (req) => (req.method === 'GET' && req.path.includes('/jobs/') ? { status: 200, body: HTML, type: 'text/html' } : undefined);
      const r = await runMain(['--json', 'group', 'stop', g.name, '--yes', '--interval', '50ms'], { env });
      tamper = () => undefined;
      expect(r.code, r.stderr).toBe(7);
      const e = jsonErr(r.stderr);
      expect(e.code).toBe('OUTCOME_UNKNOWN');
      expect(e.job_id).toMatch(/^[0-9a-f-]+$/);
      expect(e.message).toContain(`job ${e.job_id} was accepted by the service`);
      expect(e.message).toMatch(/its outcome is unknown/);
      expect(e.hint).toContain(`sdrs job wait ${e.job_id}`);
      expect(e.hint).toMatch(/sdrs group (status|show)/);
    } finally {
      writeFileSync(join(home, '.sdrsrc'), 'profiles: {}\n', { mode: 0o600 });
    }
  });

  afterAll(() => {
    summary(`untrusted answers: ${ANSWERS.length} kinds of answer to a processed reverse (HTML, two error documents, 12 MiB, malformed job_id), a stop, two creates and a watch whose job reads all fail, behind a tampering proxy on the emulator; ${tampered.length} answers replaced; exit 2: 0, bare BAD_RESPONSE after a send: 0`);
  });
});

describe('job wait against a hostile server: the job asked for, a status sdrs knows', () => {
  const A = 'aaaaaaaa1111222233334444aaaaaaaa';
  const B = 'bbbbbbbb1111222233334444bbbbbbbb';
  let hostile: http.Server;
  let url: string;
  const reads: Record<string, number> = {};
  const job = (id: string, status: string) => JSON.stringify({ job_id: id, status, job_type: 'reverseProtectionGroupNoCG', begin_time: null, end_time: null, error_code: null, fail_reason: null, entities: {} });

  beforeAll(async () => {
    hostile = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const scenario = /^\/v1\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
        reads[scenario] = (reads[scenario] ?? 0) + 1;
        const body = scenario === 'other-job' ? job(B, 'SUCCESS') : scenario === 'canceled' ? job(A, 'CANCELED') : undefined;
        if (!body) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hostile.closeAllConnections();
    await new Promise<void>((r) => hostile.close(() => r()));
  });
  const envFor = (scenario: string) =>
    baseEnv({ SDRS_ENDPOINT: url, SDRS_PROJECT_ID: scenario, HUAWEICLOUD_SDK_AK: 'AKSTUBSTUBSTUB0001', HUAWEICLOUD_SDK_SK: 'stub-secret-key-value' });

  it('job wait A answered with job B SUCCESS: exit 7 naming both ids, never 0', async () => {
    const r = await runMain(['job', 'wait', A, '--interval', '50ms'], { env: envFor('other-job') });
    expect(r.code, r.stderr).toBe(7);
    const line = expectCleanError(r.stderr);
    expect(line).toContain(A);
    expect(line).toContain(B);
    expect(r.stderr).toContain(`sdrs job wait ${A}`);
    expect(r.stdout).toBe('');
    expect(reads['other-job']).toBe(3);
  });

  it('an unknown status (CANCELED): exit 7 after a few reads with the job id and sdrs job wait, not "still running" until the timeout', async () => {
    const started = Date.now();
    const r = await runMain(['--json', 'job', 'wait', A, '--interval', '50ms', '--timeout', '10m'], { env: envFor('canceled') });
    expect(r.code, r.stderr).toBe(7);
    const e = jsonErr(r.stderr);
    expect(e).toMatchObject({ code: 'BAD_RESPONSE', job_id: A, job_status: 'CANCELED' });
    expect(e.message).toContain('"CANCELED"');
    expect(e.hint).toContain(`sdrs job wait ${A}`);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
