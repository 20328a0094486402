/** `sdrs group show <group>`: one group, described. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ServerGroup } from '../../api/types.js';
import { safeLine } from '../../errors.js';
import { requireGroupRef } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, type Result } from '../shared/output.js';
import { resolveGroup } from '../shared/resolve.js';
import { azOf, otherSide } from '../shared/sites.js';

/** The options of one run. */
export interface ShowOptions {
  group: string;
}

/** `group show`'s arguments, help and wiring. */
export function registerShow(group: Command, run: Runner, runF: RunF<ShowOptions> = runShow): Command {
  const cmd = group.command('show').description('show one protection group').argument('<group>', 'group id or exact, unique name');
  examples(cmd, ['$ sdrs group show erp', '$ sdrs group show erp --json | jq -r .status']);
  return bind(cmd, run, (args): ShowOptions => ({ group: requireGroupRef(args[0]) }), runF);
}

/** Reads the group: the API object with --json, an aligned description otherwise. */
export async function runShow(ctx: Context, o: ShowOptions): Promise<Result<ServerGroup>> {
  const api = await ctx.api();
  const group = await resolveGroup(api, o.group);
  return result(group, out(describeGroup(group)));
}

/** A readable, aligned description of a group. */
export function describeGroup(g: ServerGroup): string {
  const dr = otherSide(g.priority_station);
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
    ['DR drills', g.disaster_recovery_drill_num ?? 0],
    ['Progress', `${g.progress ?? 0}%`],
    ['Created', g.created_at],
    ['Updated', g.updated_at],
  ];
  return rows.map(([k, v]) => `${(k + ':').padEnd(13)}${safeLine(String(v ?? '-'))}`).join('\n');
}
