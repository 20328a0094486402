/** `sdrs instance list [<group>]`: every page of protected instances, of one group or all. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ProtectedInstance } from '../../api/types.js';
import { requireGroupRef } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import type { Result } from '../shared/output.js';
import { listChildren } from '../shared/children.js';
import { serverNames } from '../shared/resolve.js';
import { otherSide } from '../shared/sites.js';
import { serverAt } from '../shared/snapshot.js';
import { t, text } from '../../i18n/index.js';
import { instanceMsg as M } from '../../i18n/catalog/instance.js';

/** The options of one run. */
export interface ListOptions {
  /** Only this group's instances (id or exact name); all when undefined. */
  group?: string;
  /** Server ids beside their names. */
  wide: boolean;
}

/** What commander parses. */
interface ListFlags {
  wide?: boolean;
}

/** `instance list`'s arguments, help and wiring. */
export function registerList(instance: Command, run: Runner, runF: RunF<ListOptions> = runList): Command {
  const cmd = instance
    .command('list')
    .description('list protected instances (all pages), of one group or all, with their servers by name')
    .argument('[group]', 'group id or exact, unique name')
    .option('--wide', "show the servers' ids beside their names");
  examples(cmd, ['$ sdrs instance list erp', '$ sdrs instance list erp --json | jq -r ".[] | select(.status == \\"invalid\\") | .name"']);
  return bind(cmd, run, (args, f: ListFlags): ListOptions => ({ group: args[0] === undefined ? undefined : requireGroupRef(args[0]), wide: f.wide === true }), runF);
}

/** Lists the instances: the JSON array as the API returns them, or a table with group and server names. */
export function runList(ctx: Context, o: ListOptions): Promise<Result<ProtectedInstance[]>> {
  // A server that is gone (or unreadable) is shown by its id.
  const server = (id: string, names: Map<string, string>) => {
    const name = names.get(id);
    return name === undefined ? id : o.wide ? `${name} ${id}` : name;
  };
  return listChildren<ProtectedInstance>(ctx, o.group, {
    what: 'protected instances',
    whatText: text(M.whatInstances),
    list: (api, q) => api.listAllInstances(q),
    names: (api) => serverNames(api),
    headers: [M.hId, M.hName, M.hStatus, M.hGroup, M.hProductionServer, M.hDrServer, M.hDisks].map((h) => t(h)),
    row: (pi, group, names) => [
      pi.id, pi.name, pi.status, group, server(serverAt(pi, pi.priority_station), names), server(serverAt(pi, otherSide(pi.priority_station)), names),
      pi.attachment.map((a) => a.device).join(' ') || '-',
    ],
  });
}
