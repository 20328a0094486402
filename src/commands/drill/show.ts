/** `sdrs drill show <drill>`: one drill, with its drill servers by name, power and addresses. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { DisasterRecoveryDrill } from '../../api/types.js';
import { displayWidth, formatTable } from '../../io/output.js';
import { t } from '../../i18n/index.js';
import { drillMsg as M } from '../../i18n/catalog/drill.js';
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
    [t(M.fId), d.id], [t(M.fName), d.name], [t(M.fStatus), d.status], [t(M.fGroup), d.server_group_id], [t(M.fDrillVpc), d.drill_vpc_id || '-'],
    [t(M.fServers), d.servers.length], [t(M.fCreated), d.created_at], [t(M.fUpdated), d.updated_at],
  ];
  // Values aligned by the labels' display width (a Chinese character takes two columns); 11 columns in English.
  const width = Math.max(11, ...rows.map(([k]) => displayWidth(k) + 1));
  const text = rows.map(([k, v]) => `${k}${' '.repeat(width - displayWidth(k))}${safeLine(String(v))}`);
  if (d.servers.length) {
    text.push('', formatTable([t(M.hDrillServer), t(M.hStatus), t(M.hAddresses), t(M.hId), t(M.hProtectedInstance)],
      d.servers.map((s) => [s.name ?? '-', s.status, s.addresses.join(', ') || '-', s.drill_server_id, s.protected_instance])));
  }
  text.push('', t(M.showCleanup, { cleanup: cleanupCommand(d) }));
  return text.join('\n');
}
