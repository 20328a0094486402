/**
 * Hostile service text (issue 14, item 7): another client, a broken service or a proxy puts
 * terminal escapes and bidi overrides into every field the service controls: group names and
 * descriptions, instance, pair, server and domain names, a job's error_code and fail_reason,
 * error messages, statuses in a reason phrase. Every command that prints service data runs
 * against that world, and nothing raw may reach a terminal:
 *
 *  - without --json, stdout and stderr carry no C0 control (but newline and tab), no DEL, no C1
 *    control and no bidi override or isolate: each shows as a visible `\uXXXX` (and the escaped
 *    text is there, so the field was printed, not dropped);
 *  - with --json, stdout is valid JSON whose values equal what the service holds, with C1 and
 *    bidi characters escaped in the text (JSON escapes C0 itself); stderr likewise;
 *  - at a colour terminal, only the palette's own colour sequences pass (a conceal `ESC[8m` in a
 *    name is escaped); in a real pseudo-terminal, the spinner, the live multi-group view and the
 *    confirmation prompt show none of the payload's sequences raw.
 *
 * The emulator's fields are set through `PUT /__emulator/records/{kind}/{id}` (no API checks)
 * and `POST /__emulator/fail-next`; what the emulator cannot send (raw C1 and bidi characters in a
 * JSON body, a hostile reason phrase, a non-JSON body) comes from a small node:http server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, BIN, ROOT } from '../helpers/run.js';
import { runMain, SEED_IDS, startWorld, summary, waitJob, type World } from './helpers.js';

/** The payload: clear screen, retitle the window (OSC 0 ... BEL), conceal, C1 CSI, RLO, LRI, NUL, DEL. */
const H = '\u001b[2J\u001b]0;pwned\u0007\u001b[8m\u009b31m\u202eputkcab\u2066\u0000\u007f!';
/** What people see instead: the override shown, not obeyed. */
const VISIBLE = '\\u202eputkcab';
/** Everything that must never reach a terminal raw. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The colour sequences sdrs's palette writes (bold, dim, red, green, yellow, cyan, resets). */
const PALETTE_SGR = /\u001b\[(?:1|2|22|31|32|33|36|39)m/g;

/** The raw unsafe characters in `text`, each with a little context, for a readable failure. */
function rawIn(text: string): string[] {
  return [...text.matchAll(UNSAFE)].slice(0, 5).map((m) => `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 10))}`);
}

/** Every string value in a JSON document. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** The field values the hostile world holds, by tag. */
const V = {
  group: `grp-${H}`, description: `desc-${H}`, instance: `pi-${H}`, pair: `rp-${H}`, server: `srv-${H}`,
  domain: `dom-${H}`, code: `CODE-${H}`, reason: `reason-${H}`,
};

interface Out { code: number; stdout: string; stderr: string }

/** The contract of a run for people: no raw character, and the service text shown escaped. */
function expectHumanSafe(r: Out, label: string, shows = true): void {
  expect(rawIn(r.stdout), `${label}: stdout`).toEqual([]);
  expect(rawIn(r.stderr), `${label}: stderr`).toEqual([]);
  if (shows) expect(r.stdout + r.stderr, `${label}: the service text is shown (escaped)`).toContain(VISIBLE);
}

/** The contract of a --json run: valid JSON with the service's values, C1/bidi escaped in the text. */
function expectJsonSafe(r: Out, label: string, values: string[]): void {
  expect(rawIn(r.stdout), `${label}: stdout`).toEqual([]);
  expect(rawIn(r.stderr), `${label}: stderr`).toEqual([]);
  const docs: unknown[] = [];
  if (r.stdout.trim()) docs.push(JSON.parse(r.stdout));
  for (const line of r.stderr.split('\n')) if (line.startsWith('{')) docs.push(JSON.parse(line));
  const all = docs.flatMap((d) => strings(d));
  for (const v of values) expect(all, `${label}: ${JSON.stringify(v.slice(0, 8))}… equal in value`).toContain(v);
}

let w: World;
let runs = 0;

/** Ids of the hostile world. */
interface Ids { group: string; group2: string; server: string; job: string }

/**
 * A fresh demo world with every name and description hostile, the demo group's production
 * servers stopped (so it can be reversed) and a second group; with `failedJob`, also a failed job
 * (a third group's stop) with a hostile error_code and fail_reason.
 */
async function hostileWorld(failedJob = false): Promise<Ids> {
  await w.admin('POST', '/reset', { seed: 'demo' });
  await w.admin('PUT', '/config', { job_duration_ms: 50 });
  const [second, third] = (await w.admin('POST', '/groups', { name: 'extra', count: 2 })).server_groups.map((g: { id: string }) => g.id) as string[];
  const st = await w.state();
  const set = (kind: string, id: string, body: object) => w.admin('PUT', `/records/${kind}/${id}`, body);
  await Promise.all([
    ...Object.keys(st.groups).map((id) => set('groups', id, { name: V.group, description: V.description })),
    ...Object.keys(st.instances).map((id) => set('instances', id, { name: V.instance, description: V.description })),
    ...Object.keys(st.replications).map((id) => set('replications', id, { name: V.pair, description: V.description })),
    ...Object.keys(st.servers).map((id) => set('servers', id, { name: V.server })),
    ...st.domains.map((d: { id: string }) => set('domains', d.id, { name: V.domain, description: V.description })),
    ...['erp-app-01', 'erp-db-01'].map((s) => w.admin('PUT', `/servers/${SEED_IDS.server(s)}/power`, { status: 'SHUTOFF' })),
  ]);
  let job = '';
  if (failedJob) {
    await failNext();
    const sent = await w.client.post(`/server-groups/${third}/action`, { 'stop-server-group': {} });
    expect((await waitJob(w.client, sent.body.job_id)).status).toBe('FAIL');
    job = sent.body.job_id;
  }
  return { group: SEED_IDS.demoGroup, group2: second, server: SEED_IDS.server('web-01'), job };
}

/** Queues a hostile failure for the next `count` jobs. */
const failNext = (count = 1) => w.admin('POST', '/fail-next', { job_type: '*', error_code: V.code, fail_reason: V.reason, count });

interface Case {
  argv: (ids: Ids) => string[];
  /** The command changes the world: each mode gets a fresh hostile world (else all share one). */
  changes?: boolean;
  /** Exit code (both modes). */
  code: number;
  /** Values the --json documents (stdout, or the error on stderr) must hold exactly. */
  json: string[];
  prep?: (ids: Ids) => Promise<unknown>;
  env?: Record<string, string | undefined>;
}

const FAST = ['--interval', '50ms'];

/** Every command that prints service data, against the hostile world. */
const CASES: Record<string, Case> = {
  'group list': { argv: () => ['group', 'list'], code: 0, json: [V.group, V.description] },
  'group show': { argv: (i) => ['group', 'show', i.group], code: 0, json: [V.group, V.description, V.domain] },
  'group status': { argv: (i) => ['group', 'status', i.group], code: 0, json: [V.group, V.instance, V.pair, V.server] },
  'instance list': { argv: () => ['instance', 'list'], code: 0, json: [V.instance] },
  'pair list': { argv: () => ['pair', 'list'], code: 0, json: [V.pair] },
  'server list': { argv: () => ['server', 'list'], code: 0, json: [V.server] },
  'domain list': { argv: () => ['domain', 'list'], code: 0, json: [V.domain] },
  'job show (failed job)': { argv: (i) => ['job', 'show', i.job], code: 0, json: [V.code, V.reason] },
  'job wait (failed job)': { argv: (i) => ['job', 'wait', i.job, ...FAST], code: 5, json: [V.code, V.reason] },
  'group reverse (job fails)': {
    argv: (i) => ['group', 'reverse', i.group, '--to', 'target', '--yes', ...FAST], code: 5, json: [V.code, V.reason], prep: () => failNext(), changes: true,
  },
  'group reverse of two groups (both jobs fail)': {
    argv: (i) => ['group', 'reverse', i.group, i.group2, '--to', 'target', '--yes', ...FAST], code: 5, json: [V.group], prep: () => failNext(2), changes: true,
  },
  'server stop (progress label with the server name)': { argv: (i) => ['server', 'stop', i.server, '--yes', ...FAST], code: 0, json: [V.server], changes: true },
  '--debug group show': { argv: (i) => ['--debug', 'group', 'show', i.group], code: 0, json: [V.group, V.description] },
  '--debug group reverse (job fails)': {
    argv: (i) => ['--debug', 'group', 'reverse', i.group, '--to', 'target', '--yes', ...FAST], code: 5, json: [V.code, V.reason], prep: () => failNext(), changes: true,
  },
};

beforeAll(async () => {
  w = await startWorld({ seed: 'demo', jobDurationMs: 50 });
});
afterAll(async () => {
  await w?.stop();
  summary(`hostile text: ${runs} runs of commands printing service data, no raw control or bidi character`);
});

async function run(argv: string[], extraEnv: Record<string, string | undefined> = {}): Promise<Out> {
  runs++;
  const env = Object.fromEntries(Object.entries({ ...w.env, ...extraEnv }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return runMain(argv, { env });
}

describe('hostile text in every field the emulator holds', () => {
  /** The world the read-only commands share. */
  let shared: Ids;
  beforeAll(async () => {
    shared = await hostileWorld(true);
  });
  const world = async (c: Case) => {
    const ids = c.changes ? await hostileWorld() : shared;
    await c.prep?.(ids);
    return ids;
  };

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: escaped for people, equal in value and escaped in --json`, async () => {
      const human = await run(c.argv(await world(c)), c.env);
      expect(human.code, `${name}: ${human.stderr.slice(-800)}`).toBe(c.code);
      expectHumanSafe(human, name);

      const json = await run(['--json', ...c.argv(await world(c))], c.env);
      expect(json.code, `${name} --json: ${json.stderr.slice(-800)}`).toBe(c.code);
      expectJsonSafe(json, `${name} --json`, c.json);
    });
  }

  it('at a colour terminal only the palette colours pass: a conceal (ESC[8m) in a name is escaped', async () => {
    const ids = await hostileWorld();
    await failNext();
    const r = await run(['group', 'reverse', ids.group, '--to', 'target', '--yes', ...FAST], { NO_COLOR: undefined, FORCE_COLOR: '3' });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr, 'colour is on').toMatch(PALETTE_SGR);
    expect(rawIn(r.stderr.replace(PALETTE_SGR, '')), 'stderr without the palette colours').toEqual([]);
    expect(r.stderr).toContain('\\u001b[8m');
    expectHumanSafe({ ...r, stderr: r.stderr.replace(PALETTE_SGR, '') }, 'colour');
  });
});

/** What a broken service or a proxy can send that the emulator does not: raw C1 and bidi characters in JSON, hostile reason phrases, non-JSON bodies. */
describe('hostile answers from a node:http server', () => {
  const GID = '11111111-2222-3333-4444-555555555555';
  const JOB = '0123456789abcdef0123456789abcdef';
  const group = {
    id: GID, name: V.group, description: V.description, status: 'available', progress: 100,
    source_availability_zone: 'az-a', target_availability_zone: 'az-b', domain_id: 'd', domain_name: V.domain, priority_station: 'source',
    protected_instance_num: 0, replication_num: 0, source_vpc_id: 'v', created_at: 't', updated_at: 't',
  };
  const job = {
    job_id: JOB, status: 'FAIL', job_type: 'createProtectionGroupNoCG', begin_time: null, end_time: null, error_code: V.code, fail_reason: V.reason,
    entities: { sub_jobs: [{ job_id: 'fedcba9876543210fedcba9876543210', status: 'FAIL', job_type: 't', error_code: V.code, fail_reason: V.reason, entities: {} }] },
  };
  type Reply = { status: number; reason?: string; body: string; type?: string };
  // JSON.stringify leaves C1 and bidi characters raw (valid JSON); the C0 ones it escapes.
  const ok = (v: unknown): Reply => ({ status: 200, body: JSON.stringify(v) });
  /** scenario (the project id in the path) -> the reply to every request. */
  const SCENARIOS: Record<string, { argv: string[]; reply: Reply; code: number; json: string[] }> = {
    'raw-c1-group': { argv: ['group', 'show', GID], reply: ok({ server_group: group }), code: 0, json: [V.group, V.description, V.domain] },
    'raw-c1-list': { argv: ['group', 'list'], reply: ok({ server_groups: [group], count: 1 }), code: 0, json: [V.group, V.description] },
    'raw-c1-job': { argv: ['job', 'wait', JOB, ...FAST], reply: ok(job), code: 5, json: [V.code, V.reason] },
    'api-error': { argv: ['group', 'show', GID], reply: { status: 400, body: JSON.stringify({ error_code: `SDRS.${H}`, error_msg: `msg-${H}` }) }, code: 3, json: [`SDRS.${H}`] },
    'not-json': { argv: ['group', 'list'], reply: { status: 200, body: `<html>${H}</html>`, type: 'text/html' }, code: 7, json: [] },
    // A reason phrase may carry bytes 0x80-0xff: C1 controls among them.
    'reason-phrase': { argv: ['group', 'show', GID], reply: { status: 418, reason: 'tea\u009b2J\u0085pot', body: '' }, code: 3, json: [] },
  };
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const scenario = /^\/v1\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
        const reply = SCENARIOS[scenario]?.reply;
        if (!reply) return void res.writeHead(599).end();
        res.writeHead(reply.status, reply.reason ?? '', { 'content-type': reply.type ?? 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  for (const [scenario, s] of Object.entries(SCENARIOS)) {
    it(`${scenario}: ${s.argv.slice(0, 2).join(' ')} (human, --json, --debug)`, async () => {
      const env = baseEnv({ SDRS_ENDPOINT: url, HUAWEICLOUD_SDK_AK: 'AKHOSTILE00000000001', HUAWEICLOUD_SDK_SK: 'sk-hostile-0000000000000000', SDRS_PROJECT_ID: scenario });
      const human = await runMain(s.argv, { env });
      runs++;
      expect(human.code, human.stderr).toBe(s.code);
      expectHumanSafe(human, scenario, s.reply.reason === undefined);
      if (s.reply.reason) expect(human.stderr).toContain('tea\\u009b2J\\u0085pot');

      const json = await runMain(['--json', ...s.argv], { env });
      runs++;
      expect(json.code, json.stderr).toBe(s.code);
      expectJsonSafe(json, `${scenario} --json`, s.json);

      const debug = await runMain(['--debug', ...s.argv], { env });
      runs++;
      expect(debug.code, debug.stderr).toBe(s.code);
      expect(debug.stderr).toContain('[debug]');
      expectHumanSafe(debug, `${scenario} --debug`, s.reply.reason === undefined);
    });
  }
});

/** The spinner, the live multi-group view and a prompt in a real pseudo-terminal (the built binary). */
describe('at a terminal', () => {
  /** The payload's own sequences; the spinner's and the board's cursor moves are allowed. */
  const PAYLOAD_RAW = ['\u001b[2J', '\u001b]0;', '\u0007', '\u001b[8m', '\u009b', '\u202e', '\u2066', '\u0000', '\u007f'];

  async function terminal(args: string[], answer?: string): Promise<{ code: number; raw: string }> {
    const { default: pty } = await import('node-pty');
    const home = mkdtempSync(join(tmpdir(), 'sdrs-hostile-pty-'));
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), TERM: 'xterm-256color', LANG: 'C.UTF-8',
      SDRS_ENDPOINT: w.emu.url, HUAWEICLOUD_SDK_AK: w.emu.ak, HUAWEICLOUD_SDK_SK: w.emu.sk, SDRS_PROJECT_ID: w.emu.projectId,
    };
    const proc = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: 160, rows: 40, cwd: ROOT, env });
    let raw = '';
    let answered = false;
    proc.onData((d) => {
      raw += d;
      if (answer !== undefined && !answered && raw.includes('Continue?')) {
        answered = true;
        setTimeout(() => proc.write(answer), 50);
      }
    });
    runs++;
    const code = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`sdrs ${args.join(' ')} did not exit\n${raw}`));
      }, 20_000);
      proc.onExit((e) => {
        clearTimeout(timer);
        resolve(e.exitCode);
      });
    });
    return { code, raw };
  }

  function expectNoPayload(raw: string, label: string): void {
    for (const seq of PAYLOAD_RAW) expect(raw.includes(seq), `${label}: raw ${JSON.stringify(seq)} on the terminal`).toBe(false);
    expect(raw, `${label}: shown escaped`).toContain(VISIBLE);
  }

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('the spinner of a failing reverse (label, statuses, final line) and the error', async () => {
    const ids = await hostileWorld();
    await failNext();
    const t = await terminal(['group', 'reverse', ids.group, '--to', 'target', '--yes', ...FAST]);
    expect(t.code, t.raw).toBe(5);
    expectNoPayload(t.raw, 'spinner');
  });

  it('the live view of a two-group reverse', async () => {
    const ids = await hostileWorld();
    await failNext(2);
    const t = await terminal(['group', 'reverse', ids.group, ids.group2, '--to', 'target', '--yes', ...FAST]);
    expect(t.code, t.raw).toBe(5);
    expectNoPayload(t.raw, 'board');
  });

  it('the confirmation prompt quoting the group name (answered no: nothing sent)', async () => {
    const ids = await hostileWorld();
    const t = await terminal(['group', 'reverse', ids.group, '--to', 'target'], 'n\r');
    expect(t.code, t.raw).toBe(2);
    expectNoPayload(t.raw, 'prompt');
  });
});
