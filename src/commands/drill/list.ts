/** `sdrs drill list [--group] [--status]`: every page of DR drills, as a table or JSON. */
import type { Command } from 'commander';
import { safeLine } from '../../errors.js';
import type { Context } from '../../context.js';
import type { DisasterRecoveryDrill } from '../../api/types.js';
import { DRILL_STATUSES } from '../../api/rules.js';
import { requireGroupRef } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { result, say, table, type Result } from '../shared/output.js';
import { resolveGroup } from '../shared/resolve.js';
import { t, text } from '../../i18n/index.js';
import { drillMsg as M } from '../../i18n/catalog/drill.js';

/** The options of one run. */
export interface ListOptions {
  group?: string;
  status?: string;
}

/** What commander parses. */
interface ListFlags {
  group?: string;
  status?: string;
}

/** `drill list`'s flags, help and wiring. */
export function registerList(drill: Command, run: Runner, runF: RunF<ListOptions> = runList): Command {
  const cmd = drill
    .command('list')
    .description('list DR drills (all pages), of one group or all')
    .option('--group <group>', 'only the drills of this group (id or exact, unique name)')
    .addOption(drill.createOption('--status <status>', 'only drills in this status').choices(DRILL_STATUSES));
  examples(cmd, ['$ sdrs drill list --group erp', '$ sdrs drill list --status error --json | jq -r ".[].id"']);
  return bind(cmd, run, (_args, f: ListFlags): ListOptions => ({ group: f.group === undefined ? undefined : requireGroupRef(f.group), status: f.status }), runF);
}

/** Lists the drills: the JSON array as the API returns them, or a table with group names. */
export async function runList(ctx: Context, o: ListOptions): Promise<Result<DisasterRecoveryDrill[]>> {
  const api = await ctx.api();
  const group = o.group === undefined ? undefined : await resolveGroup(api, o.group);
  const drills = await api.listAllDrills({ ...(group ? { server_group_id: group.id } : {}), ...(o.status ? { status: o.status } : {}) });
  if (ctx.globals.json) return result(drills);
  if (drills.length === 0) return result(drills, say(t(M.noneListed, { ofGroup: group ? text(M.ofGroup, { group: safeLine(group.name) }) : '', inStatus: o.status ? text(M.inStatus, { status: o.status }) : '' })));
  const names = new Map((group ? [group] : await api.listAllGroups()).map((g) => [g.id, g.name]));
  return result(drills, table(
    [t(M.hId), t(M.hName), t(M.hStatus), t(M.hGroup), t(M.hServers), t(M.hDrillVpc), t(M.hCreated)],
    drills.map((d) => [d.id, d.name, d.status, names.get(d.server_group_id) ?? d.server_group_id, d.drill_servers?.length ?? 0, d.drill_vpc_id, d.created_at]),
  ));
}
