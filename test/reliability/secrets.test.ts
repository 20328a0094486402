/**
 * Secrets: every command, with --debug, in success and failure paths, with
 * known secret keys and tokens (AK/SK, temporary AK/SK with a security token,
 * an IAM token, a profile written by `config init`, and wrong ones). Neither
 * may appear, whole or in part, in stdout, stderr or any file written.
 * Plus: the permission warning for a readable config file holding a secret,
 * and `config init` writing mode 0600.
 */
import { statSync, chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSdrs, baseEnv, type RunResult } from '../helpers/run.js';
import { SEED_IDS, filesUnder, semaphore, startWorld, summary, type World } from './helpers.js';

const AK = 'AKRELIABILITY0000042';
const SK = 'SK-rel-9f8e7d6c5b4a3210-fedcba987654-SECRET';
const STS = 'STS-rel-token-5e4d3c2b1a09-abcdef012345-SECRET';
const WRONG_SK = 'SK-wrong-0a1b2c3d4e5f6789-0123456789ab-SECRET';
const BAD_TOKEN = 'MIIbad-token-77aa88bb99cc-ddeeff001122-SECRET';
let TOKEN = '';

let w: World;
const homes: string[] = [];
const runs: { label: string; r: RunResult }[] = [];
const slot = semaphore(6);

