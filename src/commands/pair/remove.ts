/**
 * `sdrs pair remove <pair>`: delete a pair. The service refuses an attached pair;
 * with --detach the detach is sent and watched first, then the delete: two
 * requests, through the pipeline's stages (one dry run of both, each sent once).
 */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { Replication } from '../../api/types.js';
import { PreconditionError, UsageError } from '../../errors.js';
import { requireRef } from '../../validate.js';
import { bind, examples, parseWaitFlags, waitOptions, YES, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { result, say, type Result } from '../shared/output.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { dryRun, handOff, sendOnce } from '../shared/mutation.js';
import { resolvePair } from '../shared/resolve.js';
import { refOf } from '../shared/sites.js';
import { watch, waitSettings, type WaitSettings } from '../shared/wait.js';
import { pairAfter } from './after-job.js';
import { detachRequest } from './detach.js';
import { local, t, text } from '../../i18n/index.js';
import { pairMsg as M } from '../../i18n/catalog/pair.js';

/** The options of one run. */
export interface RemoveOptions {
  pair: string;
  /** If attached, detach it first (and wait) before deleting. */
  detach: boolean;
  /** Also delete the DR disk. */
  deleteTargetVolume: boolean;
  yes: boolean;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface RemoveFlags extends WaitFlagValues {
  detach?: boolean;
  deleteTargetVolume?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

/** Flags to options (exit 2 on bad values, and on --detach with --no-wait). */
export function parseRemove(args: string[], f: RemoveFlags): RemoveOptions {
  const pair = requireRef('pair', args[0]);
  const o: RemoveOptions = { pair, detach: f.detach === true, deleteTargetVolume: f.deleteTargetVolume === true, yes: f.yes === true, dryRun: f.dryRun === true, wait: parseWaitFlags(f) };
  if (o.detach && !o.wait.wait) throw new UsageError(text(M.detachNeedsWait));
  return o;
}

/** `pair remove`'s flags, help and wiring. */
export function registerRemove(pair: Command, run: Runner, runF: RunF<RemoveOptions> = runRemove): Command {
  const cmd = waitOptions(
    pair
      .command('remove')
      .description('delete a pair (the service refuses an attached one: --detach detaches it first)')
      .argument('<pair>', 'replication pair id or exact, unique name')
      .option('--detach', 'if attached, detach it first (and wait) before deleting')
      .option('--delete-target-volume', 'also delete the DR disk')
      .option('-y, --yes', YES)
      .option('--dry-run', 'print the exact request(s) (secrets redacted) and send nothing'),
  );
  examples(cmd, ['$ sdrs pair remove erp-app-01-data --detach --yes', '$ sdrs pair remove erp-app-01-data --yes; [ $? -eq 3 ] && echo "still attached?"']);
  return bind(cmd, run, parseRemove, runF);
}

/** Sends the detach once, watches it (--detach always waits) and checks the pair after it. */
async function detachFirst(ctx: Context, api: SdrsApi, rp: Replication, at: Replication['attachment'][number], settings: WaitSettings): Promise<void> {
  const req = detachRequest(api, rp, at);
  const jobId = await sendOnce(ctx, { operation: req.watch.label, operationText: req.operationText, send: req.send, checkHint: req.checkHint, details: req.noWait });
  await watch(ctx, api, settings, { ...req.watch, label: local(req.operationText), jobId });
  await pairAfter(api, rp.id, jobId);
}

/** Removes the pair: an attached one only with --detach (detach, then delete). */
export async function runRemove(ctx: Context, o: RemoveOptions): Promise<Result> {
  requireYes(ctx, o.yes || o.dryRun, text(M.yesRemove));
  const api = await ctx.api();
  const rp = await resolvePair(api, o.pair);
  const at = rp.attachment[0];
  if (at && !o.detach) {
    throw new PreconditionError('PAIR_ATTACHED', text(M.attachedRefused, { name: rp.name, instance: at.protected_instance, device: at.device }), {
      hint: text(M.attachedRefusedHint, { ref: refOf(rp) }),
      details: { replication_id: rp.id, protected_instance_id: at.protected_instance, device: at.device },
    });
  }
  const body = { server_group_id: rp.server_group_id, delete_target_volume: o.deleteTargetVolume };
  const settings = await waitSettings(ctx, o.wait);
  if (o.dryRun) {
    const del = await api.prepareDeleteReplication(rp.id, body);
    return dryRun(at ? [await detachRequest(api, rp, at).prepare(), del] : del);
  }
  const ask = at ? (o.deleteTargetVolume ? M.askRemoveAttachedDelete : M.askRemoveAttachedKeep) : o.deleteTargetVolume ? M.askRemoveDelete : M.askRemoveKeep;
  await confirmOrCancel(ctx, o.yes, t(ask, { name: rp.name, instance: at?.protected_instance, device: at?.device }), text(M.verbRemove));
  if (at) await detachFirst(ctx, api, rp, at, settings);
  const jobId = await sendOnce(ctx, {
    operation: `Removing replication pair ${rp.name}`,
    operationText: text(M.opRemoving, { name: rp.name }),
    send: () => api.deleteReplication(rp.id, body),
    checkHint: `sdrs pair list --json | jq '.[] | select(.id == "${rp.id}")'`,
    details: { server_group_id: rp.server_group_id, replication_id: rp.id },
  });
  if (!settings.wait) return handOff(jobId, { server_group_id: rp.server_group_id, replication_id: rp.id });
  await watch(ctx, api, settings, { jobId, groupId: rp.server_group_id, checkGroup: false, label: t(M.opRemoving, { name: rp.name }) });
  return result(
    { id: rp.id, name: rp.name, server_group_id: rp.server_group_id, deleted: true, job_id: jobId },
    say(t(M.removed, { name: rp.name, id: rp.id }) + t(o.deleteTargetVolume ? M.drDiskDeleted : M.drDiskKept), 'ok'),
  );
}
