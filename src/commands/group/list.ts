/** `sdrs group list`: every page of protection groups, as a table or JSON. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { GROUP_STATUSES } from '../../api/rules.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { result, say, table, type Result } from '../shared/output.js';
import { azOf, otherSide, productionLabel } from '../shared/sites.js';
import type { ServerGroup } from '../../api/types.js';
import { t } from '../../i18n/index.js';
import { groupMsg as M } from '../../i18n/catalog/group.js';

/** The options of one run. */
export interface ListOptions {
  status?: string;
  name?: string;
  /** Only groups with no DR drill in the last 3 months (`query_type=period_no_dr_drill`). */
  drillOverdue?: boolean;
}

/** What commander parses. */
interface ListFlags {
  status?: string;
  name?: string;
  drillOverdue?: boolean;
}

/** `group list`'s flags, help and wiring. */
export function registerList(group: Command, run: Runner, runF: RunF<ListOptions> = runList): Command {
  const cmd = group
    .command('list')
    .description('list protection groups (all pages)')
    .addOption(group.createOption('--status <status>', 'only groups in this status').choices(GROUP_STATUSES))
    .option('--name <name>', 'only groups whose name contains this text')
    .option('--drill-overdue', 'only groups with no DR drill in the last 3 months (the service decides)');
  examples(cmd, ['$ sdrs group list', '$ sdrs group list --status error-reversing --json | jq -r ".[].id"', '$ sdrs group list --drill-overdue --json | jq -r ".[].name"']);
  return bind(cmd, run, (_args, f: ListFlags): ListOptions => ({ status: f.status, name: f.name, ...(f.drillOverdue ? { drillOverdue: true } : {}) }), runF);
}

/** Lists the groups: the JSON array as the API returns them, or a table. */
export async function runList(ctx: Context, o: ListOptions): Promise<Result<ServerGroup[]>> {
  const api = await ctx.api();
  const groups = await api.listAllGroups({ ...(o.status ? { status: o.status } : {}), ...(o.name ? { name: o.name } : {}), ...(o.drillOverdue ? { query_type: 'period_no_dr_drill' } : {}) });
  if (groups.length === 0) return result(groups, say(t(o.drillOverdue ? M.noGroupsOverdue : M.noGroups)));
  return result(
    groups,
    table(
      [M.hId, M.hName, M.hStatus, M.hProduction, M.hDr, M.hInstances, M.hPairs].map((h) => t(h)),
      groups.map((g) => [g.id, g.name, g.status, productionLabel(g), azOf(g, otherSide(g.priority_station)), g.protected_instance_num, g.replication_num]),
    ),
  );
}
