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
import { displayWidth } from '../../io/output.js';
import { language, t, type Entry } from '../../i18n/index.js';
import { groupMsg as M } from '../../i18n/catalog/group.js';

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
  const rows: [Entry, string | number | null][] = [
    [M.fId, g.id],
    [M.fName, g.name],
    [M.fDescription, g.description || '-'],
    [M.fStatus, g.status],
    [M.fProduction, `${azOf(g, g.priority_station)} (${g.priority_station})`],
    [M.fDr, `${azOf(g, dr)} (${dr})`],
    [M.fCreatedAzs, t(M.createdAzs, { source: g.source_availability_zone, target: g.target_availability_zone })],
    [M.fDomain, `${g.domain_name} (${g.domain_id})`],
    [M.fVpc, g.source_vpc_id],
    [M.fInstances, g.protected_instance_num],
    [M.fPairs, g.replication_num],
    [M.fDrills, g.disaster_recovery_drill_num ?? 0],
    [M.fProgress, `${g.progress ?? 0}%`],
    [M.fCreated, g.created_at],
    [M.fUpdated, g.updated_at],
  ];
  return alignedLines(rows.map(([k, v]) => [t(k), safeLine(String(v ?? '-'))]), 13).join('\n');
}

/**
 * `label: value` lines with the values aligned: at least `min` columns for the label and its
 * colon (English: `Description:` and a space), more when a label is wider (Chinese characters
 * take two columns; the colon is the full-width `：` in Chinese).
 */
export function alignedLines(rows: [string, string][], min: number): string[] {
  const colon = language() === 'zh-CN' ? '：' : ':';
  const labels = rows.map(([k]) => k + colon);
  const width = Math.max(min, ...labels.map((l) => displayWidth(l) + 1));
  return rows.map(([, v], i) => labels[i] + ' '.repeat(width - displayWidth(labels[i])) + v);
}
