import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthError, ConfigError, UsageError } from '../../src/errors.js';
import { load, tempTree } from './helpers.js';

const PROFILE = `profiles:
  default:
    region: cn-north-4
    projectId: projfile
    accessKey: AKIDFILEKEY00001234
    secretKey: file-secret-key
    interval: 2s
    timeout: 10m
  emu:
    endpoint: http://127.0.0.1:8443
    projectId: projemu
    authToken: emu-token-value
`;

describe('precedence: flags > env > profile > defaults', () => {
  it.each([
    ['profile only', {}, {}, 'cn-north-4', 'projfile', 'config'],
    ['env over profile', { SDRS_REGION: 'cn-east-3', SDRS_PROJECT_ID: 'projenv' }, {}, 'cn-east-3', 'projenv', 'env'],
    ['flags over env', { SDRS_REGION: 'cn-east-3', SDRS_PROJECT_ID: 'projenv' }, { region: 'af-south-1', projectId: 'projflag' }, 'af-south-1', 'projflag', 'flag'],
  ])('%s', async (_n, env, flags, region, projectId, source) => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const { config } = await load(t, env, flags);
    expect(config.region).toBe(region);
    expect(config.projectId).toBe(projectId);
    expect(config.sources.region.source).toBe(source);
    expect(config.endpoints.sdrs).toBe(`https://sdrs.${region}.myhuaweicloud.com`);
    expect(config.sources['endpoints.sdrs'].source).toBe('derived');
  });

  it('defaults without any file', async () => {
    const t = tempTree();
    const { config } = await load(t);
    expect(config).toMatchObject({ profile: 'default', intervalMs: 1000, maxIntervalMs: 30_000, timeoutMs: 1_800_000, configFile: undefined });
    expect(config.endpoints).toEqual({ sdrs: '', ecs: '', vpc: '', iam: '' });
    await expect(config.credentials()).rejects.toBeInstanceOf(AuthError);
  });

  it('durations from the profile', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const { config } = await load(t);
    expect([config.intervalMs, config.timeoutMs, config.maxIntervalMs]).toEqual([2000, 600_000, 30_000]);
    expect(config.sources.timeout).toMatchObject({ value: 600_000, source: 'config' });
  });
});

describe('environment names', () => {
  it.each([
    ['SDRS_PROJECT_ID', 'projectId'], ['HUAWEICLOUD_SDK_PROJECT_ID', 'projectId'], ['HW_PROJECT_ID', 'projectId'],
    ['SDRS_REGION', 'region'], ['HW_REGION_NAME', 'region'],
  ])('%s sets %s', async (name, key) => {
    const t = tempTree();
    const value = key === 'region' ? 'cn-south-1' : 'p123';
    const { config } = await load(t, { [name]: value });
    expect((config as unknown as Record<string, string>)[key]).toBe(value);
    expect(config.sources[key]).toMatchObject({ source: 'env', origin: name });
  });

  it('ours > HUAWEICLOUD_SDK_* > HW_* for the project id', async () => {
    const t = tempTree();
    const env = { SDRS_PROJECT_ID: 'a1', HUAWEICLOUD_SDK_PROJECT_ID: 'b1', HW_PROJECT_ID: 'c1' };
    expect((await load(t, env)).config.projectId).toBe('a1');
    expect((await load(t, { ...env, SDRS_PROJECT_ID: '' })).config.projectId).toBe('b1');
    expect((await load(t, { HW_PROJECT_ID: 'c1' })).config.projectId).toBe('c1');
  });

  it.each([
    [{ HUAWEICLOUD_SDK_AK: 'AKIDSDKKEY00001111', HUAWEICLOUD_SDK_SK: 'sdk-sk', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'sdk-tok' }, { kind: 'aksk', ak: 'AKIDSDKKEY00001111', sk: 'sdk-sk', securityToken: 'sdk-tok' }],
    [{ HW_ACCESS_KEY: 'AKIDHWKEY000002222', HW_SECRET_KEY: 'hw-sk', HW_SECURITY_TOKEN: 'hw-tok' }, { kind: 'aksk', ak: 'AKIDHWKEY000002222', sk: 'hw-sk', securityToken: 'hw-tok' }],
    [{ HUAWEICLOUD_SDK_AK: 'AKIDSDKKEY00001111', HUAWEICLOUD_SDK_SK: 'sdk-sk', HW_ACCESS_KEY: 'X', HW_SECRET_KEY: 'Y', HW_SECURITY_TOKEN: 'hw-tok' }, { kind: 'aksk', ak: 'AKIDSDKKEY00001111', sk: 'sdk-sk' }],
    [{ SDRS_AUTH_TOKEN: 'iam-token' }, { kind: 'token', token: 'iam-token' }],
  ])('credentials from env %j', async (env, expected) => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const { config } = await load(t, env);
    expect(await config.credentials()).toEqual(expected);
  });

  it('a half-set pair is an auth error naming the missing variable', async () => {
    const t = tempTree();
    const { config } = await load(t, { HW_ACCESS_KEY: 'AKIDHWKEY000002222', SDRS_PROJECT_ID: 'p' });
    await expect(config.credentials()).rejects.toThrow(/HW_ACCESS_KEY is set but HW_SECRET_KEY is not/);
  });
});

