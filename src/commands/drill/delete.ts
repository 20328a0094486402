/**
 * `sdrs drill delete <drill>`: deletes the drill servers with their disks and NICs; the
 * drill VPC and its subnets are kept, EIPs are unbound (not deleted). Pre-flight (the
 * drill's status, SDRS.1913), confirm, send once, watch deleteDisasterRecoveryDrill.
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { PreconditionError, safeLine } from '../../errors.js';
import { requireRef } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, YES, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { result, say, type Result } from '../shared/output.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { dryRun, handOff, noHandOff } from '../shared/mutation.js';
import { waitSettings } from '../shared/wait.js';
import { journalFacts } from '../shared/journal.js';
import { deleteEffects, deleteRefusal, pickDrill } from './common.js';
import { sendDelete, waitDeleted } from './submit.js';
import { t, text } from '../../i18n/index.js';
import { drillMsg as M } from '../../i18n/catalog/drill.js';

/** The options of one run. */
export interface DeleteOptions {
  /** Asked for at a terminal when undefined. */
  drill?: string;
  yes: boolean;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface DeleteFlags extends WaitFlagValues {
  yes?: boolean;
  dryRun?: boolean;
}

/** `drill delete`'s flags, help and wiring. */
export function registerDelete(drill: Command, run: Runner, runF: RunF<DeleteOptions> = runDelete): Command {
  const cmd = waitOptions(
    drill
      .command('delete')
      .description('delete a DR drill: its drill servers, disks and NICs; the drill VPC and subnets are kept, EIPs unbound (not deleted)')
      .argument('[drill]', 'drill id or exact, unique name (asked for at a terminal)')
      .option('-y, --yes', YES)
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs drill delete drill-20261130-115900 --yes', '$ sdrs drill list --status error --json | jq -r ".[].id" | xargs -n1 sdrs drill delete --yes']);
  return bind(cmd, run, (args, f: DeleteFlags): DeleteOptions => ({
    drill: args[0] === undefined ? undefined : requireRef('drill', args[0]), yes: f.yes === true, dryRun: f.dryRun === true, wait: parseWaitFlags(f),
  }), runF);
}

/** Deletes the drill and checks it is gone. */
export async function runDelete(ctx: Context, o: DeleteOptions): Promise<Result> {
  requireYes(ctx, o.yes || o.dryRun, text(M.yesDelete));
  const api = await ctx.api();
  const d = await pickDrill(ctx, api, o.drill, 'delete');
  const refusal = deleteRefusal(d);
  if (refusal) {
    throw new PreconditionError('PREFLIGHT_FAILED', refusal, {
      hint: text(d.status === 'creating' ? M.deleteWaitHint : M.deleteSeeHint, { id: d.id }),
      details: { drill_id: d.id, drill_status: d.status },
    });
  }
  const settings = await waitSettings(ctx, o.wait);
  if (o.dryRun) return dryRun(await api.prepareDeleteDrill(d.id));
  await confirmOrCancel(ctx, o.yes, t(M.confirmDeleteDrill, { drill: safeLine(d.name), effects: deleteEffects(d) }), text(M.verbDrillDelete));
  // The journal (and so `sdrs history`) names the drill's group: one read, and no name if it fails.
  const g = await api.getGroup(d.server_group_id).catch(() => undefined);
  journalFacts(ctx, { groups: [{ id: d.server_group_id, ...(g ? { name: g.name } : {}) }] });
  const sent = await sendDelete(ctx, api, d);
  if (!settings.wait) {
    if (sent.kind !== 'job') throw noHandOff(ctx, sent);
    return handOff(sent.jobId, { drill_id: d.id, server_group_id: d.server_group_id });
  }
  const jobId = await waitDeleted(ctx, api, settings, d, sent);
  return result(
    { id: d.id, name: d.name, server_group_id: d.server_group_id, drill_vpc_id: d.drill_vpc_id, deleted: true, job_id: jobId ?? null },
    say(t(M.deleted, { drill: safeLine(d.name), id: d.id, effects: deleteEffects(d) }), 'ok'),
  );
}
