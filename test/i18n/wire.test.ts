/**
 * The commands' own phrases inside the pipeline's sentences (issue 20): the verb of a
 * "needs --yes" refusal, the operation a progress line names, what a read showed after a
 * lost answer, a nothing-to-do note. Under LANG=zh_CN.UTF-8 they are Chinese (no English
 * fragment inside a Chinese sentence); under LANG=C they are the English they always were;
 * with --json the documents are byte-identical in both languages.
 */
import { describe, expect, it } from 'vitest';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';

const w = useDemoWorld();
const zh = (args: string[]) => runMain(args, { env: { ...w.env, LANG: 'zh_CN.UTF-8' } });
const en = (args: string[]) => runMain(args, { env: { ...w.env, LANG: 'C' } });
const CJK = /[\u4e00-\u9fff]/;

/** The same exit code, stdout and (when it fails) stderr error document in both languages, none of it Chinese. */
async function jsonIdentical(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const a = await zh([...args, '--json']);
  const b = await en([...args, '--json']);
  expect(a.code, a.stderr).toBe(b.code);
  expect(a.stdout).toBe(b.stdout);
  expect(a.stdout).not.toMatch(CJK);
  if (b.code !== 0) {
    expect(a.stderr).toBe(b.stderr);
    expect(a.stderr).not.toMatch(CJK);
  }
  return b;
}

describe('the commands\' phrases in the pipeline\'s sentences', () => {
  it('needs --yes without a terminal: the verb in Chinese (group delete, drill create/delete); English under LANG=C; JSON identical', async () => {
    const r = await zh(['group', 'delete', 'demo-erp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('错误：未经确认，拒绝执行删除保护组：请传入 --yes（没有终端或使用 --no-input/--json 时不会提示确认）\n');
    expect((await zh(['drill', 'create', 'demo-erp'])).stderr).toMatch(/^错误：未经确认，拒绝执行创建容灾演练：/);
    expect((await zh(['drill', 'delete', 'some-drill'])).stderr).toMatch(/^错误：未经确认，拒绝执行删除容灾演练：/);
    expect((await zh(['server', 'stop', 'erp-app-01', '--az', 'cn-north-4a'])).stderr).toMatch(/^错误：未经确认，拒绝执行云服务器关机：/);

    const e = await en(['group', 'delete', 'demo-erp']);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/^error: refusing to delete a protection group without confirmation: pass --yes /);
    expect((await en(['drill', 'create', 'demo-erp'])).stderr).toMatch(/^error: refusing to create a DR drill without confirmation/);
    const doc = JSON.parse((await jsonIdentical(['group', 'delete', 'demo-erp'])).stderr).error;
    expect(doc.message).toMatch(/^refusing to delete a protection group without confirmation/);
    await jsonIdentical(['drill', 'delete', 'some-drill']);
  });

  it('progress names the operation in Chinese: server stop, group stop, a reverse followed after a lost answer', async () => {
    const s = await zh(['server', 'stop', 'erp-app-01', '--az', 'cn-north-4a', '--yes']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toMatch(/^关机 erp-app-01：正在观察任务 \S+$/m);
    expect(s.stderr).not.toMatch(/Stopping/);
    const se = await en(['server', 'stop', 'erp-db-01', '--az', 'cn-north-4a', '--yes']);
    expect(se.stderr).toMatch(/^Stopping erp-db-01: watching job \S+$/m);

    // Both production servers are stopped now: the reverse may go. Its answer is lost; the group shows it under way.
    const g = JSON.parse((await en(['group', 'show', 'demo-erp', '--json'])).stdout) as { id: string };
    await w.client.admin('POST', '/faults/next', { fault: 'reset-after', method: 'POST', path: `${g.id}/action` });
    const r = await zh(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`切换 demo-erp 到 target（cn-north-4b）：服务没有给出明确应答，但保护组现在是 reversing，说明服务确实已接受该请求；按保护组 ${g.id} 的状态跟踪`);
    expect(r.stderr).not.toMatch(/Reversing|the group is now/);

    await w.client.admin('POST', '/faults/next', { fault: 'reset-after', method: 'POST', path: `${g.id}/action` });
    const e = await en(['group', 'reverse', 'demo-erp', '--to', 'source', '--yes']);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).toContain(`Reversing demo-erp to source (cn-north-4a): no clear answer from the service, but the group is now reversing, so the service did accept it; following group ${g.id} by its status`);

    const stop = await zh(['group', 'stop', 'demo-erp', '--yes']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stderr).toMatch(/^停止保护 demo-erp：正在观察任务 \S+$/m);
    expect(stop.stderr).not.toMatch(/Stopping protection/);
  });

  it('nothing to do, in Chinese: pair attach where it is, a reverse where production already runs; the documents identical', async () => {
    const args = ['pair', 'attach', 'rp-erp-app-01-data', '--instance', 'pi-erp-app-01', '--device', '/dev/vdb'];
    const r = await zh(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('无需操作：rp-erp-app-01-data 已作为 /dev/vdb 挂载到 pi-erp-app-01。\n');
    expect((await en(args)).stderr).toBe('Nothing to do: rp-erp-app-01-data is already attached to pi-erp-app-01 as /dev/vdb.\n');
    await jsonIdentical(args);

    const dry = ['group', 'reverse', 'demo-erp', '--to', 'source', '--dry-run'];
    expect((await zh(dry)).stderr).toBe('试运行：不会发送任何请求。无需操作：保护组 demo-erp 已在 source（cn-north-4a）上运行生产业务，且处于保护状态。\n');
    const doc = JSON.parse((await jsonIdentical(dry)).stdout);
    expect(doc.nothing_to_do).toBe('group demo-erp already runs production on source (cn-north-4a) and is protected');
  });

  it('a DR drill created and deleted: the operations named in Chinese', async () => {
    const c = await zh(['drill', 'create', 'demo-erp', '--name', 'wire-drill', '--yes']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).toMatch(/^为保护组 demo-erp 创建容灾演练 wire-drill：正在观察任务 \S+$/m);
    const d = await zh(['drill', 'delete', 'wire-drill', '--yes']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toMatch(/^删除容灾演练 wire-drill：正在观察任务 \S+$/m);
    expect(c.stderr + d.stderr).not.toMatch(/Creating DR drill|Deleting DR drill/);
  });
});
