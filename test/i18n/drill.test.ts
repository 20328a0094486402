/**
 * Chinese for drills, recovery plans, history and the report (in process, real emulator):
 * under LANG=zh_CN.UTF-8 the people's lines of a drill run, a drill refusal, a broken plan
 * (file:line:column kept), a plan's outline and dry run, history and the report are Chinese;
 * what a machine reads (--json documents, the JSON error document) is byte-identical to a run
 * under LANG=C. English output itself is covered, unchanged, by the existing tests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { useDemoWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';

const w = useDemoWorld();
const G = 'demo-erp';
const lang = (LANG: string) => {
  const env: Record<string, string> = { ...w.env, LANG };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  delete env.SDRS_LANG;
  return env;
};
const zh = (args: string[]) => runMain(args, { env: lang('zh_CN.UTF-8') });
const c = (args: string[]) => runMain(args, { env: lang('C') });
const HAN = /[\u4e00-\u9fff]/;

/** A run's --json document with what differs from run to run (ids, times, durations, pids) masked. */
const stable = (s: string) => s
  .replace(/[0-9a-f]{32}/g, '<id>')
  .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
  .replace(/"(\w*_ms|pid)":( ?)\d+/g, '"$1":$20')
  .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');

const PLAN = `name: erp
groups:
  erp: ${G}
steps:
  - name: drill-erp
    switchover: [erp]
  - name: pause
    wait: 1s
`;
const BROKEN = `name: erp
groups:
  erp: ${G}
steps:
  - name: move
    switchover: [ep]
  - name: move
    wait: 1s
    timeout: 5s
`;

function planFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sdrs-i18n-drill-')), 'plan.yaml');
  writeFileSync(file, text);
  return file;
}

describe('Chinese: drills', () => {
  it('drill run: the checklist, phases, result and verdict in Chinese; --json the same document as in English', async () => {
    const r = await zh(['drill', 'run', G, '--yes', '--verify', 'true']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`▶ 预检：保护组 ${G} 能否进行容灾演练？`);
    expect(r.stderr).toMatch(/✔ 首次同步已完成（\d+ 个复制对均为 100%）/);
    expect(r.stderr).toContain('▶ 演练云服务器：等待全部 2 台变为 ACTIVE');
    expect(r.stderr).toMatch(/✔ 演练通过（验证通过）：恢复时间 \d+\.\ds。/);
    expect(r.stdout).toMatch(new RegExp(`保护组 ${G} 的容灾演练 sdrs-run-${G}：恢复时间 \\d+\\.\\ds`));
    expect(r.stdout).toMatch(/阶段\s+结果\s+耗时\s+开始时间/);
    expect(r.stdout).not.toMatch(/recovery time|PHASE/);

    const [a, b] = [await zh(['--json', 'drill', 'run', G, '--yes']), await c(['--json', 'drill', 'run', G, '--yes'])];
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(stable(a.stdout)).toBe(stable(b.stdout));
    expect(JSON.parse(a.stdout)).toMatchObject({ result: 'passed' });
  });

  it('a refused pre-flight: the checklist and the error in Chinese, the JSON error document byte-identical', async () => {
    const r = await zh(['drill', 'run', G, '--yes', '--vpc', 'vpc-prod']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('✖ 演练虚拟私有云 vpc-prod 就是保护组自身的虚拟私有云');
    expect(r.stderr).toContain(`错误：保护组 ${G} 的容灾演练将被拒绝：`);
    expect(r.stderr).toContain('未发送任何请求。请修正标有 ✖ 的各项，然后再次运行该命令。');

    const [a, b] = [await zh(['--json', 'drill', 'run', G, '--yes', '--vpc', 'vpc-prod']), await c(['--json', 'drill', 'run', G, '--yes', '--vpc', 'vpc-prod'])];
    expect([a.code, b.code]).toEqual([3, 3]);
    const last = (x: string) => x.trim().split('\n').pop();
    expect(last(a.stderr)).toBe(last(b.stderr));
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stderr.trim().split('\n').pop()!).error.message).toMatch(/is the group's own VPC/);
  });

  it('a failed --verify (exit 9): the verdict, the error and its hint in Chinese; the JSON error document the same', async () => {
    const r = await zh(['drill', 'run', G, '--yes', '--verify', 'exit 4']);
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('✖ 验证失败（退出码 4）');
    expect(r.stderr).toContain('✖ 演练失败：--verify 命令以退出码 4 退出。');
    expect(r.stderr).toContain(`错误：演练 sdrs-run-${G}：--verify 命令以退出码 4 退出；演练已删除`);
    expect(r.stderr).toContain('请查看上面的 --verify 输出；演练云服务器已删除，生产业务未受影响。');
    const last = (x: string) => stable(x.trim().split('\n').pop()!);
    const [a, b] = [await zh(['--json', 'drill', 'run', G, '--yes', '--verify', 'exit 4']), await c(['--json', 'drill', 'run', G, '--yes', '--verify', 'exit 4'])];
    expect([a.code, b.code]).toEqual([9, 9]);
    expect(last(a.stderr)).toBe(last(b.stderr));
    expect(stable(a.stdout)).toBe(stable(b.stdout));
  });

  it('drill show and list: headers and labels in Chinese', async () => {
    const made = await c(['--json', 'drill', 'create', G, '--yes', '--name', 'zh-show']);
    expect(made.code, made.stderr).toBe(0);
    const show = await zh(['drill', 'show', 'zh-show']);
    expect(show.stdout).toMatch(/^名称：\s+zh-show$/m);
    expect(show.stdout).toContain('清理：sdrs drill delete');
    const list = await zh(['drill', 'list']);
    expect(list.stdout).toMatch(/ID\s+名称\s+状态\s+保护组/);
    const [a, b] = [await zh(['--json', 'drill', 'show', 'zh-show']), await c(['--json', 'drill', 'show', 'zh-show'])];
    expect(a.stdout).toBe(b.stdout);
    expect((await c(['drill', 'delete', 'zh-show', '--yes'])).code).toBe(0);
  });
});

