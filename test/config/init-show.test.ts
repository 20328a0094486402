import { existsSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../../src/errors.js';
import { type InitPrompter, runConfigInit } from '../../src/config/init.js';
import { buildConfigShow, formatConfigShow, runConfigShow } from '../../src/config/show.js';
import { parseDuration, formatDuration } from '../../src/config/duration.js';
import { createIOStreams } from '../../src/io/streams.js';
import { load, tempTree } from './helpers.js';
import { baseEnv } from '../helpers/run.js';
import { runMain } from '../helpers/in-process.js';

function io(stdin = '') {
  const input = new PassThrough();
  input.end(stdin);
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  return { io: createIOStreams({ in: input, out, err }, {}), out: () => chunks.join('') };
}

const scripted = (answers: Record<string, string>): InitPrompter & { asked: string[] } => {
  const asked: string[] = [];
  const answer = async (message: string) => {
    asked.push(message);
    const key = Object.keys(answers).find((k) => message.startsWith(k));
    if (key === undefined) throw new Error(`unexpected prompt: ${message}`);
    return answers[key];
  };
  return { asked, input: (m) => answer(m), password: (m) => answer(m) };
};

describe('config init', () => {
  it('non-interactive: flags + --secret-key-stdin, written 0600 and loadable', async () => {
    const t = tempTree();
    const warnings: string[] = [];
    const r = await runConfigInit({
      io: io('stdin-secret-key\n').io, env: {}, homeDir: t.home, canPrompt: false, warn: (l) => warnings.push(l),
      flags: { region: 'cn-north-4', projectId: 'p1', accessKey: 'AKIDINITKEY0005678', secretKeyStdin: true },
    });
    const file = path.join(t.home, '.sdrsrc');
    expect(r).toEqual({ file, profile: 'default', region: 'cn-north-4', project_id: 'p1', endpoint: undefined, access_key: '****5678', created: true, added: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([]);
    const { config } = await load(t);
    expect(await config.credentials()).toEqual({ kind: 'aksk', ak: 'AKIDINITKEY0005678', sk: 'stdin-secret-key' });
  });

  it('merges a second profile and keeps the first; tightens the mode', async () => {
    const t = tempTree();
    const file = path.join(t.home, '.sdrsrc');
    writeFileSync(file, 'profiles:\n  default:\n    region: cn-north-4\n    projectId: p1\n    accessKey: AKIDINITKEY0005678\n    secretKey: s1\n');
    chmodSync(file, 0o644);
    await runConfigInit({
      io: io().io, env: { HW_SECRET_KEY: 'env-secret', HW_ACCESS_KEY: 'AKIDEMUKEY00009999' }, homeDir: t.home, canPrompt: false, warn: () => {},
      flags: { profile: 'emu', endpoint: 'http://127.0.0.1:8443/', projectId: 'p2' },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('secretKey: s1');
    const emu = (await load(t, {}, { profile: 'emu' })).config;
    expect(emu.endpoints.sdrs).toBe('http://127.0.0.1:8443');
    expect(await emu.credentials()).toEqual({ kind: 'aksk', ak: 'AKIDEMUKEY00009999', sk: 'env-secret' });
    expect((await load(t)).config.projectId).toBe('p1');
  });

  it('missing values without a terminal are usage errors naming the flags', async () => {
    const t = tempTree();
    const err = await runConfigInit({ io: io().io, env: {}, homeDir: t.home, canPrompt: false, warn: () => {}, flags: { region: 'cn-north-4' } }).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/--project-id, --access-key, --secret-key-stdin/);
  });

  it('takes no secret key as a flag: --secret-key is a usage error that does not repeat the key', async () => {
    const env = baseEnv();
    const r = await runMain(['config', 'init', '--region', 'cn-north-4', '--project-id', 'p1', '--access-key', 'AKIDINITKEY0005678', '--secret-key=visible-secret'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--secret-key'");
    expect(r.stderr).toContain('--secret-key-stdin');
    expect(r.stderr).not.toContain('visible-secret');
    expect(existsSync(path.join(env.HOME, '.sdrsrc'))).toBe(false);
  });

  it('prompts for what is missing, keeping the current secret on Enter', async () => {
    const t = tempTree();
    const file = path.join(t.home, '.sdrsrc');
    writeFileSync(file, 'profiles:\n  default:\n    secretKey: keep-me\n');
    const p = scripted({ 'Region': 'cn-east-3', 'Endpoint': '', 'Project id': 'p9', 'Access key': 'AKIDPROMPTKEY01234', 'Secret key': '' });
    await runConfigInit({ io: io().io, env: {}, homeDir: t.home, canPrompt: true, prompter: p, warn: () => {}, flags: {} });
    expect(p.asked).toEqual(['Region (e.g. cn-north-4)', "Endpoint (optional; Enter for cn-east-3's own endpoints)", 'Project id', 'Access key (AK)', 'Secret key (SK) [Enter keeps the current one]']);
    expect(await (await load(t)).config.credentials()).toEqual({ kind: 'aksk', ak: 'AKIDPROMPTKEY01234', sk: 'keep-me' });
  });

  it('refuses to overwrite a file it cannot parse', async () => {
    const t = tempTree();
    writeFileSync(path.join(t.home, '.sdrsrc'), 'profiles: [unclosed\n');
    await expect(runConfigInit({ io: io().io, env: {}, homeDir: t.home, canPrompt: false, warn: () => {}, flags: { region: 'cn-north-4' } }))
      .rejects.toBeInstanceOf(ConfigError);
  });
});

describe('config show', () => {
  it('shows each setting with its source, secrets masked', async () => {
    const t = tempTree();
    t.write(t.home, '.sdrsrc', 'profiles:\n  default:\n    region: cn-north-4\n    accessKey: AKIDSHOWKEY0004321\n    secretKey: do-not-show\n');
    const { config } = await load(t, { SDRS_PROJECT_ID: 'penv' });
    const data = buildConfigShow(config);
    expect(data.settings.projectId).toEqual({ value: 'penv', source: 'env', origin: 'SDRS_PROJECT_ID' });
    expect(data.settings['endpoints.sdrs']).toMatchObject({ value: 'https://sdrs.cn-north-4.myhuaweicloud.com', source: 'derived' });
    const human = formatConfigShow(data);
    expect(human).toMatch(/^SETTING\s+VALUE\s+SOURCE/);
    expect(human).toMatch(/timeout\s+30m\s+default/);
    expect(human).not.toContain('do-not-show');
    const s = io();
    await runConfigShow({ io: s.io, json: true, config: async () => config });
    const doc = JSON.parse(s.out());
    expect(doc.settings.secretKey.value).toBe('****');
    expect(s.out()).not.toMatch(/do-not-show|AKIDSHOWKEY/);
  });
});

describe('parseDuration', () => {
  it.each([['90s', 90_000], ['10m', 600_000], ['1h', 3_600_000], ['500ms', 500], ['45', 45_000], ['0', 0], ['1h30m', 5_400_000], [2, 2000], [' 2S ', 2000]])(
    '%j → %d ms', (text, ms) => expect(parseDuration(text as string)).toBe(ms));
  it.each(['', 'abc', '-5', '10x', '1.5.2s', '8d', '1000h'])('rejects %j (exit 2)', (text) => {
    expect(() => parseDuration(text, '--timeout')).toThrow(UsageError);
  });
  it('formats back', () => expect([0, 500, 90_000, 5_400_000].map(formatDuration)).toEqual(['0', '500ms', '1m30s', '1h30m']));
});
