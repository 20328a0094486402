/**
 * Chinese for the configuration, the network and `sdrs api` (issue 20), in process against
 * the emulator: under LANG=zh_CN.UTF-8 an unknown profile, a bad region, a config file's
 * warnings, encrypted KooCLI keys, an untrusted TLS endpoint, an unreachable proxy and the
 * refusals of `sdrs api` are in Chinese, and so is `config show`'s table; under LANG=C they
 * stay English; with --json stdout and the stderr error document are byte-identical.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDemoWorld } from '../helpers/cli-env.js';
import { makeTestCa } from '../helpers/tls.js';
import { NO_WAIT_CLOCK, runMain } from '../helpers/in-process.js';

const w = useDemoWorld();
const CJK = /[\u4e00-\u9fff]/;
const GROUPS = '/v1/{project_id}/server-groups';
/** The service's request id differs between two calls; nothing else may. */
const same = (s: string) => s.replace(/"request_id":"[^"]*"/g, '"request_id":"…"');

/** main() in process, with a clock whose sleeps end at once (retries of an unreachable proxy cost nothing). */
const run = (argv: string[], env: Record<string, string>, stdin = '') => runMain(argv, { env, stdin, clock: NO_WAIT_CLOCK });
const zh = (args: string[], env: Record<string, string> = w.env, stdin?: string) => run(args, { ...env, LANG: 'zh_CN.UTF-8' }, stdin);
const en = (args: string[], env: Record<string, string> = w.env, stdin?: string) => run(args, { ...env, LANG: 'C' }, stdin);

/** Runs with --json in both languages: the same exit code, stdout and (when it fails) stderr; none of it Chinese. */
async function jsonIdentical(args: string[], env: Record<string, string> = w.env, stdin?: string) {
  const a = await zh(['--json', ...args], env, stdin);
  const b = await en(['--json', ...args], env, stdin);
  expect(a.code, a.stderr).toBe(b.code);
  expect(a.stdout).toBe(b.stdout);
  expect(a.stdout).not.toMatch(CJK);
  if (b.code !== 0) {
    expect(same(a.stderr)).toBe(same(b.stderr));
    expect(a.stderr).not.toMatch(CJK);
  }
  return b;
}

/** A HOME holding only a KooCLI config with the emulator's keys, encrypted or not. */
function kooHome(encrypted: boolean): string {
  const home = mkdtempSync(join(tmpdir(), 'sdrs-koo-zh-'));
  mkdirSync(join(home, '.hcloud'));
  const profile = { name: 'default', mode: 'AKSK', accessKeyId: w.emu.ak, secretAccessKey: w.emu.sk, region: 'cn-north-4', projectId: w.emu.projectId };
  writeFileSync(join(home, '.hcloud', 'config.json'), JSON.stringify({ current: 'default', authEncrypt: String(encrypted), profiles: [profile] }), { mode: 0o600 });
  return home;
}

