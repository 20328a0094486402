/**
 * Chinese for the switchover path, the pre-flight checklist, the status views and
 * readiness (issue 20), against the emulator in process: under LANG=zh_CN.UTF-8 a refused
 * reverse prints its checklist, refusal and fix in Chinese, and so do group status, check,
 * rpo, quota and the server commands; under LANG=C they stay English; with --json the
 * documents (stdout, and the stderr error document) are byte-identical in both languages.
 */
import { describe, expect, it } from 'vitest';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { SEED_IDS } from '../../src/emulator/index.js';

const w = useDemoWorld();
const G = 'demo-erp';
const PAIR = SEED_IDS.demoReplication('erp-app-01', 'data');
const zh = (args: string[]) => runMain(args, { env: { ...w.env, LANG: 'zh_CN.UTF-8' } });
const en = (args: string[]) => runMain(args, { env: { ...w.env, LANG: 'C' } });
const fault = (level: string) => w.client.admin('PUT', `/replications/${PAIR}/fault`, { fault_level: level });
/** Chinese characters: a line for people in Chinese has some. */
const CJK = /[\u4e00-\u9fff]/;
/** The client's own clock readings (when a document was read, a dry run's signing time) differ between two runs; nothing else may. */
const sameDoc = (s: string) => s.replace(/"(read_at|checked_at|start_time|X-Sdk-Date)":"[^"]*"/g, '"$1":"…"');

/**
 * Runs `args` with --json in both languages: the same exit code and stdout and, when it fails,
 * the same stderr (the error document). Progress on stderr of a run that succeeds is for people.
 */
async function jsonIdentical(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const a = await zh([...args, '--json']);
  const b = await en([...args, '--json']);
  expect(a.code, a.stderr).toBe(b.code);
  expect(sameDoc(a.stdout)).toBe(sameDoc(b.stdout));
  expect(a.stdout).not.toMatch(CJK);
  if (b.code !== 0) {
    expect(a.stderr).toBe(b.stderr);
    expect(a.stderr).not.toMatch(CJK);
  }
  return b;
}

