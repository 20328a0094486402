/** `sdrs pair add|list|attach|detach|remove`: replication pairs (reference 3.3, attach/detach 3.2). */
import type { Context } from '../context.js';
import type { SdrsApi } from '../api/client.js';
import type { Replication } from '../api/types.js';
import { JobFailedError, PreconditionError, UsageError } from '../errors.js';
import { requireDevice, requireGroupRef, requireId, requireName, requireRef } from '../validate.js';
import { printJson } from '../io/output.js';
import { palette } from '../io/color.js';
import { confirmOrCancel, listChildren, parseWaitFlags, requireYes, resolveGroup, resolveInstance, resolvePair, say, waitSettings, type WaitSettings } from './shared.js';
import { submitJob } from './mutation.js';
import { printPrepared } from './group/dry-run.js';
import { faultMeaning, shellArg } from './group/rules.js';

/** Statuses in which attach accepts a group, instance and pair (reference 4.2). */
const ATTACHABLE = new Set(['available', 'protected']);

/** Reads the pair after its job and fails (exit 5) if it ended in an error status. */
async function pairAfter(api: SdrsApi, id: string, jobId: string): Promise<Replication> {
  const rp = await api.getReplication(id);
  if (rp.status.startsWith('error')) {
    throw new JobFailedError(`job ${jobId} succeeded but replication pair ${rp.name} is ${rp.status}${rp.failure_detail ? ` (${rp.failure_detail})` : ''}`, {
      hint: `Inspect it with: sdrs pair list --json | jq '.[] | select(.id == "${rp.id}")'`, details: { job_id: jobId, replication_id: rp.id, status: rp.status },
    });
  }
  return rp;
}

