/** `sdrs server list|stop|start`: the ECS power actions a switchover needs. */
import type { Context } from '../context.js';
import type { SdrsApi } from '../api/client.js';
import type { Server } from '../api/types.js';
import { PreconditionError, UsageError } from '../errors.js';
import { isWellFormedId, printable, requireAz, requireId } from '../validate.js';
import { printJson, printTable } from '../io/output.js';
import { confirmOrCancel, parseWaitFlags, reportNoWait, requireYes, resumeCommand, say, waitSettings, watch, type WaitSettings } from './shared.js';

const azOf = (s: Server) => s['OS-EXT-AZ:availability_zone'];

/** Lists servers, optionally only one AZ or VPC. */
async function listFiltered(api: SdrsApi, az?: string, vpc?: string): Promise<Server[]> {
  const servers = await api.listServers();
  return servers.filter((s) => (!az || azOf(s) === az) && (!vpc || s.metadata?.vpc_id === vpc));
}

/** commander handler for `server list`. */
export async function serverListCommand(ctx: Context, _args: string[], opts: Record<string, unknown>): Promise<void> {
  const az = opts.az === undefined ? undefined : requireAz('--az', String(opts.az));
  const vpc = opts.vpc === undefined ? undefined : requireId('--vpc', String(opts.vpc));
  const api = await ctx.api();
  const servers = await listFiltered(api, az, vpc);
  if (ctx.globals.json) return printJson(ctx.io, servers);
  if (servers.length === 0) return say(ctx, 'No servers found.');
  printTable(ctx.io, ['ID', 'NAME', 'STATUS', 'AZ', 'VPC'], servers.map((s) => [s.id, s.name, s.status, azOf(s), s.metadata?.vpc_id]));
}

/** Throws a UsageError unless `ref` could be a server id or name. */
export function requireServerRef(ref: string): string {
  if (!isWellFormedId(ref) && !/^[\w.\-\u4e00-\u9fa5]{1,64}$/u.test(ref)) throw new UsageError(`server ${printable(ref)} is neither an id nor a server name`);
  return ref;
}

/**
 * Resolves ids (in any AZ) or names (narrowed by `az`); an ambiguous name is a
 * usage error naming the candidates.
 */
export async function resolveServers(api: SdrsApi, refs: string[], az?: string): Promise<Server[]> {
  const all = await listFiltered(api);
  const out = new Map<string, Server>();
  for (const ref of refs) {
    const byId = all.find((s) => s.id === ref);
    const byName = all.filter((s) => s.name === ref && (!az || azOf(s) === az));
    if (!byId && byName.length > 1) {
      throw new UsageError(`server name ${printable(ref)} matches ${byName.length} servers (${byName.map((s) => `${s.id} in ${azOf(s)}`).join(', ')}); pass an id or --az`);
    }
    const s = byId ?? byName[0];
    if (!s) throw new PreconditionError('SERVER_NOT_FOUND', `server ${printable(ref)} not found${az ? ` in ${az}` : ''}`, { hint: "List servers with 'sdrs server list'." });
    out.set(s.id, s);
  }
  return [...out.values()];
}

/** Options of powerServers. */
export interface PowerOptions {
  settings: WaitSettings;
  /** Progress label. @default "Stopping a, b" / "Starting a, b" */
  label?: string;
  /** Print one line per server and already-there notes on stderr. @default true */
  verbose?: boolean;
}

/**
 * Stops or starts the servers not yet in the wanted state (one ECS job), waits for
 * it and checks every server afterwards (exit 3 naming any that did not get there).
 * Returns the servers as read at the end; sends nothing when all are there already.
 */
export async function powerServers(ctx: Context, api: SdrsApi, servers: Server[], action: 'stop' | 'start', o: PowerOptions): Promise<Server[]> {
  const want = action === 'stop' ? 'SHUTOFF' : 'ACTIVE';
  const todo = servers.filter((s) => s.status !== want);
  if (o.verbose !== false) for (const s of servers.filter((x) => x.status === want)) say(ctx, `${s.name} (${s.id}) is already ${want}.`);
  if (todo.length === 0) return servers;
  const { job_id: jobId } = await api.serverAction(action === 'stop' ? 'os-stop' : 'os-start', todo.map((s) => s.id));
  await watch(ctx, api, o.settings, {
    jobId,
    kind: 'ecs',
    label: o.label ?? `${action === 'stop' ? 'Stopping' : 'Starting'} ${todo.map((s) => s.name).join(', ')}`,
    resumeCommand: `sdrs server ${action} ${todo.map((s) => s.id).join(' ')}`,
  });
  const after = await Promise.all(servers.map((s) => api.getServer(s.id)));
  if (o.verbose !== false && !ctx.globals.json) for (const s of after) say(ctx, `${s.name} (${s.id}) in ${azOf(s)}: ${s.status}`);
  const wrong = after.filter((s) => s.status !== want);
  if (wrong.length > 0) {
    throw new PreconditionError('SERVER_STATE', `ECS job ${jobId} finished but ${wrong.map((s) => `${s.name} is ${s.status}`).join(', ')}`, {
      hint: `Check with: sdrs server list --az ${azOf(wrong[0])}; resume: ${resumeCommand(jobId)}`,
      details: { job_id: jobId, servers: wrong.map((s) => ({ id: s.id, name: s.name, status: s.status })) },
    });
  }
  return after;
}

/** commander handler for `server stop` and `server start`. */
export function powerCommand(action: 'stop' | 'start') {
  return async (ctx: Context, args: string[], opts: Record<string, unknown>): Promise<void> => {
    if (args.length === 0) throw new UsageError(`missing server: pass one or more server ids or names`);
    for (const ref of args) requireServerRef(ref);
    const az = opts.az === undefined ? undefined : requireAz('--az', String(opts.az));
    const waitFlags = await parseWaitFlags(opts);
    if (action === 'stop') requireYes(ctx, opts.yes === true, 'stop servers');
    const api = await ctx.api();
    const servers = await resolveServers(api, args, az);
    const want = action === 'stop' ? 'SHUTOFF' : 'ACTIVE';
    const todo = servers.filter((s) => s.status !== want);
    if (todo.length === 0) {
      for (const s of servers) say(ctx, `${s.name} (${s.id}) is already ${want}.`);
      if (ctx.globals.json) printJson(ctx.io, servers);
      return;
    }
    if (action === 'stop') {
      await confirmOrCancel(ctx, opts.yes === true, `Stop ${todo.length} server(s): ${todo.map((s) => `${s.name} in ${azOf(s)}`).join(', ')}?`, 'stop');
    }
    const settings = await waitSettings(ctx, waitFlags);
    if (!settings.wait) {
      const { job_id: jobId } = await api.serverAction(action === 'stop' ? 'os-stop' : 'os-start', todo.map((s) => s.id));
      return reportNoWait(ctx, jobId, { server_ids: todo.map((s) => s.id) });
    }
    const after = await powerServers(ctx, api, servers, action, { settings });
    if (ctx.globals.json) printJson(ctx.io, after);
  };
}
