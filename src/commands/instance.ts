/** `sdrs instance add|list|remove`: protected instances (reference 3.2). */
import type { Context } from '../context.js';
import type { SdrsApi } from '../api/client.js';
import type { ProtectedInstance, Server, ServerGroup } from '../api/types.js';
import { JobFailedError, PreconditionError, UsageError } from '../errors.js';
import { descriptionProblem, nameProblem, printable, requireAz, requireGroupRef, requireName, requireRef } from '../validate.js';
import { printJson } from '../io/output.js';
import { palette } from '../io/color.js';
import { azOf, confirmOrCancel, listChildren, parseWaitFlags, requireYes, resolveGroup, resolveInstance, say, waitSettings } from './shared.js';
import { submitJob } from './mutation.js';
import { requireServerRef, resolveServers } from './server.js';
import { otherSide, serverAt } from './group/snapshot.js';
import { shellArg } from './group/rules.js';

const serverAz = (s: Server) => s['OS-EXT-AZ:availability_zone'];

/** Instance statuses the service deletes from (reference 4.2). */
const DELETABLE = new Set([
  'available', 'protected', 'failed-over', 'error', 'error-starting', 'error-stopping', 'error-reversing',
  'error-failing-over', 'error-deleting', 'error-reprotecting', 'error-resizing', 'invalid', 'fault',
]);

/** Finds the server to protect: an id anywhere, or a name at the group's production site (or --az). */
async function findServer(api: SdrsApi, ref: string, group: ServerGroup, az: string | undefined): Promise<Server> {
  const prodAz = azOf(group, group.priority_station);
  const [server] = await resolveServers(api, [ref], az ?? prodAz);
  if (serverAz(server) !== prodAz) {
    throw new PreconditionError('SERVER_WRONG_AZ', `server ${server.name} (${server.id}) is in ${serverAz(server)}, not at the production site of group ${group.name} (${prodAz}, ${group.priority_station})`, {
      hint: `Only servers at the current production site can be protected; list them with: sdrs server list --az ${prodAz}`,
    });
  }
  if (server.metadata?.vpc_id && server.metadata.vpc_id !== group.source_vpc_id) {
    throw new PreconditionError('SERVER_WRONG_VPC', `server ${server.name} (${server.id}) is in VPC ${server.metadata.vpc_id}, not in the group's VPC ${group.source_vpc_id}`, {
      hint: `A group protects the servers of one VPC; list them with: sdrs server list --az ${prodAz} --vpc ${group.source_vpc_id}`,
    });
  }
  return server;
}