describe('the configuration in Chinese', () => {
  it('an unknown profile and a bad region: the error in Chinese, English under LANG=C, the JSON documents identical', async () => {
    const r = await zh(['--profile', 'nope', 'group', 'list']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^错误：未知的配置档 \S*nope\S*（配置文件 \S+\.sdrsrc）；可用的配置档：default。创建该配置档：sdrs config init --profile nope\n$/);
    const e = await en(['--profile', 'nope', 'group', 'list']);
    expect(e.stderr).toMatch(/^error: unknown profile \S*nope\S* \(in \S+\.sdrsrc\); available profiles: default\. Create it with: sdrs config init --profile nope\n$/);
    expect(JSON.parse((await jsonIdentical(['--profile', 'nope', 'group', 'list'])).stderr).error.code).toBe('CONFIG');

    const bad = await zh(['--region', 'not a region', 'group', 'list']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('错误：来自 --region 的区域 "not a region" 无效：应为区域 ID，例如 cn-north-4\n');
    expect((await en(['--region', 'not a region', 'group', 'list'])).stderr).toBe('error: invalid region "not a region" from --region: expected a region id such as cn-north-4\n');
    await jsonIdentical(['--region', 'not a region', 'group', 'list']);
  });

  it('a config file: its warnings and type errors in Chinese; config show\'s table in Chinese, its --json identical', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sdrs-cfg-zh-'));
    const env = { ...w.env, HOME: home };
    writeFileSync(join(home, '.sdrsrc'), 'profiles:\n  default:\n    colour: blue\n    interval: 50ms\n', { mode: 0o600 });
    const show = await zh(['config', 'show'], env);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stderr).toMatch(/^警告：\S+\.sdrsrc:3：配置档 "default" 中有未知的键 "colour"，已忽略\n$/);
    expect(show.stdout).toMatch(/^设置\s+值\s+来源\n/);
    expect(show.stdout).toMatch(/^caBundle\s+（未设置）/m);
    const english = await en(['config', 'show'], env);
    expect(english.stderr).toMatch(/^warning: \S+\.sdrsrc:3: unknown key "colour" in profile "default" ignored\n$/);
    expect(english.stdout).toMatch(/^SETTING\s+VALUE\s+SOURCE\n/);
    expect(english.stdout).toMatch(/^caBundle\s+\(not set\)/m);
    await jsonIdentical(['config', 'show'], env);

    writeFileSync(join(home, '.sdrsrc'), 'profiles:\n  default:\n    region: 42\n', { mode: 0o600 });
    const typed = await zh(['group', 'list'], env);
    expect(typed.code).toBe(4);
    expect(typed.stderr).toMatch(/^错误：\S+\.sdrsrc:3：配置档 "default" 中的 "region" 必须是字符串\n/);
    await jsonIdentical(['group', 'list'], env);
  });

  it('encrypted KooCLI keys (HCLOUD_NO_KEYS): the refusal and every fix in Chinese; the JSON identical; nothing sent', async () => {
    const env = { HOME: kooHome(true), SDRS_ENDPOINT: w.emu.url, NO_COLOR: '1' };
    const r = await zh(['--profile', 'hcloud:default', 'group', 'list'], env);
    expect(r.code).toBe(4);
    const [line, hint] = r.stderr.split('\n');
    expect(line).toMatch(/^错误：KooCLI 配置档 "default"（\S+config\.json）以加密形式保存访问密钥（KooCLI 的默认方式）；sdrs 从不解密它们；未发送任何请求$/);
    expect(hint).toBe('以不加密的形式保存：hcloud configure set --cli-auth-encrypt=false；或在环境变量中提供访问密钥：HUAWEICLOUD_SDK_AK 和 HUAWEICLOUD_SDK_SK（区域和项目 ID 仍取自 KooCLI 配置档）；或使用带访问密钥的 sdrs 配置档：sdrs config init --profile <name>');
    const e = await en(['--profile', 'hcloud:default', 'group', 'list'], env);
    expect(e.stderr).toContain("stores its keys encrypted (KooCLI's default); sdrs never decrypts them; nothing was sent\nstore them unencrypted: hcloud configure set --cli-auth-encrypt=false; or give the keys");
    expect(JSON.parse((await jsonIdentical(['--profile', 'hcloud:default', 'group', 'list'], env)).stderr).error.code).toBe('HCLOUD_NO_KEYS');
    expect((await w.counters()).total).toBe(0);
  });
});

describe('the network in Chinese', () => {
  it('an endpoint whose certificate no trusted CA signed (TLS_UNTRUSTED), a CA bundle without a certificate, and an unreachable proxy (PROXY_UNREACHABLE)', async () => {
    const pki = makeTestCa(mkdtempSync(join(tmpdir(), 'sdrs-ca-zh-')));
    const server: Server = createServer({ cert: readFileSync(pki.cert), key: readFileSync(pki.key) }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const env = { ...w.env, SDRS_ENDPOINT: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
      const r = await zh(['group', 'list'], env);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/^错误：无法信任 127\.0\.0\.1:\d+：其证书不是由本机信任的 CA 签发的（UNABLE_TO_VERIFY_LEAF_SIGNATURE）；未发送任何请求\n如果您的网络使用私有 CA.*--ca-bundle FILE/);
      expect((await en(['group', 'list'], env)).stderr).toMatch(/^error: cannot trust 127\.0\.0\.1:\d+: its certificate is not signed by a CA this machine trusts/);
      expect(JSON.parse((await jsonIdentical(['group', 'list'], env)).stderr).error.code).toBe('TLS_UNTRUSTED');
      const junk = join(dirname(pki.ca), 'junk.pem');
      writeFileSync(junk, 'not a certificate\n');
      const bundle = await zh(['--ca-bundle', junk, 'group', 'list'], env);
      expect(bundle.code).toBe(4);
      expect(bundle.stderr).toBe(`错误：CA 证书包 ${junk} 中没有 PEM 证书；未发送任何请求\n请通过 --ca-bundle、配置档中的 caBundle 或 NODE_EXTRA_CA_CERTS 提供 PEM 格式的 CA 证书文件（-----BEGIN CERTIFICATE-----）。\n`);
      await jsonIdentical(['--ca-bundle', junk, 'group', 'list'], env);
      // With the CA: no error at all (the answer is not a group list, but the connection was trusted).
      const trusted = await zh(['--ca-bundle', pki.ca, 'api', 'GET', GROUPS], env);
      expect(trusted.code, trusted.stderr).toBe(0);
    } finally {
      server.close();
    }

    const proxied = { ...w.env, http_proxy: 'http://ops:pw-Secret-1@127.0.0.1:1' };
    const p = await zh(['group', 'list'], proxied);
    expect(p.code).toBe(7);
    expect(p.stderr).toMatch(/^错误：尝试 5 次后仍无法连接代理 http:\/\/\*\*\*@127\.0\.0\.1:1（ECONNREFUSED）；未发送任何请求\n请检查代理（--proxy、HTTPS_PROXY\/http_proxy、配置档中的 proxy），或使用 --proxy none 直接连接。\n$/);
    expect(p.stderr).not.toContain('pw-Secret-1');
    expect((await en(['group', 'list'], proxied)).stderr).toMatch(/^error: could not reach the proxy http:\/\/\*\*\*@127\.0\.0\.1:1 \(ECONNREFUSED\) after 5 attempts; nothing was sent\n/);
    expect(JSON.parse((await jsonIdentical(['group', 'list'], proxied)).stderr).error.code).toBe('PROXY_UNREACHABLE');
    expect((await w.counters()).total).toBe(0);
  });
});

