/**
 * Chinese for groups, instances, pairs, jobs and domains (issue 20): under LANG=zh_CN.UTF-8 the
 * views for people (result lines, hints, tables, prompts, refusals) are Chinese; the --json
 * documents on stdout and the JSON error documents on stderr are byte for byte the ones of LANG=C.
 * The English views are covered by the existing tests, which run unchanged.
 */
import { describe, expect, it } from 'vitest';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS } from '../../src/emulator/index.js';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { atTerminal, fakePrompter } from '../helpers/fake-prompter.js';

describe('Chinese for group, instance, pair, job and domain', () => {
  const w = useDemoWorld();
  const zh = () => ({ ...w.env, LANG: 'zh_CN.UTF-8' });
  const c = () => ({ ...w.env, LANG: 'C' });
  const inZh = (argv: string[]) => runMain(argv, { env: zh() });
  /** Runs argv in both languages: stdout and stderr (JSON with --json) must be the same bytes. */
  const sameInBoth = async (argv: string[]) => {
    const [a, b] = [await runMain(argv, { env: zh() }), await runMain(argv, { env: c() })];
    expect(a.stdout, argv.join(' ')).toBe(b.stdout);
    expect(a.stderr, argv.join(' ')).toBe(b.stderr);
    expect(a.code).toBe(b.code);
    return a;
  };

  it('group create, its duplicate-name refusal, group list and show, domain list', async () => {
    const created = await inZh(['group', 'create', '--name', 'zh-grp', '--domain', SEED_IDS.domain, '--vpc', 'vpc-prod']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain(`保护组 zh-grp 的状态为 available：生产站点 ${LOCAL_AZ}，容灾站点 ${REMOTE_AZ}。`);
    expect(created.stderr).toMatch(/下一步：保护其云服务器，为其磁盘创建复制对，然后开启保护：sdrs instance add zh-grp --server \S+（可在 cn-north-4a 中保护的云服务器：[^）]*、[^）]*）；然后 sdrs group start zh-grp/);

    const dup = await inZh(['group', 'create', '--name', 'zh-grp', '--domain', SEED_IDS.domain, '--vpc', 'vpc-prod']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/^错误：名为 "zh-grp" 的保护组已存在（[0-9a-f-]+, available）；未发送任何请求\n请换一个名称，或传入 --allow-duplicate-name/);
    const dupJson = await sameInBoth(['group', 'create', '--name', 'zh-grp', '--domain', SEED_IDS.domain, '--vpc', 'vpc-prod', '--json']);
    expect(JSON.parse(dupJson.stderr).error.message).toMatch(/^a protection group named "zh-grp" already exists/);
    const badVpc = await inZh(['group', 'create', '--name', 'zh-2', '--domain', SEED_IDS.domain, '--vpc', 'nope']);
    expect(badVpc.stderr).toContain('错误：--vpc "nope" 既不是虚拟私有云的 ID，也不是其名称\n可用的虚拟私有云：vpc-prod');

    const list = await inZh(['group', 'list']);
    expect(list.stdout).toMatch(/^ID\s+名称\s+状态\s+生产站点\s+容灾站点\s+保护实例\s+复制对$/m);
    const show = await inZh(['group', 'show', 'demo-erp']);
    expect(show.stdout).toMatch(/^名称：\s+demo-erp$/m);
    expect(show.stdout).toMatch(new RegExp(`^创建时的可用区： +源端 ${LOCAL_AZ}，目标端 ${REMOTE_AZ}$`, 'm'));
    // The values line up although each Chinese character takes two columns.
    const column = (line: string) => [...line.replace(/^(\S+\s+).*$/, '$1')].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    expect(new Set(show.stdout.trimEnd().split('\n').map(column))).toEqual(new Set([17]));
    const domains = await inZh(['domain', 'list']);
    expect(domains.stdout).toMatch(/^ID\s+名称\s+本端可用区\s+远端可用区\s+已售罄$/m);
    expect(domains.stdout).toMatch(/\s否$/m);

    for (const argv of [['group', 'list'], ['group', 'show', 'demo-erp'], ['domain', 'list'], ['instance', 'list', 'demo-erp'], ['pair', 'list'], ['job', 'failures']]) {
      await sameInBoth([...argv, '--json']);
    }
  });

  it('instance add, pair add, their lists, job show and job wait', async () => {
    const pi = await inZh(['instance', 'add', 'demo-erp', '--server', 'web-01']);
    expect(pi.code, pi.stderr).toBe(0);
    expect(pi.stderr).toMatch(/✔ 保护实例 web-01 已添加到 demo-erp：protected。容灾站点云服务器 \S+ 已在 cn-north-4b 创建（已关机）。/);
    expect(pi.stderr).toContain('下一步：为其 2 块磁盘创建复制对，然后将每个复制对挂载到 web-01（pair add 会给出挂载命令）：');
    expect(pi.stderr).toContain(`  sdrs pair add demo-erp --volume ${SEED_IDS.volume('web-01', 'data')}`);

    const data = SEED_IDS.volume('web-01', 'data');
    const rp = await inZh(['pair', 'add', 'demo-erp', '--volume', data]);
    expect(rp.code, rp.stderr).toBe(0);
    expect(rp.stderr).toMatch(/✔ 复制对 rp-\w+ 已在 demo-erp 中创建：\S+，复制状态 \S+。/);
    expect(rp.stderr).toContain(`下一步：将其挂载到其保护实例：sdrs pair attach rp-${data.slice(0, 8)} --instance web-01 --device /dev/vdb`);

    expect((await inZh(['instance', 'list', 'demo-erp'])).stdout).toMatch(/^ID\s+名称\s+状态\s+保护组\s+生产站点云服务器\s+容灾站点云服务器\s+磁盘$/m);
    expect((await inZh(['pair', 'list', 'demo-erp'])).stdout).toMatch(/^ID\s+名称\s+状态\s+复制状态\s+同步进度\s+故障级别\s+挂载位置\s+保护组\s+生产站点磁盘$/m);
    await sameInBoth(['pair', 'list', 'demo-erp', '--json']);

    // A refusal in Chinese, and its JSON error document the same in both languages.
    const removeAttached = await inZh(['pair', 'remove', 'rp-erp-app-01-data', '--yes']);
    expect(removeAttached.code).toBe(3);
    expect(removeAttached.stderr).toMatch(/^错误：复制对 rp-erp-app-01-data 已作为 \/dev\/\w+ 挂载到保护实例 \S+；服务拒绝删除已挂载的复制对\n可在同一命令中用 --detach 卸载/);
    await sameInBoth(['pair', 'remove', 'rp-erp-app-01-data', '--yes', '--json']);

    const sent = await runMain(['pair', 'add', 'demo-erp', '--volume', SEED_IDS.volume('web-01', 'sys'), '--no-wait', '--json'], { env: c() });
    const jobId = JSON.parse(sent.stdout).job_id as string;
    const waited = await inZh(['job', 'wait', jobId]);
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).toContain(`任务 ${jobId} 已结束：SUCCESS`);
    expect(waited.stdout).toMatch(new RegExp(`^任务：\\s+${jobId}\\n类型：\\s+\\S+\\n状态：\\s+SUCCESS\\n开始时间：`));
    const shown = await inZh(['job', 'show', jobId]);
    expect(shown.stdout).toBe(waited.stdout);
    await sameInBoth(['job', 'show', jobId, '--json']);
  });

  it('job failures and clear, and a refused group delete', async () => {
    await w.client.admin('POST', '/failure-jobs', { server_group_id: SEED_IDS.demoGroup, failure_status: 'startFail' });
    const listed = await inZh(['job', 'failures']);
    expect(listed.stdout).toMatch(/^时间\s+失败状态\s+类型\s+资源\s+错误码\s+原因\s+任务$/m);
    expect(listed.stderr).toContain('仅显示保护组级别的失败操作；某个保护组内保护实例、复制对和容灾演练的失败操作：sdrs job failures --group <group>。');
    await sameInBoth(['job', 'failures', '--json']);
    const bad = await inZh(['job', 'failures', '--status', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^错误：--status "nope" 不是失败状态：请使用以下之一：/);
    const cleared = await inZh(['job', 'failures', 'clear', '--yes']);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stderr).toContain('✔ 已清除 1 个保护组级别的失败操作。');
    expect((await inZh(['job', 'failures'])).stderr).toContain('没有保护组级别的失败操作。');

    const del = await inZh(['group', 'delete', 'demo-erp', '--yes']);
    expect(del.code).toBe(3);
    expect(del.stderr).toMatch(/^错误：无法删除保护组 demo-erp：.+\n未发送任何请求。查看接下来可以做什么：sdrs group status demo-erp/);
    const delJson = await sameInBoth(['group', 'delete', 'demo-erp', '--yes', '--json']);
    expect(JSON.parse(delJson.stderr).error).toMatchObject({ code: 'GROUP_NOT_EMPTY', message: expect.stringMatching(/^cannot delete group demo-erp: /) });
  });

  it('the prompts of group create ask in Chinese', async () => {
    const { prompter, asked } = fakePrompter(['zh-prompted', '', 'dom-cn-north-4', true, 'vpc-prod']);
    const r = await atTerminal(['group', 'create'], zh(), prompter);
    expect(r.code, r.err).toBe(0);
    expect(asked.map((a) => a.message)).toEqual([
      '保护组名称',
      '描述（可选）',
      '双活域',
      `生产可用区 ${LOCAL_AZ}，容灾可用区 ${REMOTE_AZ}（来自双活域 dom-cn-north-4）。使用这两个可用区吗？`,
      '生产站点云服务器所在的虚拟私有云',
    ]);
    expect(asked[2].choices).toEqual([`dom-cn-north-4：${LOCAL_AZ} -> ${REMOTE_AZ}`]);
    expect(r.err).toContain('保护组 zh-prompted 的状态为 available');
  });

  it('the prompts of instance add, pair add and pair attach ask in Chinese', async () => {
    const add = fakePrompter(['web-01']);
    expect((await atTerminal(['instance', 'add', 'demo-erp'], zh(), add.prompter)).code).toBe(0);
    expect(add.asked[0].message).toBe(`要在 demo-erp 中保护的云服务器（生产站点 ${LOCAL_AZ}）`);

    const sys = SEED_IDS.volume('web-01', 'sys');
    const data = SEED_IDS.volume('web-01', 'data');
    const pair = fakePrompter(['web-01', '/dev/vdb']);
    const r2 = await atTerminal(['pair', 'add', 'demo-erp'], zh(), pair.prompter);
    expect(r2.code, r2.err).toBe(0);
    expect(pair.asked.map((a) => a.message)).toEqual(['要复制其磁盘的保护实例（保护组 demo-erp）', '要复制的 web-01 的磁盘']);
    expect(pair.asked[1].choices).toEqual([`/dev/vda  ${sys}  系统盘`, `/dev/vdb  ${data}`]);

    const rp = `rp-${data.slice(0, 8)}`;
    const at = fakePrompter(['web-01', '']);
    const r3 = await atTerminal(['pair', 'attach', rp], zh(), at.prompter);
    expect(r3.code, r3.err).toBe(0);
    expect(at.asked[0].message).toBe(`要挂载 ${rp} 的保护实例`);
    expect(at.asked[0].choices![0]).toMatch(/^web-01 .*（其生产站点云服务器有该复制对的磁盘）$/);
    expect(at.asked[1]).toMatchObject({ kind: 'text', message: `${rp} 在 web-01 上的设备名`, default: '/dev/vdb' });
    expect(r3.err).toContain(`✔ ${rp} 已作为 /dev/vdb 挂载到 web-01：`);
  });
});