describe('profiles and endpoints', () => {
  it('--profile > SDRS_PROFILE > default', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    expect((await load(t, { SDRS_PROFILE: 'emu' })).config.projectId).toBe('projemu');
    expect((await load(t, { SDRS_PROFILE: 'nope' }, { profile: 'default' })).config.projectId).toBe('projfile');
    const { config } = await load(t, {}, { profile: 'emu' });
    expect(config.endpoints).toEqual({ sdrs: 'http://127.0.0.1:8443', ecs: 'http://127.0.0.1:8443', vpc: 'http://127.0.0.1:8443', iam: 'http://127.0.0.1:8443' });
    expect(await config.credentials()).toEqual({ kind: 'token', token: 'emu-token-value' });
  });

  it('an unknown profile lists the available ones (exit 4)', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const err = await load(t, {}, { profile: 'prod' }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toMatch(/unknown profile "prod".*available profiles: default, emu/);
  });

  it('maps ap-southeast-2 to the ap-southeast-3 SDRS host only', async () => {
    const t = tempTree();
    const { config } = await load(t, {}, { region: 'ap-southeast-2' });
    expect(config.endpoints.sdrs).toBe('https://sdrs.ap-southeast-3.myhuaweicloud.com');
    expect(config.endpoints.ecs).toBe('https://ecs.ap-southeast-2.myhuaweicloud.com');
    expect(config.endpoints.vpc).toBe('https://vpc.ap-southeast-2.myhuaweicloud.com');
    expect(config.endpoints.iam).toBe('https://iam.ap-southeast-2.myhuaweicloud.com');
  });

  it('--endpoint / SDRS_ENDPOINT override every service; endpoints.* override one', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', 'profiles:\n  default:\n    region: cn-north-4\n    endpoints:\n      ecs: https://ecs.internal.example/\n');
    const file = (await load(t)).config;
    expect(file.endpoints.ecs).toBe('https://ecs.internal.example');
    expect(file.endpoints.sdrs).toBe('https://sdrs.cn-north-4.myhuaweicloud.com');
    const env = (await load(t, { SDRS_ENDPOINT: 'http://127.0.0.1:9000' })).config;
    expect(Object.values(env.endpoints)).toEqual(Array(4).fill('http://127.0.0.1:9000'));
    const flag = (await load(t, { SDRS_ENDPOINT: 'http://127.0.0.1:9000' }, { endpoint: 'http://localhost:1/' })).config;
    expect(flag.endpoints.vpc).toBe('http://localhost:1');
    expect(flag.sources['endpoints.vpc']).toMatchObject({ source: 'flag', origin: '--endpoint' });
  });

  it('rejects a bad region or endpoint from a flag as a usage error', async () => {
    const t = tempTree();
    await expect(load(t, {}, { region: 'evil.com/x' })).rejects.toBeInstanceOf(UsageError);
    await expect(load(t, {}, { endpoint: 'ftp://x' })).rejects.toBeInstanceOf(UsageError);
    await expect(load(t, { SDRS_PROJECT_ID: '../x' })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('config file search', () => {
  it('walks from cwd up to home; the nearest file wins', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const near = t.write(path.join(t.home, 'projects'), '.sdrsrc.json', JSON.stringify({ profiles: { default: { region: 'cn-east-2' } } }));
    const { config } = await load(t);
    expect(config.configFile).toBe(near);
    expect(config.region).toBe('cn-east-2');
  });

  it('reads package.json#sdrs and .sdrsrc.yml', async () => {
    const t = tempTree();
    t.write(t.cwd, 'package.json', JSON.stringify({ name: 'x', sdrs: { profiles: { default: { region: 'cn-east-3' } } } }));
    expect((await load(t)).config.region).toBe('cn-east-3');
    const u = tempTree();
    u.write(u.cwd, 'package.json', JSON.stringify({ name: 'no-sdrs-key' }));
    u.write(u.cwd, '.sdrsrc.yml', 'profiles:\n  default:\n    region: cn-south-1\n');
    expect((await load(u)).config.region).toBe('cn-south-1');
  });

  it('never runs executable config files', async () => {
    const t = tempTree();
    t.write(t.cwd, '.sdrsrc.js', 'throw new Error("executed")');
    t.write(t.cwd, 'sdrs.config.mjs', 'throw new Error("executed")');
    expect((await load(t)).config.configFile).toBeUndefined();
  });

  it('skips an empty or comments-only file and searches on, as before', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    t.write(t.cwd, '.sdrsrc', '   \n');
    t.write(t.cwd, '.sdrsrc.json', '');
    t.write(path.join(t.home, 'projects'), '.sdrsrc.yml', '# nothing here yet\n');
    const { config } = await load(t);
    expect(config.configFile).toBe(path.join(t.home, '.sdrsrc'));
  });

  it('a project file, even under home, names endpoints only for its own requests once trusted', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const project = t.write(t.cwd, '.sdrsrc', 'profiles:\n  default:\n    endpoint: http://127.0.0.1:9\n    accessKey: AKIDPROJECT0000001\n    secretKey: project-secret\n');
    const { config } = await load(t);
    expect(config.configFile).toBe(project);
    expect(config.sources.projectConfig.value).toMatch(/^untrusted: requests to its endpoints are refused/);
    const err = await config.credentials().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ code: 'UNTRUSTED_CONFIG', exitCode: 4 });
    const trusted = (await load(t, { SDRS_TRUST_PROJECT_CONFIG: '1' })).config;
    expect(trusted.sources.projectConfig).toMatchObject({ value: 'trusted', source: 'env' });
    expect(await trusted.credentials()).toMatchObject({ kind: 'aksk', ak: 'AKIDPROJECT0000001' });
    // Only the value 1 (or true/yes) trusts it.
    await expect((await load(t, { SDRS_TRUST_PROJECT_CONFIG: '0' })).config.credentials()).rejects.toMatchObject({ code: 'UNTRUSTED_CONFIG' });
    // The user's own ~/.sdrsrc is trusted as it is.
    const home = tempTree();
    home.write(home.home, '.sdrsrc', PROFILE);
    const own = (await load(home, {}, { profile: 'emu' })).config;
    expect(own.sources.projectConfig).toBeUndefined();
    expect(await own.credentials()).toEqual({ kind: 'token', token: 'emu-token-value' });
  });

  it('finds ~/.sdrsrc even when cwd is outside home', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const outside = path.join(t.root, 'elsewhere');
    (await import('node:fs')).mkdirSync(outside);
    const { config } = await load({ ...t, cwd: outside });
    expect(config.region).toBe('cn-north-4');
  });
});

