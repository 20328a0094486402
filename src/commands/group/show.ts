/** `sdrs group show <group>`. */
import type { Context } from '../../context.js';
import type { ServerGroup } from '../../api/types.js';
import { printJson } from '../../io/output.js';
import { azOf, resolveGroup } from '../shared.js';

/** commander handler. */
export async function showCommand(ctx: Context, args: string[]): Promise<void> {
  const api = await ctx.api();
  const group = await resolveGroup(api, args[0]);
  if (ctx.globals.json) return printJson(ctx.io, group);
  ctx.io.out.write(describeGroup(group) + '\n');
}

/** A readable, aligned description of a group. */
export function describeGroup(g: ServerGroup): string {
  const dr = g.priority_station === 'source' ? 'target' : 'source';
  const rows: [string, string | number | null][] = [
    ['ID', g.id],
    ['Name', g.name],
    ['Description', g.description || '-'],
    ['Status', g.status],
    ['Production', `${azOf(g, g.priority_station)} (${g.priority_station})`],
    ['DR site', `${azOf(g, dr)} (${dr})`],
    ['Created AZs', `source ${g.source_availability_zone}, target ${g.target_availability_zone}`],
    ['Domain', `${g.domain_name} (${g.domain_id})`],
    ['VPC', g.source_vpc_id],
    ['Instances', g.protected_instance_num],
    ['Pairs', g.replication_num],
    ['Progress', `${g.progress ?? 0}%`],
    ['Created', g.created_at],
    ['Updated', g.updated_at],
  ];
  return rows.map(([k, v]) => `${(k + ':').padEnd(13)}${v ?? '-'}`).join('\n');
}
