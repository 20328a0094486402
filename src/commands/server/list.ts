/** `sdrs server list`: ECS servers, optionally only one AZ or VPC. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Server } from '../../api/types.js';
import { requireAz, requireId } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { result, say, table, type Result } from '../shared/output.js';
import { serverAz } from '../shared/resolve.js';
import { t } from '../../i18n/index.js';
import { server as M } from '../../i18n/catalog/readiness.js';

/** The options of one run. */
export interface ListOptions {
  az?: string;
  vpc?: string;
}

/** What commander parses. */
interface ListFlags {
  az?: string;
  vpc?: string;
}

/** Flags to options (exit 2 on a malformed AZ or VPC id). */
function parseList(_args: string[], f: ListFlags): ListOptions {
  return {
    az: f.az === undefined ? undefined : requireAz('--az', String(f.az)),
    vpc: f.vpc === undefined ? undefined : requireId('--vpc', String(f.vpc)),
  };
}

/** `server list`'s flags, help and wiring. */
export function registerList(server: Command, run: Runner, runF: RunF<ListOptions> = runList): Command {
  const cmd = server
    .command('list')
    .description('list ECS servers with their addresses and disks (see one: sdrs server show <server>)')
    .option('--az <az>', 'only servers in this availability zone')
    .option('--vpc <id>', 'only servers in this VPC');
  examples(cmd, ['$ sdrs server list --az cn-north-4a', '$ sdrs server list --json | jq -r \'.[] | select(.status == "ACTIVE") | .id\'']);
  return bind(cmd, run, parseList, runF);
}

/** Lists the servers: the JSON array as the API returns them, or a table. */
export async function runList(ctx: Context, o: ListOptions): Promise<Result<Server[]>> {
  const api = await ctx.api();
  const servers = (await api.listServers()).filter((s) => (!o.az || serverAz(s) === o.az) && (!o.vpc || s.metadata?.vpc_id === o.vpc));
  if (servers.length === 0) return result(servers, say(t(M.noServers)));
  return result(
    servers,
    // DISKS: the devices; `sdrs server show <server>` gives their ids and whether each is paired.
    table(['ID', t(M.colName), t(M.colStatus), t(M.colAz), 'VPC', t(M.colAddresses), t(M.colDisks)], servers.map((s) => [s.id, s.name, s.status, serverAz(s), s.metadata?.vpc_id, addresses(s), devices(s)])),
  );
}

/** The devices of a server's disks (`/dev/vda /dev/vdb`), '-' for none. */
function devices(s: Server): string {
  const vols = s['os-extended-volumes:volumes_attached'];
  return (Array.isArray(vols) ? vols : []).map((v) => (typeof v?.device === 'string' && v.device ? v.device : v?.id)).filter(Boolean).join(' ') || '-';
}

/** Every address of a server, comma-separated (private first, as ECS lists them); '' when it has none. */
export function addresses(s: Server): string {
  const all = Object.values(s.addresses && typeof s.addresses === 'object' ? s.addresses : {});
  return all
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map((a) => (a && typeof a.addr === 'string' ? a.addr : ''))
    .filter(Boolean)
    .join(',');
}
