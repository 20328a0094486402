/** KooCLI profiles (~/.hcloud/config.json) as the lowest-precedence source, read only when selected. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthError, ConfigError } from '../../src/errors.js';
import { load, tempTree } from './helpers.js';

const AK = 'HCLOUDAKEXAMPLE00001';
const SK = 'hcloudSecretKeyExample0000000000000000001';

function koo(doc: unknown) {
  return JSON.stringify(doc, null, 2);
}

const PLAIN = {
  current: 'prod',
  authEncrypt: 'false',
  profiles: [
    { name: 'default', mode: 'AKSK', accessKeyId: AK, secretAccessKey: SK, region: 'cn-north-4', projectId: 'kooproject1' },
    { name: 'prod', mode: 'AKSK', accessKeyId: AK, secretAccessKey: SK, securityToken: 'tok-123', region: 'cn-east-3', projectId: 'kooproject2' },
    { name: 'sso', mode: 'SSO', region: 'cn-south-1', projectId: 'kooproject3' },
  ],
};

function withKoo(doc: unknown = PLAIN, mode = 0o600) {
  const t = tempTree();
  mkdirSync(path.join(t.home, '.hcloud'));
  const file = t.write(path.join(t.home, '.hcloud'), 'config.json', typeof doc === 'string' ? doc : koo(doc), mode);
  return { t, file };
}

describe('KooCLI profiles', () => {
  it('--profile hcloud:<name> gives region, project id and unencrypted keys, named as the hcloud source', async () => {
    const { t, file } = withKoo();
    const { config, warnings } = await load(t, {}, { profile: 'hcloud:default' });
    expect(warnings).toEqual([]);
    expect(config.profile).toBe('hcloud:default');
    expect(config.region).toBe('cn-north-4');
    expect(config.projectId).toBe('kooproject1');
    expect(config.endpoints.sdrs).toBe('https://sdrs.cn-north-4.myhuaweicloud.com');
    expect(config.sources.region).toEqual({ value: 'cn-north-4', source: 'hcloud', origin: `${file}#default.region` });
    expect(config.sources.accessKey).toEqual({ value: '****0001', source: 'hcloud', origin: `${file}#default.accessKeyId` });
    expect(config.sources.secretKey).toMatchObject({ value: '****', source: 'hcloud' });
    expect(JSON.stringify(config.sources)).not.toContain(SK);
    expect(await config.credentials()).toEqual({ kind: 'aksk', ak: AK, sk: SK });
  });

  it('hcloud: alone is KooCLI\'s current profile, with its security token; SDRS_PROFILE selects too', async () => {
    const { t } = withKoo();
    const { config } = await load(t, { SDRS_PROFILE: 'hcloud:' });
    expect([config.region, config.projectId]).toEqual(['cn-east-3', 'kooproject2']);
    expect(await config.credentials()).toEqual({ kind: 'aksk', ak: AK, sk: SK, securityToken: 'tok-123' });
  });

  it('is never read unless selected', async () => {
    const { t } = withKoo();
    const { config } = await load(t);
    expect(config.region).toBeUndefined();
    expect(config.sources.hcloudProfile).toBeUndefined();
    await expect(config.credentials()).rejects.toMatchObject({ code: 'NO_CREDENTIALS' });
  });

  it('is the lowest precedence: flags, env and the sdrs profile (hcloudProfile) win', async () => {
    const { t } = withKoo();
    t.write(t.home, '.sdrsrc', 'profiles:\n  work:\n    hcloudProfile: default\n    projectId: sdrsproject\n    endpoint: http://127.0.0.1:9\n');
    const { config } = await load(t, { SDRS_REGION: 'af-south-1' }, { profile: 'work' });
    expect(config.sources.region).toMatchObject({ value: 'af-south-1', source: 'env' });
    expect(config.sources.projectId).toMatchObject({ value: 'sdrsproject', source: 'config' });
    expect(config.endpoints.sdrs).toBe('http://127.0.0.1:9');
    expect(config.sources.accessKey.source).toBe('hcloud');
    const env = await load(t, { HUAWEICLOUD_SDK_AK: 'ENVAKEXAMPLE00000001', HUAWEICLOUD_SDK_SK: 'envsk' }, { profile: 'work' });
    expect(await env.config.credentials()).toMatchObject({ ak: 'ENVAKEXAMPLE00000001' });
  });

  it('encrypted keys: never decrypted, a clear exit 4 naming the profile and the fixes; region and project still used; env keys work', async () => {
    const { t } = withKoo({ ...PLAIN, authEncrypt: 'true', profiles: [{ ...PLAIN.profiles[0], accessKeyId: 'CIPHERLOOKSPLAIN0001', secretAccessKey: 'c2VjcmV0Y2lwaGVyc2VjcmV0Y2lwaGVy' }] });
    const { config } = await load(t, {}, { profile: 'hcloud:default' });
    expect([config.region, config.projectId]).toEqual(['cn-north-4', 'kooproject1']);
    expect(config.sources.credentials).toMatchObject({ source: 'hcloud' });
    const err = await config.credentials().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ code: 'HCLOUD_NO_KEYS', exitCode: 4, details: { reason: 'encrypted', profile: 'hcloud:default' } });
    expect(err.message).toMatch(/KooCLI profile "default" .*encrypted/);
    expect(err.hint).toContain('hcloud configure set --cli-auth-encrypt=false');
    expect(err.hint).toContain('HUAWEICLOUD_SDK_AK');
    expect(`${err.message}${err.hint}`).not.toContain('c2VjcmV0');
    expect(`${err.message}${err.hint}`).not.toContain('CIPHERLOOKSPLAIN0001');
    const env = await load(t, { HUAWEICLOUD_SDK_AK: 'ENVAKEXAMPLE00000001', HUAWEICLOUD_SDK_SK: 'envsk' }, { profile: 'hcloud:default' });
    expect(await env.config.credentials()).toMatchObject({ ak: 'ENVAKEXAMPLE00000001' });
  });

  it('without authEncrypt, keys that do not look like an AK/SK count as encrypted', async () => {
    const { t } = withKoo({ current: 'default', profiles: [{ name: 'default', accessKeyId: 'x+/9Zq==', secretAccessKey: 'y+/9Zq==' }] });
    const { config } = await load(t, {}, { profile: 'hcloud:' });
    await expect(config.credentials()).rejects.toMatchObject({ details: { reason: 'encrypted' } });
    const plain = withKoo({ current: 'default', profiles: [{ name: 'default', accessKeyId: AK, secretAccessKey: SK }] });
    expect(await (await load(plain.t, {}, { profile: 'hcloud:' })).config.credentials()).toMatchObject({ ak: AK });
  });

  it('an SSO profile: no keys, exit 4 naming its mode', async () => {
    const { t } = withKoo();
    const { config } = await load(t, {}, { profile: 'hcloud:sso' });
    expect(config.region).toBe('cn-south-1');
    const err = await config.credentials().catch((e) => e);
    expect(err).toMatchObject({ code: 'HCLOUD_NO_KEYS', details: { reason: 'mode' } });
    expect(err.message).toContain('is in "SSO" mode, which stores no access key');
  });

  it('an unknown profile lists the available ones; a malformed file never quotes its content', async () => {
    const { t, file } = withKoo();
    const err = await load(t, {}, { profile: 'hcloud:nope' }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe(`unknown KooCLI profile "nope" in ${file}; available KooCLI profiles: "default", "prod", "sso"`);
    const bad = withKoo(`{"profiles": [{"name": "default", "secretAccessKey": "${SK}"`);
    const e2 = await load(bad.t, {}, { profile: 'hcloud:default' }).catch((e) => e);
    expect(e2).toMatchObject({ exitCode: 4, message: `KooCLI config file ${bad.file} is not valid JSON` });
    const missing = tempTree();
    await expect(load(missing, {}, { profile: 'hcloud:default' })).rejects.toThrow(/KooCLI config file .* not found/);
  });

  it('warns when unencrypted keys are readable by others; HW_SHARED_CONFIG_FILE names the file', async () => {
    const { t } = withKoo(PLAIN, 0o644);
    const { warnings } = await load(t, {}, { profile: 'hcloud:default' });
    expect(warnings).toEqual([expect.stringContaining('holds unencrypted keys and can be read by other users; fix it with: chmod 600')]);
    const other = tempTree();
    const elsewhere = other.write(other.root, 'koo.json', koo(PLAIN));
    const { config } = await load(other, { HW_SHARED_CONFIG_FILE: elsewhere }, { profile: 'hcloud:default' });
    expect(config.sources.hcloudProfile).toEqual({ value: 'default', source: 'hcloud', origin: elsewhere });
  });

  it('keys are re-read for every request', async () => {
    const { t, file } = withKoo();
    const { config } = await load(t, {}, { profile: 'hcloud:default' });
    writeFileSync(file, koo({ ...PLAIN, profiles: [{ ...PLAIN.profiles[0], accessKeyId: 'ROTATEDAKEXAMPLE0001' }] }));
    expect(await config.credentials()).toMatchObject({ ak: 'ROTATEDAKEXAMPLE0001' });
  });
});
