/** `sdrs instance remove <instance>`: stop protecting a server (its pairs are detached, not deleted). */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { PreconditionError } from '../../errors.js';
import { requireRef } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, YES, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { result, say, type Result } from '../shared/output.js';
import { confirmOrCancel, requireYes } from '../shared/confirm.js';
import { mutate } from '../shared/mutation.js';
import { resolveInstance } from '../shared/resolve.js';
import { otherSide } from '../shared/sites.js';
import { serverAt } from '../shared/snapshot.js';
import { CHILD_BUSY, INSTANCE_DELETABLE_FROM, groupInProgress } from '../../api/rules.js';
import { waitSettings } from '../shared/wait.js';
import { t, text } from '../../i18n/index.js';
import { instanceMsg as M } from '../../i18n/catalog/instance.js';

/** The options of one run. */
export interface RemoveOptions {
  instance: string;
  /** Also delete the DR server. */
  deleteTargetServer: boolean;
  /** Also release the DR server's elastic IP. */
  deleteTargetEip: boolean;
  yes: boolean;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface RemoveFlags extends WaitFlagValues {
  deleteTargetServer?: boolean;
  deleteTargetEip?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

/** Flags to options (exit 2 on bad values). */
export function parseRemove(args: string[], f: RemoveFlags): RemoveOptions {
  return {
    instance: requireRef('instance', args[0]),
    deleteTargetServer: f.deleteTargetServer === true,
    deleteTargetEip: f.deleteTargetEip === true,
    yes: f.yes === true,
    dryRun: f.dryRun === true,
    wait: parseWaitFlags(f),
  };
}

/** `instance remove`'s flags, help and wiring. */
export function registerRemove(instance: Command, run: Runner, runF: RunF<RemoveOptions> = runRemove): Command {
  const cmd = waitOptions(
    instance
      .command('remove')
      .description('stop protecting a server: attached pairs are detached (not deleted); the DR server is kept unless asked')
      .argument('<instance>', 'protected instance id or exact, unique name')
      .option('--delete-target-server', 'also delete the DR server')
      .option('--delete-target-eip', "also release the DR server's elastic IP (delete_target_eip)")
      .option('-y, --yes', YES)
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs instance remove erp-app-01 --yes', '$ sdrs instance remove erp-app-01 --delete-target-server --yes || echo "exit $?"']);
  return bind(cmd, run, parseRemove, runF);
}

/** The confirmation, by what happens to the DR server (`deleteTargetServer-deleteTargetEip`). */
const ASK = { 'false-false': M.askRemoveKeep, 'true-false': M.askRemoveDelete, 'false-true': M.askRemoveKeepEip, 'true-true': M.askRemoveDeleteEip } as const;

/** Removes the instance through the mutation pipeline. */
export async function runRemove(ctx: Context, o: RemoveOptions): Promise<Result> {
  requireYes(ctx, o.yes || o.dryRun, text(M.yesRemove));
  const api = await ctx.api();
  const pi = await resolveInstance(api, o.instance);
  const body = { delete_target_server: o.deleteTargetServer, delete_target_eip: o.deleteTargetEip };
  const dr = serverAt(pi, otherSide(pi.priority_station));
  const outcome = await mutate(ctx, api, {
    preflight: async () => {
      if (INSTANCE_DELETABLE_FROM.has(pi.status)) return;
      throw new PreconditionError('PREFLIGHT_FAILED', text(M.cannotRemove, { name: pi.name, status: pi.status }), {
        hint: text(CHILD_BUSY.has(pi.status) || groupInProgress(pi.status) ? M.busyHint : M.seeHint),
      });
    },
    dryRun: o.dryRun,
    settings: await waitSettings(ctx, o.wait),
    prepare: () => api.prepareDeleteInstance(pi.id, body),
    confirm: () => confirmOrCancel(ctx, o.yes, t(ASK[`${o.deleteTargetServer}-${o.deleteTargetEip}`], { name: pi.name, count: pi.attachment.length, dr }), text(M.verbRemove)),
    send: () => api.deleteInstance(pi.id, body),
    noWait: { server_group_id: pi.server_group_id, protected_instance_id: pi.id },
    checkHint: `sdrs instance list --json | jq '.[] | select(.id == "${pi.id}")'`,
    watch: { groupId: pi.server_group_id, checkGroup: false, label: `Removing protected instance ${pi.name}` },
    operationText: text(M.opRemoving, { name: pi.name }),
  });
  if (outcome.kind !== 'done') return outcome.result;
  return result(
    { id: pi.id, name: pi.name, server_group_id: pi.server_group_id, deleted: true, job_id: outcome.jobId },
    say(t(M.removed, { name: pi.name, id: pi.id }) + t(o.deleteTargetServer ? M.drServerDeleted : M.drServerKept, { dr }) + (o.deleteTargetEip ? t(M.eipReleased) : ''), 'ok'),
  );
}
