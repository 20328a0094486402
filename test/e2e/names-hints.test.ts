/**
 * Names instead of UUIDs in human output, disks where `pair add --volume` needs them, and
 * hints that run as printed (issue 15): each printed command is taken from the output and
 * run as it is, without a terminal.
 */
import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/cli.js';
import { withoutResumeHints, DEMO_RESUME_NOTE } from '../../src/commands/demo.js';
import { LOCAL_AZ, REMOTE_AZ, SEED_IDS } from '../../src/emulator/index.js';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';

const WIDE = { COLUMNS: '300' };

/** The command a hint prints that starts with `sdrs <verb...>`: up to the end of the line or a `#` comment; as argv. */
function printed(text: string, start: string): string[] {
  const line = text.split('\n').find((l) => l.includes(start));
  expect(line, `no hint with "${start}" in:\n${text}`).toBeDefined();
  const cmd = line!.slice(line!.indexOf(start)).split(/\s+#|;|\s\(/)[0].trim();
  return cmd.split(/\s+/).slice(1);
}

describe('names instead of ids, and the disks', () => {
  const w = useDemoWorld();

  it('instance list shows server names (ids with --wide); --json keeps the API objects', async () => {
    const r = await runMain(['instance', 'list', 'demo-erp'], { env: { ...w.env, ...WIDE } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/pi-erp-app-01\s+protected\s+demo-erp\s+erp-app-01\s+erp-app-01\s+\/dev\/vda \/dev\/vdb/);
    expect(r.stdout).not.toContain(SEED_IDS.server('erp-app-01'));
    const wide = await runMain(['instance', 'list', '--wide'], { env: { ...w.env, ...WIDE } });
    expect(wide.stdout).toContain(`erp-app-01 ${SEED_IDS.server('erp-app-01')}`);
    expect(wide.stdout).toContain(`erp-app-01 ${SEED_IDS.drServer('erp-app-01')}`);
    const json = JSON.parse((await runMain(['--json', 'instance', 'list'], { env: w.env })).stdout);
    expect(json.find((i: { name: string }) => i.name === 'pi-erp-app-01').source_server).toBe(SEED_IDS.server('erp-app-01'));
  });

  it('pair list shows the instance by name and the production disk as server, device and size', async () => {
    const r = await runMain(['pair', 'list', 'demo-erp'], { env: { ...w.env, ...WIDE } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PRODUCTION DISK\s*\n/);
    expect(r.stdout).toMatch(/rp-erp-app-01-data\s.*\spi-erp-app-01 \/dev\/vdb\s+demo-erp\s+erp-app-01 \/dev\/vdb 100GB/);
    expect(r.stdout).not.toContain(SEED_IDS.demoInstance('erp-app-01'));
  });

  it('server list has a DISKS column; server show lists each disk with its id, device and pair', async () => {
    const list = await runMain(['server', 'list', '--az', LOCAL_AZ], { env: { ...w.env, ...WIDE } });
    expect(list.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+AZ\s+VPC\s+ADDRESSES\s+DISKS/);
    expect(list.stdout).toMatch(/web-01\s.*\/dev\/vda \/dev\/vdb/);

    const show = await runMain(['server', 'show', 'erp-app-01', '--az', LOCAL_AZ], { env: { ...w.env, ...WIDE } });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^DEVICE\s+VOLUME ID\s+SYSTEM DISK\s+SIZE\s+PAIR/m);
    expect(show.stdout).toMatch(new RegExp(`/dev/vda\\s+${SEED_IDS.volume('erp-app-01', 'sys')}\\s+yes\\s+40GB\\s+rp-erp-app-01-sys \\(protected\\)`));
    expect(show.stdout).toMatch(/Protected:\s+pi-erp-app-01/);

    const json = JSON.parse((await runMain(['--json', 'server', 'show', SEED_IDS.server('web-01')], { env: w.env })).stdout);
    expect(json).toMatchObject({ server: { id: SEED_IDS.server('web-01'), name: 'web-01' }, protected_instance: null });
    expect(json.disks).toEqual([
      { id: SEED_IDS.volume('web-01', 'sys'), device: '/dev/vda', system_disk: true, size_gb: 40, replication: null },
      { id: SEED_IDS.volume('web-01', 'data'), device: '/dev/vdb', system_disk: false, size_gb: 100, replication: null },
    ]);
  });

  it('the emulator serves ECS ListServerBlockDevices as the official model (the sizes server show reads)', async () => {
    const id = SEED_IDS.server('web-01');
    const r = await w.client.get(`/cloudservers/${id}/block_device`);
    expect(r.status).toBe(200);
    expect(r.body.attachableQuantity).toEqual({ free_scsi: 58, free_blk: 22, free_disk: 58 });
    expect(r.body.volumeAttachments).toEqual([
      { bootIndex: 0, pciAddress: expect.stringMatching(/^0000:02:[0-9a-f]{2}\.0$/), volumeId: SEED_IDS.volume('web-01', 'sys'), device: '/dev/vda', serverId: id, id: SEED_IDS.volume('web-01', 'sys'), size: 40, bus: 'virtio' },
      { bootIndex: 1, pciAddress: expect.any(String), volumeId: SEED_IDS.volume('web-01', 'data'), device: '/dev/vdb', serverId: id, id: SEED_IDS.volume('web-01', 'data'), size: 100, bus: 'virtio' },
    ]);
    const missing = await w.client.get('/cloudservers/00000000-0000-4000-8000-000000000000/block_device');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Ecs.0114');
  });
});

describe('hints run as printed', () => {
  const w = useDemoWorld();
  const sdrs = (argv: string[]) => runMain([...argv, '--interval', '20ms'], { env: w.env });

  it('instance add -> its pair add (real disk id) -> its pair attach (device and instance), each run as printed', async () => {
    const added = await sdrs(['instance', 'add', 'demo-erp', '--server', 'web-02']);
    expect(added.code, added.stderr).toBe(0);
    const data = SEED_IDS.volume('web-02', 'data');
    expect(added.stderr).toContain(`sdrs pair add demo-erp --volume ${SEED_IDS.volume('web-02', 'sys')}   # /dev/vda`);
    const pairAdd = printed(added.stderr, `sdrs pair add demo-erp --volume ${data}`);
    expect(pairAdd).toEqual(['pair', 'add', 'demo-erp', '--volume', data]);

    const paired = await sdrs(pairAdd);
    expect(paired.code, paired.stderr).toBe(0);
    const attach = printed(paired.stderr, 'sdrs pair attach');
    expect(attach).toEqual(['pair', 'attach', `rp-${data.slice(0, 8)}`, '--instance', 'web-02', '--device', '/dev/vdb']);
    const attached = await sdrs(attach);
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.stderr).toContain(`attached to web-02 as /dev/vdb`);
  });

  it('group create -> an instance add with a server it can protect, run as printed', async () => {
    const made = await sdrs(['group', 'create', '--name', 'hint-g', '--domain', 'dom-cn-north-4', '--vpc', 'vpc-prod']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toContain('servers it can protect in cn-north-4a: web-01, web-02, batch-01');
    expect(made.stderr).toContain('then sdrs group start hint-g');
    const add = printed(made.stderr, 'sdrs instance add');
    expect(add).toEqual(['instance', 'add', 'hint-g', '--server', 'web-01']);
    const added = await sdrs(add);
    expect(added.code, added.stderr).toBe(0);
  });

  it('after a reverse, the start command for the new production site; it runs as printed', async () => {
    await w.stopServers(LOCAL_AZ);
    const r = await sdrs(['group', 'reverse', 'demo-erp', '--to', 'target', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const start = printed(r.stderr, 'sdrs server start');
    expect(start.slice(2).sort()).toEqual([SEED_IDS.drServer('erp-app-01'), SEED_IDS.drServer('erp-db-01')].sort());
    const started = await sdrs(start);
    expect(started.code, started.stderr).toBe(0);
    const servers = JSON.parse((await runMain(['--json', 'server', 'list', '--az', REMOTE_AZ], { env: w.env })).stdout) as { id: string; status: string }[];
    expect(servers.filter((s) => start.includes(s.id)).map((s) => s.status)).toEqual(['ACTIVE', 'ACTIVE']);
  });

  it('group status --json: each allowed .next.*.command carries --yes where it would ask, and runs without a terminal', async () => {
    const doc = JSON.parse((await runMain(['--json', 'group', 'status', 'demo-erp'], { env: w.env })).stdout);
    expect(doc.next.reverse.command).toBe('sdrs group reverse demo-erp --to target --stop-servers --start-servers --yes');
    expect(doc.next.failover.command).toBe('sdrs group failover demo-erp --yes');
    expect(doc.next.stop.command).toBe('sdrs group stop demo-erp --yes');
    const stopped = await sdrs(doc.next.stop.command.split(' ').slice(1));
    expect(stopped.code, stopped.stderr).toBe(0);
    const after = JSON.parse((await runMain(['--json', 'group', 'status', 'demo-erp'], { env: w.env })).stdout);
    expect(after.next.start).toMatchObject({ allowed: true, reprotect: false, command: 'sdrs group start demo-erp' });
  });

  it('a failed job: the hint names it with sdrs job show, never a resume with sdrs job wait', async () => {
    await w.client.admin('POST', '/fail-next', { job_type: 'stopProtectionGroupNoCG', error_code: 'SDRS.1028', fail_reason: 'boom' });
    const r = await sdrs(['group', 'stop', 'demo-erp', '--yes']);
    expect(r.code).toBe(5);
    const jobId = /job ([0-9a-f]{32})/.exec(r.stderr)![1];
    expect(r.stderr).toContain(`sdrs job show ${jobId}`);
    expect(r.stderr).not.toContain('sdrs job wait');
    await w.client.admin('POST', '/fail-next', { job_type: 'stopProtectionGroupNoCG', error_code: 'SDRS.1028', fail_reason: 'boom' });
    const j = await sdrs(['--json', 'group', 'stop', 'demo-erp', '--yes']);
    expect(j.code).toBe(5);
    expect(JSON.parse(j.stderr.trim().split('\n').pop()!).error.hint ?? '').not.toContain('sdrs job wait');
  });
});

describe("the demo's steps print no hint to resume a job of its emulator", () => {
  it('a resume hint written by a step is replaced; everything else passes through', async () => {
    let text = '';
    const sink = Object.assign(new Writable({ write(c, _e, cb) { text += String(c); cb(); } }), { isTTY: true, columns: 99 });
    const w = withoutResumeHints(sink) as Writable & { isTTY?: boolean; columns?: number };
    expect(w.isTTY).toBe(true);
    expect(w.columns).toBe(99);
    await new Promise<void>((r) => w.write('error: stopped watching job abc\nresume watching with: sdrs job wait 0123abcd\n', () => r()));
    await new Promise<void>((r) => w.write('✔ Creating group x · done\n', () => r()));
    expect(text).toBe(`error: stopped watching job abc\n${DEMO_RESUME_NOTE}\n✔ Creating group x · done\n`);
  });

  it('sdrs demo interrupted while a step watches its job: exit 130, no sdrs job wait', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c) => (err += String(c)));
    stdout.resume();
    const ac = new AbortController();
    const home = (await import('node:os')).tmpdir();
    const running = main(['demo', '--fast'], { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1' }, cwd: home, homeDir: home, handleSignals: false, signal: ac.signal });
    // Step 1's create job takes 0.8 s: stop watching it halfway.
    for (let i = 0; i < 100 && !err.includes('watching job'); i++) await new Promise((r) => setTimeout(r, 20));
    ac.abort('SIGINT');
    const code = await running;
    expect(code, err).toBe(130);
    expect(err).toContain('stopped watching');
    expect(err).not.toContain('sdrs job wait');
    expect(err).toContain(DEMO_RESUME_NOTE);
  });
});
