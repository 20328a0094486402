/** Issue 15: the gaps an official-SDK client found, route by route over real HTTP. */
import { describe, expect, it } from 'vitest';
import { LOCAL_AZ, SEED_IDS } from '../../src/emulator/index.js';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { harness } from './setup.js';

describe('routes the emulator does not serve', () => {
  it('GET /protected-instances/tags is the documented 404 APIGW.0101, not a show-instance 400', async () => {
    const { c, emu } = await harness({ seed: 'demo' });
    const r = await c.get('/protected-instances/tags');
    expect(r.status).toBe(404);
    expect(r.body.error_code).toBe('APIGW.0101');
    expect(r.body.error_msg).toContain(`GET /v1/${emu.projectId}/protected-instances/tags`);
    expect(r.body.request_id).toBe(r.headers.get('x-request-id'));
    // The same answer as any other unknown route, and the show route still works.
    const other = await c.get('/protected-instances/x/nonsense/y');
    expect(other.status).toBe(404);
    expect(other.body.error_code).toBe('APIGW.0101');
    expect((await c.get('/protected-instances/nope')).body.error.code).toBe('SDRS.1320');
  });
});

describe('signatures with another algorithm the SDKs offer', () => {
  for (const alg of ['SDK-HMAC-SM3', 'SDK-ECDSA-P256', 'SDK-SM2-SM3']) {
    it(`names ${alg} and says only SDK-HMAC-SHA256 is verified`, async () => {
      const { c } = await harness();
      const r = await c.get('/server-groups', {
        unsigned: true,
        headers: { Authorization: `${alg} Access=AK, SignedHeaders=host;x-sdk-date, Signature=00`, 'X-Sdk-Date': '20240301T080000Z' },
      });
      expect(r.status).toBe(401);
      expect(r.body.error_code).toBe('APIGW.0301');
      expect(r.body.error_msg).toContain(`signed with ${alg}`);
      expect(r.body.error_msg).toContain('verifies only SDK-HMAC-SHA256');
    });
  }

  it('keeps the generic message for a header that names no SDK algorithm', async () => {
    const { c } = await harness();
    const r = await c.get('/server-groups', { unsigned: true, headers: { Authorization: 'Bearer x' } });
    expect(r.body.error_msg).toContain('is not "SDK-HMAC-SHA256 Access=');
  });
});

describe('the ECS server object has the fields the official ECS model marks required', () => {
  const REQUIRED_STRINGS = [
    'id', 'name', 'status', 'updated', 'created', 'tenant_id', 'user_id', 'hostId', 'key_name', 'accessIPv4', 'accessIPv6', 'config_drive',
    'host_status', 'OS-EXT-AZ:availability_zone', 'OS-EXT-STS:vm_state', 'OS-EXT-STS:task_state', 'OS-EXT-SRV-ATTR:host',
    'OS-EXT-SRV-ATTR:instance_name', 'OS-EXT-SRV-ATTR:hypervisor_hostname', 'OS-EXT-SRV-ATTR:hostname', 'OS-EXT-SRV-ATTR:kernel_id',
    'OS-EXT-SRV-ATTR:ramdisk_id', 'OS-EXT-SRV-ATTR:root_device_name', 'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at',
  ];

  it('serves every required field with the official name and type, in show and in the list', async () => {
    const { c } = await harness({ seed: 'demo' });
    const id = SEED_IDS.server('web-01');
    const { server } = (await c.get(`/cloudservers/${id}`)).body;
    for (const k of REQUIRED_STRINGS) expect(typeof server[k], k).toBe('string');
    expect(server['OS-EXT-STS:power_state']).toBe(1);
    expect(server['OS-EXT-SRV-ATTR:launch_index']).toBe(0);
    expect(server.locked).toBe(false);
    expect(server.image).toEqual({ id: expect.any(String) });
    expect(server.security_groups).toEqual([{ name: 'default', id: expect.any(String) }]);
    expect(server.flavor).toEqual({ id: 's6.large.2', name: 's6.large.2', vcpus: '2', ram: '4096', disk: '0' });
    expect(server['OS-SRV-USG:launched_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    const vols = server['os-extended-volumes:volumes_attached'];
    expect(vols.length).toBeGreaterThan(0);
    for (const v of vols) {
      expect(typeof v.id).toBe('string');
      expect(['true', 'false']).toContain(v.delete_on_termination);
    }
    expect(vols.find((v: { bootIndex: string | null }) => v.bootIndex === '0').delete_on_termination).toBe('true');
    const listed = (await c.get('/cloudservers/detail')).body.servers.find((s: { id: string }) => s.id === id);
    expect(listed).toEqual(server);
  });

  it('addresses: one fixed IPv4 per server inside its VPC CIDR, keyed by VPC id, stable and distinct', async () => {
    const { c } = await harness({ seed: 'demo' });
    const vpcs = (await c.get('/vpcs')).body.vpcs as { id: string; cidr: string }[];
    const servers = (await c.get('/cloudservers/detail?limit=1000')).body.servers as any[];
    const seen = new Set<string>();
    for (const s of servers) {
      const vpcId = s.metadata.vpc_id;
      expect(Object.keys(s.addresses)).toEqual([vpcId]);
      const [a] = s.addresses[vpcId];
      expect(a).toEqual({
        version: '4', addr: expect.any(String), 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': expect.stringMatching(/^fa:16:3e(:[0-9a-f]{2}){3}$/),
        'OS-EXT-IPS:port_id': expect.any(String),
      });
      const cidr = vpcs.find((v) => v.id === vpcId)!.cidr;
      const prefix = cidr.split('.').slice(0, 2).join('.') + '.'; // the seeded VPCs are /16
      expect(a.addr.startsWith(prefix), `${a.addr} in ${cidr}`).toBe(true);
      expect(seen.has(a.addr)).toBe(false);
      seen.add(a.addr);
    }
    const again = (await c.get('/cloudservers/detail?limit=1000')).body.servers as any[];
    expect(again.map((s) => s.addresses)).toEqual(servers.map((s) => s.addresses));
  });
});

describe('sdrs server list shows the addresses', () => {
  const w = useDemoWorld();
  it('an ADDRESSES column with each server\'s private IP', async () => {
    const json = await runMain(['server', 'list', '--az', LOCAL_AZ, '--json'], { env: w.env });
    expect(json.code, json.stderr).toBe(0);
    const servers = JSON.parse(json.stdout) as any[];
    const r = await runMain(['server', 'list', '--az', LOCAL_AZ], { env: { ...w.env, COLUMNS: '250' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+AZ\s+VPC\s+ADDRESSES/);
    for (const s of servers) {
      const ip = (Object.values(s.addresses)[0] as { addr: string }[])[0].addr;
      expect(r.stdout).toMatch(new RegExp(`${s.name}\\b.*\\b${ip.replace(/\./g, '\\.')}\\b`));
    }
  });
});
