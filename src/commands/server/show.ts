/** `sdrs server show <server>`: one ECS server with its disks, whether each is paired, and what protects it. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Server } from '../../api/types.js';
import { safeLine } from '../../errors.js';
import { isWellFormedId, requireAz } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, say, table, type Result } from '../shared/output.js';
import { pairedVolumes, requireServerRef, resolveServers, serverAz } from '../shared/resolve.js';
import { addresses } from './list.js';
import { displayWidth } from '../../io/output.js';
import { t, type Entry } from '../../i18n/index.js';
import { server as M } from '../../i18n/catalog/readiness.js';

/** The options of one run. */
export interface ShowOptions {
  server: string;
  /** Resolve the name in this AZ (a DR server has its production server's name). */
  az?: string;
}

/** What commander parses. */
interface ShowFlags {
  az?: string;
}

/** One attached disk, as `server show --json` reports it. */
export interface ServerDisk {
  id: string;
  device: string | null;
  system_disk: boolean;
  /** GB, from ECS's block-device list (or the pair's record); null when neither says. */
  size_gb: number | null;
  replication: { id: string; name: string; status: string; server_group_id: string } | null;
}

/** The `server show --json` document. */
export interface ServerShow {
  /** The ECS server object as the API returns it. */
  server: Server;
  /** The protected instance that has this server on one side, if any. */
  protected_instance: { id: string; name: string; server_group_id: string; status: string } | null;
  disks: ServerDisk[];
}

/** `server show`'s argument, flags, help and wiring. */
export function registerShow(server: Command, run: Runner, runF: RunF<ShowOptions> = runShow): Command {
  const cmd = server
    .command('show')
    .description('show one ECS server: its disks (id, device, paired or not) and the protected instance that has it')
    .argument('<server>', 'server id or name')
    .option('--az <az>', 'resolve the name in this availability zone (a DR server has the same name as its production server)');
  examples(cmd, [
    '$ sdrs server show erp-app-01 --az cn-north-4a',
    '$ sdrs server show erp-app-01 --json | jq -r \'.disks[] | select(.replication == null) | .id\'',
  ]);
  return bind(cmd, run, (args, f: ShowFlags): ShowOptions => ({ server: requireServerRef(args[0]), az: f.az === undefined ? undefined : requireAz('--az', String(f.az)) }), runF);
}

/** Reads the server, the pairs and the instances (one listing each) and puts them together. */
export async function runShow(ctx: Context, o: ShowOptions): Promise<Result<ServerShow>> {
  const api = await ctx.api();
  const [s] = await resolveServers(api, [o.server], o.az);
  // Sizes from ECS's block-device list; where it cannot be read, from the disk's pair.
  const [pairs, instances, blocks] = await Promise.all([
    api.listAllReplications(), api.listAllInstances(), api.listBlockDevices ? api.listBlockDevices(s.id).catch(() => []) : [],
  ]);
  const sizeOf = new Map(blocks.filter((b) => typeof b.size === 'number').map((b) => [b.volumeId, b.size as number]));
  const pi = instances.find((i) => i.source_server === s.id || i.target_server === s.id);
  const paired = pairedVolumes(pairs);
  const disks: ServerDisk[] = (s['os-extended-volumes:volumes_attached'] ?? []).filter((v) => typeof v?.id === 'string').map((v) => {
    const rp = paired.has(v.id) ? pairs.find((p) => p.volume_ids.split(',').includes(v.id)) : undefined;
    return {
      id: v.id,
      device: typeof v.device === 'string' && v.device ? v.device : null,
      system_disk: v.bootIndex === '0',
      size_gb: sizeOf.get(v.id) ?? (typeof rp?.record_metadata?.volume_size === 'number' ? rp.record_metadata.volume_size : null),
      replication: rp ? { id: rp.id, name: rp.name, status: rp.status, server_group_id: rp.server_group_id } : null,
    };
  });
  const data: ServerShow = {
    server: s,
    protected_instance: pi ? { id: pi.id, name: pi.name, server_group_id: pi.server_group_id, status: pi.status } : null,
    disks,
  };
  const f = s.flavor;
  const rows: [Entry, string][] = [
    [{ en: 'ID:', zh: 'ID：' }, s.id],
    [M.labelName, s.name],
    [M.labelStatus, s.status],
    [M.labelAz, serverAz(s)],
    [{ en: 'VPC:', zh: 'VPC：' }, s.metadata?.vpc_id ?? '-'],
    [M.labelAddresses, addresses(s) || '-'],
    [M.labelFlavor, f ? (f.vcpus ? t(M.flavorSize, { name: f.name ?? f.id, vcpus: f.vcpus, ram: f.ram }) : `${f.name ?? f.id}`) : '-'],
    [M.labelProtected, pi ? t(M.protectedBy, { name: safeLine(pi.name), id: pi.id, status: pi.status }) : t(M.no)],
  ];
  const pad = (e: Entry) => {
    const l = t(e);
    return l + ' '.repeat(Math.max(0, 11 - displayWidth(l)));
  };
  // Only ids that can be typed go into a printed command.
  const unpaired = disks.filter((d) => !d.replication && isWellFormedId(d.id));
  return result(
    data,
    out(rows.map(([k, v]) => `${pad(k)}${safeLine(String(v))}`).join('\n')),
    out(''),
    disks.length
      ? table([t(M.colDevice), t(M.colVolume), t(M.colSystem), t(M.colSize), t(M.colPair)], disks.map((d) => [
        d.device ?? '-', d.id, t(d.system_disk ? M.yes : M.no), d.size_gb === null ? '-' : `${d.size_gb}GB`,
        d.replication ? `${safeLine(d.replication.name)} (${d.replication.status})` : '-',
      ]))
      : out(t(M.noDisks)),
    ...(pi && unpaired.length && isWellFormedId(pi.server_group_id)
      ? [say(t(M.notPaired, { cmds: unpaired.map((d) => `sdrs pair add ${pi.server_group_id} --volume ${d.id}`).join(' ; ') }))]
      : []),
  );
}