/** commander handler for `pair add`. */
export async function pairAddCommand(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> {
  const groupRef = requireGroupRef(args[0]);
  if (opts.volume === undefined) throw new UsageError('missing --volume: pass the id of the production disk (EVS) to replicate');
  const volume = requireId('--volume', String(opts.volume));
  const name = opts.name === undefined ? `rp-${volume.slice(0, 8)}` : requireName('--name', String(opts.name));
  const waitFlags = await parseWaitFlags(opts);
  const api = await ctx.api();
  const group = await resolveGroup(api, groupRef);
  if (!ATTACHABLE.has(group.status)) {
    throw new PreconditionError('PREFLIGHT_FAILED', `cannot add a replication pair to group ${group.name} while it is ${group.status}; it must be available or protected`, {
      hint: `See what can be done next: sdrs group status ${shellArg(group.name)}`,
    });
  }
  const body = { server_group_id: group.id, volume_id: volume, name };
  const result = await submitJob(ctx, api, {
    dryRun: opts.dryRun === true,
    settings: await waitSettings(ctx, waitFlags),
    prepare: () => api.prepareCreateReplication(body),
    send: () => api.createReplication(body),
    noWait: { server_group_id: group.id },
    checkHint: `sdrs pair list ${shellArg(group.name)}`,
    watch: { groupId: group.id, checkGroup: false, label: `Creating replication pair ${name} in ${group.name}` },
  });
  if (!result) return;
  const id = result.job.entities.replication_pair_id ?? (await api.listAllReplications({ server_group_id: group.id })).find((p) => p.volume_ids.split(',').includes(volume))?.id;
  if (!id) throw new JobFailedError(`job ${result.job.job_id} succeeded but no replication pair for disk ${volume} is listed`, { details: { job_id: result.job.job_id } });
  const rp = await pairAfter(api, id, result.job.job_id);
  if (ctx.globals.json) return printJson(ctx.io, rp);
  say(ctx, palette(ctx.io.color).green(`✔ Replication pair ${rp.name} created in ${group.name}: ${rp.status}, replication ${rp.replication_status}.`));
  say(ctx, `Next: attach it to its instance: sdrs pair attach ${shellArg(rp.name)} --instance <instance> --device /dev/vdb`);
  ctx.io.out.write(rp.id + '\n');
}

/** commander handler for `pair list`. */
export function pairListCommand(ctx: Context, args: string[]): Promise<void> {
  return listChildren<Replication>(ctx, args, {
    what: 'replication pairs',
    list: (api, q) => api.listAllReplications(q),
    headers: ['ID', 'NAME', 'STATUS', 'REPLICATION', 'PROGRESS', 'FAULT', 'ATTACHED', 'GROUP'],
    row: (p, group) => [
      p.id, p.name, p.status, p.replication_status, `${p.progress ?? 0}%`, faultText(p.fault_level),
      p.attachment.map((a) => `${a.protected_instance} ${a.device}`).join(', ') || '-', group,
    ],
  });
}

/** `0`, `2 failover advised`, `5 failover not allowed`. */
export function faultText(level: string | null | undefined): string {
  const meaning = faultMeaning(level);
  return meaning === 'none' ? '0' : `${level} ${meaning.replace(/-/g, ' ')}`;
}

/** commander handler for `pair attach`. */
export async function pairAttachCommand(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> {
  const pairRef = requireRef('pair', args[0]);
  if (opts.instance === undefined) throw new UsageError('missing --instance: pass the protected instance to attach the pair to');
  if (opts.device === undefined) throw new UsageError('missing --device: pass the device name on the server, e.g. /dev/vdb');
  const instanceRef = requireRef('instance', String(opts.instance));
  const device = requireDevice('--device', String(opts.device));
  const waitFlags = await parseWaitFlags(opts);
  const api = await ctx.api();
  const [rp, pi] = await Promise.all([resolvePair(api, pairRef), resolveInstance(api, instanceRef)]);
  const group = await api.getGroup(rp.server_group_id);
  const current = rp.attachment[0];
  if (current && current.protected_instance === pi.id && current.device.slice(-1) === device.slice(-1)) {
    say(ctx, `Nothing to do: ${rp.name} is already attached to ${pi.name} as ${current.device}.`);
    if (ctx.globals.json) printJson(ctx.io, rp);
    return;
  }
  const problems: string[] = [];
  if (rp.server_group_id !== pi.server_group_id) problems.push(`the pair is in group ${group.name} but the instance ${pi.name} is in another group`);
  if (current) problems.push(`the pair is already attached to instance ${current.protected_instance} as ${current.device}; detach it first: sdrs pair detach ${shellArg(rp.name)}`);
  // The service rewrites vd/sd to the hypervisor's prefix, so only the letter must be free.
  const taken = pi.attachment.find((a) => a.device.slice(-1) === device.slice(-1));
  if (taken) problems.push(`device ${taken.device} is already used on ${pi.name} by pair ${taken.replication}; pick another letter`);
  if (!ATTACHABLE.has(group.status)) problems.push(`group ${group.name} is ${group.status}; it must be available or protected`);
  if (!ATTACHABLE.has(pi.status)) problems.push(`instance ${pi.name} is ${pi.status}; it must be available or protected`);
  if (!ATTACHABLE.has(rp.status)) problems.push(`pair ${rp.name} is ${rp.status}; it must be available or protected`);
  if (problems.length) throw new PreconditionError('PREFLIGHT_FAILED', `cannot attach ${rp.name} to ${pi.name}: ${problems.join('; ')}`, { hint: 'Nothing was sent.' });

  const body = { replication_id: rp.id, device };
  const result = await submitJob(ctx, api, {
    dryRun: opts.dryRun === true,
    settings: await waitSettings(ctx, waitFlags),
    prepare: () => api.prepareAttachReplication(pi.id, body),
    send: () => api.attachReplication(pi.id, body),
    noWait: { server_group_id: group.id, replication_id: rp.id, protected_instance_id: pi.id },
    checkHint: `sdrs pair list ${shellArg(group.name)}`,
    watch: { groupId: group.id, checkGroup: false, label: `Attaching ${rp.name} to ${pi.name} as ${device}` },
  });
  if (!result) return;
  const after = await pairAfter(api, rp.id, result.job.job_id);
  if (ctx.globals.json) return printJson(ctx.io, after);
  say(ctx, palette(ctx.io.color).green(`✔ ${after.name} attached to ${pi.name} as ${after.attachment[0]?.device ?? device}: ${after.status}.`));
}

/** Detaches a pair from its instance and waits; undefined after --dry-run or --no-wait. */
async function detach(ctx: Context, api: SdrsApi, rp: Replication, settings: WaitSettings, dryRun: boolean): Promise<Replication | undefined> {
  const at = rp.attachment[0];
  const result = await submitJob(ctx, api, {
    dryRun,
    settings,
    prepare: () => api.prepareDetachReplication(at.protected_instance, rp.id),
    send: () => api.detachReplication(at.protected_instance, rp.id),
    noWait: { server_group_id: rp.server_group_id, replication_id: rp.id, protected_instance_id: at.protected_instance },
    checkHint: `sdrs pair list --json | jq '.[] | select(.id == "${rp.id}") | .attachment'`,
    watch: { groupId: rp.server_group_id, checkGroup: false, label: `Detaching ${rp.name} from ${at.protected_instance} (${at.device})` },
  });
  return result ? pairAfter(api, rp.id, result.job.job_id) : undefined;
}

/** commander handler for `pair detach`. */
export async function pairDetachCommand(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> {
  const ref = requireRef('pair', args[0]);
  const waitFlags = await parseWaitFlags(opts);
  const api = await ctx.api();
  const rp = await resolvePair(api, ref);
  if (rp.attachment.length === 0) {
    say(ctx, `Nothing to do: ${rp.name} is not attached.`);
    if (ctx.globals.json) printJson(ctx.io, rp);
    return;
  }
  const after = await detach(ctx, api, rp, await waitSettings(ctx, waitFlags), opts.dryRun === true);
  if (!after) return;
  if (ctx.globals.json) return printJson(ctx.io, after);
  say(ctx, palette(ctx.io.color).green(`✔ ${after.name} detached: ${after.status}.`));
}

/** commander handler for `pair remove`. */
export async function pairRemoveCommand(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> {
  const ref = requireRef('pair', args[0]);
  const dryRun = opts.dryRun === true;
  const detachFirst = opts.detach === true;
  const deleteTarget = opts.deleteTargetVolume === true;
  const waitFlags = await parseWaitFlags(opts);
  if (detachFirst && !waitFlags.wait) throw new UsageError('--detach waits for the detach before the delete is sent; drop --no-wait (or detach first: sdrs pair detach <pair> --no-wait)');
  requireYes(ctx, opts.yes === true || dryRun, 'remove a replication pair');
  const api = await ctx.api();
  const rp = await resolvePair(api, ref);
  const at = rp.attachment[0];
  if (at && !detachFirst) {
    throw new PreconditionError('PAIR_ATTACHED', `replication pair ${rp.name} is attached to protected instance ${at.protected_instance} as ${at.device}; the service refuses to delete an attached pair`, {
      hint: `Detach it in the same command with --detach (sdrs pair remove ${shellArg(rp.name)} --detach), or first: sdrs pair detach ${shellArg(rp.name)}`,
      details: { replication_id: rp.id, protected_instance_id: at.protected_instance, device: at.device },
    });
  }
  const body = { server_group_id: rp.server_group_id, delete_target_volume: deleteTarget };
  const settings = await waitSettings(ctx, waitFlags);
  if (dryRun) {
    const del = await api.prepareDeleteReplication(rp.id, body);
    return printPrepared(ctx, at ? [await api.prepareDetachReplication(at.protected_instance, rp.id), del] : del);
  }
  await confirmOrCancel(ctx, opts.yes === true,
    `Remove replication pair ${rp.name}:${at ? ` it is first detached from ${at.protected_instance} (${at.device});` : ''} replication of its disk stops; ` +
      `the DR disk is ${deleteTarget ? 'DELETED' : 'kept'}. Continue?`, 'remove');
  if (at) await detach(ctx, api, rp, settings, false);
  const result = await submitJob(ctx, api, {
    dryRun: false,
    settings,
    prepare: () => api.prepareDeleteReplication(rp.id, body),
    send: () => api.deleteReplication(rp.id, body),
    noWait: { server_group_id: rp.server_group_id, replication_id: rp.id },
    checkHint: `sdrs pair list --json | jq '.[] | select(.id == "${rp.id}")'`,
    watch: { groupId: rp.server_group_id, checkGroup: false, label: `Removing replication pair ${rp.name}` },
  });
  if (!result) return;
  if (ctx.globals.json) return printJson(ctx.io, { id: rp.id, name: rp.name, server_group_id: rp.server_group_id, deleted: true, job_id: result.job.job_id });
  say(ctx, palette(ctx.io.color).green(`✔ Replication pair ${rp.name} (${rp.id}) removed.`) + (deleteTarget ? ' Its DR disk was deleted.' : ' Its DR disk was kept.'));
}
