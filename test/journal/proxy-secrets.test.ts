/**
 * Secrets of the network settings and of the configuration in the journal (issue 20 review):
 * a proxy password given without a scheme, or by a profile, never reaches a journal record or
 * `sdrs report`; the start record of `sdrs api` (which sends at once) is already scrubbed of
 * the keys from a config file or a KooCLI profile.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { startProxy, type TestProxy } from '../helpers/proxy.js';
import { SEED_IDS } from '../../src/emulator/seed.js';
import { scrubArgv } from '../../src/journal/scrub.js';

const w = useDemoWorld();
let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy();
});
afterAll(() => proxy.close());

const journalOf = (home: string) => join(home, '.local', 'state', 'sdrs', 'journal.jsonl');
const RENAME = ['api', 'PUT', `/v1/{project_id}/server-groups/${SEED_IDS.demoGroup}`, '-f', 'server_group.name=demo-erp'];

/** The journal and every report format of `env`'s HOME: none holds any of `secrets`. */
async function expectNowhere(env: Record<string, string>, secrets: string[]): Promise<string> {
  const text = readFileSync(journalOf(env.HOME), 'utf8');
  for (const s of secrets) expect(text, s).not.toContain(s);
  for (const format of ['md', 'json']) {
    const r = await runMain(['report', '--format', format], { env });
    expect(r.code, r.stderr).toBe(0);
    for (const s of secrets) expect(r.stdout + r.stderr, s).not.toContain(s);
  }
  return text;
}

describe('proxy passwords in the journal', () => {
  it('--proxy without a scheme: its userinfo is redacted in argv, its password (encoded, decoded, Base64) nowhere', async () => {
    const env = w.freshEnv();
    proxy.reset();
    const value = `bob:S3c%25ret@127.0.0.1:${proxy.port}`;
    const r = await runMain(['--proxy', value, ...RENAME, '-f', 'x=S3c%ret'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.requests).toBeGreaterThan(0);
    const text = await expectNowhere(env, ['S3c%25ret', 'S3c%ret', 'bob:S3c', Buffer.from('bob:S3c%ret').toString('base64')]);
    const start = JSON.parse(text.split('\n')[0]);
    expect(start.type).toBe('start');
    expect(start.argv.slice(0, 2)).toEqual(['--proxy', `<redacted>@127.0.0.1:${proxy.port}`]);
    expect(scrubArgv([`--proxy=${value}`, 'group', 'list'])).toEqual([`--proxy=<redacted>@127.0.0.1:${proxy.port}`, 'group', 'list']);
    expect(scrubArgv(['--proxy', 'http://bob:pa/ss@h:1'])).toEqual(['--proxy', 'http://<redacted>@h:1']);
  });

  it("a profile's and the environment's proxy passwords are scrubbed wherever they appear", async () => {
    const env = w.freshEnv();
    const rc = join(env.HOME, '.sdrsrc');
    writeFileSync(rc, readFileSync(rc, 'utf8') + `    proxy: http://bob:FilePass9@127.0.0.1:${proxy.port}\n`, { mode: 0o600 });
    const fromFile = await runMain([...RENAME, '--note', 'pasted FilePass9'], { env });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const fromEnv = await runMain([...RENAME, '--note', 'pasted EnvPass77'], { env: { ...env, HTTPS_PROXY: `bob:EnvPass77@127.0.0.1:${proxy.port}`, http_proxy: `http://bob:EnvPass77@127.0.0.1:${proxy.port}` } });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    const text = await expectNowhere(env, ['FilePass9', 'EnvPass77']);
    expect(text).toContain('pasted <redacted>');
  });
});

describe('the start record of a command that sends at once', () => {
  it("sdrs api: the config file's secret key is redacted in the start record too", async () => {
    const env = w.freshEnv();
    const { HUAWEICLOUD_SDK_AK: ak, HUAWEICLOUD_SDK_SK: sk } = env;
    delete env.HUAWEICLOUD_SDK_AK;
    delete env.HUAWEICLOUD_SDK_SK;
    const rc = join(env.HOME, '.sdrsrc');
    writeFileSync(rc, readFileSync(rc, 'utf8') + `    accessKey: ${ak}\n    secretKey: ${sk}\n`, { mode: 0o600 });
    const r = await runMain([...RENAME, '--note', `ticket ${sk}`], { env });
    expect(r.code, r.stderr).toBe(0);
    const text = await expectNowhere(env, [sk]);
    const recs = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((x) => x.type)).toEqual(['start', 'end']);
    for (const rec of recs) expect(rec.note ?? rec.context?.note).toBe('ticket <redacted>');
  });

  it("a refused run (a project file's endpoint, UNTRUSTED_CONFIG) still scrubs that file's keys from its record", async () => {
    const env = w.freshEnv();
    const sk = env.HUAWEICLOUD_SDK_SK;
    const project = mkdtempSync(join(tmpdir(), 'sdrs-project-'));
    writeFileSync(join(project, '.sdrsrc'), `profiles:\n  default:\n    endpoint: ${w.emu.url}\n    accessKey: ${env.HUAWEICLOUD_SDK_AK}\n    secretKey: ${sk}\n`, { mode: 0o600 });
    for (const k of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'SDRS_ENDPOINT']) delete env[k];
    const r = await runMain(['group', 'stop', 'demo-erp', '--yes', '--note', `pasted ${sk}`], { env, cwd: project });
    expect(r.code, r.stderr).toBe(4);
    const text = await expectNowhere(env, [sk]);
    expect(text).toContain('pasted <redacted>');
  });

  it('sdrs --profile hcloud:default api: the KooCLI secret key is redacted in the start record', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sdrs-koo-'));
    mkdirSync(join(home, '.hcloud'));
    const profile = { name: 'default', mode: 'AKSK', accessKeyId: w.emu.ak, secretAccessKey: w.emu.sk, region: 'cn-north-4', projectId: w.emu.projectId };
    writeFileSync(join(home, '.hcloud', 'config.json'), JSON.stringify({ current: 'default', authEncrypt: 'false', profiles: [profile] }), { mode: 0o600 });
    const env = { HOME: home, SDRS_ENDPOINT: w.emu.url, NO_COLOR: '1' };
    const r = await runMain(['--profile', 'hcloud:default', ...RENAME, '-f', `x=${w.emu.sk}`], { env });
    expect(r.code, r.stderr).toBe(0);
    const text = await expectNowhere(env, [w.emu.sk]);
    expect(text.split('\n')[0]).toContain('"type":"start"');
    expect(text).toContain('x=<redacted>');
  });
});