describe('sdrs api in Chinese', () => {
  it('a foreign URL, bad --input JSON and a 404: refused in Chinese, the JSON identical; a job note in Chinese', async () => {
    const foreign = await zh(['api', 'GET', 'https://example.com/v1/x/server-groups']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/^错误：拒绝向 "https:\/\/example\.com" 发送签名凭证：它不是已配置的端点（sdrs http:\/\/127\.0\.0\.1:\d+, ecs .*）；未发送任何请求\n请给出路径，例如 \/v1\/\{project_id\}\/server-groups；或配置该端点（--endpoint、--region 或配置档）。\n$/);
    expect((await en(['api', 'GET', 'https://example.com/v1/x/server-groups'])).stderr).toMatch(/^error: refusing to send signed credentials to "https:\/\/example\.com": it is not a configured endpoint/);
    await jsonIdentical(['api', 'GET', 'https://example.com/v1/x/server-groups']);

    const action = `${GROUPS}/g1/action`;
    const badJson = await zh(['api', 'POST', action, '--input', '-'], w.env, '{"stop-server-group": ');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/^错误：--input -（标准输入） 不是有效的 JSON(（第 \d+ 个字符处）)?；未发送任何请求\n$/);
    expect((await en(['api', 'POST', action, '--input', '-'], w.env, '{"stop-server-group": ')).stderr).toMatch(/^error: --input - \(stdin\) is not valid JSON/);
    await jsonIdentical(['api', 'POST', action, '--input', '-'], w.env, '{"stop-server-group": ');
    expect((await zh(['api', 'PATCH', GROUPS])).stderr).toBe('错误：方法 "PATCH" 不是 GET、POST、PUT、DELETE 之一（SDRS、ECS 和 VPC API 使用的方法）\n');
    expect((await en(['api', 'PATCH', GROUPS])).stderr).toBe('error: method "PATCH" is not one of GET, POST, PUT, DELETE (the methods the SDRS, ECS and VPC APIs use)\n');
    const usage = await zh(['api', 'GET', GROUPS, '--paginate', '--wait']);
    expect(usage.stderr).toBe('错误：--wait 用于跟踪变更的任务，--paginate 用于逐页读取 GET 列表，两者不能同时使用\n');

    const missing = await zh(['api', 'GET', `${GROUPS}/00000000-0000-0000-0000-000000000000`]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^错误：/);
    expect(JSON.parse((await jsonIdentical(['api', 'GET', `${GROUPS}/00000000-0000-0000-0000-000000000000`])).stderr).error.exit_code).toBe(3);
    expect((await w.counters()).total).toBeGreaterThan(0);

    const id = JSON.parse((await en(['api', 'GET', GROUPS])).stdout).server_groups[0].id;
    const sent = await zh(['api', 'POST', `${GROUPS}/${id}/action`, '--input', '-'], w.env, '{"stop-server-group":{}}');
    expect(sent.code, sent.stderr).toBe(0);
    const job = JSON.parse(sent.stdout).job_id;
    expect(sent.stderr).toContain(`任务 ${job} 已提交。跟踪该任务：sdrs job wait ${job}`);
  });
});
