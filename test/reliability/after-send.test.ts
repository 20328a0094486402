/**
 * The after-send invariant, across every mutating command: once a mutating request may
 * have reached the service, every ending reports the job id or the command that finds
 * out (or resumes), and exits 0, 5, 6, 7 or the signal's code, never 2, 3 or 4.
 *
 * One table: every mutating command x every fault after the request is sent, run
 * in-process (main()) against the emulator through a small tampering proxy on
 * loopback, which decides the fate of exactly the command's own request:
 *
 *   reset-after       forwarded (the service processes it), then the connection is dropped
 *   500-after         forwarded (processed), then answered 500
 *   sigint-post       forwarded (processed), then SIGINT while the answer is awaited
 *   bad-job-id        forwarded (processed), answered with a job_id that is not an id
 *   job-reads-403     answered normally; every read of its job answered 403
 *   config-rewritten  answered normally; at the first read of its job ~/.sdrsrc is rewritten unreadable
 *   sigint-watch      answered normally; SIGINT at the first read of its job
 *
 * Plus the named cases: many-group reverse of a dropped-but-processed action, the create
 * reconciled by identity (an old same-named group; ten parallel creates of one name),
 * SIGHUP, and `server stop` after a 500.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { baseEnv } from '../helpers/run.js';
import { LOCAL_AZ, SEED_IDS, pool, startWorld, summary, type World } from './helpers.js';

type Fault = 'reset-after' | '500-after' | 'sigint-post' | 'bad-job-id' | 'job-reads-403' | 'config-rewritten' | 'sigint-watch' | 'sighup-watch';
/** The faults of the table (sighup-watch has its own test: it goes through the real signal handler). */
const FAULTS: Fault[] = ['reset-after', '500-after', 'sigint-post', 'bad-job-id', 'job-reads-403', 'config-rewritten', 'sigint-watch'];

/** The exit codes each fault may end with. */
const ALLOWED: Record<Fault, number[]> = {
  // The change was processed: done (followed by its state), failed, or unknown.
  'reset-after': [0, 5, 7],
  '500-after': [0, 5, 7],
  'sigint-post': [130],
  // Processed, answered with a job id that is no id: an answer that cannot be used (outcome unknown, reconciled).
  'bad-job-id': [0, 5, 7],
  // The job was accepted and cannot be read: unknown, with its id.
  'job-reads-403': [7],
  // The read that saw the job end was the last one a command needed: done (its job id shown); else unknown.
  'config-rewritten': [0, 7],
  'sigint-watch': [130],
  'sighup-watch': [129],
};

/** A command that says how to find out or resume. */
const LOOKUP = /sdrs (job wait [0-9a-f]|group (show|status|list)|instance list|pair list|server (list|stop|start))/;

/** Identifies the command's own mutating request. */
interface Target {
  method: string;
  /** The path ends with this. */
  path: string;
  /** The body contains this. */
  body?: string;
}

/** One run of one command under one fault. */
interface Case {
  fault: Fault;
  target: Target;
  controller: AbortController;
  configPath: string;
  hit: boolean;
  /** config-rewritten: the file was rewritten. */
  rewritten?: boolean;
  jobId?: string;
}

/** An emulator behind its tampering proxy, and the cases running against it. */
interface Lab {
  w: World;
  proxy: Server;
  url: string;
  active: Set<Case>;
}

/** The lab of the named tests (the table gives each fault a lab of its own, so each world stays small). */
let lab: Lab;
let w: World;
const tally = { runs: 0, byCode: {} as Record<number, number>, followed: 0, proxied: 0 };

/** Sends a request on to the emulator as it came (the signature covers the Host header, kept as it is). */
function forward(l: Lab, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const target = new URL(l.w.emu.url);
  return new Promise((resolve, reject) => {
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }));
      r.on('error', reject);
    });
    up.on('error', reject);
    up.end(body);
  });
}

function answer(res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string | string[] | undefined> = { 'content-type': 'application/json' }): void {
  const h = { ...headers };
  delete h['transfer-encoding'];
  delete h['content-length'];
  res.writeHead(status, h);
  res.end(body);
}

const matches = (t: Target, req: IncomingMessage, body: string) =>
  req.method === t.method && new URL(req.url ?? '/', 'http://x').pathname.endsWith(t.path) && (t.body === undefined || body.includes(t.body));

