/** `sdrs pair list [<group>]`: every page of replication pairs with their fault level, of one group or all. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Replication } from '../../api/types.js';
import { faultMeaning } from '../../api/rules.js';
import { requireGroupRef } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import type { Result } from '../shared/output.js';
import { listChildren } from '../shared/children.js';
import { diskLabels } from '../shared/resolve.js';
import { t, text } from '../../i18n/index.js';
import { pairMsg as M } from '../../i18n/catalog/pair.js';

/** The options of one run. */
export interface ListOptions {
  /** Only this group's pairs (id or exact name); all when undefined. */
  group?: string;
}

/** `pair list`'s arguments, help and wiring. */
export function registerList(pair: Command, run: Runner, runF: RunF<ListOptions> = runList): Command {
  const cmd = pair.command('list').description('list replication pairs (all pages) with their fault level, instance and disk, of one group or all').argument('[group]', 'group id or exact, unique name');
  examples(cmd, ['$ sdrs pair list erp', '$ sdrs pair list erp --json | jq -r \'.[] | select(.fault_level != "0") | .name\'']);
  return bind(cmd, run, (args): ListOptions => ({ group: args[0] === undefined ? undefined : requireGroupRef(args[0]) }), runF);
}

/** Lists the pairs: the JSON array as the API returns them, or a table with group names. */
export function runList(ctx: Context, o: ListOptions): Promise<Result<Replication[]>> {
  return listChildren<Replication>(ctx, o.group, {
    what: 'replication pairs',
    whatText: text(M.whatPairs),
    list: (api, q) => api.listAllReplications(q),
    // Instance names and disks as `<server> <device>`, each read once for the whole table.
    names: async (api, pairs) => {
      const groupIds = [...new Set(pairs.map((p) => p.server_group_id))];
      const [instances, disks] = await Promise.all([
        api.listAllInstances(groupIds.length === 1 ? { server_group_id: groupIds[0] } : {}).catch(() => []),
        diskLabels(api),
      ]);
      return new Map([...disks, ...instances.map((i) => [i.id, i.name] as [string, string])]);
    },
    headers: [M.hId, M.hName, M.hStatus, M.hReplication, M.hProgress, M.hFault, M.hAttached, M.hGroup, M.hProductionDisk].map((h) => t(h)),
    row: (p, group, names) => [
      p.id, p.name, p.status, p.replication_status, `${p.progress ?? 0}%`, faultText(p.fault_level),
      p.attachment.map((a) => `${names.get(a.protected_instance) ?? a.protected_instance} ${a.device}`).join(', ') || '-', group,
      productionDisk(p, names),
    ],
  });
}

/** The pair's disk at the production site: `erp-app-01 /dev/vda 40GB`, or its volume id when no listed server has it. */
function productionDisk(p: Replication, names: Map<string, string>): string {
  const ids = typeof p.volume_ids === 'string' ? p.volume_ids.split(',') : [];
  const id = ids[p.priority_station === 'target' ? 1 : 0] ?? ids[0];
  if (!id) return '-';
  const size = typeof p.record_metadata?.volume_size === 'number' ? ` ${p.record_metadata.volume_size}GB` : '';
  return `${names.get(id) ?? id}${size}`;
}

/** `0`, `2 failover advised`, `5 failover not allowed`. */
export function faultText(level: string | null | undefined): string {
  const meaning = faultMeaning(level);
  if (meaning === 'none') return '0';
  return t(meaning === 'failover-advised' ? M.faultFailoverAdvised : meaning === 'failover-not-allowed' ? M.faultFailoverNotAllowed : M.faultUnknown, { level });
}