describe('a refused reverse in Chinese', () => {
  it('production servers running: the checklist, the refusal and the fix in Chinese; English under LANG=C', async () => {
    const r = await zh(['group', 'reverse', G, '--to', 'target', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('切换前检查：将 demo-erp 切换到 target（cn-north-4b）：');
    expect(r.stderr).toMatch(/✔ 状态为 protected 或 error-reversing（当前：protected）/);
    expect(r.stderr).toMatch(/✖ 当前生产站点 cn-north-4a（source）的云服务器全部关机（仍在运行：erp-app-01 /);
    expect(r.stderr).toMatch(/^错误：保护组 demo-erp 的切换前检查未通过：2 台生产云服务器仍在运行：/m);
    expect(r.stderr).toMatch(/^请先将其关机（sdrs server stop \S+ \S+ --yes），再重新执行切换；或让切换代为处理：--stop-servers --start-servers。$/m);
    expect(r.stderr).not.toMatch(/Pre-flight|production|running/);
    // Chinese lists: 、 between items, full-width parentheses; no ASCII ", " or " (".
    expect(r.stderr).toMatch(/（仍在运行：erp-app-01 \S+、erp-db-01 \S+）$/m);
    expect(r.stderr).toMatch(/^错误：保护组 demo-erp 的切换前检查未通过：2 台生产云服务器仍在运行：erp-app-01（\S+）、erp-db-01（\S+）$/m);
    expect(r.stderr).not.toMatch(/, erp-|erp-\S+ \(/);

    const e = await en(['group', 'reverse', G, '--to', 'target', '--yes']);
    expect(e.code).toBe(3);
    expect(e.stderr).toContain('Pre-flight checks for reversing demo-erp to target (cn-north-4b):');
    expect(e.stderr).toMatch(/^error: pre-flight checks failed for group demo-erp: 2 production server\(s\) still running: erp-app-01 \(\S+\), erp-db-01 \(\S+\)$/m);
    expect(e.stderr).toMatch(/\(running: erp-app-01 \S+, erp-db-01 \S+\)$/m);
    expect(e.stderr).not.toMatch(CJK);
  });

  it('fault level 5 and a failed reverse (error-reversing) are refused in Chinese; the JSON error documents are identical', async () => {
    await w.stopServers();
    await fault('5');
    const r = await zh(['group', 'reverse', G, '--to', 'target', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/✖ 复制对 rp-erp-app-01-data（\S+）：复制链路已中断（fault_level 5/);
    expect(r.stderr).toMatch(/请先修复复制（fault_level 恢复为 0；用 sdrs group status demo-erp 观察）；仅当生产站点已经丢失时才使用 --skip-checks。/);
    const doc = JSON.parse((await jsonIdentical(['group', 'reverse', G, '--to', 'target', '--yes'])).stderr).error;
    expect(doc.code).toBe('PREFLIGHT_FAILED');
    // The checks in the document are English, for scripts.
    expect(doc.checks).toContainEqual(expect.objectContaining({ name: 'fault_levels', ok: false, message: expect.stringMatching(/replication link is broken/) }));
    await jsonIdentical(['group', 'reverse', '--all', '--to', 'target', '--yes']);

    await fault('0');
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'link down' });
    expect((await en(['group', 'reverse', G, '--to', 'target', '--yes'])).code).toBe(5);
    const back = await zh(['group', 'reverse', G, '--to', 'source', '--yes']);
    expect(back.code).toBe(3);
    expect(back.stderr).toMatch(/✖ 生产切换到 source：生产已在该侧运行（cn-north-4a），上一次切换到 target 失败后保护组处于 error-reversing/);
    expect(back.stderr).toMatch(/然后重试：sdrs group reverse demo-erp --to target（error-reversing 状态下可以执行）/);
    expect(back.stderr).toMatch(/在此之前，生产可以先在 source 上重新运行：sdrs server start /);
    await jsonIdentical(['group', 'reverse', G, '--to', 'source', '--yes']);
  });

  it('a DR-site server start is refused in Chinese; its JSON error document is identical', async () => {
    const r = await zh(['server', 'start', 'erp-app-01', '--az', 'cn-north-4b']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^错误：拒绝启动处于保护中的保护组在容灾站点的 1 台云服务器：erp-app-01（\S+，位于 cn-north-4b）是保护组 demo-erp 中保护实例 pi-erp-app-01 的容灾站点云服务器/m);
    expect(r.stderr).toMatch(/要将生产迁移到该站点：sdrs group reverse demo-erp --to target --stop-servers --start-servers。/);
    await jsonIdentical(['server', 'start', 'erp-app-01', '--az', 'cn-north-4b']);
  });

  it('a dry run passes in Chinese; its document (with the English checks) is identical', async () => {
    await w.stopServers();
    await fault('2');
    const r = await zh(['group', 'reverse', G, '--to', 'target', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/! 复制对 rp-erp-app-01-data（\S+）：生产磁盘已无法读写（fault_level 2：建议故障切换）；切换可能在生产站点一侧失败/);
    expect(r.stderr).toMatch(/✔ 当前生产站点 cn-north-4a（source）的云服务器全部关机（2）/);
    const d = JSON.parse((await jsonIdentical(['group', 'reverse', G, '--to', 'target', '--dry-run'])).stdout);
    expect(d.checks.find((c: { name: string }) => c.name === 'fault_levels').message).toMatch(/^pair\(s\) rp-erp-app-01-data .*lost read\/write/);
  });

  it('a switchover and a multi-group reverse speak Chinese; the multi-group document is identical', async () => {
    const so = await zh(['group', 'reverse', G, '--to', 'target', '--stop-servers', '--start-servers', '--yes']);
    expect(so.code, so.stderr).toBe(0);
    expect(so.stderr).toMatch(/^阶段 1\/3：将 cn-north-4a（source）的 2 台云服务器关机，直到 SHUTOFF$/m);
    expect(so.stderr).toMatch(/^ {2}✔ reverse 完成，用时 /m);
    expect(so.stderr).toMatch(/^demo-erp 的切换完成，用时 \S+：stop-servers \S+、reverse \S+、start-servers \S+。$/m);
    expect(so.stderr).toMatch(/^生产现在运行在 cn-north-4b（target）。保护组 demo-erp 处于 protected；复制方向为 cn-north-4b -> cn-north-4a。$/m);
    await w.stopServers();
    const many = await zh(['group', 'reverse', '--all', '--to', 'source', '--yes']);
    expect(many.code, many.stderr).toBe(0);
    expect(many.stderr).toMatch(/^已选择 1 个保护组：1 个将切换到 source，0 个已在该侧。$/m);
    expect(many.stderr).toMatch(/^ {2}✔ demo-erp：就绪（2 个保护实例）$/m);
    expect(many.stdout).toMatch(/^保护组\s+结果\s+状态\s+生产站点\s+任务\s+退出码$/m);
    const doc = JSON.parse((await jsonIdentical(['group', 'reverse', '--all', '--to', 'source', '--yes'])).stdout);
    expect(doc[0]).toMatchObject({ name: 'demo-erp', result: 'no-op' });
  });
});

describe('status views and readiness in Chinese', () => {
  it('group status: warnings, readiness reasons, tables and next steps in Chinese; JSON identical', async () => {
    await w.stopServers();
    await fault('5');
    const r = await zh(['group', 'status', G]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^警告：生产已中断：生产站点 cn-north-4a（source）的云服务器全部关机（2）。请开机：sdrs server start /m);
    expect(r.stdout).toMatch(/^保护组： {6}demo-erp \(/m);
    expect(r.stdout).toMatch(/^就绪状态： {4}未就绪$/m);
    expect(r.stdout).toMatch(/^ {2}✖ fault_level：1 个复制对处于故障级别 5，复制链路中断：不允许故障切换（rp-erp-app-01-data）；修复：sdrs group status demo-erp$/m);
    expect(r.stdout).toMatch(/^保护实例\s+状态\s+生产云服务器（cn-north-4a）\s+电源/m);
    expect(r.stdout).toMatch(/5 不允许故障切换/);
    expect(r.stdout).toMatch(/^下一步：$/m);
    expect(r.stdout).toMatch(/^ {2}✔ 停止保护：sdrs group stop demo-erp --yes$/m);
    expect(r.stdout).toMatch(/^ {6}- 删除要求保护组状态为 available 或 error 或 error-deleting（当前为 protected）；请先停止保护：sdrs group stop demo-erp$/m);
    const e = await en(['group', 'status', G]);
    expect(e.stdout).toMatch(/^Readiness: {4}NOT READY$/m);
    expect(e.stdout).toMatch(/^ {2}✔ stop protection: sdrs group stop demo-erp --yes$/m);
    expect(e.stdout + e.stderr).not.toMatch(CJK);
    const doc = JSON.parse((await jsonIdentical(['group', 'status', G])).stdout);
    expect(doc.next.reverse.reasons[0]).toMatch(/^pair\(s\) rp-erp-app-01-data: the replication link is broken/);
    expect(doc.warnings[0].message).toMatch(/^production is down/);
  });

  it('check, rpo and quota in Chinese; their JSON identical', async () => {
    await w.stopServers();
    await fault('5');
    const c = await zh(['check', '--all']);
    expect(c.code).toBe(8);
    expect(c.stdout).toMatch(/^demo-erp NOT_READY production_down：生产站点的云服务器全部关机（cn-north-4a），且没有正在进行的切换：请开机，或故障切换；修复：sdrs server start /m);
    expect(c.stderr).toMatch(/^错误：1 个保护组中有 1 个未就绪：demo-erp（未就绪）$/m);
    const doc = JSON.parse((await jsonIdentical(['check', '--all'])).stdout);
    expect(doc.groups[0].checks.find((x: { reason: string }) => x.reason === 'production_down').message).toMatch(/^every production-site server is stopped/);
    expect((await en(['check', '--all'])).stdout).toMatch(/^demo-erp NOT_READY production_down: every production-site server is stopped \(cn-north-4a\)/m);

    await w.client.admin('POST', '/clock/advance', { ms: 10 * 60_000 });
    const rpo = await zh(['rpo', '--since', '1h']);
    expect(rpo.stdout).toMatch(/^时间点\s+超出 RPO 的复制对$/m);
    const over = await zh(['rpo', '--since', '1h', '--fail-above', '0']);
    expect(over.code).toBe(8);
    expect(over.stderr).toMatch(/ 有 1 个复制对超出 RPO，高于 --fail-above 0/);
    expect(over.stderr).toMatch(/^查看是哪些复制对及原因：sdrs check --all$/m);
    await jsonIdentical(['rpo', '--since', '1h', '--fail-above', '0']);

    const q = await zh(['quota']);
    expect(q.stdout).toMatch(/^类型\s+资源\s+已用\s+配额\s+剩余$/m);
    expect(q.stdout).toMatch(/^server_groups\s+保护组\s+\d+/m);
    await jsonIdentical(['quota']);
  });

  it('server list and show in Chinese; their JSON identical', async () => {
    const l = await zh(['server', 'list', '--az', 'cn-north-4b']);
    expect(l.stdout).toMatch(/^ID\s+名称\s+状态\s+可用区\s+VPC\s+地址\s+磁盘$/m);
    await jsonIdentical(['server', 'list', '--az', 'cn-north-4b']);
    const s = await zh(['server', 'show', 'erp-app-01', '--az', 'cn-north-4a']);
    expect(s.stdout).toMatch(/^保护实例： pi-erp-app-01（\S+），protected$/m);
    expect(s.stdout).toMatch(/^设备\s+磁盘 ID\s+系统盘\s+容量\s+复制对$/m);
    expect((await en(['server', 'show', 'erp-app-01', '--az', 'cn-north-4a'])).stdout).toMatch(/^Protected: pi-erp-app-01 \(\S+\), protected$/m);
    await jsonIdentical(['server', 'show', 'erp-app-01', '--az', 'cn-north-4a']);
  });
});

describe('Chinese lists elsewhere: 、 between items (English ", " unchanged)', () => {
  it('missing flags of group create, and groups not found', async () => {
    const r = await zh(['group', 'create', '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：缺少 --name、--domain、--vpc：/);
    expect((await en(['group', 'create', '--no-input'])).stderr).toMatch(/^error: missing --name, --domain, --vpc: pass them as flags/);
    const gone = await zh(['group', 'reverse', 'no-such-a', 'no-such-b', '--to', 'target', '--yes']);
    expect(gone.code).toBe(3);
    expect(gone.stderr).toMatch(/"no-such-a"、"no-such-b"/);
    expect((await en(['group', 'reverse', 'no-such-a', 'no-such-b', '--to', 'target', '--yes'])).stderr).toMatch(/"no-such-a", "no-such-b"/);
  });
});