describe('validation', () => {
  it('bad YAML names the file and line', async () => {
    const t = tempTree();
    const f = t.write(t.home, '.sdrsrc', 'profiles:\n  default:\n    region: cn-north-4\n   bad: [unclosed\n');
    const err = await load(t).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toMatch(new RegExp(`^${f.replace(/[.]/g, '\\.')}:\\d+: invalid YAML`));
  });

  it('bad JSON names the file and line', async () => {
    const t = tempTree();
    t.write(t.cwd, '.sdrsrc.json', '{\n  "profiles": {\n    "default": { "region": }\n  }\n}\n');
    await expect(load(t)).rejects.toThrow(/\.sdrsrc\.json:3: invalid JSON/);
  });

  it.each([
    ['region: 42', /\.sdrsrc:3: "region" in profile "default" must be a string/],
    ['timeout: forever', /\.sdrsrc:3: invalid timeout "forever"/],
    ['endpoints: http://x', /\.sdrsrc:3: "endpoints" in profile "default" must be a mapping/],
    ['endpoint: not a url', /invalid sdrs endpoint "not a url" from .*\.sdrsrc#default\.endpoint/],
  ])('wrong type %s → ConfigError with line', async (line, re) => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', `profiles:\n  default:\n    ${line}\n`);
    const err = await load(t).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(re);
  });

  it('unknown keys are warnings with a line', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', 'profiles:\n  default:\n    regoin: cn-north-4\n    endpoints:\n      rds: http://x\nextra: 1\n');
    const { warnings } = await load(t);
    expect(warnings).toEqual([
      expect.stringMatching(/\.sdrsrc:6: unknown key "extra"/),
      expect.stringMatching(/\.sdrsrc:3: unknown key "regoin" in profile "default"/),
      expect.stringMatching(/\.sdrsrc:5: unknown endpoint "rds"/),
    ]);
  });

  it('refuses a file over 1 MB', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', '# x\n'.repeat(300_000));
    await expect(load(t)).rejects.toThrow(/bytes; the limit is 1048576/);
  });
});

