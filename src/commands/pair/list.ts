/** `sdrs pair list [<group>]`: every page of replication pairs with their fault level, of one group or all. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Replication } from '../../api/types.js';
import { faultMeaning } from '../../api/rules.js';
import { requireGroupRef } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import type { Result } from '../shared/output.js';
import { listChildren } from '../shared/children.js';

/** The options of one run. */
export interface ListOptions {
  /** Only this group's pairs (id or exact name); all when undefined. */
  group?: string;
}

/** `pair list`'s arguments, help and wiring. */
export function registerList(pair: Command, run: Runner, runF: RunF<ListOptions> = runList): Command {
  const cmd = pair.command('list').description('list replication pairs (all pages) with their fault level, of one group or all').argument('[group]', 'group id or exact, unique name');
  examples(cmd, ['$ sdrs pair list erp', '$ sdrs pair list erp --json | jq -r \'.[] | select(.fault_level != "0") | .name\'']);
  return bind(cmd, run, (args): ListOptions => ({ group: args[0] === undefined ? undefined : requireGroupRef(args[0]) }), runF);
}

/** Lists the pairs: the JSON array as the API returns them, or a table with group names. */
export function runList(ctx: Context, o: ListOptions): Promise<Result<Replication[]>> {
  return listChildren<Replication>(ctx, o.group, {
    what: 'replication pairs',
    list: (api, q) => api.listAllReplications(q),
    headers: ['ID', 'NAME', 'STATUS', 'REPLICATION', 'PROGRESS', 'FAULT', 'ATTACHED', 'GROUP'],
    row: (p, group) => [
      p.id, p.name, p.status, p.replication_status, `${p.progress ?? 0}%`, faultText(p.fault_level),
      p.attachment.map((a) => `${a.protected_instance} ${a.device}`).join(', ') || '-', group,
    ],
  });
}

/** `0`, `2 failover advised`, `5 failover not allowed`. */
export function faultText(level: string | null | undefined): string {
  const meaning = faultMeaning(level);
  return meaning === 'none' ? '0' : `${level} ${meaning.replace(/-/g, ' ')}`;
}
