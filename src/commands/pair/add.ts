/** `sdrs pair add <group> --volume <id>`: replicate a production disk; the service creates its DR disk. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { JobFailedError, PreconditionError, UsageError } from '../../errors.js';
import { requireGroupRef, requireId, requireName } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { out, result, say, type Result } from '../shared/output.js';
import { mutate } from '../shared/mutation.js';
import { resolveGroup } from '../shared/resolve.js';
import { refOf } from '../shared/sites.js';
import { CHILDREN_CHANGE_FROM } from '../../api/rules.js';
import { waitSettings } from '../shared/wait.js';
import { pairAfter } from './after-job.js';
import { requireQuota } from '../shared/quota.js';

/** The options of one run. */
export interface AddOptions {
  group: string;
  /** The production disk (EVS volume id). */
  volume: string;
  /** Pair name; default: rp- and the first 8 characters of the volume id. */
  name: string;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface AddFlags extends WaitFlagValues {
  volume?: string;
  name?: string;
  dryRun?: boolean;
}

/** Flags to options (exit 2 on bad values). */
export function parseAdd(args: string[], f: AddFlags): AddOptions {
  const group = requireGroupRef(args[0]);
  if (f.volume === undefined) throw new UsageError('missing --volume: pass the id of the production disk (EVS) to replicate');
  const volume = requireId('--volume', f.volume);
  const name = f.name === undefined ? `rp-${volume.slice(0, 8)}` : requireName('--name', f.name);
  return { group, volume, name, dryRun: f.dryRun === true, wait: parseWaitFlags(f) };
}

/** `pair add`'s flags, help and wiring. */
export function registerAdd(pair: Command, run: Runner, runF: RunF<AddOptions> = runAdd): Command {
  const cmd = waitOptions(
    pair
      .command('add')
      .description('replicate a production disk (a DR disk is created) and wait until the pair exists')
      .argument('<group>', 'group id or exact, unique name')
      .option('--volume <id>', 'the production disk (EVS volume id)')
      .option('--name <name>', 'pair name (default: rp- and the first 8 characters of the volume id)')
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs pair add erp --volume 5a1c... --name erp-app-01-data', '$ rp=$(sdrs pair add erp --volume "$VOL" --json | jq -r .id)']);
  return bind(cmd, run, parseAdd, runF);
}

/** Creates the pair through the mutation pipeline; the result is the pair read after the job. */
export async function runAdd(ctx: Context, o: AddOptions): Promise<Result> {
  const api = await ctx.api();
  const group = await resolveGroup(api, o.group);
  const body = { server_group_id: group.id, volume_id: o.volume, name: o.name };
  const outcome = await mutate(ctx, api, {
    preflight: async () => {
      if (CHILDREN_CHANGE_FROM.has(group.status)) return requireQuota(api, 'replications');
      throw new PreconditionError('PREFLIGHT_FAILED', `cannot add a replication pair to group ${group.name} while it is ${group.status}; it must be available or protected`, {
        hint: `See what can be done next: sdrs group status ${refOf(group)}`,
      });
    },
    dryRun: o.dryRun,
    settings: await waitSettings(ctx, o.wait),
    prepare: () => api.prepareCreateReplication(body),
    send: () => api.createReplication(body),
    noWait: { server_group_id: group.id },
    checkHint: `sdrs pair list ${refOf(group)}`,
    watch: { groupId: group.id, checkGroup: false, label: `Creating replication pair ${o.name} in ${group.name}` },
  });
  if (outcome.kind !== 'done') return outcome.result;
  const { job } = outcome.watched;
  const id = job.entities.replication_pair_id ?? (await api.listAllReplications({ server_group_id: group.id })).find((p) => p.volume_ids.split(',').includes(o.volume))?.id;
  if (!id) throw new JobFailedError(`job ${job.job_id} succeeded but no replication pair for disk ${o.volume} is listed`, { details: { job_id: job.job_id } });
  const rp = await pairAfter(api, id, job.job_id);
  return result(
    rp,
    say(`✔ Replication pair ${rp.name} created in ${group.name}: ${rp.status}, replication ${rp.replication_status}.`, 'ok'),
    say(`Next: attach it to its instance: sdrs pair attach ${refOf(rp)} --instance <instance> --device /dev/vdb`),
    out(rp.id),
  );
}
