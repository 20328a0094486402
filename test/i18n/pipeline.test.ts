/**
 * Chinese for the shared pipeline (confirmations, dry runs, name resolution, watching, the
 * service's and the settings' errors): under LANG=zh_CN.UTF-8 people read Chinese; under
 * LANG=C the English is as before; with --json stdout and the stderr error document are
 * byte for byte the same in both languages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import { runMain } from '../helpers/in-process.js';
import { useDemoWorld } from '../helpers/cli-env.js';

const ZH = { LANG: 'zh_CN.UTF-8' };
const C = { LANG: 'C' };
const errorDoc = (stderr: string) => mask(stderr.split('\n').filter((l) => l.startsWith('{"error"')).join('\n'));
const mask = (s: string) => s.replace(/[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d{4}-\d\d-\d\d[ T][\d:.]+Z?/g, '<time>').replace(/\b\d\d:\d\d:\d\d\b/g, '<clock>');

// Test files share workers (isolate: false): leave the language as the next file expects it.
afterEach(() => setLanguage('en'));

describe('the pipeline in Chinese', () => {
  const w = useDemoWorld();
  const run = (argv: string[], lang: Record<string, string>, extra: Record<string, string> = {}) => runMain(argv, { env: { ...w.env, ...lang, ...extra } });

  /** Runs argv with --json in both languages: the same exit code, stdout and stderr. */
  const sameJson = async (argv: string[], before?: () => Promise<void>, extra: Record<string, string> = {}) => {
    const once = async (lang: Record<string, string>) => {
      await w.client.admin('POST', '/reset', { seed: 'demo' });
      await before?.();
      return run([...argv, '--json'], lang, extra);
    };
    const zh = await once(ZH);
    const en = await once(C);
    expect(zh.code).toBe(en.code);
    // Job ids and times differ between the two runs: compared with them masked.
    expect(mask(zh.stdout)).toBe(mask(en.stdout));
    // The stderr JSON error document (the notes and progress lines beside it are for people).
    expect(errorDoc(zh.stderr)).toBe(errorDoc(en.stderr));
    return { zh, en };
  };

  it('a confirmation refused without a terminal, a dry run and an unknown group name', async () => {
    const refused = await run(['group', 'stop', 'demo-erp'], ZH);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('错误：未经确认，拒绝执行');
    expect(refused.stderr).toContain('请传入 --yes');
    const english = await run(['group', 'stop', 'demo-erp'], C);
    expect(english.stderr).toContain('error: refusing to stop protection without confirmation: pass --yes');

    const dry = await run(['group', 'stop', 'demo-erp', '--dry-run'], ZH);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('试运行：未发送任何请求。');
    expect((await run(['group', 'stop', 'demo-erp', '--dry-run'], C)).stderr).toContain('Dry run: nothing was sent.');

    const unknown = await run(['group', 'show', 'no-such-group'], ZH);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('错误：未找到保护组 "no-such-group"');
    expect(unknown.stderr).toContain("请用 'sdrs group list' 列出保护组。");

    for (const argv of [['group', 'stop', 'demo-erp'], ['group', 'stop', 'demo-erp', '--dry-run'], ['group', 'show', 'no-such-group']]) {
      const { zh, en } = await sameJson(argv);
      expect(zh.stdout + errorDoc(zh.stderr)).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en.stderr).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a job that fails, and one that outlasts --timeout', async () => {
    const fail = () => w.client.admin('POST', '/fail-next', { job_type: 'stopProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'injected' }).then(() => undefined);
    await fail();
    const failed = await run(['group', 'stop', 'demo-erp', '--yes'], ZH);
    expect(failed.code, failed.stderr).toBe(5);
    expect(failed.stderr).toMatch(/错误：任务 [0-9a-f]+（stopProtectionGroupNoCG）失败：SDRS\.1029：injected/);
    expect(failed.stderr).toContain('排除上述原因后，可以从');
    await sameJson(['group', 'stop', 'demo-erp', '--yes'], fail);

    const slow = () => w.client.admin('PUT', '/config', { job_duration_ms: 5000 }).then(() => undefined);
    await slow();
    const late = await run(['group', 'stop', 'demo-erp', '--yes', '--timeout', '300ms'], ZH);
    expect(late.code, late.stderr).toBe(6);
    expect(late.stderr).toMatch(/错误：等待任务 [0-9a-f]+ 超时（--timeout 0\.3s）/);
    expect(late.stderr).toContain('可用以下命令继续观察：sdrs job wait');
    await sameJson(['group', 'stop', 'demo-erp', '--yes', '--timeout', '300ms'], slow);
  });

  it('an answer lost after the send (exit 7) and missing credentials (exit 4)', async () => {
    const drop = async () => {
      const g = (await w.client.get('/server-groups')).body.server_groups.find((x: { name: string }) => x.name === 'demo-erp');
      await w.client.admin('POST', '/faults/next', { fault: 'reset-before', method: 'POST', path: `${g.id}/action` });
    };
    await drop();
    const lost = await run(['group', 'stop', 'demo-erp', '--yes'], ZH);
    expect(lost.code, lost.stderr).toBe(7);
    expect(lost.stderr).toMatch(/错误：.*已发送，但结果未知/);
    expect(lost.stderr).toContain('无法看出请求是否已被接受');
    expect(lost.stderr).toContain('请勿盲目重新发送。请用以下命令检查：');
    await sameJson(['group', 'stop', 'demo-erp', '--yes'], drop);

    const noKeys = { HUAWEICLOUD_SDK_AK: '', HUAWEICLOUD_SDK_SK: '' };
    const keys = await run(['group', 'list'], ZH, noKeys);
    expect(keys.code).toBe(4);
    expect(keys.stderr).toContain('错误：未找到凭证。请用以下任一方式提供访问密钥（AK/SK）：');
    expect((await run(['group', 'list'], C, noKeys)).stderr).toContain('error: no credentials found. Provide an access key and secret key in one of these ways:');
    await sameJson(['group', 'list'], undefined, noKeys);
  });
  it('usage errors of the shared flags and of config init', async () => {
    const interval = await run(['group', 'stop', 'demo-erp', '--yes', '--interval', '0'], ZH);
    expect(interval.code).toBe(2);
    expect(interval.stderr).toContain('错误：--interval 必须大于 0');
    const init = await run(['config', 'init', '--no-input'], ZH, { HUAWEICLOUD_SDK_AK: '', HUAWEICLOUD_SDK_SK: '', SDRS_PROJECT_ID: '' });
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('错误：无法提示输入时，config init 需要 --region');
    const badName = await run(['group', 'show', 'a/b'], ZH);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('既不是格式正确的 ID，也不是有效的保护组名称');
    expect((await run(['group', 'show', 'a/b'], C)).stderr).toContain('error: group "a/b" is neither a well-formed id nor a valid group name');
    await sameJson(['group', 'stop', 'demo-erp', '--yes', '--interval', '0']);
    await sameJson(['group', 'show', 'a/b']);
  });
});

