/** `sdrs drill show <drill>`: one drill, with its drill servers by name, power and addresses. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { DisasterRecoveryDrill } from '../../api/types.js';
import { formatTable } from '../../io/output.js';
import { safeLine } from '../../errors.js';
import { requireRef } from '../../validate.js';
import { bind, examples, type RunF, type Runner } from '../shared/command.js';
import { out, result, type Result } from '../shared/output.js';
import { cleanupCommand, drillServers, pickDrill, type DrillServerView } from './common.js';

/** The options of one run. */
export interface ShowOptions {
  /** Asked for at a terminal when undefined. */
  drill?: string;
}

/** The `drill show --json` document: the drill as the API returns it, and its servers as read from ECS. */
export type DrillDocument = DisasterRecoveryDrill & { servers: DrillServerView[] };

/** `drill show`'s arguments, help and wiring. */
export function registerShow(drill: Command, run: Runner, runF: RunF<ShowOptions> = runShow): Command {
  const cmd = drill.command('show').description('show one DR drill: its status and its drill servers with their power state and addresses')
    .argument('[drill]', 'drill id or exact, unique name (asked for at a terminal)');
  examples(cmd, ['$ sdrs drill show drill-20261130-115900', "$ sdrs drill show erp-q3 --json | jq -r '.servers[] | \"\\(.name) \\(.addresses[0])\"'"]);
  return bind(cmd, run, (args): ShowOptions => ({ drill: args[0] === undefined ? undefined : requireRef('drill', args[0]) }), runF);
}

/** Reads the drill and its servers. */
export async function runShow(ctx: Context, o: ShowOptions): Promise<Result<DrillDocument>> {
  const api = await ctx.api();
  const d = await pickDrill(ctx, api, o.drill, 'show');
  const doc: DrillDocument = { ...d, servers: await drillServers(api, d) };
  return result(doc, out(describeDrill(doc)));
}

/** A readable description of a drill and its servers. */
export function describeDrill(d: DrillDocument): string {
  const rows: [string, string | number][] = [
    ['ID', d.id], ['Name', d.name], ['Status', d.status], ['Group', d.server_group_id], ['Drill VPC', d.drill_vpc_id || '-'],
    ['Servers', d.servers.length], ['Created', d.created_at], ['Updated', d.updated_at],
  ];
  const text = rows.map(([k, v]) => `${(k + ':').padEnd(11)}${safeLine(String(v))}`);
  if (d.servers.length) {
    text.push('', formatTable(['DRILL SERVER', 'STATUS', 'ADDRESSES', 'ID', 'PROTECTED INSTANCE'],
      d.servers.map((s) => [s.name ?? '-', s.status, s.addresses.join(', ') || '-', s.drill_server_id, s.protected_instance])));
  }
  text.push('', `Clean up: ${cleanupCommand(d)} (the drill VPC and its subnets are kept)`);
  return text.join('\n');
}