async function handle(l: Lab, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const text = body.toString('utf8');
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const mine = [...l.active].find((c) => !c.hit && matches(c.target, req, text));
  if (mine) {
    mine.hit = true;
    tally.proxied++;
    const up = await forward(l, req, body); // the service processes it in every case
    if (mine.fault === 'reset-after') return void req.socket.destroy();
    if (mine.fault === '500-after') return answer(res, 500, JSON.stringify({ error: { code: 'SDRS.0006', message: 'Internal error (after processing)' } }));
    if (mine.fault === 'sigint-post') {
      mine.controller.abort('SIGINT');
      return; // the answer never comes: the client gives up on the signal
    }
    if (mine.fault === 'bad-job-id') return answer(res, 200, JSON.stringify({ job_id: '../jobs/x y' }));
    try {
      mine.jobId = JSON.parse(up.body.toString('utf8')).job_id;
    } catch {
      // Not a job answer: the command's own check will fail.
    }
    return answer(res, up.status, up.body, up.headers);
  }
  const jobCase = req.method === 'GET' ? [...l.active].find((c) => c.jobId !== undefined && path.endsWith(`/jobs/${c.jobId}`)) : undefined;
  if (jobCase?.fault === 'job-reads-403') {
    return answer(res, 403, JSON.stringify({ error_code: 'APIGW.0302', error_msg: 'Forbidden (every read of this job)' }));
  }
  if (jobCase?.fault === 'sigint-watch' || jobCase?.fault === 'sighup-watch') {
    // SIGHUP goes through main()'s own handler (the test runs it with handleSignals).
    if (jobCase.fault === 'sighup-watch') process.emit('SIGHUP', 'SIGHUP');
    else jobCase.controller.abort('SIGINT');
    return; // held: the watch is interrupted while it waits
  }
  if (jobCase?.fault === 'config-rewritten' && !jobCase.rewritten) {
    jobCase.rewritten = true;
    writeFileSync(jobCase.configPath, 'profiles:\n  default: [unclosed\n');
  }
  const up = await forward(l, req, body);
  answer(res, up.status, up.body, up.headers);
}

/** An emulator with 10 ms jobs, behind a tampering proxy on loopback. */
async function startLab(): Promise<Lab> {
  const world = await startWorld({ seed: 'empty', jobDurationMs: 10 });
  const l = { w: world, active: new Set<Case>() } as Lab;
  l.proxy = createServer((req, res) => {
    handle(l, req, res).catch(() => res.destroy());
  });
  await new Promise<void>((r) => l.proxy.listen(0, '127.0.0.1', r));
  l.url = `http://127.0.0.1:${(l.proxy.address() as { port: number }).port}`;
  return l;
}

async function stopLab(l: Lab | undefined): Promise<void> {
  if (!l) return;
  l.proxy.closeAllConnections();
  await new Promise<void>((r) => l.proxy.close(() => r()));
  await l.w.stop();
}

beforeAll(async () => {
  lab = await startLab();
  w = lab.w;
});
afterAll(() => stopLab(lab));

/** An environment whose credentials come from ~/.sdrsrc (so rewriting it takes effect mid-watch), pointed at the proxy. */
function caseEnv(l: Lab): { env: Record<string, string>; configPath: string } {
  const env = baseEnv({ SDRS_ENDPOINT: l.url, SDRS_PROJECT_ID: l.w.emu.projectId });
  const configPath = join(env.HOME, '.sdrsrc');
  writeFileSync(configPath, `profiles:\n  default:\n    accessKey: ${l.w.emu.ak}\n    secretKey: ${l.w.emu.sk}\n`, { mode: 0o600 });
  return { env, configPath };
}

/** Runs main() in process with captured streams and an abort signal (the tests' SIGINT). */
async function runIn(argv: string[], env: Record<string, string>, signal?: AbortSignal, handleSignals = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  stdin.end('');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(argv, { stdin, stdout, stderr, env, cwd: env.HOME, homeDir: env.HOME, handleSignals, signal });
  return { code, stdout: out, stderr: err };
}

let seq = 0;
const unique = (p: string) => `${p}-${++seq}`;

