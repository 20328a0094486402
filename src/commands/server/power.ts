/** What `server stop` and `server start` share: their flags' parsing and the run (one ECS job, then a check of every server). */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { PreconditionError, UsageError, safeLine } from '../../errors.js';
import { requireAz } from '../../validate.js';
import { parseWaitFlags, waitOptions, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { note, result, type Result } from '../shared/output.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { handOff, sendOnce } from '../shared/mutation.js';
import { POWER, describeDrSiteText, drSiteServers, powerRequest, powerServers } from '../shared/power.js';
import { refOf } from '../shared/sites.js';
import { say } from '../shared/ui.js';
import { requireServerRef, resolveServers, serverAz } from '../shared/resolve.js';
import { waitSettings } from '../shared/wait.js';
import { t, text } from '../../i18n/index.js';
import { server as M } from '../../i18n/catalog/readiness.js';

/** The options of one stop or start. */
export interface PowerRunOptions {
  /** Server ids or names, as given. */
  servers: string[];
  /** Resolve names in this AZ. */
  az?: string;
  /** start: start DR-site servers of protected groups too (`--allow-dr-site`). */
  allowDrSite?: boolean;
  wait: WaitFlags;
}

/** What commander parses for both verbs (`server stop` adds `--yes`). */
export interface PowerFlags extends WaitFlagValues {
  az?: string;
}

/** The argument and flags both verbs declare (stop adds `--yes` after these), then the wait flags. */
export function declarePower(cmd: Command, extra: (c: Command) => Command = (c) => c): Command {
  return waitOptions(
    extra(
      cmd
        .argument('<server...>', 'server ids or names')
        .option('--az <az>', 'resolve names in this availability zone (a DR server has the same name as its production server)'),
    ),
  );
}

/** Arguments and flags to options (exit 2 on a malformed server, AZ or duration). */
export function parsePower(args: string[], f: PowerFlags): PowerRunOptions {
  if (args.length === 0) throw new UsageError(text(M.missing));
  for (const ref of args) requireServerRef(ref);
  const az = f.az === undefined ? undefined : requireAz('--az', String(f.az));
  return { servers: args, az, wait: parseWaitFlags(f) };
}

/**
 * Stops or starts the servers not yet in the wanted state and waits for them;
 * with --no-wait, sends the one ECS request and hands the job off. Servers already
 * there are named and nothing is sent (exit 0: runbooks are re-run).
 */
export async function runPower(ctx: Context, action: 'stop' | 'start', o: PowerRunOptions & { yes?: boolean }): Promise<Result> {
  const yes = o.yes === true;
  if (action === 'stop') requireYes(ctx, yes, text(M.yesStopServers));
  const api = await ctx.api();
  const servers = await resolveServers(api, o.servers, o.az);
  const { want } = POWER[action];
  const todo = servers.filter((s) => s.status !== want);
  if (todo.length === 0) return result(servers, ...servers.map((s) => note(t(M.already, { name: safeLine(s.name), id: s.id, want }))));
  if (action === 'start') await guardDrSite(ctx, api, todo, o.allowDrSite === true);
  if (action === 'stop') {
    const list = todo.map((s) => t(M.confirmItem, { name: safeLine(s.name), az: serverAz(s) })).join(t({ en: ', ', zh: '、' }));
    await confirmOrCancel(ctx, yes, t(M.confirmStop, { n: todo.length, list }), text(M.actStop));
  }
  const settings = await waitSettings(ctx, o.wait);
  if (!settings.wait) {
    // One request, sent once; an unknown outcome is reconciled by reading the servers (never re-sent).
    const jobId = await sendOnce(ctx, powerRequest(api, todo, action));
    // An ECS job: `sdrs job wait` reads SDRS jobs unless told otherwise.
    return handOff(jobId, { server_ids: todo.map((s) => s.id) }, `sdrs job wait ${jobId} --ecs`);
  }
  return result(await powerServers(ctx, api, servers, action, { settings }));
}

/**
 * A DR-site server of a protected group stays stopped: its disks are the replication target,
 * and the DR-site servers and disks are not to be used before a planned failover (reverse) or a
 * failover (OTC SDRS user guide, "Create a Protected Instance"). Starting one is refused
 * (exit 3, nothing sent) unless `--allow-dr-site`, which starts it with a warning.
 */
async function guardDrSite(ctx: Context, api: Awaited<ReturnType<Context['api']>>, todo: Parameters<typeof drSiteServers>[1], allow: boolean): Promise<void> {
  const found = await drSiteServers(api, todo);
  if (found.length === 0) return;
  const what = describeDrSiteText(found);
  if (allow) {
    say(ctx, t(M.allowDrSite, { what: t(what) }), 'warn');
    return;
  }
  const g = found[0].group;
  const to = g.priority_station === 'source' ? 'target' : 'source';
  throw new PreconditionError('DR_SITE_SERVER', text(M.drSiteRefused, { n: found.length, what }), {
    hint: text(M.drSiteHint, { ref: refOf(g), to }),
    details: { servers: found.map((f) => ({ id: f.server.id, name: f.server.name, protected_instance_id: f.instance.id, group_id: f.group.id, group: f.group.name, group_status: f.group.status })) },
  });
}
