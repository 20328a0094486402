/** `sdrs group list` and `sdrs group show`. */
import type { Context } from '../../context.js';
import type { ServerGroup } from '../../api/types.js';
import { printJson, printTable } from '../../io/output.js';
import { azOf } from '../shared.js';

/** commander handler for `group list`. */
export async function listCommand(ctx: Context, _args: string[], opts: Record<string, unknown>): Promise<void> {
  const api = await ctx.api();
  const groups = await api.listAllGroups({
    ...(opts.status ? { status: String(opts.status) } : {}),
    ...(opts.name ? { name: String(opts.name) } : {}),
  });
  if (ctx.globals.json) return printJson(ctx.io, groups);
  if (groups.length === 0) {
    ctx.io.err.write('No protection groups found.\n');
    return;
  }
  printTable(
    ctx.io,
    ['ID', 'NAME', 'STATUS', 'PRODUCTION', 'DR', 'INSTANCES', 'PAIRS'],
    groups.map((g) => [g.id, g.name, g.status, productionLabel(g), azOf(g, g.priority_station === 'source' ? 'target' : 'source'), g.protected_instance_num, g.replication_num]),
  );
}

/** `cn-north-4a (source)` */
export function productionLabel(g: ServerGroup): string {
  return `${azOf(g, g.priority_station)} (${g.priority_station})`;
}