/** Fixtures, built directly on the emulator (not through the proxy). */
const fx = {
  async group(w: World, o: { production?: 'ACTIVE' | 'SHUTOFF' } = {}) {
    const name = unique('as');
    const { server_groups } = (await w.admin('POST', '/groups', { name, production_status: o.production ?? 'SHUTOFF' })) as { server_groups: { id: string; name: string }[] };
    const world = await w.state();
    const id = server_groups[0].id;
    const pi = Object.values(world.instances as Record<string, any>).find((i) => i.groupId === id);
    const pairs = Object.values(world.replications as Record<string, any>).filter((r) => r.groupId === id);
    return { id, name, pi, pairs, prodServer: pi.sourceServer as string };
  },
  async job(w: World, method: 'post' | 'del', path: string, body?: unknown) {
    const r = await w.client[method](path, body);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
    for (let i = 0; i < 400; i++) {
      const j = await w.client.get(`/jobs/${r.body.job_id}`);
      if (j.body.status === 'SUCCESS') return j.body;
      if (j.body.status === 'FAIL') throw new Error(`job failed: ${j.text}`);
      await new Promise((s) => setTimeout(s, 10));
    }
    throw new Error('fixture job did not end');
  },
  async server(w: World, status: 'ACTIVE' | 'SHUTOFF', disks = 1) {
    return (await w.admin('POST', '/servers', { name: unique('srv'), availability_zone: LOCAL_AZ, vpc_id: SEED_IDS.vpc, status, disks })) as { server: { id: string }; volumes: { id: string }[] };
  },
  async detached(w: World, g: { pi: any; pairs: any[] }) {
    const rp = g.pairs.find((p: any) => p.attachment[0]?.device !== '/dev/vda') ?? g.pairs[g.pairs.length - 1];
    const device = rp.attachment[0].device as string;
    await fx.job(w, 'del', `/protected-instances/${g.pi.id}/detachreplication/${rp.id}`);
    return { rp, device };
  },
};

