/**
 * `--timeout` is a deadline, and paging always ends (issue 14, item 6).
 *
 * Hostile node:http servers answer what the emulator never would: 429 with a
 * Retry-After far beyond the timeout, response headers and then silence, a
 * job read once and then throttled for an hour, a listing that ignores its
 * offset. The real binary must end at its --timeout (plus start-up), exit 6
 * with the job id, the limit it was given, what it last saw and when, and the
 * resume command; a listing that repeats itself must end at once with exit 7.
 * Before the fix these runs took 60 s, 240 s, 152 s and forever.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, runSdrs, type RunResult } from '../helpers/run.js';
import { expectCleanError, summary } from './helpers.js';

const JOB = '0a1b2c3d-0000-4000-8000-0000000000a1';
const job = (status: string) => ({
  job_id: JOB, status, job_type: 'reverseProtectionGroupNoCG', begin_time: null, end_time: null, error_code: null, fail_reason: null, entities: {},
});
/** A loaded machine: the wait ends within --timeout plus this. */
const SLACK_MS = 3_000;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;
const scenarios: Record<string, Handler> = {
  'retry-after-15': (_req, res) => throttle(res, '15'),
  'retry-after-3600': (_req, res) => throttle(res, '3600'),
  'retry-after-3600-json': (_req, res) => throttle(res, '3600'),
  'headers-then-silence': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders(); // and nothing more, ever
  },
  'read-then-throttled': (_req, res, n) => (n === 1 ? reply(res, 200, job('RUNNING')) : throttle(res, '3600')),
  'short-retry-after': (_req, res, n) => (n === 1 ? throttle(res, '1') : reply(res, 200, job('SUCCESS'))),
  'ignores-offset': (_req, res) =>
    reply(res, 200, { server_groups: Array.from({ length: 100 }, (_, i) => ({ id: `g-${i}`, name: `g-${i}`, status: 'available' })), count: 1_000_000 }),
};
const counts: Record<string, number> = {};

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
function throttle(res: http.ServerResponse, retryAfter: string) {
  reply(res, 429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' }, { 'retry-after': retryAfter });
}

let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // The scenario is the project id in the path, so scenarios run side by side.
      const scenario = /^\/v1\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
      const handler = scenarios[scenario];
      if (!handler) return void res.writeHead(599).end();
      counts[scenario] = (counts[scenario] ?? 0) + 1;
      handler(req, res, counts[scenario]);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  summary(`deadline: each wait's time (from the watching line to the exit) and requests: ${figures.join(', ')}`);
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const envFor = (scenario: string) =>
  baseEnv({ SDRS_ENDPOINT: url, SDRS_PROJECT_ID: scenario, HUAWEICLOUD_SDK_AK: 'AKSTUBSTUBSTUB0001', HUAWEICLOUD_SDK_SK: 'stub-secret-key-value' });

const figures: string[] = [];
/**
 * Runs the binary against a scenario; a run past 15 s is killed (and the test fails).
 * `waitMs` runs from the "watching job" line to the exit: the wait itself, without the
 * start-up of a process that may share the machine with the other scenarios.
 */
async function run(scenario: string, args: string[]): Promise<RunResult & { ms: number; waitMs: number }> {
  const t0 = Date.now();
  let watching: number | undefined;
  const r = await runSdrs(args, {
    env: envFor(scenario), timeoutMs: 15_000,
    onStderr: (chunk) => {
      if (watching === undefined && chunk.includes('watching job')) watching = Date.now();
    },
  });
  const end = Date.now();
  const waitMs = end - (watching ?? t0);
  figures.push(`${scenario} ${(waitMs / 1000).toFixed(1)}s/${counts[scenario] ?? 0} requests`);
  return { ...r, ms: end - t0, waitMs };
}

// Each scenario has its own project id (and counter): they run side by side.
describe.concurrent('--timeout is a deadline across attempts, Retry-After and request timeouts', () => {
  it('job wait --timeout 3s against 429 with Retry-After: 15 ends at 3 s, saying the job was never read', async () => {
    const r = await run('retry-after-15', ['job', 'wait', JOB, '--timeout', '3s']);
    expect(r.code, r.stderr).toBe(6);
    expect(r.waitMs).toBeLessThan(3_000 + SLACK_MS);
    const line = expectCleanError(r.stderr);
    expect(line).toContain(`timed out waiting for job ${JOB} (--timeout 3s)`);
    expect(line).toMatch(/the job was never read: the service answered 429 with Retry-After 15 at \d\d:\d\d:\d\d/);
    expect(line).not.toContain('still running');
    expect(r.stderr).toContain(`resume watching with: sdrs job wait ${JOB}`);
    expect(counts['retry-after-15']).toBe(1); // nothing is sent that could not be answered in time
  });

  it('job wait --timeout 3s against 429 with Retry-After: 3600 ends at 3 s', async () => {
    const r = await run('retry-after-3600', ['job', 'wait', JOB, '--timeout', '3s']);
    expect(r.code, r.stderr).toBe(6);
    expect(r.waitMs).toBeLessThan(3_000 + SLACK_MS);
    expect(expectCleanError(r.stderr)).toMatch(/\(--timeout 3s\); the job was never read: the service answered 429 with Retry-After 3600 at \d\d:\d\d:\d\d/);
  });

  it('job wait --timeout 3s against a server that sends headers and then nothing ends at 3 s', async () => {
    const r = await run('headers-then-silence', ['job', 'wait', JOB, '--timeout', '3s']);
    expect(r.code, r.stderr).toBe(6);
    expect(r.waitMs).toBeLessThan(3_000 + SLACK_MS);
    // On a starved machine the deadline's timer can fire before the headers already on the socket are
    // parsed, so "no answer" is what the client saw; either way the read was cut at the deadline.
    expect(expectCleanError(r.stderr)).toMatch(
      /\(--timeout 3s\); the job was never read: a read sent at \d\d:\d\d:\d\d got (the response headers and then nothing until|no answer before) the deadline/,
    );
    expect(counts['headers-then-silence']).toBe(1);
  });

  it('a job read RUNNING, then throttled for an hour: says when it was last read and what came after', async () => {
    const r = await run('read-then-throttled', ['job', 'wait', JOB, '--timeout', '4s', '--interval', '200ms']);
    expect(r.code, r.stderr).toBe(6);
    expect(r.waitMs).toBeLessThan(4_000 + SLACK_MS);
    const line = expectCleanError(r.stderr);
    expect(line).toMatch(/\(--timeout 4s\); it was still running when last read at \d\d:\d\d:\d\d \(status RUNNING\); the reads after that failed: the service answered 429 with Retry-After 3600 at/);
    expect(counts['read-then-throttled']).toBe(2);
  });

  it('--json: WAIT_TIMEOUT (exit 6) with the job id, the limit and what was last seen', async () => {
    const r = await run('retry-after-3600-json', ['--json', 'job', 'wait', JOB, '--timeout', '3500ms']);
    expect(r.code, r.stderr).toBe(6);
    expect(r.waitMs).toBeLessThan(3_500 + SLACK_MS);
    const e = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    expect(e).toMatchObject({ code: 'WAIT_TIMEOUT', exit_code: 6, job_id: JOB, timeout_ms: 3500, last_status: null, last_read_at: null });
    expect(e.message).toContain('(--timeout 3.5s)');
    expect(e.last_error).toMatchObject({ message: expect.stringMatching(/answered 429 with Retry-After 3600/) });
    expect(new Date(e.last_error.at).getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it('a Retry-After that fits in the time left is still waited out and the read retried', async () => {
    const r = await run('short-retry-after', ['job', 'wait', JOB, '--timeout', '5s']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.waitMs).toBeGreaterThanOrEqual(1_000);
    expect(r.stderr).toContain(`Job ${JOB} finished: SUCCESS`);
    expect(counts['short-retry-after']).toBe(2);
  });
});

describe.concurrent('paging always ends', () => {
  it('group list against a server that ignores offset stops at the repeated page: exit 7 naming the listing', async () => {
    const r = await run('ignores-offset', ['group', 'list']);
    expect(r.code, r.stderr).toBe(7);
    expect(expectCleanError(r.stderr)).toMatch(
      /GET \/server-groups: the listing of server groups repeats itself: page 2 \(offset 100\) has the same 100 ids as page 1/,
    );
    expect(r.stdout).toBe('');
    expect(counts['ignores-offset']).toBe(2);
  });
});
