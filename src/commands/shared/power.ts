/** Stopping and starting ECS servers and waiting for them (server stop/start, and the switchover's phases). */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { Server } from '../../api/types.js';
import { PreconditionError } from '../../errors.js';
import { serverAz } from './resolve.js';
import { say } from './ui.js';
import { resumeCommand, watch, type WaitSettings } from './wait.js';

/** Options of powerServers. */
export interface PowerOptions {
  settings: WaitSettings;
  /** Progress label. @default "Stopping a, b" / "Starting a, b" */
  label?: string;
  /** Print one line per server and already-there notes on stderr. @default true */
  verbose?: boolean;
  /** Called with the ECS job id as soon as it is known. */
  onJob?: (jobId: string) => void;
}

/** The ECS action and the status it ends in. */
export const POWER = {
  stop: { action: 'os-stop', want: 'SHUTOFF' },
  start: { action: 'os-start', want: 'ACTIVE' },
} as const;

/**
 * Stops or starts the servers not yet in the wanted state (one ECS job), waits for
 * it and checks every server afterwards (exit 3 naming any that did not get there).
 * Returns the servers as read at the end; sends nothing when all are there already.
 */
export async function powerServers(ctx: Context, api: SdrsApi, servers: Server[], action: 'stop' | 'start', o: PowerOptions): Promise<Server[]> {
  const { want } = POWER[action];
  const todo = servers.filter((s) => s.status !== want);
  if (o.verbose !== false) for (const s of servers.filter((x) => x.status === want)) say(ctx, `${s.name} (${s.id}) is already ${want}.`);
  if (todo.length === 0) return servers;
  const { job_id: jobId } = await api.serverAction(POWER[action].action, todo.map((s) => s.id));
  o.onJob?.(jobId);
  await watch(ctx, api, o.settings, {
    jobId,
    kind: 'ecs',
    label: o.label ?? `${action === 'stop' ? 'Stopping' : 'Starting'} ${todo.map((s) => s.name).join(', ')}`,
    resumeCommand: `sdrs server ${action} ${todo.map((s) => s.id).join(' ')}`,
  });
  const after = await Promise.all(servers.map((s) => api.getServer(s.id)));
  if (o.verbose !== false && !ctx.globals.json) for (const s of after) say(ctx, `${s.name} (${s.id}) in ${serverAz(s)}: ${s.status}`);
  const wrong = after.filter((s) => s.status !== want);
  if (wrong.length > 0) {
    throw new PreconditionError('SERVER_STATE', `ECS job ${jobId} finished but ${wrong.map((s) => `${s.name} is ${s.status}`).join(', ')}`, {
      hint: `Check with: sdrs server list --az ${serverAz(wrong[0])}; resume: ${resumeCommand(jobId)}`,
      details: { job_id: jobId, servers: wrong.map((s) => ({ id: s.id, name: s.name, status: s.status })) },
    });
  }
  return after;
}
