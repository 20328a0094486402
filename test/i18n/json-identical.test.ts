/**
 * Issue 20's done-when: `--json` output is byte-identical between the two languages. A broad
 * set of read commands and error cases runs in process under LANG=zh_CN.UTF-8 and LANG=C
 * against one emulator: stdout identical, the JSON error documents on stderr identical, the
 * exit codes identical. It protects every helper's translation work: a Text that leaks into a
 * Result's data, or an error document rendered in Chinese, fails here.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';

const world = useDemoWorld();
const EXAMPLES = fileURLToPath(new URL('../../docs/examples/', import.meta.url));

/** The JSON documents of a stderr (one per line); people's lines (progress, warnings) are left out. */
const jsonLines = (s: string) => s.split('\n').filter((l) => l.startsWith('{'));

/**
 * What differs between two runs whatever the language: the clock (read_at, checked_at, a
 * history's since: ISO times to the millisecond; a dry run's signing date, to the second)
 * and the service's request ids. Everything else must be byte-identical.
 */
const stable = (s: string) =>
  s
    .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g, '"<time>"')
    .replace(/"start_time":"[\d :.-]+"/g, '"start_time":"<time>"')
    .replace(/"X-Sdk-Date":"\d{8}T\d{6}Z"/g, '"X-Sdk-Date":"<time>"')
    .replace(/"request_id":"[0-9a-f-]+"/g, '"request_id":"<id>"');

async function both(argv: string[], extra: Record<string, string> = {}) {
  const env = { ...world.env, ...extra };
  const c = await runMain(argv, { env: { ...env, LANG: 'C' } });
  const zh = await runMain(argv, { env: { ...env, LANG: 'zh_CN.UTF-8' } });
  return { c: { ...c, stdout: stable(c.stdout), stderr: stable(c.stderr) }, zh: { ...zh, stdout: stable(zh.stdout), stderr: stable(zh.stderr) } };
}

describe('--json is the same in English and Chinese', () => {
  it('read commands, plan validation and refusals: stdout and the JSON error documents byte for byte', async () => {
    const bad = join(world.env.HOME, 'bad-plan.yaml');
    writeFileSync(bad, 'name: broken\nsteps:\n  - groups: [\n');
    const cases: [string[], number | undefined][] = [
      [['group', 'list', '--json'], 0],
      [['group', 'show', 'demo-erp', '--json'], 0],
      [['group', 'status', 'demo-erp', '--json'], 0],
      [['check', '--all', '--json'], undefined],
      [['rpo', '--json'], undefined],
      [['quota', '--json'], 0],
      [['drill', 'list', '--json'], 0],
      [['instance', 'list', '--json'], 0],
      [['pair', 'list', '--json'], 0],
      [['domain', 'list', '--json'], 0],
      [['server', 'list', '--json'], 0],
      [['config', 'show', '--json'], 0],
      [['history', '--json'], 0],
      [['plan', 'validate', join(EXAMPLES, 'two-tier.yaml'), '--json'], undefined],
      [['plan', 'validate', join(EXAMPLES, 'region.yaml'), '--offline', '--json'], undefined],
      [['plan', 'validate', bad, '--json'], 2],
      [['group', 'show', 'no-such-group', '--json'], undefined],
      // A refused pre-flight (the production servers are running: exit 3, nothing sent), the checklist of a dry run.
      [['group', 'reverse', 'demo-erp', '--to', 'target', '--yes', '--json'], 3],
      [['group', 'reverse', 'demo-erp', '--to', 'target', '--dry-run', '--json'], 3],
      [['group', 'reverse', 'demo-erp', '--to', 'target', '--stop-servers', '--start-servers', '--dry-run', '--json'], undefined],
      [['group', 'reverse', 'demo-erp', '--to', 'source', '--yes', '--json'], undefined],
      [['group', 'reverse', 'demo-erp', '--to', 'nowhere', '--json'], 2],
      [['group', 'reverse', 'demo-erp', '--bogus', '--json'], 2],
      [['job', 'show', '--json'], 2],
      [['job', 'show', 'no-such-job', '--json'], 3],
    ];
    const diffs: string[] = [];
    const codes: number[] = [];
    const compare = async ([argv, code]: [string[], number | undefined]) => {
      const { c, zh } = await both(argv);
      const name = argv.join(' ');
      if (code !== undefined) expect(c.code, `${name}: ${c.stderr}`).toBe(code);
      codes.push(c.code);
      if (zh.code !== c.code) diffs.push(`${name}: exit ${c.code} vs ${zh.code}`);
      if (zh.stdout !== c.stdout) diffs.push(`${name}: stdout differs\n${c.stdout}\n---\n${zh.stdout}`);
      if (c.code !== 0 && jsonLines(c.stderr).length === 0) diffs.push(`${name}: no JSON error document on stderr`);
      if (jsonLines(zh.stderr).join('\n') !== jsonLines(c.stderr).join('\n')) diffs.push(`${name}: stderr JSON differs\n${c.stderr}\n---\n${zh.stderr}`);
      if (code === 0) expect(c.stdout.trim(), name).toMatch(/^[[{]/);
    };
    for (const x of cases) await compare(x);
    // Last, a job of the service (the group's protection stopped: the reads above saw it protected).
    const groups = (await runMain(['group', 'list', '--json'], { env: world.env })).stdout;
    const id = (JSON.parse(groups) as { id: string; name: string }[]).find((g) => g.name === 'demo-erp')?.id;
    const stopped = (await world.client.post(`/server-groups/${id}/action`, { 'stop-server-group': {} })).body.job_id as string;
    await compare([['job', 'wait', stopped, '--json'], 0]);
    await compare([['job', 'show', stopped, '--json'], 0]);
    expect(diffs).toEqual([]);
    // The refusals are real: a precondition (3), usage errors (2), an unknown group.
    expect(codes.filter((x) => x !== 0).length).toBeGreaterThanOrEqual(5);
  });

  it('without --json the same refusals are in Chinese, with the same exit codes', async () => {
    const { c, zh } = await both(['group', 'reverse', 'demo-erp', '--to', 'nowhere']);
    expect(zh.code).toBe(c.code);
    expect(c.stderr).toMatch(/^error: option '--to <side>': invalid value 'nowhere'/);
    expect(zh.stderr).toMatch(/^错误：选项 '--to <side>'：无效的值 'nowhere'。可选值：target, source。\n用法请运行/);
    const j = await both(['job', 'show']);
    expect(j.zh.stderr).toMatch(/^错误：缺少必需的参数 'job-id'/);
    expect(j.zh.code).toBe(2);
  });
});