beforeAll(async () => {
  w = await startWorld({ seed: 'demo', ak: AK, sk: SK, jobDurationMs: 300 });
  for (const s of ['erp-app-01', 'erp-db-01']) await w.admin('PUT', `/servers/${SEED_IDS.server(s)}/power`, { status: 'SHUTOFF' });
  const r = await fetch(`${w.emu.url}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'ops', password: 'pw', domain: { name: 'd' } } } }, scope: { project: { id: w.emu.projectId } } } }),
  });
  TOKEN = r.headers.get('x-subject-token')!;
  expect(TOKEN).toMatch(/^MII/);
});
afterAll(async () => {
  await w?.stop();
});

/** Every secret, and every 12-character slice of it (a cut-off secret is still a leak). */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const s of [SK, STS, WRONG_SK, BAD_TOKEN, TOKEN]) {
    for (let i = 0; i + 12 <= s.length; i++) {
      if (text.includes(s.slice(i, i + 12))) {
        found.push(`${s.slice(0, 6)}… (slice at ${i})`);
        break;
      }
    }
  }
  return found;
}

type Creds = 'aksk' | 'sts' | 'token' | 'profile' | 'wrong-sk' | 'bad-token';
function envFor(creds: Creds, home?: string): Record<string, string> {
  const env = baseEnv({ SDRS_ENDPOINT: w.emu.url, SDRS_PROJECT_ID: w.emu.projectId });
  if (home) {
    env.HOME = home;
    env.XDG_CACHE_HOME = join(home, '.cache');
  }
  homes.push(env.HOME);
  const set: Record<Creds, Record<string, string>> = {
    aksk: { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK },
    sts: { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: STS },
    token: { SDRS_AUTH_TOKEN: TOKEN },
    profile: {},
    'wrong-sk': { HW_ACCESS_KEY: AK, HW_SECRET_KEY: WRONG_SK, HW_SECURITY_TOKEN: STS },
    'bad-token': { SDRS_AUTH_TOKEN: BAD_TOKEN },
  };
  return { ...env, ...set[creds] };
}

async function run(label: string, env: Record<string, string>, args: string[], want: number, input?: string): Promise<RunResult> {
  const r = await slot(() => runSdrs(['--debug', ...args], { env, cwd: env.HOME, input }));
  runs.push({ label, r });
  expect(r.code, `${label}: ${r.stderr.slice(-1500)}`).toBe(want);
  return r;
}

const newJob = async (type: 'create' | 'long'): Promise<string> => {
  if (type === 'long') await w.admin('PUT', '/config', { job_duration: '300ms,createProtectionGroupNoCG=20s' });
  const r = await w.client.post('/server-groups', {
    server_group: { name: `sec-job-${Math.random().toString(36).slice(2, 8)}`, source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc },
  });
  if (type === 'long') await w.admin('PUT', '/config', { job_duration: '300ms' });
  return r.body.job_id;
};

describe('no secret ever leaks', () => {
  it('every command, success and failure paths, every kind of credential, with --debug', { timeout: 180_000 }, async () => {
    const create = (name: string) => ['group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--interval', '100ms'];

    // config init: the profile holding SK and the security token, read from stdin; then every command uses it.
    const profileHome = baseEnv().HOME;
    const initEnv = { ...envFor('profile', profileHome) };
    await run('config init', initEnv, ['config', 'init', '--project-id', w.emu.projectId, '--endpoint', w.emu.url, '--access-key', AK, '--secret-key-stdin'], 0, SK + '\n');
    const sdrsrc = join(profileHome, '.sdrsrc');
    expect(statSync(sdrsrc).mode & 0o777).toBe(0o600);
    expect(readFileSync(sdrsrc, 'utf8')).toContain(SK); // where the user asked it to be, and nowhere else
    await run('config init --json', initEnv, ['--json', 'config', 'init', '--profile', 'second', '--project-id', w.emu.projectId, '--endpoint', w.emu.url, '--access-key', AK, '--secret-key-stdin'], 0, SK + '\n');

    const good: Creds[] = ['aksk', 'sts', 'token', 'profile'];
    let n = 0;
    await Promise.all(
      good.map(async (c) => {
        const env = c === 'profile' ? { ...initEnv, SDRS_ENDPOINT: '', SDRS_PROJECT_ID: '' } : envFor(c);
        const name = `sec-${c}`;
        const created = await run(`${c}: group create`, env, [...create(name), '--json'], 0);
        const id = JSON.parse(created.stdout).id;
        const job = /job ([0-9a-f]{32})/.exec(created.stderr)![1];
        await run(`${c}: group create --dry-run`, env, [...create(`${name}-dry`), '--dry-run'], 0);
        await run(`${c}: group list`, env, ['group', 'list'], 0);
        await run(`${c}: group list --json`, env, ['--json', 'group', 'list', '--name', 'sec'], 0);
        await run(`${c}: group show`, env, ['group', 'show', id], 0);
        await run(`${c}: group show missing`, env, ['group', 'show', 'no-such-group'], 3);
        await run(`${c}: domain list`, env, ['domain', 'list'], 0);
        await run(`${c}: job show`, env, ['job', 'show', job], 0);
        await run(`${c}: job show unknown`, env, ['job', 'show', '0'.repeat(32)], 3);
        await run(`${c}: job wait`, env, ['job', 'wait', job], 0);
        await run(`${c}: config show`, env, ['config', 'show'], 0);
        await run(`${c}: config show --json`, env, ['--json', 'config', 'show'], 0);
        await run(`${c}: completion`, env, ['completion', 'bash'], 0);
        await run(`${c}: bad input`, env, ['group', 'reverse', 'a/b', '--to', 'target', '--yes'], 2);
        n++;
      }),
    );
    expect(n).toBe(good.length);

    // Reverses (one group, in turn): dry run, success, pre-flight failure, job failure, unknown outcome, timeout.
    const envs = good.map((c) => (c === 'profile' ? { ...initEnv, SDRS_ENDPOINT: '', SDRS_PROJECT_ID: '' } : envFor(c)));
    const rev = (to: string) => ['group', 'reverse', 'demo-erp', '--to', to, '--yes', '--interval', '100ms'];
    await run('reverse --dry-run', envs[0], [...rev('target'), '--dry-run'], 0);
    await run('reverse', envs[1], rev('target'), 0);
    await run('reverse (no-op)', envs[2], rev('target'), 0);
    await w.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'injected' });
    await run('reverse, job fails', envs[3], rev('source'), 5);
    await w.admin('POST', '/faults/next', { fault: 'reset-after', method: 'POST', path: '/action' });
    // The answer is lost but the group shows the reverse accepted: followed by its status to the end (exit 0).
    await run('reverse, answer lost', envs[1], ['--json', ...rev('source')], 0);
    await w.admin('PUT', `/servers/${SEED_IDS.server('erp-app-01')}/power`, { status: 'ACTIVE' });
    await run('reverse, pre-flight fails', envs[2], rev('target'), 3);
    await w.admin('PUT', `/servers/${SEED_IDS.server('erp-app-01')}/power`, { status: 'SHUTOFF' });
    await w.admin('POST', '/faults/next', { fault: '503', method: 'POST', path: '/server-groups' });
    await run('create, outcome unknown', envs[1], create('sec-503'), 7);
    await run('job wait, timeout', envs[1], ['job', 'wait', await newJob('long'), '--timeout', '1s'], 6);
    await run('job wait --json', envs[2], ['--json', 'job', 'wait', await newJob('create')], 0);

    // Wrong credentials: every command fails with exit 4, the server's echo of the request included.
    const bad: Creds[] = ['wrong-sk', 'bad-token'];
    await Promise.all(
      bad.map(async (c) => {
        const env = envFor(c);
        for (const args of [create(`bad-${c}`), rev('target'), ['group', 'list'], ['group', 'show', 'demo-erp'], ['domain', 'list'], ['job', 'show', '0'.repeat(32)], ['job', 'wait', '0'.repeat(32)]]) {
          await run(`${c}: ${args.slice(0, 2).join(' ')}`, env, args, 4);
        }
        await run(`${c}: config show`, env, ['config', 'show'], 0);
      }),
    );
    const echoed = runs.find((x) => x.label === 'wrong-sk: group list')!.r.stderr;
    expect(echoed).toContain('x-security-token:***'); // the gateway echoed it; sdrs redacted it

    // Nothing in any output, nor in any file written (the profile itself excepted, checked above).
    const problems: string[] = [];
    for (const { label, r } of runs) {
      const found = leaks(r.stdout + '\n' + r.stderr);
      if (found.length) problems.push(`${label}: ${found.join(', ')}`);
    }
    let files = 0;
    for (const home of new Set(homes)) {
      for (const f of filesUnder(home)) {
        if (f.path === sdrsrc) continue;
        files++;
        const found = leaks(f.text);
        if (found.length) problems.push(`${f.path}: ${found.join(', ')}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(runs.filter((x) => /\[debug\] → /.test(x.r.stderr)).length).toBeGreaterThan(60); // the traces really ran
    summary(`secrets: ${runs.length} command runs with --debug (6 kinds of credential: AK/SK, temporary AK/SK with a security token, IAM token, a profile from config init, a wrong SK, a bad token; success and failure paths, exit codes ${[...new Set(runs.map((x) => x.r.code))].sort((a, b) => a! - b!).join('/')}), ${files} files written scanned; secrets leaked: 0`);
  });
});