describe('credentials', () => {
  it('are re-read from the file on every call', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const { config } = await load(t);
    expect(await config.credentials()).toMatchObject({ sk: 'file-secret-key' });
    t.write(t.home, '.sdrsrc', PROFILE.replace('file-secret-key', 'rotated-secret').replace('secretKey', 'securityToken: new-tok\n    secretKey'));
    expect(await config.credentials()).toEqual({ kind: 'aksk', ak: 'AKIDFILEKEY00001234', sk: 'rotated-secret', securityToken: 'new-tok' });
  });

  it('are re-read from env on every call', async () => {
    const t = tempTree();
    const env: NodeJS.ProcessEnv = { HW_ACCESS_KEY: 'AKIDHWKEY000002222', HW_SECRET_KEY: 'one' };
    const { config } = await load(t, env);
    expect(await config.credentials()).toMatchObject({ sk: 'one' });
    env.HW_SECRET_KEY = 'two';
    expect(await config.credentials()).toMatchObject({ sk: 'two' });
  });

  it('missing credentials name every way to provide them', async () => {
    const t = tempTree();
    const err = await (await load(t)).config.credentials().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(4);
    for (const word of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', 'HW_ACCESS_KEY', 'HW_SECRET_KEY', 'HW_SECURITY_TOKEN', 'accessKey', 'secretKey', 'securityToken', 'sdrs config init', '--secret-key-stdin', 'SDRS_AUTH_TOKEN', 'authToken']) {
      expect(err.message).toContain(word);
    }
  });

  it('warns when a file with a secret is readable by others', async () => {
    const t = tempTree();
    const f = t.write(t.home, '.sdrsrc', PROFILE, 0o644);
    const { warnings } = await load(t);
    expect(warnings).toEqual([`${f} holds a secret and can be read by other users; fix it with: chmod 600 ${f}`]);
    t.write(t.home, '.sdrsrc', PROFILE, 0o600);
    expect((await load(t)).warnings).toEqual([]);
    t.write(t.home, '.sdrsrc', 'profiles:\n  default:\n    region: cn-north-4\n', 0o644);
    expect((await load(t)).warnings).toEqual([]);
  });

  it('sources mask secrets', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', PROFILE);
    const { config } = await load(t, { HW_SECURITY_TOKEN: 'ignored-other-family' });
    expect(config.sources.accessKey).toMatchObject({ value: '****1234', source: 'config' });
    expect(config.sources.secretKey).toMatchObject({ value: '****' });
    expect(JSON.stringify(config.sources)).not.toMatch(/file-secret-key|AKIDFILEKEY/);
  });
});

describe('.sdrsrc.example', () => {
  it('is a valid config with no unknown keys, and mentions every key', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../.sdrsrc.example', import.meta.url), 'utf8');
    const t = tempTree();
    t.write(t.home, '.sdrsrc', text);
    const { config, warnings } = await load(t);
    expect(warnings).toEqual([]);
    expect(config.region).toBe('cn-north-4');
    for (const key of ['region', 'projectId', 'accessKey', 'secretKey', 'securityToken', 'authToken', 'endpoint', 'endpoints', 'sdrs', 'ecs', 'vpc', 'iam', 'interval', 'maxInterval', 'timeout']) {
      expect(text).toMatch(new RegExp(`^\\s*#?\\s*${key}:`, 'm'));
    }
  });
});