describe('an operation named in both languages', () => {
  it('people read the Chinese name; the error document keeps the English', async () => {
    const { sendOnce } = await import('../../src/commands/shared/mutation.js');
    const { NetworkError } = await import('../../src/errors.js');
    const ctx = { signal: new AbortController().signal } as unknown as Parameters<typeof sendOnce>[0];
    setLanguage('zh-CN');
    try {
      const err = await sendOnce(ctx, {
        operation: 'Stopping protection of erp',
        operationText: { en: 'Stopping protection of erp', zh: '正在停止 erp 的保护' },
        checkHint: 'sdrs group show erp',
        send: () => Promise.reject(new NetworkError('a garbled answer', { code: 'BAD_RESPONSE' })),
      }).catch((e) => e);
      expect(err.exitCode).toBe(7);
      expect(err.text.zh).toContain('正在停止 erp 的保护：服务的应答无法使用（a garbled answer）');
      expect(err.message).toContain('Stopping protection of erp: the answer could not be used (a garbled answer)');
    } finally {
      setLanguage('en');
    }
  });
});

describe('tables with Chinese headers', () => {
  it('colour statuses and fault levels, and keep the name and status columns when narrow', async () => {
    const { cellTone } = await import('../../src/commands/shared/output.js');
    const { layoutTable } = await import('../../src/io/output.js');
    expect(cellTone('状态', 'error-reversing')).toBe('bad');
    expect(cellTone('保护组状态', 'protected')).toBe('ok');
    expect(cellTone('故障级别', '5')).toBe('bad');
    expect(cellTone('名称', 'protected')).toBeUndefined();
    const { text, fit } = layoutTable(['ID', '名称', '状态', '描述', '可用区'], [['a'.repeat(36), 'erp', 'protected', 'x'.repeat(30), 'cn-north-4a']], { columns: 40 });
    expect(fit.dropped).not.toContain('名称');
    expect(fit.dropped).not.toContain('状态');
    expect(text).toContain('状态');
  });
});
