/** `sdrs domain list`: the active-active domains (the AZ pairs groups replicate between). */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ActiveDomain } from '../../api/types.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { result, say, table, type Result } from '../shared/output.js';
import { t } from '../../i18n/index.js';
import { domainMsg as M } from '../../i18n/catalog/domain.js';

/** The options of one run (none). */
export type ListOptions = Record<string, never>;

/** `domain list`'s help and wiring. */
export function registerList(domain: Command, run: Runner, runF: RunF<ListOptions> = runList): Command {
  const cmd = domain.command('list').description('list active-active domains');
  examples(cmd, ['$ sdrs domain list --json | jq -r ".[0].id"']);
  return bind(cmd, run, (): ListOptions => ({}), runF);
}

/** Lists the domains: the JSON array as the API returns them, or a table. */
export async function runList(ctx: Context, _o: ListOptions): Promise<Result<ActiveDomain[]>> {
  const api = await ctx.api();
  const domains = await api.listDomains();
  if (domains.length === 0) return result(domains, say(t(M.none)));
  return result(
    domains,
    table(
      [M.hId, M.hName, M.hLocalAz, M.hRemoteAz, M.hSoldOut].map((h) => t(h)),
      domains.map((d) => [d.id, d.name, d.local_replication_cluster.availability_zone, d.remote_replication_cluster.availability_zone, t(d.sold_out ? M.yes : M.no)]),
    ),
  );
}
