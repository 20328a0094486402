/** sdrs server list/stop/start against the emulator. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { countMethod, startWorld, type TestWorld } from '../helpers/cli-env.js';
import { SEED_IDS } from '../../src/emulator/index.js';

let w: TestWorld;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.stop();
});
beforeEach(async () => {
  await w.client.admin('POST', '/reset', { seed: 'demo' });
  await w.client.admin('DELETE', '/counters');
});
const sdrs = (args: string[]) => runSdrs(args, { env: w.env });

describe('sdrs server', () => {
  it('lists servers filtered by AZ, as a table or JSON', async () => {
    const r = await sdrs(['server', 'list', '--az', 'cn-north-4b', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const servers = JSON.parse(r.stdout);
    expect(servers.length).toBeGreaterThan(0);
    expect(servers.every((s: Record<string, string>) => s['OS-EXT-AZ:availability_zone'] === 'cn-north-4b')).toBe(true);
    const table = await sdrs(['server', 'list', '--az', 'cn-north-4a']);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+AZ\s+VPC/);
    expect(table.stdout).toContain('erp-app-01');
  });

  it('--no-wait hands off an ECS job that `sdrs job wait <id> --ecs` watches to its end', async () => {
    const r = await sdrs(['server', 'stop', 'erp-app-01', '--az', 'cn-north-4a', '--yes', '--no-wait']);
    expect(r.code, r.stderr).toBe(0);
    const jobId = r.stdout.trim();
    expect(r.stderr).toContain(`Watch it with: sdrs job wait ${jobId} --ecs`);
    const waited = await sdrs(['job', 'wait', jobId, '--ecs', '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ job_id: jobId, status: 'SUCCESS' });
  });

  it('stops servers by name in an AZ, waits for SHUTOFF, and is a no-op the second time', async () => {
    const r = await sdrs(['server', 'stop', 'erp-app-01', '--az', 'cn-north-4a', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ id: SEED_IDS.server('erp-app-01'), status: 'SHUTOFF' });
    const again = await sdrs(['server', 'stop', 'erp-app-01', '--az', 'cn-north-4a', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already SHUTOFF');
    expect(countMethod(await w.counters(), 'POST')).toBe(1);
  });

  it('a name that matches a production and a DR server needs --az or an id (exit 2, nothing sent)', async () => {
    const r = await sdrs(['server', 'start', 'erp-app-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/matches 2 servers/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('stopping needs --yes without a terminal', async () => {
    const r = await sdrs(['server', 'stop', SEED_IDS.server('erp-app-01')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect((await w.counters()).total).toBe(0);
  });
});
