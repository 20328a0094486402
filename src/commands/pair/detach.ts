/** `sdrs pair detach <pair>`: detach a pair from its protected instance. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { PreparedRequest, Replication } from '../../api/types.js';
import { requireRef } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { result, say, type Result } from '../shared/output.js';
import { mutate, nothingToDo, type Mutation } from '../shared/mutation.js';
import { resolvePair } from '../shared/resolve.js';
import { waitSettings } from '../shared/wait.js';
import { pairAfter } from './after-job.js';
import { t, text, type Text } from '../../i18n/index.js';
import { pairMsg as M } from '../../i18n/catalog/pair.js';

/** The options of one run. */
export interface DetachOptions {
  pair: string;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface DetachFlags extends WaitFlagValues {
  dryRun?: boolean;
}

/** Flags to options (exit 2 on bad values). */
export function parseDetach(args: string[], f: DetachFlags): DetachOptions {
  return { pair: requireRef('pair', args[0]), dryRun: f.dryRun === true, wait: parseWaitFlags(f) };
}

/** `pair detach`'s flags, help and wiring. */
export function registerDetach(pair: Command, run: Runner, runF: RunF<DetachOptions> = runDetach): Command {
  const cmd = waitOptions(
    pair
      .command('detach')
      .description('detach a pair from its protected instance and wait (a system disk needs the server stopped)')
      .argument('<pair>', 'replication pair id or exact, unique name')
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs pair detach erp-app-01-data || echo "exit $?"']);
  return bind(cmd, run, parseDetach, runF);
}

/** What the pipeline needs to know of one detach. */
export type DetachRequest = Pick<Mutation, 'send' | 'noWait' | 'checkHint' | 'watch'> & { prepare: () => Promise<PreparedRequest>; operationText: Text };

/** The detach request of an attached pair (also sent by `pair remove --detach`). */
export function detachRequest(api: SdrsApi, rp: Replication, at: Replication['attachment'][number]): DetachRequest {
  return {
    prepare: () => api.prepareDetachReplication(at.protected_instance, rp.id),
    send: () => api.detachReplication(at.protected_instance, rp.id),
    noWait: { server_group_id: rp.server_group_id, replication_id: rp.id, protected_instance_id: at.protected_instance },
    checkHint: `sdrs pair list --json | jq '.[] | select(.id == "${rp.id}") | .attachment'`,
    watch: { groupId: rp.server_group_id, checkGroup: false, label: `Detaching ${rp.name} from ${at.protected_instance} (${at.device})` },
    operationText: text(M.opDetaching, { pair: rp.name, instance: at.protected_instance, device: at.device }),
  };
}

/** Detaches the pair through the mutation pipeline; a pair that is not attached is a no-op (exit 0). */
export async function runDetach(ctx: Context, o: DetachOptions): Promise<Result> {
  const api = await ctx.api();
  const rp = await resolvePair(api, o.pair);
  const at = rp.attachment[0];
  if (!at) return nothingToDo(text(M.notAttached, { name: rp.name }), rp);
  const outcome = await mutate(ctx, api, { dryRun: o.dryRun, settings: await waitSettings(ctx, o.wait), ...detachRequest(api, rp, at) });
  if (outcome.kind !== 'done') return outcome.result;
  const after = await pairAfter(api, rp.id, outcome.jobId);
  return result(after, say(t(M.detached, { name: after.name, status: after.status }), 'ok'));
}
