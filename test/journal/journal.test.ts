/**
 * The local journal end to end, in process against the emulator: a scripted switchover
 * and a group stop/start leave start, job and end records; history lists them newest
 * first with job ids, phases and the downtime; refusals and dry runs are kept apart;
 * --note, --no-journal, SDRS_NO_JOURNAL, SDRS_JOURNAL; a corrupt line is skipped with
 * one warning; an unwritable journal warns once and never changes the exit code; no
 * secret (env, config file, flags) is written.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { SEED_IDS } from '../../src/emulator/seed.js';
import { scrubArgv, stripUserinfo } from '../../src/journal/scrub.js';

const w = useDemoWorld();

const journalOf = (env: Record<string, string>) => join(env.HOME, '.local', 'state', 'sdrs', 'journal.jsonl');
const records = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('the journal', () => {
  it('records a switchover (phases, downtime, job ids), a refusal and a dry run; history lists them newest first', async () => {
    const env = w.freshEnv();
    const sdrs = (args: string[]) => runMain(args, { env });
    // Refused by the pre-flight (production servers run): nothing sent, journaled as refused.
    expect((await sdrs(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes'])).code).toBe(3);
    const dry = await sdrs(['group', 'stop', 'demo-erp', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    const sw = await sdrs(['--note', 'CHG-1234', 'group', 'reverse', 'demo-erp', '--to', 'target', '--stop-servers', '--start-servers', '--yes']);
    expect(sw.code, sw.stderr).toBe(0);
    // Not mutating: no record.
    expect((await sdrs(['group', 'list'])).code).toBe(0);

    const path = journalOf(env);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.HOME, '.local', 'state', 'sdrs')).mode & 0o777).toBe(0o700);
    const recs = records(path);
    expect(recs.map((r) => r.type)).toEqual(['end', 'end', 'start', 'job', 'job', 'job', 'end']);
    const [refused, dryEnd, start, , , , end] = recs;
    expect(refused).toMatchObject({ outcome: 'refused', exit_code: 3, error_code: 'PREFLIGHT_FAILED', kind: 'switchover', groups: [{ id: SEED_IDS.demoGroup, name: 'demo-erp' }], sent: [] });
    expect(dryEnd).toMatchObject({ outcome: 'dry-run', exit_code: 0, dry_run: true, kind: 'stop', sent: [] });
    expect(start).toMatchObject({ command: 'group reverse', note: 'CHG-1234', endpoint: w.emu.url, project_id: w.emu.projectId, profile: 'default' });
    expect(start.run).toBe(end.run);
    expect(end).toMatchObject({ outcome: 'ok', exit_code: 0, kind: 'switchover', note: 'CHG-1234' });
    expect(end.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(['stop-servers:ok', 'reverse:ok', 'start-servers:ok']);
    expect(end.sent.map((s: { job_id: string }) => s.job_id)).toEqual(recs.slice(3, 6).map((r) => r.job_id));
    // Downtime: the stop request to the last DR-site server ACTIVE, within the run.
    const first = Date.parse(end.phases[0].started_at);
    const last = Date.parse(end.phases[2].ended_at);
    expect(end.downtime_ms).toBe(last - first);
    expect(end.downtime_ms).toBeLessThanOrEqual(end.duration_ms);
    expect(end.final_statuses).toEqual([{ id: SEED_IDS.demoGroup, name: 'demo-erp', status: 'protected', priority_station: 'target' }]);

    const h = await sdrs(['history', '--json']);
    expect(h.code, h.stderr).toBe(0);
    const doc = JSON.parse(h.stdout);
    expect(doc.operations.map((o: { outcome: string }) => o.outcome)).toEqual(['ok', 'dry-run', 'refused']);
    expect(doc.operations[0].jobs).toHaveLength(3);
    const people = await sdrs(['history', '--kind', 'switchover']);
    expect(people.stdout).toContain('CHG-1234');
    for (const r of recs.slice(3, 6)) expect(people.stdout).toContain(r.job_id);
    expect(people.stdout).toMatch(/refused \(exit 3\)/);
    expect(people.stdout).not.toMatch(/\bstop\b.*dry-run/);
    const byGroup = await sdrs(['history', '--group', 'no-such-group', '--json']);
    expect(JSON.parse(byGroup.stdout).operations).toEqual([]);
    expect((await sdrs(['history', '--since', 'yesterday'])).code).toBe(2);
    expect((await sdrs(['report', '--format', 'pdf'])).code).toBe(2);
  });

  it('server stop/start are journaled with their job, and servers are not taken for groups', async () => {
    const env = w.freshEnv();
    const r = await runMain(['server', 'stop', 'erp-app-01', '--az', 'cn-north-4a', '--yes'], { env });
    expect(r.code, r.stderr).toBe(0);
    const [start, job, end] = records(journalOf(env));
    expect(start).toMatchObject({ type: 'start', kind: 'server-stop' });
    expect(job.resume).toMatch(/^sdrs server stop /);
    expect(end).toMatchObject({ outcome: 'ok', kind: 'server-stop', groups: [], final_statuses: [] });
  });

  it('a failover records its recovery time: from the request to the group failed-over', async () => {
    const env = w.freshEnv();
    const r = await runMain(['group', 'failover', 'demo-erp', '--confirm', 'demo-erp'], { env });
    expect(r.code, r.stderr).toBe(0);
    const end = records(journalOf(env)).pop();
    expect(end).toMatchObject({ outcome: 'ok', kind: 'failover', final_statuses: [{ name: 'demo-erp', status: 'failed-over' }] });
    expect(end.recovery_ms).toBeGreaterThan(0);
    expect(end.recovery_ms).toBeLessThanOrEqual(end.duration_ms);
  });

  it('--no-journal, SDRS_NO_JOURNAL=1 write nothing; SDRS_JOURNAL moves it', async () => {
    const env = w.freshEnv();
    expect((await runMain(['--no-journal', 'group', 'stop', 'demo-erp', '--yes'], { env })).code).toBe(0);
    expect((await runMain(['group', 'start', 'demo-erp', '--yes'], { env: { ...env, SDRS_NO_JOURNAL: '1' } })).code).toBe(0);
    expect(existsSync(journalOf(env))).toBe(false);
    const other = join(env.HOME, 'elsewhere', 'j.jsonl');
    expect((await runMain(['group', 'stop', 'demo-erp', '--dry-run'], { env: { ...env, SDRS_JOURNAL: other } })).code).toBe(0);
    expect(records(other)).toHaveLength(1);
    expect(existsSync(journalOf(env))).toBe(false);
  });

  it('an unwritable journal warns once and keeps the exit code; a corrupt line is skipped with one warning', async () => {
    const env = w.freshEnv();
    const blocker = join(env.HOME, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const bad = { ...env, SDRS_JOURNAL: join(blocker, 'journal.jsonl') };
    const r = await runMain(['group', 'stop', 'demo-erp', '--yes'], { env: bad });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/warning: the journal could not be written/g)).toHaveLength(1);

    const path = journalOf(env);
    mkdirSync(join(env.HOME, '.local', 'state', 'sdrs'), { recursive: true });
    expect((await runMain(['group', 'start', 'demo-erp', '--yes'], { env })).code).toBe(0);
    appendFileSync(path, '{"v":1,"type":"end","run":"cut-off-mid-wri\n');
    appendFileSync(path, 'hand edit\n');
    expect((await runMain(['group', 'stop', 'demo-erp', '--yes'], { env })).code).toBe(0);
    const h = await runMain(['history', '--json'], { env });
    expect(h.code).toBe(0);
    expect(JSON.parse(h.stdout).operations.map((o: { kind: string }) => o.kind)).toEqual(['stop', 'start']);
    expect(h.stderr.match(/warning: skipped 2 line\(s\)/g)).toHaveLength(1);
  });

  it('never writes a secret: env credentials, a config file\'s keys, secret flags, a URL password', async () => {
    const env = w.freshEnv();
    const { HUAWEICLOUD_SDK_AK: ak, HUAWEICLOUD_SDK_SK: sk } = env;
    // Credentials from a config file this time (the profile's), not the environment.
    const fileEnv = { ...env };
    delete fileEnv.HUAWEICLOUD_SDK_AK;
    delete fileEnv.HUAWEICLOUD_SDK_SK;
    const rc = join(env.HOME, '.sdrsrc');
    writeFileSync(rc, readFileSync(rc, 'utf8') + `    accessKey: ${ak}\n    secretKey: ${sk}\n`);
    chmodSync(rc, 0o600);
    const viaFile = await runMain(['--note', `pasted ${sk} and ${ak} by mistake`, 'group', 'stop', 'demo-erp', '--yes'], { env: fileEnv });
    expect(viaFile.code, viaFile.stderr).toBe(0);
    const viaEnv = await runMain(['group', 'start', 'demo-erp', '--yes', '--note', `token ${sk}`], { env });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    const text = readFileSync(journalOf(env), 'utf8');
    expect(text).toContain('<redacted>');
    for (const secret of [ak, sk]) expect(text).not.toContain(secret);
    for (const format of ['md', 'html', 'csv', 'json']) {
      const r = await runMain(['report', '--format', format], { env });
      expect(r.code, r.stderr).toBe(0);
      for (const secret of [ak, sk]) expect(r.stdout + r.stderr).not.toContain(secret);
    }
    // The command line itself: values of secret-bearing flags and URL passwords.
    expect(scrubArgv(['config', 'init', '--access-key', 'AKIAXXXX', '--secret-key=s3cr3t', '--sk', 'abc', '--secret-key-stdin', 'group', '--auth-token', 'tok'])).toEqual(
      ['config', 'init', '--access-key', '<redacted>', '--secret-key=<redacted>', '--sk', '<redacted>', '--secret-key-stdin', 'group', '--auth-token', '<redacted>'],
    );
    expect(stripUserinfo('--endpoint=https://user:pa55@sdrs.example.com/x')).toBe('--endpoint=https://<redacted>@sdrs.example.com/x');
  });
});
