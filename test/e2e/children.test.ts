/**
 * `sdrs instance add|list|remove` and `sdrs pair add|list|attach|detach|remove`
 * through the built binary against the emulator: validation before anything is
 * sent, pre-checks, --dry-run, --no-wait, and the service's own refusals.
 */
import { describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';

const w = useDemoWorld();

const sdrs = (args: string[]) => runSdrs(args, { env: w.env });
const errorOf = (stderr: string) => JSON.parse(stderr.trim().split('\n').pop()!).error;
const mutations = async () => (await w.counters()).total - countMethod(await w.counters(), 'GET');
const APP_SYS = SEED_IDS.demoReplication('erp-app-01', 'sys');

describe('validation: exit 2 and nothing sent', () => {
  it.each([
    [['instance', 'add', 'demo-erp'], /missing --server/],
    [['instance', 'add', 'demo-erp', '--server', 'bad name!'], /server "bad name!" is neither an id nor a server name/],
    [['instance', 'add', 'demo-erp', '--server', 'web-01', '--name', 'x'.repeat(65)], /--name .* 65 bytes/],
    [['instance', 'add', 'demo-erp', '--server', 'web-01', '--az', 'AZ 1'], /--az "AZ 1" is not an availability zone name/],
    [['instance', 'add', 'bad group!', '--server', 'web-01'], /group "bad group!" is neither a well-formed id nor a valid group name/],
    [['instance', 'add', 'demo-erp', '--server', 'web-01', '--timeout', 'soon'], /--timeout/],
    [['instance', 'add', 'demo-erp', '--server', 'web-01', '--description', 'd'.repeat(65)], /--description .* is 65 bytes long; the limit is 64 bytes/],
    [['instance', 'add', 'demo-erp', '--server', 'web-01', '--description', 'a <b>'], /--description .* must not contain "<" or ">"/],
    [['instance', 'add', 'demo-erp', '--server', 'web-01', '--description', ''], /--description "" must not be empty/],
    [['instance', 'remove', 'pi-erp-app-01'], /refusing to remove a protected instance without confirmation: pass --yes/],
    [['instance', 'remove', 'bad name!', '--yes'], /instance "bad name!" is neither a well-formed id nor a valid instance name/],
    [['pair', 'add', 'demo-erp'], /missing --volume/],
    [['pair', 'add', 'demo-erp', '--volume', '../etc'], /--volume "..\/etc" is not a well-formed id/],
    [['pair', 'add', 'demo-erp', '--volume', 'v1', '--name', 'a b'], /--name "a b" may contain only/],
    [['pair', 'attach', 'rp-x', '--instance', 'pi-x'], /missing --device/],
    [['pair', 'attach', 'rp-x', '--device', '/dev/vdb'], /missing --instance/],
    [['pair', 'attach', 'rp-x', '--instance', 'pi-x', '--device', '/dev/vdb1'], /--device "\/dev\/vdb1" is not a device name/],
    [['pair', 'attach', 'rp-x', '--instance', 'pi-x', '--device', '/dev/hda'], /is not a device name like \/dev\/vdb or \/dev\/sdb/],
    [['pair', 'attach', 'rp-x', '--instance', 'pi-x', '--device', 'vdb'], /is not a device name/],
    [['pair', 'attach', 'rp-x', '--instance', 'pi-x', '--device', '/dev/VDB'], /is not a device name/],
    [['pair', 'remove', 'rp-x'], /refusing to remove a replication pair without confirmation: pass --yes/],
    [['pair', 'remove', 'rp-x', '--detach', '--no-wait', '--yes'], /--detach waits for the detach .* drop --no-wait/],
  ])('%j', async (args, message) => {
    const r = await sdrs([...(args as string[])]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: /);
    expect((await w.counters()).total).toBe(0);
  });
});

describe('sdrs instance', () => {
  it('add --dry-run prints the exact request and sends no POST', async () => {
    const r = await sdrs(['instance', 'add', 'demo-erp', '--server', 'web-01', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { request } = JSON.parse(r.stdout);
    expect(request).toMatchObject({ method: 'POST', url: `${w.emu.url}/v1/${w.emu.projectId}/protected-instances` });
    expect(request.body).toEqual({ protected_instance: { server_group_id: SEED_IDS.demoGroup, server_id: SEED_IDS.server('web-01'), name: 'web-01' } });
    expect(await mutations()).toBe(0);
  });

  it('add resolves a name at the production site, creates the DR server and prints the instance (id on stdout without --json)', async () => {
    const r = await sdrs(['instance', 'add', 'demo-erp', '--server', 'web-02', '--name', 'web2', '--description', 'web tier, node 2']);
    expect(r.code, r.stderr).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.stderr).toMatch(/✔ Protected instance web2 added to demo-erp: protected\. DR server [0-9a-f-]{36} created in cn-north-4b/);
    const pi = (await w.client.get(`/protected-instances/${id}`)).body.protected_instance;
    expect(pi).toMatchObject({ name: 'web2', description: 'web tier, node 2', source_server: SEED_IDS.server('web-02'), status: 'protected' });
  });

  it('add --no-wait prints the job and the group id', async () => {
    const r = await sdrs(['instance', 'add', 'demo-erp', '--server', 'web-01', '--no-wait', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ job_id: expect.stringMatching(/^[0-9a-f]{32}$/), server_group_id: SEED_IDS.demoGroup });
    expect(r.stderr).toMatch(/sdrs job wait [0-9a-f]{32}/);
  });

  it.each([
    ['ops-01', 'SERVER_WRONG_AZ', /ops-01 .* is in cn-north-4b, not at the production site of group demo-erp/],
    ['lab-01', 'SERVER_WRONG_VPC', /lab-01 .* is in VPC .*, not in the group's VPC/],
  ])('add %s is refused before anything is sent (exit 3, %s)', async (server, code, message) => {
    const r = await sdrs(['instance', 'add', 'demo-erp', '--server', SEED_IDS.server(server), '--json']);
    expect(r.code).toBe(3);
    const err = errorOf(r.stderr);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(await mutations()).toBe(0);
  });

  it('add of a server that is already protected is the service refusal SDRS.1305 (exit 3)', async () => {
    const r = await sdrs(['instance', 'add', 'demo-erp', '--server', 'erp-app-01', '--name', 'again', '--json']);
    expect(r.code).toBe(3);
    expect(errorOf(r.stderr).code).toBe('SDRS.1305');
  });

  it('list: a table or a JSON array, of one group or all; an unknown group is exit 3', async () => {
    const table = await sdrs(['instance', 'list']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+GROUP\s+PRODUCTION SERVER\s+DR SERVER\s+DISKS/);
    expect(table.stdout).toMatch(/pi-erp-app-01\s+protected\s+demo-erp\s+\S+\s+\S+\s+\/dev\/vda \/dev\/vdb/);
    const json = JSON.parse((await sdrs(['instance', 'list', 'demo-erp', '--json'])).stdout);
    expect(json.map((i: { name: string }) => i.name).sort()).toEqual(['pi-erp-app-01', 'pi-erp-db-01']);
    const missing = await sdrs(['instance', 'list', 'nope', '--json']);
    expect(missing.code).toBe(3);
    expect(errorOf(missing.stderr).code).toBe('GROUP_NOT_FOUND');
  });

  it('remove --dry-run prints DELETE with the flat body; an unknown instance is exit 3', async () => {
    const r = await sdrs(['instance', 'remove', 'pi-erp-app-01', '--delete-target-server', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { request } = JSON.parse(r.stdout);
    expect(request.method).toBe('DELETE');
    expect(request.url).toBe(`${w.emu.url}/v1/${w.emu.projectId}/protected-instances/${SEED_IDS.demoInstance('erp-app-01')}`);
    expect(request.body).toEqual({ delete_target_server: true, delete_target_eip: false });
    const eip = await sdrs(['instance', 'remove', 'pi-erp-app-01', '--delete-target-server', '--delete-target-eip', '--dry-run', '--json']);
    expect(JSON.parse(eip.stdout).request.body).toEqual({ delete_target_server: true, delete_target_eip: true });
    const missing = await sdrs(['instance', 'remove', 'pi-nope', '--yes', '--json']);
    expect(missing.code).toBe(3);
    expect(errorOf(missing.stderr)).toMatchObject({ code: 'INSTANCE_NOT_FOUND', hint: "List the instances with 'sdrs instance list'." });
    expect(await mutations()).toBe(0);
  });
});

describe('sdrs pair', () => {
  it('add --dry-run prints the request; adding a disk that is already paired is SDRS.1804 (exit 3)', async () => {
    const dry = await sdrs(['pair', 'add', 'demo-erp', '--volume', SEED_IDS.volume('web-01', 'data'), '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).request.body).toEqual({
      replication: { server_group_id: SEED_IDS.demoGroup, volume_id: SEED_IDS.volume('web-01', 'data'), name: `rp-${SEED_IDS.volume('web-01', 'data').slice(0, 8)}` },
    });
    expect(await mutations()).toBe(0);
    const taken = await sdrs(['pair', 'add', 'demo-erp', '--volume', SEED_IDS.volume('erp-app-01', 'data'), '--json']);
    expect(taken.code).toBe(3);
    expect(errorOf(taken.stderr).code).toBe('SDRS.1804');
  });

  it('add then attach, with the camelCase wrapper; attaching again is a no-op; a used device or a taken pair is exit 3', async () => {
    const add = await sdrs(['pair', 'add', 'demo-erp', '--volume', SEED_IDS.volume('web-01', 'data'), '--name', 'web-data', '--json']);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ name: 'web-data', status: 'protected', attachment: [] });
    const dry = await sdrs(['pair', 'attach', 'web-data', '--instance', 'pi-erp-app-01', '--device', '/dev/sdc', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout).request).toMatchObject({
      method: 'POST',
      url: `${w.emu.url}/v1/${w.emu.projectId}/protected-instances/${SEED_IDS.demoInstance('erp-app-01')}/attachreplication`,
      body: { replicationAttachment: { replication_id: JSON.parse(add.stdout).id, device: '/dev/sdc' } },
    });
    const used = await sdrs(['pair', 'attach', 'web-data', '--instance', 'pi-erp-app-01', '--device', '/dev/sdb', '--json']);
    expect(used.code).toBe(3);
    expect(errorOf(used.stderr).message).toMatch(/device \/dev\/vdb is already used on pi-erp-app-01/);
    const taken = await sdrs(['pair', 'attach', APP_SYS, '--instance', 'pi-erp-db-01', '--device', '/dev/vdc', '--json']);
    expect(taken.code).toBe(3);
    expect(errorOf(taken.stderr).message).toMatch(/already attached to instance .* as \/dev\/vda; detach it first: sdrs pair detach rp-erp-app-01-sys/);
    const posts = countMethod(await w.counters(), 'POST');
    const ok = await sdrs(['pair', 'attach', 'web-data', '--instance', 'pi-erp-app-01', '--device', '/dev/vdc', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).attachment).toEqual([{ protected_instance: SEED_IDS.demoInstance('erp-app-01'), device: '/dev/vdc' }]);
    const again = await sdrs(['pair', 'attach', 'web-data', '--instance', 'pi-erp-app-01', '--device', '/dev/vdc']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Nothing to do: web-data is already attached to pi-erp-app-01 as \/dev\/vdc/);
    expect(countMethod(await w.counters(), 'POST')).toBe(posts + 1);
  });

  it('remove of an attached pair without --detach is exit 3 naming --detach and pair detach; nothing sent', async () => {
    const r = await sdrs(['pair', 'remove', 'rp-erp-app-01-sys', '--yes', '--json']);
    expect(r.code).toBe(3);
    const err = errorOf(r.stderr);
    expect(err).toMatchObject({ code: 'PAIR_ATTACHED', device: '/dev/vda' });
    expect(err.hint).toContain('sdrs pair remove rp-erp-app-01-sys --detach');
    expect(err.hint).toContain('sdrs pair detach rp-erp-app-01-sys');
    expect(await mutations()).toBe(0);
  });

  it('remove --detach --dry-run prints the detach and then the delete; remove --detach does both', async () => {
    const dry = await sdrs(['pair', 'remove', 'rp-erp-app-01-sys', '--detach', '--delete-target-volume', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const { requests } = JSON.parse(dry.stdout);
    expect(requests.map((q: { method: string; url: string }) => `${q.method} ${new URL(q.url).pathname}`)).toEqual([
      `DELETE /v1/${w.emu.projectId}/protected-instances/${SEED_IDS.demoInstance('erp-app-01')}/detachreplication/${APP_SYS}`,
      `DELETE /v1/${w.emu.projectId}/replications/${APP_SYS}`,
    ]);
    expect(requests[1].body).toEqual({ replication: { server_group_id: SEED_IDS.demoGroup, delete_target_volume: true } });
    expect(await mutations()).toBe(0);
    const r = await sdrs(['pair', 'remove', 'rp-erp-app-01-sys', '--detach', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: APP_SYS, deleted: true });
    expect((await w.client.get(`/replications/${APP_SYS}`)).body.error.code).toBe('SDRS.1608');
  });

  it('detach: --dry-run prints the DELETE; a pair that is not attached is a no-op', async () => {
    const dry = await sdrs(['pair', 'detach', APP_SYS, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`DELETE ${w.emu.url}/v1/${w.emu.projectId}/protected-instances/${SEED_IDS.demoInstance('erp-app-01')}/detachreplication/${APP_SYS}`);
    const r = await sdrs(['pair', 'detach', APP_SYS, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: APP_SYS, attachment: [] });
    const again = await sdrs(['pair', 'detach', APP_SYS]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Nothing to do: rp-erp-app-01-sys is not attached.');
  });

  it('list shows the fault level and what it means', async () => {
    await w.client.admin('PUT', `/replications/${APP_SYS}/fault`, { fault_level: '2' });
    await w.client.admin('PUT', `/replications/${SEED_IDS.demoReplication('erp-db-01', 'data')}/fault`, { fault_level: '5' });
    const r = await sdrs(['pair', 'list', 'demo-erp']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+REPLICATION\s+PROGRESS\s+FAULT\s+ATTACHED\s+GROUP/);
    expect(r.stdout).toMatch(/rp-erp-app-01-sys\s+protected\s+active\s+100%\s+2 failover advised/);
    expect(r.stdout).toMatch(/rp-erp-db-01-data\s+protected\s+active\s+100%\s+5 failover not allowed/);
    const json = JSON.parse((await sdrs(['pair', 'list', '--json'])).stdout);
    expect(json.find((p: { id: string }) => p.id === APP_SYS).fault_level).toBe('2');
  });

  it('a failed attach job is exit 5 with the job code', async () => {
    await sdrs(['pair', 'detach', APP_SYS]);
    await w.client.admin('POST', '/fail-next', { job_type: 'attachReplicationPairNew', error_code: 'SDRS.1603', fail_reason: 'device busy' });
    const r = await sdrs(['pair', 'attach', APP_SYS, '--instance', 'pi-erp-app-01', '--device', '/dev/vda', '--json']);
    expect(r.code).toBe(5);
    expect(errorOf(r.stderr)).toMatchObject({ exit_code: 5, error_code: 'SDRS.1603', fail_reason: 'device busy' });
  });
});
