/**
 * The mission through the real binary against the emulator, not at a terminal:
 * group create, group reverse, the job watcher, and the companion commands.
 */
import { describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { JOB_MS, countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';

const w = useDemoWorld();

const sdrs = (args: string[], env: Record<string, string> = {}) => runSdrs(args, { env: { ...w.env, ...env } });
const createArgs = (name: string) => ['group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc];

describe('sdrs group create', () => {
  it('creates a group, waits until available and prints the group with --json', async () => {
    const r = await sdrs([...createArgs('erp-new'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const group = JSON.parse(r.stdout);
    expect(group).toMatchObject({ name: 'erp-new', status: 'available', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', source_vpc_id: SEED_IDS.vpc, dr_type: 'migration' });
    // One document on stdout; progress on stderr as plain lines.
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/job [0-9a-f]{32}/);
    const shown = await w.client.get(`/server-groups/${group.id}`);
    expect(shown.body.server_group.status).toBe('available');
  });

  it('ends the human output with the new group id on a line of its own', async () => {
    const r = await sdrs([...createArgs('erp-ids'), '--domain', 'dom-cn-north-4']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.stderr).toContain('is available');
  });

  it('without a terminal, names every missing flag and sends nothing (exit 2)', async () => {
    const r = await sdrs(['group', 'create', '--name', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--domain');
    expect(r.stderr).toContain('--vpc');
    expect((await w.counters()).total).toBe(0);
  });

  it.each([
    [['--name', 'bad name'], /--name "bad name" may contain only/],
    [['--name', 'a'.repeat(65)], /65 bytes/],
    [['--name', '中'.repeat(22)], /66 bytes/],
    [['--name', 'ok', '--description', 'a<b'], /must not contain "<" or ">"/],
    [['--name', 'ok', '--source-az', 'cn-north-4a', '--target-az', 'cn-north-4a'], /must differ/],
    [['--name', 'ok', '--vpc', '../etc'], /--vpc "..\/etc" is not a well-formed id/],
    [['--name', 'ok', '--dr-type', 'active'], /Allowed choices are migration/],
    [['--name', 'ok', '--timeout', 'soon'], /--timeout/],
  ])('rejects bad input %j with one line, exit 2 and no request', async (flags, message) => {
    const r = await sdrs(['group', 'create', '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect((await w.counters()).total).toBe(0);
  });

  it('accepts a Chinese name of 21 characters (63 bytes)', async () => {
    const r = await sdrs([...createArgs('中'.repeat(21)), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).name).toBe('中'.repeat(21));
  });

  it('--dry-run prints the exact request, redacts the signature, and sends no POST', async () => {
    const r = await sdrs([...createArgs('erp-dry'), '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.request.method).toBe('POST');
    expect(doc.request.url).toBe(`${w.emu.url}/v1/${w.emu.projectId}/server-groups`);
    expect(doc.request.body).toEqual({
      server_group: {
        name: 'erp-dry', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b',
        domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc, dr_type: 'migration',
      },
    });
    expect(JSON.stringify(doc)).not.toContain(w.emu.sk);
    expect(doc.request.headers.Authorization).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('--no-wait prints the job id at once; job wait finishes it', async () => {
    const r = await sdrs([...createArgs('erp-later'), '--no-wait', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { job_id } = JSON.parse(r.stdout);
    expect(job_id).toMatch(/^[0-9a-f]{32}$/);
    expect(r.stderr).toContain(`sdrs job wait ${job_id}`);
    const waited = await sdrs(['job', 'wait', job_id, '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ job_id, status: 'SUCCESS', job_type: 'createProtectionGroupNoCG' });
  });

  it('a failed create job is exit 5 with its code and reason', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'createProtectionGroupNoCG', error_code: 'SDRS.1014', fail_reason: 'quota backend down' });
    const r = await sdrs([...createArgs('erp-fail')]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('SDRS.1014');
    expect(r.stderr).toContain('quota backend down');
  });

  it('a service-side rejection is exit 3 with the service code', async () => {
    // A VPC id the service does not know (an id is sent as given; AZs are checked before sending).
    const r = await sdrs(['group', 'create', '--name', 'erp-x', '--domain', SEED_IDS.domain, '--vpc', '00000000-0000-4000-8000-000000000000', '--json']);
    expect(r.code).toBe(3);
    const err = JSON.parse(r.stderr.trim().split('\n').pop()!);
    expect(err.error.exit_code).toBe(3);
    expect(err.error.code).toMatch(/^SDRS\.02\d\d$/);
    expect(r.stdout).toBe('');
  });
});

describe('sdrs group reverse', () => {
  const group = 'demo-erp';

  it('refuses while production servers run: checklist, the running servers by name and id, exit 3, no action sent', async () => {
    const r = await sdrs(['group', 'reverse', group, '--to', 'target', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('✖ every server at the current production site cn-north-4a (source) is stopped');
    expect(r.stderr).toContain(`erp-app-01 ${SEED_IDS.server('erp-app-01')}`);
    expect(r.stderr).toContain(`erp-db-01 ${SEED_IDS.server('erp-db-01')}`);
    expect(r.stderr).toMatch(/Stop them first/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('requires --yes without a terminal (exit 2, nothing sent)', async () => {
    const r = await sdrs(['group', 'reverse', group, '--to', 'target']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect((await w.counters()).total).toBe(0);
  });

  it('requires --to with one of target|source', async () => {
    const missing = await sdrs(['group', 'reverse', group, '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("'--to <side>' not specified");
    const bad = await sdrs(['group', 'reverse', group, '--to', 'dr', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Allowed choices are target, source');
    expect((await w.counters()).total).toBe(0);
  });

  it('reverses to target and back, with --json printing the group', async () => {
    await w.stopServers();
    const r = await sdrs(['group', 'reverse', group, '--to', 'target', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(g).toMatchObject({ name: group, status: 'protected', priority_station: 'target' });
    expect(r.stderr).toContain('✔ every server at the current production site');
    const back = await sdrs(['group', 'reverse', SEED_IDS.demoGroup, '--to', 'source', '--yes']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toContain('Production now runs in cn-north-4a (source)');
    expect(back.stderr).toContain('Cloudbase-Init');
  });

  it('a group already on the requested side is a no-op (exit 0, no action sent)', async () => {
    const r = await sdrs(['group', 'reverse', group, '--to', 'source', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Nothing to do');
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('an unknown group is exit 3 and names it', async () => {
    const r = await sdrs(['group', 'reverse', 'no-such-group', '--to', 'target', '--yes', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr.trim()).error).toMatchObject({ code: 'GROUP_NOT_FOUND', exit_code: 3 });
  });

  it('a failed reverse job is exit 5 with the code, the failed sub-job, the group status and the next step', async () => {
    await w.stopServers();
    await w.client.admin('POST', '/fail-next', { job_type: 'reverseProtectionGroupNoCG', error_code: 'SDRS.1029', fail_reason: 'replication link down' });
    const r = await sdrs(['group', 'reverse', group, '--to', 'target', '--yes', '--json']);
    expect(r.code).toBe(5);
    const err = JSON.parse(r.stderr.trim().split('\n').pop()!).error;
    expect(err).toMatchObject({ exit_code: 5, error_code: 'SDRS.1029', fail_reason: 'replication link down', group_status: 'error-reversing' });
    expect(err.failed_sub_jobs.length).toBeGreaterThan(0);
    expect(err.hint).toMatch(/error-reversing/);
    expect(err.job_id).toMatch(/^[0-9a-f]{32}$/);
    // A reverse from error-reversing can be retried, and succeeds.
    const retry = await sdrs(['group', 'reverse', group, '--to', 'target', '--yes']);
    expect(retry.code, retry.stderr).toBe(0);
  });

  it('times out with exit 6, the job id, "still running" and the resume command; job wait then finishes it', async () => {
    await w.stopServers();
    // A reverse that takes an hour, unless the emulator's job clock is moved on.
    await w.client.admin('PUT', '/config', { job_duration_ms: { default: JOB_MS, reverseProtectionGroupNoCG: 3_600_000 } });
    const env = w.freshEnv(); // its job-duration history will hold that hour
    const sdrs = (args: string[]) => runSdrs(args, { env });
    const r = await sdrs(['group', 'reverse', group, '--to', 'target', '--yes', '--timeout', '500ms']);
    expect(r.code).toBe(6);
    const jobId = /job ([0-9a-f]{32})/.exec(r.stderr)![1];
    expect(r.stderr).toContain('still running');
    expect(r.stderr).toContain(`sdrs job wait ${jobId}`);
    expect((await w.client.get(`/jobs/${jobId}`)).body.status).toMatch(/^(INIT|RUNNING)$/);
    await w.client.admin('POST', '/clock/advance', { ms: 3_600_000 });
    const waited = await sdrs(['job', 'wait', jobId]);
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stdout).toContain('SUCCESS');
  });

  it('--dry-run runs the checks and prints the reverse request without sending it', async () => {
    await w.stopServers();
    const r = await sdrs(['group', 'reverse', group, '--to', 'target', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`POST ${w.emu.url}/v1/${w.emu.projectId}/server-groups/${SEED_IDS.demoGroup}/action`);
    expect(r.stdout).toContain('"priority_station": "target"');
    expect(r.stderr).toContain('Dry run: nothing was sent.');
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('--skip-checks lets the service enforce its own rules (server still running: exit 3 from the API)', async () => {
    const r = await sdrs(['group', 'reverse', group, '--to', 'target', '--yes', '--skip-checks', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr.trim().split('\n').pop()!).error.code).toMatch(/^SDRS\./);
  });

  it('polls the job frugally and notices the end quickly', async () => {
    await w.stopServers();
    // Real timing: a 300 ms job and the default first poll interval (the test profile's is shorter).
    await w.client.admin('PUT', '/config', { job_duration_ms: 300 });
    const r = await sdrs(['group', 'reverse', group, '--to', 'target', '--yes', '--interval', '1s']);
    expect(r.code, r.stderr).toBe(0);
    const c = await w.counters();
    // A 300 ms job: the first poll at ~1 s sees it finished.
    expect(c.routes['GET /v1/{project_id}/jobs/{job_id}']).toBeLessThanOrEqual(2);
    expect(c.routes['POST /v1/{project_id}/server-groups/{server_group_id}/action']).toBe(1);
  });
});

describe('companion commands', () => {
  it('group list prints every group (all pages) as a JSON array, with filters', async () => {
    for (let i = 0; i < 3; i++) {
      await w.client.post('/server-groups', { server_group: { name: `bulk-${i}`, source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc } });
    }
    const all = await sdrs(['group', 'list', '--json']);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout).map((g: { name: string }) => g.name).sort()).toEqual(['bulk-0', 'bulk-1', 'bulk-2', 'demo-erp']);
    const prot = await sdrs(['group', 'list', '--status', 'protected', '--json']);
    expect(JSON.parse(prot.stdout).map((g: { name: string }) => g.name)).toEqual(['demo-erp']);
    const table = await sdrs(['group', 'list', '--name', 'bulk']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+STATUS/);
    expect(table.stdout).toContain('bulk-1');
    expect(table.stdout).not.toContain('demo-erp');
  });

  it('group show by name and by id; job show; domain list', async () => {
    const byName = await sdrs(['group', 'show', 'demo-erp', '--json']);
    expect(JSON.parse(byName.stdout).id).toBe(SEED_IDS.demoGroup);
    const byId = await sdrs(['group', 'show', SEED_IDS.demoGroup]);
    expect(byId.stdout).toMatch(/Production:\s+cn-north-4a \(source\)/);
    const domains = await sdrs(['domain', 'list', '--json']);
    expect(JSON.parse(domains.stdout)[0]).toMatchObject({ id: SEED_IDS.domain, local_replication_cluster: { availability_zone: 'cn-north-4a' } });
    const created = await w.client.post('/server-groups', { server_group: { name: 'jobby', source_availability_zone: 'cn-north-4a', target_availability_zone: 'cn-north-4b', domain_id: SEED_IDS.domain, source_vpc_id: SEED_IDS.vpc } });
    const job = await sdrs(['job', 'show', created.body.job_id, '--json']);
    expect(JSON.parse(job.stdout)).toMatchObject({ job_id: created.body.job_id, job_type: 'createProtectionGroupNoCG' });
  });

  it('missing credentials: exit 4 naming every way to provide them, nothing sent', async () => {
    const r = await sdrs(['group', 'list'], { HUAWEICLOUD_SDK_AK: '', HUAWEICLOUD_SDK_SK: '' });
    expect(r.code).toBe(4);
    for (const way of ['HUAWEICLOUD_SDK_AK', 'HW_ACCESS_KEY', 'SDRS_AUTH_TOKEN', 'sdrs config init']) expect(r.stderr).toContain(way);
    expect((await w.counters()).total).toBe(0);
  });

  it('a wrong secret key is exit 4 (the gateway answers 401)', async () => {
    const r = await sdrs(['group', 'list'], { HUAWEICLOUD_SDK_SK: 'wrong-secret' });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('APIGW.0301');
    expect(r.stderr).not.toContain('wrong-secret');
  });
});
