/**
 * Server power and the DR site (in process, against the emulator): starting a DR-site
 * server of a protected group is refused (exit 3, nothing sent) unless --allow-dr-site;
 * `group status` flags such a server running, and warns when production is down (every
 * production-site server stopped), on the screen and in --json.
 */
import { describe, expect, it } from 'vitest';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';
import { SEED_IDS } from '../../src/emulator/index.js';

const w = useDemoWorld();
const G = 'demo-erp';
const DR_APP = SEED_IDS.drServer('erp-app-01');
const sdrs = (args: string[]) => runMain(args, { env: w.env });
const power = async (id: string) => (await w.client.get(`/cloudservers/${id}`)).body.server.status;
const status = async () => JSON.parse((await sdrs(['group', 'status', G, '--json'])).stdout);

describe('server start and the DR site', () => {
  it('a DR-site server of a protected group is refused (exit 3, nothing sent), naming the group and why', async () => {
    const r = await sdrs(['server', 'start', 'erp-app-01', '--az', 'cn-north-4b', '--json']);
    expect(r.code).toBe(3);
    const err = JSON.parse(r.stderr).error;
    expect(err.code).toBe('DR_SITE_SERVER');
    expect(err.message).toMatch(/erp-app-01 .* in cn-north-4b is the DR-site server of protected instance pi-erp-app-01 in group demo-erp \(protected; production runs in cn-north-4a \(source\)\)/);
    expect(err.hint).toMatch(/replication target/);
    expect(err.hint).toMatch(/sdrs group reverse demo-erp --to target --stop-servers --start-servers/);
    expect(err.hint).toMatch(/--allow-dr-site/);
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
    expect(await power(DR_APP)).toBe('SHUTOFF');
  });

  it('--allow-dr-site starts it with a warning; group status then flags it (screen and --json)', async () => {
    const r = await sdrs(['server', 'start', DR_APP, '--allow-dr-site']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Warning: starting DR-site server\(s\) of protected group\(s\) \(--allow-dr-site\)/);
    expect(await power(DR_APP)).toBe('ACTIVE');
    const doc = await status();
    expect(doc.production_down).toBe(false);
    expect(doc.warnings).toEqual([expect.objectContaining({ code: 'dr-server-running', server_ids: [DR_APP] })]);
    const screen = await sdrs(['group', 'status', G]);
    expect(screen.stdout).toMatch(/^WARNING: DR-site server\(s\) running while the group is protected: erp-app-01/);
  });

  it('a production-site server starts without a word', async () => {
    await w.stopServers('cn-north-4a');
    const r = await sdrs(['server', 'start', 'erp-app-01', '--az', 'cn-north-4a']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/DR-site/);
  });
});

describe('group status: production down', () => {
  it('warns at the top when every production-site server is stopped, and not while they run', async () => {
    expect((await status()).production_down).toBe(false);
    await w.stopServers('cn-north-4a');
    const doc = await status();
    expect(doc.production_down).toBe(true);
    expect(doc.warnings[0]).toMatchObject({ code: 'production-down', server_ids: expect.arrayContaining([SEED_IDS.server('erp-app-01'), SEED_IDS.server('erp-db-01')]) });
    const screen = await sdrs(['group', 'status', G]);
    expect(screen.stdout).toMatch(/^WARNING: production is down: every server at the production site cn-north-4a \(source\) is stopped \(2\)\. Start them: sdrs server start /);
  });
});