/** Every mutating command: how to build its world, its argv, and which request is its own. */
const COMMANDS: Record<string, (w: World) => Promise<{ argv: string[]; target: Target }>> = {
  'group create': async () => {
    const name = unique('ac');
    return { argv: ['group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc], target: { method: 'POST', path: '/server-groups', body: `"name":"${name}"` } };
  },
  'group start': async (w) => {
    const g = await fx.group(w);
    await fx.job(w, 'post', `/server-groups/${g.id}/action`, { 'stop-server-group': {} });
    return { argv: ['group', 'start', g.id, '--yes'], target: { method: 'POST', path: `/server-groups/${g.id}/action` } };
  },
  'group stop': async (w) => {
    const g = await fx.group(w);
    return { argv: ['group', 'stop', g.id, '--yes'], target: { method: 'POST', path: `/server-groups/${g.id}/action` } };
  },
  'group failover': async (w) => {
    const g = await fx.group(w);
    return { argv: ['group', 'failover', g.id, '--yes'], target: { method: 'POST', path: `/server-groups/${g.id}/action` } };
  },
  'group delete': async (w) => {
    const job = await fx.job(w, 'post', '/server-groups', {
      server_group: { name: unique('ad'), source_availability_zone: LOCAL_AZ, target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
    });
    const id = job.entities.server_group_id as string;
    return { argv: ['group', 'delete', id, '--yes'], target: { method: 'DELETE', path: `/server-groups/${id}` } };
  },
  'group reverse': async (w) => {
    const g = await fx.group(w);
    return { argv: ['group', 'reverse', g.id, '--to', 'target', '--yes'], target: { method: 'POST', path: `/server-groups/${g.id}/action` } };
  },
  'group reverse g1 g2': async (w) => {
    const [g1, g2] = [await fx.group(w), await fx.group(w)];
    return { argv: ['group', 'reverse', g1.id, g2.id, '--to', 'target', '--yes'], target: { method: 'POST', path: `/server-groups/${g1.id}/action` } };
  },
  'group reverse --stop-servers (stop)': async (w) => {
    const g = await fx.group(w, { production: 'ACTIVE' });
    return { argv: ['group', 'reverse', g.id, '--to', 'target', '--stop-servers', '--yes'], target: { method: 'POST', path: '/cloudservers/action', body: g.prodServer } };
  },
  'group reverse --stop-servers (reverse)': async (w) => {
    const g = await fx.group(w, { production: 'ACTIVE' });
    return { argv: ['group', 'reverse', g.id, '--to', 'target', '--stop-servers', '--yes'], target: { method: 'POST', path: `/server-groups/${g.id}/action` } };
  },
  'instance add': async (w) => {
    const g = await fx.group(w);
    const s = await fx.server(w, 'SHUTOFF');
    return { argv: ['instance', 'add', g.id, '--server', s.server.id, '--name', unique('pi')], target: { method: 'POST', path: '/protected-instances', body: s.server.id } };
  },
  'instance remove': async (w) => {
    const g = await fx.group(w);
    return { argv: ['instance', 'remove', g.pi.id, '--yes'], target: { method: 'DELETE', path: `/protected-instances/${g.pi.id}` } };
  },
  'pair add': async (w) => {
    const g = await fx.group(w);
    const s = await fx.server(w, 'SHUTOFF');
    return { argv: ['pair', 'add', g.id, '--volume', s.volumes[0].id, '--name', unique('rp')], target: { method: 'POST', path: '/replications', body: s.volumes[0].id } };
  },
  'pair attach': async (w) => {
    const g = await fx.group(w);
    const { rp, device } = await fx.detached(w, g);
    return { argv: ['pair', 'attach', rp.id, '--instance', g.pi.id, '--device', device], target: { method: 'POST', path: `/protected-instances/${g.pi.id}/attachreplication` } };
  },
  'pair detach': async (w) => {
    const g = await fx.group(w);
    const rp = g.pairs[g.pairs.length - 1];
    return { argv: ['pair', 'detach', rp.id], target: { method: 'DELETE', path: `/detachreplication/${rp.id}` } };
  },
  'pair remove': async (w) => {
    const g = await fx.group(w);
    const { rp } = await fx.detached(w, g);
    return { argv: ['pair', 'remove', rp.id, '--yes'], target: { method: 'DELETE', path: `/replications/${rp.id}` } };
  },
  'pair remove --detach': async (w) => {
    const g = await fx.group(w);
    const rp = g.pairs[g.pairs.length - 1];
    return { argv: ['pair', 'remove', rp.id, '--detach', '--yes'], target: { method: 'DELETE', path: `/detachreplication/${rp.id}` } };
  },
  'server stop': async (w) => {
    const s = await fx.server(w, 'ACTIVE');
    return { argv: ['server', 'stop', s.server.id, '--yes'], target: { method: 'POST', path: '/cloudservers/action', body: s.server.id } };
  },
  'server start': async (w) => {
    const s = await fx.server(w, 'SHUTOFF');
    return { argv: ['server', 'start', s.server.id], target: { method: 'POST', path: '/cloudservers/action', body: s.server.id } };
  },
};

/** Runs one command under one fault: its ending, and what is wrong with it (empty: nothing). */
async function runCase(l: Lab, name: string, fault: Fault, o: { json?: boolean; handleSignals?: boolean } = {}) {
  const { argv, target } = await COMMANDS[name](l.w);
  const { env, configPath } = caseEnv(l);
  const c: Case = { fault, target, controller: new AbortController(), configPath, hit: false };
  l.active.add(c);
  let r: Awaited<ReturnType<typeof runIn>>;
  try {
    r = await runIn([...argv, '--interval', '10ms', ...(o.json ? ['--json'] : [])], env, c.controller.signal, o.handleSignals);
  } finally {
    l.active.delete(c);
  }
  tally.runs++;
  tally.byCode[r.code] = (tally.byCode[r.code] ?? 0) + 1;
  if (/following (group|servers)/.test(r.stderr)) tally.followed++;
  const text = `${r.stdout}\n${r.stderr}`;
  const what = `${name} under ${fault}: exit ${r.code}\n  stdout: ${r.stdout.trim().slice(-600)}\n  stderr: ${r.stderr.trim().slice(-1500)}`;
  const problems: string[] = [];
  if (!c.hit) problems.push(`${what}\n  (its request never reached the proxy)`);
  if (!ALLOWED[fault].includes(r.code)) problems.push(`${what}\n  (allowed: ${ALLOWED[fault].join(', ')})`);
  if (r.code !== 0) {
    if (c.jobId !== undefined && !text.includes(c.jobId)) problems.push(`${what}\n  (the job id ${c.jobId} is not reported)`);
    if (c.jobId === undefined && !LOOKUP.test(text)) problems.push(`${what}\n  (no command to find out)`);
  } else if (c.jobId === undefined ? !/no clear answer/.test(r.stderr) : !text.includes(c.jobId)) {
    problems.push(`${what}\n  (exit 0 without the job id, or after a lost answer without saying so)`);
  }
  if (fault === 'sigint-post' && !/may have reached the service/.test(r.stderr)) problems.push(`${what}\n  (does not say the request may have reached the service)`);
  return { problems, r, c };
}

describe('after the send: every mutating command, every fault', () => {
  it(`${Object.keys(COMMANDS).length} commands x ${FAULTS.length} faults: the job id or the lookup command, exit 0/5/6/7/130, never 2/3/4`, { timeout: 120_000 }, async () => {
    const t0 = Date.now();
    const labs = await Promise.all(FAULTS.map(() => startLab()));
    let problems: string[];
    try {
      const cases = Object.keys(COMMANDS).flatMap((name) => FAULTS.map((fault, i) => async () => (await runCase(labs[i], name, fault)).problems));
      problems = (await pool(8, cases)).flat();
    } finally {
      await Promise.all(labs.map(stopLab));
    }
    summary(
      `after-send: ${tally.runs} runs (${Object.keys(COMMANDS).length} mutating commands x ${FAULTS.length} faults after the send) in ${((Date.now() - t0) / 1000).toFixed(1)}s; ` +
        `exit codes ${Object.entries(tally.byCode).map(([k, v]) => `${k}: ${v}`).join(', ')}; ${tally.followed} followed by their state after a lost answer; exits 2/3/4: ${[2, 3, 4].reduce((n, k) => n + (tally.byCode[k] ?? 0), 0)}`,
    );
    expect(problems, problems.join('\n\n')).toEqual([]);
  });
});

/** The JSON error document on stderr. */
const jsonError = (stderr: string) => JSON.parse(stderr.trim().split('\n').filter((l) => l.startsWith('{"error"')).pop()!).error;

describe('signals after the send', () => {
  it('SIGHUP (the SSH session dropped) during a watch: exit 129 with the job id and the resume line', async () => {
    const { problems, r, c } = await runCase(lab, 'group reverse', 'sighup-watch', { handleSignals: true });
    expect(problems, problems.join('\n')).toEqual([]);
    expect(r.code).toBe(129);
    expect(r.stderr).toContain(`resume watching with: sdrs job wait ${c.jobId}`);
  });

  it('SIGHUP during a many-group reverse: exit 129, each submitted job named', async () => {
    const { r, c } = await runCase(lab, 'group reverse g1 g2', 'sighup-watch', { handleSignals: true });
    expect(r.code, r.stderr).toBe(129);
    expect(r.stdout + r.stderr).toContain(c.jobId!);
  });

  it('SIGINT while the POST is in flight (--json): the request may have reached the service, and how to check', async () => {
    const { r, c } = await runCase(lab, 'group reverse', 'sigint-post', { json: true });
    expect(r.code).toBe(130);
    const e = jsonError(r.stderr);
    const gid = c.target.path.split('/')[2];
    expect(e).toMatchObject({ code: 'INTERRUPTED', exit_code: 130, group_id: gid });
    expect(e.message).toMatch(/stopped while the request was in flight; it may have reached the service/);
    expect(e.hint).toContain(`sdrs group show ${gid}`);
  });

  it('a config file rewritten during a watch: exit 7 with the job id and how to resume, not exit 4', async () => {
    const { r, c } = await runCase(lab, 'group stop', 'config-rewritten', { json: true });
    expect(r.code, r.stderr).toBe(7);
    const e = jsonError(r.stderr);
    expect(e).toMatchObject({ code: 'OUTCOME_UNKNOWN', job_id: c.jobId, cause_exit_code: 4 });
    expect(e.hint).toContain(`sdrs job wait ${c.jobId}`);
  });
});

describe('many groups: a dropped-but-processed action is reported as what it is', () => {
  const reverse = (ids: string[], json: boolean) => {
    const env = baseEnv({ SDRS_ENDPOINT: w.emu.url, HUAWEICLOUD_SDK_AK: w.emu.ak, HUAWEICLOUD_SDK_SK: w.emu.sk, SDRS_PROJECT_ID: w.emu.projectId });
    return runIn(['group', 'reverse', ...ids, '--to', 'target', '--yes', '--interval', '10ms', ...(json ? ['--json'] : [])], env);
  };

  it.each([true, false])('g1 processed, then its connection dropped (--json %s): g1 reversed, production on target, exit 0', async (json) => {
    const [g1, g2] = [await fx.group(w), await fx.group(w)];
    await w.admin('POST', '/faults/next', { fault: 'reset-after', method: 'POST', path: `${g1.id}/action` });
    const r = await reverse([g1.id, g2.id], json);
    expect(r.code, r.stderr).toBe(0);
    const world = await w.state();
    expect(world.groups[g1.id]).toMatchObject({ priority: 'target', status: 'protected' });
    if (json) {
      const rows = JSON.parse(r.stdout) as any[];
      expect(rows.find((x) => x.group_id === g1.id)).toMatchObject({ result: 'reversed', status: 'protected', priority_station: 'target', job_id: null, exit_code: 0, error: null });
      // Read while the job runs (reversing) or after it ended (production moved): either way, accepted.
      expect(rows.find((x) => x.group_id === g1.id).note).toMatch(/no clear answer from the service, but (the group is now reversing, so the service did accept it|production now runs on target .*so the reverse was carried out)/);
      expect(rows.find((x) => x.group_id === g2.id)).toMatchObject({ result: 'reversed', priority_station: 'target', job_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    } else {
      const row = r.stdout.split('\n').find((l) => l.startsWith(g1.name))!;
      expect(row).toMatch(/reversed\s+protected\s+\S+ \(target\)\s+-\s+0/);
    }
  });

  it('g1 dropped before processing: g1 failed with exit 7, its real side, and how to check; g2 reversed', async () => {
    const [g1, g2] = [await fx.group(w), await fx.group(w)];
    await w.admin('POST', '/faults/next', { fault: 'reset-before', method: 'POST', path: `${g1.id}/action` });
    const r = await reverse([g1.id, g2.id], true);
    expect(r.code).toBe(7);
    const rows = JSON.parse(r.stdout) as any[];
    const row = rows.find((x) => x.group_id === g1.id);
    expect(row).toMatchObject({ result: 'failed', status: 'protected', priority_station: 'source', exit_code: 7, job_id: null });
    expect(row.error.hint).toContain(`sdrs group show ${g1.id}`);
    expect(rows.find((x) => x.group_id === g2.id)).toMatchObject({ result: 'reversed', priority_station: 'target' });
    expect(jsonError(r.stderr).hint).toContain(`sdrs group show ${g1.id}`);
  });
});

describe('create: reconciled by identity, not by name', () => {
  const env = () => baseEnv({ SDRS_ENDPOINT: w.emu.url, HUAWEICLOUD_SDK_AK: w.emu.ak, HUAWEICLOUD_SDK_SK: w.emu.sk, SDRS_PROJECT_ID: w.emu.projectId });
  // Same-name groups on purpose: the override of the duplicate-name check.
  const create = (name: string, json = true) => runIn(['group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--allow-duplicate-name', '--interval', '10ms', ...(json ? ['--json'] : [])], env());
  const named = async (name: string) => Object.values((await w.state()).groups as Record<string, any>).filter((g) => g.name === name);

  it('one group of the name already there, the POST failed before processing: the old group is not named as created', async () => {
    const name = unique('erp');
    const old = (await create(name)).stdout;
    const oldId = JSON.parse(old).id as string;
    await w.admin('POST', '/faults/next', { fault: '500', method: 'POST', path: '/server-groups' });
    const r = await create(name);
    expect(r.code).toBe(7);
    const e = jsonError(r.stderr);
    expect(e.message).toMatch(/may or may not have been created: no new group of that name has appeared/);
    expect(e.message).not.toContain(oldId);
    expect(e).toMatchObject({ candidate_group_ids: [], existing_group_ids: [oldId] });
    expect(e.hint).toContain(`already there before this request, so not created by it: ${oldId}`);
    expect(await named(name)).toHaveLength(1);
  });

  it('one group of the name already there, the POST processed then dropped: only the new group is a candidate', async () => {
    const name = unique('erp');
    const oldId = JSON.parse((await create(name)).stdout).id as string;
    await w.admin('POST', '/faults/next', { fault: 'reset-after', method: 'POST', path: '/server-groups' });
    const r = await create(name);
    expect(r.code).toBe(7);
    const fresh = (await named(name)).map((g) => g.id).filter((id) => id !== oldId);
    expect(fresh).toHaveLength(1);
    const e = jsonError(r.stderr);
    expect(e.candidate_group_ids).toEqual(fresh);
    expect(e.message).toContain(`it may have created ${fresh[0]}`);
    expect(e.message).not.toMatch(/did create/);
  });

  it('ten parallel creates of one name under write faults: no id claimed by a command that did not create it; every group reported to someone', async () => {
    const name = unique('par');
    await w.admin('PUT', '/config', { faults: 'write.reset=0.4,write.5xx=0.3', fault_seed: 14 });
    let runs: Awaited<ReturnType<typeof create>>[];
    try {
      runs = await Promise.all(Array.from({ length: 10 }, () => create(name)));
    } finally {
      await w.admin('PUT', '/config', { faults: null });
    }
    const groups = (await named(name)).map((g) => g.id);
    const claimed = runs.filter((r) => r.code === 0).map((r) => JSON.parse(r.stdout).id as string);
    const unknown = runs.filter((r) => r.code === 7).map((r) => jsonError(r.stderr));
    expect(runs.every((r) => r.code === 0 || r.code === 7), runs.map((r) => r.stderr).join('\n')).toBe(true);
    // Only a command that read its own job claims a group, and each group at most once.
    expect(new Set(claimed).size).toBe(claimed.length);
    for (const e of unknown) {
      expect(e.message).not.toMatch(/did create/);
      expect(e.group_id).toBeUndefined();
      for (const id of e.candidate_group_ids ?? []) expect(groups).toContain(id);
    }
    // Every group created is reported to somebody: as its creator's result or as a candidate.
    const reported = new Set([...claimed, ...unknown.flatMap((e) => e.candidate_group_ids ?? [])]);
    for (const id of groups) expect(reported.has(id), `group ${id} reported to nobody`).toBe(true);
    expect(unknown.length).toBeGreaterThan(0);
    summary(`after-send create by identity: 10 parallel creates of one name under write faults: ${claimed.length} created and claimed, ${unknown.length} unknown (candidates named, none claimed), ${groups.length} groups on the service, all reported`);
  });
});

describe('server stop/start after a 500: unknown outcome with the lookup hint, or followed', () => {
  it('a 500 after the stop was processed, the job still running: the servers show powering-off, so it is followed (not re-sent), exit 0', async () => {
    await w.admin('PUT', '/config', { job_duration: '10ms,batchStopServers=500ms' });
    try {
      const { r } = await runCase(lab, 'server stop', '500-after');
      expect(r.code, r.stderr).toBe(0);
      // ECS shows an accepted stop as task_state powering-off: the read that reconciles the stop says so.
      expect(r.stderr).toMatch(/no clear answer from the service, but .* is powering-off, so the service accepted it/);
    } finally {
      await w.admin('PUT', '/config', { job_duration: 10 });
    }
  });

  it('a 500 after the start was processed and carried out: followed, exit 0', async () => {
    await w.admin('PUT', '/config', { job_duration: '10ms,batchStartServers=0ms' });
    try {
      const { r } = await runCase(lab, 'server start', '500-after');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/no clear answer from the service, but every server is now ACTIVE: the start was carried out/);
    } finally {
      await w.admin('PUT', '/config', { job_duration: 10 });
    }
  });

  it('reverse --stop-servers, a 500 after the stop was processed: the servers show powering-off, the stop is followed and the switchover goes on (exit 0)', async () => {
    await w.admin('PUT', '/config', { job_duration: '10ms,batchStopServers=500ms' });
    try {
      const { r } = await runCase(lab, 'group reverse --stop-servers (stop)', '500-after');
      expect(r.code, r.stderr).toBe(0);
      // The servers were read to reconcile the stop (never re-sent), and what they showed is said.
      expect(r.stderr).toMatch(/no clear answer from the service, but .* is powering-off, so the service accepted it/);
    } finally {
      await w.admin('PUT', '/config', { job_duration: 10 });
    }
  });
});