describe('Chinese: recovery plans', () => {
  it('a broken plan: every problem in Chinese with its file:line:column; the JSON error document byte-identical', async () => {
    const file = planFile(BROKEN);
    const r = await zh(['plan', 'validate', file, '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`错误：${file}:6:18: steps[0] "move".switchover[0]: 未知的保护组别名 "ep"；计划中的保护组：erp（另有 2 个问题）`);
    expect(r.stderr).toContain(`${file}:7:11: steps[1] "move".name: 步骤名称重复；steps[0] 也使用了该名称（步骤名称必须唯一）`);
    expect(r.stderr).toContain(`${file}:9:5: steps[1] "move".timeout: timeout 不适用于 wait 步骤（wait 本身就是时长）`);

    const [a, b] = [await zh(['--json', 'plan', 'validate', file, '--offline']), await c(['--json', 'plan', 'validate', file, '--offline'])];
    expect(a.stderr).toBe(b.stderr);
    expect(JSON.parse(a.stderr.trim().split('\n').pop()!).error.problems[0].message).toBe('unknown group alias "ep"; the plan\'s groups: erp');
  });

  it('plan show, validate and run --dry-run for people in Chinese; their --json identical', async () => {
    const file = planFile(PLAN);
    const show = await zh(['plan', 'show', file, '--mode', 'drill']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('恢复计划 erp');
    expect(show.stdout).toContain('1. drill-erp: 创建容灾演练（不影响生产；除非指定 --keep，演练会在最后删除）');
    expect(show.stdout).toContain('2. pause: 等待 1s');

    const v = await zh(['plan', 'validate', file, '--mode', 'drill']);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/恢复计划 erp 有效：1 个保护组，2 个步骤；所有保护组均已找到。\n✔ drill：就绪（\d+ 项检查通过）/);

    const dry = await zh(['plan', 'run', file, '--mode', 'drill', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('恢复计划 erp（drill）：2 个步骤');
    expect(dry.stderr).toContain('试运行：未发送任何请求。');

    for (const args of [['plan', 'show', file, '--mode', 'drill'], ['plan', 'validate', file], ['plan', 'run', file, '--mode', 'drill', '--dry-run']]) {
      const [a, b] = [await zh(['--json', ...args]), await c(['--json', ...args])];
      expect(a.stdout, args.join(' ')).toBe(b.stdout);
      expect(a.code).toBe(b.code);
    }

    // Not ready (exit 3): each failed check in Chinese for people; the document and the error document the same.
    await w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-app-01', 'data')}/progress`, { progress: 42 });
    const nr = await zh(['plan', 'validate', file, '--mode', 'drill']);
    expect(nr.code).toBe(3);
    expect(nr.stdout).toMatch(/✖ drill：未就绪，1 项检查未通过\n {4}步骤 "drill-erp"，保护组 erp：首次同步未完成：.*42%/);
    expect(nr.stderr).toContain('错误：恢复计划 erp 无法以 drill 模式运行：1 项检查未通过');
    const last = (x: string) => x.trim().split('\n').pop();
    const [a, b] = [await zh(['--json', 'plan', 'validate', file, '--mode', 'drill']), await c(['--json', 'plan', 'validate', file, '--mode', 'drill'])];
    expect([a.code, b.code]).toEqual([3, 3]);
    expect(a.stdout).toBe(b.stdout);
    expect(last(a.stderr)).toBe(last(b.stderr));
    expect(last(a.stderr)).toMatch(/first synchronisation not complete/);
    await w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-app-01', 'data')}/progress`, { progress: 100 });
  });

  it('plan run in drill mode: the steps and the result in Chinese', async () => {
    const file = planFile(PLAN);
    const r = await zh(['plan', 'run', file, '--mode', 'drill', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('步骤 1/2：drill-erp（容灾演练 erp）');
    expect(r.stderr).toMatch(/ {2}✔ drill-erp 已完成，耗时 \d+\.\ds/);
    expect(r.stderr).toContain('正在清理 1 个演练');
    expect(r.stdout).toMatch(/恢复计划 erp（drill），运行 \S+：done/);
    expect(r.stdout).toMatch(/步骤\s+类型\s+保护组\s+状态/);
  });

  it('a failed hook (exit 9): its step line, the error and the resume hint in Chinese', async () => {
    const file = planFile(`name: hooks\ngroups:\n  erp: ${G}\nsteps:\n  - name: check\n    run: 'exit 3'\n`);
    const r = await zh(['plan', 'run', file, '--mode', 'switchover', '--yes']);
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('步骤 1/1：check（运行：exit 3）');
    expect(r.stderr).toContain('  ✖ check 失败：步骤 check 的钩子以退出码 3 退出');
    expect(r.stderr).toContain('错误：恢复计划 hooks：步骤 check 的钩子以退出码 3 退出');
    expect(r.stderr).toMatch(/请先排除原因，然后继续运行：sdrs plan resume \S+ --yes/);
    expect(r.stdout).toMatch(/恢复计划 hooks（switchover），运行 \S+：failed/);
  });
});

describe('Chinese: history and the report', () => {
  it('history and the report follow the language; their --json does not', async () => {
    expect((await c(['drill', 'run', G, '--yes'])).code).toBe(0);
    const h = await zh(['history']);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toMatch(/开始时间 \(UTC\)\s+类型\s+保护组\s+结果/);
    expect(h.stdout).toMatch(/drill\s+demo-erp\s+ok\s+\S+\s+恢复 /);
    expect(h.stderr).toMatch(/共 \d+ 个操作，来自 /);
    const [ha, hb] = [await zh(['--json', 'history', '--since', 'all']), await c(['--json', 'history', '--since', 'all'])];
    expect(ha.stdout).toBe(hb.stdout);
    const bad = await zh(['history', '--since', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('错误：无效的 --since "soon"：请使用时长');

    const md = await zh(['report', '--no-service']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# 容灾报告$/m);
    expect(md.stdout).toContain('## 操作（journal）');
    expect(md.stdout).toMatch(/\| drill \| demo-erp \| ok \(exit 0\)|\| drill \| demo-erp \| ok（退出码 0）/);
    const html = await zh(['report', '--no-service', '--format', 'html']);
    expect(html.stdout).toContain('<html lang="zh-CN">');
    expect(html.stdout).toContain('<h2>时间线</h2>');
    const en = await c(['report', '--no-service', '--format', 'html']);
    expect(en.stdout).toContain('<html lang="en">');
    expect(en.stdout).not.toMatch(HAN);
    // The model (--format json) and the report --json are the same in both languages, but for the time it was made.
    const [ja, jb] = [await zh(['--json', 'report', '--no-service']), await c(['--json', 'report', '--no-service'])];
    expect(stable(ja.stdout)).toBe(stable(jb.stdout));
    expect(ja.stdout).not.toMatch(HAN);
  });
});
