/** `sdrs pair add <group> --volume <id>`: replicate a production disk; the service creates its DR disk. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { Replication, ServerGroup } from '../../api/types.js';
import { JobFailedError, PreconditionError, UsageError, safeLine } from '../../errors.js';
import { requireGroupRef, requireId, requireName } from '../../validate.js';
import { bind, DRY_RUN, examples, parseWaitFlags, waitOptions, type RunF, type Runner, type WaitFlags, type WaitFlagValues } from '../shared/command.js';
import { out, result, say, type Result } from '../shared/output.js';
import { mutate } from '../shared/mutation.js';
import { pairedVolumes, productionDisks, resolveGroup, type DiskOwner } from '../shared/resolve.js';
import { serverAt } from '../shared/snapshot.js';
import { refOf } from '../shared/sites.js';
import { CHILDREN_CHANGE_FROM } from '../../api/rules.js';
import { waitSettings } from '../shared/wait.js';
import { pairAfter } from './after-job.js';
import { requireQuota } from '../shared/quota.js';
import { t, text } from '../../i18n/index.js';
import { pairMsg as M } from '../../i18n/catalog/pair.js';

/** The options of one run. */
export interface AddOptions {
  group: string;
  /** The production disk (EVS volume id); picked at a terminal when not given. */
  volume?: string;
  /** Pair name; default: rp- and the first 8 characters of the volume id. */
  name?: string;
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
  const volume = f.volume === undefined ? undefined : requireId('--volume', f.volume);
  const name = f.name === undefined ? undefined : requireName('--name', f.name);
  return { group, volume, name, dryRun: f.dryRun === true, wait: parseWaitFlags(f) };
}

/** `pair add`'s flags, help and wiring. */
export function registerAdd(pair: Command, run: Runner, runF: RunF<AddOptions> = runAdd): Command {
  const cmd = waitOptions(
    pair
      .command('add')
      .description('replicate a production disk (a DR disk is created) and wait until the pair exists')
      .argument('<group>', 'group id or exact, unique name')
      .option('--volume <id>', 'the production disk (EVS volume id; see: sdrs server show <server>); picked from a list at a terminal')
      .option('--name <name>', 'pair name (default: rp- and the first 8 characters of the volume id)')
      .option('--dry-run', DRY_RUN),
  );
  examples(cmd, ['$ sdrs pair add erp --volume 5a1c... --name erp-app-01-data', '$ rp=$(sdrs pair add erp --volume "$VOL" --json | jq -r .id)']);
  return bind(cmd, run, parseAdd, runF);
}

/**
 * At a terminal: the protected instance (asked when the group has several), then its
 * production server's disks that no pair of the group replicates yet.
 */
async function pickDisk(ctx: Context, api: SdrsApi, group: ServerGroup): Promise<DiskOwner> {
  const [instances, pairs] = await Promise.all([api.listAllInstances({ server_group_id: group.id }), api.listAllReplications({ server_group_id: group.id })]);
  if (instances.length === 0) {
    throw new PreconditionError('INSTANCE_NOT_FOUND', text(M.noInstance, { group: safeLine(group.name) }), {
      hint: text(M.protectFirstHint, { ref: refOf(group) }),
    });
  }
  const instance = instances.length === 1
    ? instances[0]
    : await ctx.prompter.select(t(M.askInstanceForDisk, { group: safeLine(group.name) }), instances.map((pi) => ({ name: `${safeLine(pi.name)}  ${pi.status}  ${pi.id}`, value: pi })));
  const paired = pairedVolumes(pairs);
  const disks = (await productionDisks(api, group, [instance])).filter((d) => !paired.has(d.volumeId));
  if (disks.length === 0) {
    throw new PreconditionError('PREFLIGHT_FAILED', text(M.allPaired, { name: safeLine(instance.name) }), {
      hint: text(M.seeDisksHint, { server: serverAt(instance, group.priority_station) }),
    });
  }
  const boot = (d: DiskOwner) => d.server['os-extended-volumes:volumes_attached']?.find((v) => v.id === d.volumeId)?.bootIndex === '0';
  return ctx.prompter.select(
    t(M.askDisk, { server: safeLine(disks[0].server.name) }),
    disks.map((d) => ({ name: `${d.device ?? t(M.noDevice)}  ${d.volumeId}${boot(d) ? t(M.systemDisk) : ''}`, value: d })),
  );
}

/**
 * The `pair attach` command for the new pair, with the instance whose production server has
 * the disk and the disk's device there; placeholders only for what ECS does not say.
 */
async function attachHint(api: SdrsApi, group: ServerGroup, rp: Replication, volume: string, known?: DiskOwner): Promise<string> {
  let owner = known;
  if (!owner) {
    owner = await api.listAllInstances({ server_group_id: group.id })
      .then((instances) => productionDisks(api, group, instances))
      .then((disks) => disks.find((d) => d.volumeId === volume))
      .catch(() => undefined);
  }
  const device = owner?.device && /^\/dev\/(vd|sd)[a-z]$/.test(owner.device) ? owner.device : t(M.devicePlaceholder);
  return `sdrs pair attach ${refOf(rp)} --instance ${owner ? refOf(owner.instance) : '<instance>'} --device ${device}`;
}

/** Creates the pair through the mutation pipeline; the result is the pair read after the job. */
export async function runAdd(ctx: Context, o: AddOptions): Promise<Result> {
  if (o.volume === undefined && !ctx.io.canPrompt) {
    throw new UsageError(text(M.missingVolume), {
      hint: text(M.missingVolumeHint),
    });
  }
  const api = await ctx.api();
  const group = await resolveGroup(api, o.group);
  const picked = o.volume === undefined ? await pickDisk(ctx, api, group) : undefined;
  const volume = picked?.volumeId ?? o.volume!;
  const name = o.name ?? `rp-${volume.slice(0, 8)}`;
  const body = { server_group_id: group.id, volume_id: volume, name };
  const outcome = await mutate(ctx, api, {
    preflight: async () => {
      if (CHILDREN_CHANGE_FROM.has(group.status)) return requireQuota(api, 'replications');
      throw new PreconditionError('PREFLIGHT_FAILED', text(M.groupBusy, { name: safeLine(group.name), status: group.status }), {
        hint: text(M.groupBusyHint, { ref: refOf(group) }),
      });
    },
    dryRun: o.dryRun,
    settings: await waitSettings(ctx, o.wait),
    prepare: () => api.prepareCreateReplication(body),
    send: () => api.createReplication(body),
    noWait: { server_group_id: group.id },
    checkHint: `sdrs pair list ${refOf(group)}`,
    watch: { groupId: group.id, checkGroup: false, label: `Creating replication pair ${name} in ${safeLine(group.name)}` },
    operationText: text(M.opCreating, { name, group: safeLine(group.name) }),
  });
  if (outcome.kind !== 'done') return outcome.result;
  const { job } = outcome.watched;
  const id = job.entities.replication_pair_id ?? (await api.listAllReplications({ server_group_id: group.id })).find((p) => p.volume_ids.split(',').includes(volume))?.id;
  if (!id) throw new JobFailedError(text(M.noPairListed, { job: job.job_id, volume }), { details: { job_id: job.job_id } });
  const rp = await pairAfter(api, id, job.job_id);
  return result(
    rp,
    say(t(M.created, { name: safeLine(rp.name), group: safeLine(group.name), status: rp.status, replication: rp.replication_status }), 'ok'),
    say(t(M.nextAttach, { command: await attachHint(api, group, rp, volume, picked) })),
    out(rp.id),
  );
}