/** commander handler for `instance add`. */
export async function instanceAddCommand(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> {
  const groupRef = requireGroupRef(args[0]);
  if (opts.server === undefined) throw new UsageError('missing --server: pass the id or name of the production server to protect');
  const serverRef = requireServerRef(String(opts.server));
  const name = opts.name === undefined ? undefined : requireName('--name', String(opts.name));
  const az = opts.az === undefined ? undefined : requireAz('--az', String(opts.az));
  const description = opts.description === undefined ? undefined : String(opts.description);
  if (description !== undefined) {
    const p = description === '' ? 'must not be empty (leave the option out for none)' : descriptionProblem(description);
    if (p) throw new UsageError(`--description ${printable(description)} ${p}`);
  }
  const waitFlags = await parseWaitFlags(opts);
  const api = await ctx.api();
  const group = await resolveGroup(api, groupRef);
  if (group.status !== 'available' && group.status !== 'protected') {
    throw new PreconditionError('PREFLIGHT_FAILED', `cannot add a protected instance to group ${group.name} while it is ${group.status}; it must be available or protected`, {
      hint: `See what can be done next: sdrs group status ${shellArg(group.name)}`,
    });
  }
  const server = await findServer(api, serverRef, group, az);
  const piName = name ?? (nameProblem(server.name) ? undefined : server.name);
  if (!piName) throw new UsageError(`the server's name ${printable(server.name)} is not a valid instance name; pass --name`);
  const body = { server_group_id: group.id, server_id: server.id, name: piName, ...(description !== undefined ? { description } : {}) };
  const settings = await waitSettings(ctx, waitFlags);
  const result = await submitJob(ctx, api, {
    dryRun: opts.dryRun === true,
    settings,
    prepare: () => api.prepareCreateInstance(body),
    send: () => api.createInstance(body),
    noWait: { server_group_id: group.id },
    checkHint: `sdrs instance list ${shellArg(group.name)}`,
    watch: { groupId: group.id, checkGroup: false, label: `Protecting ${server.name} in ${group.name}` },
  });
  if (!result) return;
  const id = result.job.entities.protected_instance_id;
  const pi = id ? await api.getInstance(id) : (await api.listAllInstances({ server_group_id: group.id })).find((i) => serverAt(i, group.priority_station) === server.id);
  if (!pi || pi.status === 'error') {
    throw new JobFailedError(`job ${result.job.job_id} succeeded but the protected instance for ${server.name} is ${pi ? 'in status error' : 'missing'}`, {
      hint: `Inspect it with: sdrs instance list ${shellArg(group.name)}`, details: { job_id: result.job.job_id, group_id: group.id },
    });
  }
  if (ctx.globals.json) return printJson(ctx.io, pi);
  const drAz = azOf(group, otherSide(group.priority_station));
  say(ctx, palette(ctx.io.color).green(`✔ Protected instance ${pi.name} added to ${group.name}: ${pi.status}.`) + ` DR server ${serverAt(pi, otherSide(group.priority_station))} created in ${drAz} (stopped).`);
  say(ctx, `Next: pair its disks (sdrs pair add ${shellArg(group.name)} --volume <disk-id>) and attach them (sdrs pair attach <pair> --instance ${shellArg(pi.name)} --device /dev/vdb).`);
  ctx.io.out.write(pi.id + '\n');
}

/** commander handler for `instance list`. */
export function instanceListCommand(ctx: Context, args: string[]): Promise<void> {
  return listChildren<ProtectedInstance>(ctx, args, {
    what: 'protected instances',
    list: (api, q) => api.listAllInstances(q),
    headers: ['ID', 'NAME', 'STATUS', 'GROUP', 'PRODUCTION SERVER', 'DR SERVER', 'DISKS'],
    row: (pi, group) => [
      pi.id, pi.name, pi.status, group, serverAt(pi, pi.priority_station), serverAt(pi, otherSide(pi.priority_station)),
      pi.attachment.map((a) => a.device).join(' ') || '-',
    ],
  });
}

/** commander handler for `instance remove`. */
export async function instanceRemoveCommand(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> {
  const ref = requireRef('instance', args[0]);
  const dryRun = opts.dryRun === true;
  const deleteTarget = opts.deleteTargetServer === true;
  const deleteEip = opts.deleteTargetEip === true;
  const waitFlags = await parseWaitFlags(opts);
  requireYes(ctx, opts.yes === true || dryRun, 'remove a protected instance');
  const api = await ctx.api();
  const pi: ProtectedInstance = await resolveInstance(api, ref);
  if (!DELETABLE.has(pi.status)) {
    throw new PreconditionError('PREFLIGHT_FAILED', `protected instance ${pi.name} cannot be removed while it is ${pi.status}`, {
      hint: /ing$/.test(pi.status) ? `Another operation is running; wait for it: sdrs instance list` : `See: sdrs instance list`,
    });
  }
  const body = { delete_target_server: deleteTarget, delete_target_eip: deleteEip };
  const dr = serverAt(pi, otherSide(pi.priority_station));
  const attached = pi.attachment.length;
  const settings = await waitSettings(ctx, waitFlags);
  const result = await submitJob(ctx, api, {
    dryRun,
    settings,
    prepare: () => api.prepareDeleteInstance(pi.id, body),
    send: () => api.deleteInstance(pi.id, body),
    confirm: () => confirmOrCancel(ctx, opts.yes === true,
      `Remove protected instance ${pi.name}: its server is no longer protected; ${attached} attached pair(s) are detached (not deleted); ` +
        `the DR server ${dr} is ${deleteTarget ? 'DELETED' : 'kept'}${deleteEip ? ' and its elastic IP RELEASED' : ''}. Continue?`, 'remove'),
    noWait: { server_group_id: pi.server_group_id, protected_instance_id: pi.id },
    checkHint: `sdrs instance list --json | jq '.[] | select(.id == "${pi.id}")'`,
    watch: { groupId: pi.server_group_id, checkGroup: false, label: `Removing protected instance ${pi.name}` },
  });
  if (!result) return;
  if (ctx.globals.json) return printJson(ctx.io, { id: pi.id, name: pi.name, server_group_id: pi.server_group_id, deleted: true, job_id: result.job.job_id });
  say(ctx, palette(ctx.io.color).green(`✔ Protected instance ${pi.name} (${pi.id}) removed.`) + (deleteTarget ? ` DR server ${dr} deleted.` : ` DR server ${dr} kept.`) + (deleteEip ? ' Its elastic IP was released.' : ''));
}
