/**
 * The commands sdrs prints as hints run as printed and name what the CLI knows:
 *
 * - a group (instance, pair) whose name is missing from an answer, not a string,
 *   blank or untypable is named by its id, never as `sdrs group show null`;
 * - the lookup after a create whose outcome is unknown is exact: the service's
 *   name filter is a prefix match, so `group list --name par-1` also lists par-10.
 *
 * The first part uses a node:http server that answers a group with such a name;
 * the second the emulator with a 503 on the create.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/run.js';
import { SEED_IDS, runMain, startWorld, summary, type World } from './helpers.js';

const ID = '0123456789abcdef0123456789abcdef';
const SERVER = 'fedcba9876543210fedcba9876543210';
let hints = 0;

/** Every `sdrs <noun> <verb> <arg>` in a text: the argument after the verb. */
function commandArgs(text: string): { command: string; arg: string }[] {
  return [...text.matchAll(/sdrs ([a-z]+) ([a-z]+) ('[^']*'|[^\s;,)]+)?/g)].map((m) => ({ command: m[0], arg: m[3] ?? '' }));
}

/** Every string in a JSON document, for the `--json` outputs. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('a name the answer does not give is never printed in a command', () => {
  let server: http.Server;
  let url = '';
  let name: unknown = null;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      const group = {
        id: ID, name, description: '', status: 'weird', source_availability_zone: 'az-a', target_availability_zone: 'az-b', domain_id: 'd', source_vpc_id: 'v',
        priority_station: 'source', protected_status: 'started', replication_status: 'active', protection_type: 'replication-pair', replication_model: 'hypermetro',
        dr_type: 'migration', created_at: '2024-01-01 00:00:00.000', updated_at: '2024-01-01 00:00:00.000', health_status: 'normal', server_type: 'ECS', progress: 0,
      };
      const instance = { id: 'a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4', name, server_group_id: ID, status: 'invalid', source_server: SERVER, target_server: 't', attachment: [] };
      let body: unknown = {};
      if (/server-groups\/[0-9a-f]{32}$/.test(path)) body = { server_group: group };
      else if (path.endsWith('/server-groups')) body = { server_groups: [group], count: 1 };
      else if (path.endsWith('/protected-instances')) body = { protected_instances: [instance], count: 1 };
      else if (path.endsWith('/replications')) body = { replications: [], count: 0 };
      else if (/cloudservers\/[0-9a-f]{32}$/.test(path)) body = { server: { id: SERVER, name: 'srv', status: 'SHUTOFF', 'OS-EXT-AZ:availability_zone': 'az-a', 'os-extended-volumes:volumes_attached': [] } };
      else if (path.includes('cloudservers')) body = { servers: [], count: 0 };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const RUNS: string[][] = [
    ['group', 'reverse', ID, '--to', 'target', '--yes'],
    ['group', 'start', ID, '--yes'],
    ['group', 'stop', ID, '--yes'],
    ['group', 'delete', ID, '--yes'],
    ['group', 'status', ID],
    ['--json', 'group', 'status', ID],
    ['instance', 'add', ID, '--server', SERVER],
  ];

  for (const [label, value] of [['null', null], ['missing', undefined], ['blank', ''], ['a number', 42], ['an object', { a: 1 }], ['escape sequences', '\u001b[2Jerp'], ['id-shaped', 'ffffffffffffffffffffffffffffffff'], ['an option', '--yes']] as const) {
    it(`a name that is ${label}: every printed command names the group by its id`, async () => {
      name = value;
      const env = baseEnv({ SDRS_ENDPOINT: url, SDRS_PROJECT_ID: 'p1', SDRS_AUTH_TOKEN: 'tok', SDRS_REGION: undefined });
      const bad: string[] = [];
      let seen = 0;
      for (const argv of RUNS) {
        const r = await runMain(argv, { env });
        const texts = argv[0] === '--json' && r.code === 0 ? strings(JSON.parse(r.stdout)) : [r.stdout, r.stderr];
        for (const { command, arg } of texts.flatMap(commandArgs)) {
          const wrong = /^(null|undefined|\[object Object\]|42|''|'?--yes'?)$/.test(arg) || arg.includes('\u001b') || arg.includes('\\u001b') || arg.includes('f'.repeat(32));
          if (wrong) bad.push(`${argv.join(' ')}: ${command}`);
          if (arg.startsWith('<') || arg.startsWith('--') || arg === '') continue; // a placeholder or a flag, not a name
          hints++;
          seen++;
        }
      }
      expect(seen, 'no command was printed at all').toBeGreaterThan(5);
      expect(bad, bad.join('\n')).toEqual([]);
    });
  }
});

describe('the lookup after an unknown create is exact', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ seed: 'demo', jobDurationMs: 100 });
  });
  afterAll(async () => {
    await w?.stop();
    summary(`hint values: ${hints} printed commands checked across 8 kinds of unusable name; the lookup after an unknown create of par-1 names no other group (par-10)`);
  });

  it('group create par-1 with par-10 present and a 503: the printed lookup does not find par-10', async () => {
    const create = (name: string) => ['group', 'create', '--name', name, '--domain', SEED_IDS.domain, '--vpc', SEED_IDS.vpc, '--interval', '100ms'];
    const made = await runMain(['--json', ...create('par-10')], { env: w.env });
    expect(made.code, made.stderr).toBe(0);
    const par10 = JSON.parse(made.stdout).id as string;

    await w.admin('POST', '/faults/next', { fault: '503', method: 'POST', path: '/server-groups' });
    const r = await runMain(create('par-1'), { env: w.env });
    expect(r.code, r.stderr).toBe(7);
    const lookups = [...r.stderr.matchAll(/sdrs (group (?:list|show)[^;\n]*)/g)].map((m) => m[1].trim());
    expect(lookups.length, r.stderr).toBeGreaterThan(0);
    for (const lookup of lookups) {
      hints++;
      // Run the hint as printed (names here need no quoting).
      const out = await runMain(lookup.split(/\s+/), { env: w.env });
      expect(out.stdout + out.stderr, `${lookup} found par-10`).not.toContain(par10);
      expect(out.stdout + out.stderr, `${lookup} found par-10`).not.toContain('par-10');
    }
  });
});