describe('config files holding secrets', () => {
  it('a profile with a secret readable by others draws the permission warning; 0600 does not', async () => {
    const env = baseEnv();
    const file = join(env.HOME, '.sdrsrc');
    const r0 = await runSdrs(['config', 'init', '--region', 'cn-north-4', '--project-id', 'p1', '--access-key', AK, '--secret-key-stdin'], { env, input: SK });
    expect(r0.code, r0.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const quiet = await runSdrs(['config', 'show'], { env });
    expect(quiet.stderr).not.toMatch(/warning/);
    expect(leaks(quiet.stdout + quiet.stderr)).toEqual([]);
    for (const mode of [0o644, 0o640, 0o604]) {
      chmodSync(file, mode);
      const r = await runSdrs(['config', 'show'], { env });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`warning: ${file} holds a secret and can be read by other users; fix it with: chmod 600 ${file}`);
    }
    // config init tightens a loose file it updates.
    const r1 = await runSdrs(['config', 'init', '--profile', 'dr', '--region', 'cn-north-4', '--project-id', 'p2', '--access-key', AK, '--secret-key-stdin'], { env, input: SK });
    expect(r1.code, r1.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a profile without a secret draws no warning, whatever its mode', async () => {
    const env = baseEnv();
    const file = join(env.HOME, '.sdrsrc');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'profiles:\n  default:\n    region: cn-north-4\n    accessKey: AKONLY00000000001\n');
    chmodSync(file, 0o644);
    const r = await runSdrs(['config', 'show'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
  });
});
