/** Stopping and starting ECS servers and waiting for them (server stop/start, and the switchover's phases). */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, Server, ServerGroup } from '../../api/types.js';
import { DR_SERVERS_STOPPED_IN } from '../../api/rules.js';
import { JobFailedError, UnknownOutcomeError, safeLine } from '../../errors.js';
import { azOf, otherSide } from './sites.js';
import { serverAt } from './snapshot.js';
import { followAccepted, sendOrFollow, type Reconcile, type SendRequest } from './mutation.js';
import { serverAz } from './resolve.js';
import { say } from './ui.js';
import { follow, watch, type FollowRequest, type WaitSettings } from './wait.js';
import { local, t, text, verbatim, type Text } from '../../i18n/index.js';
import { joinList } from '../../i18n/compose.js';
import { server as M } from '../../i18n/catalog/readiness.js';

/** Options of powerServers. */
export interface PowerOptions {
  settings: WaitSettings;
  /** Progress label. @default "Stopping a, b" / "Starting a, b" */
  label?: string;
  /** `label` in both languages, for people. @default "Stopping a, b" / "Starting a, b" */
  labelText?: Text;
  /** Print one line per server and already-there notes on stderr. @default true */
  verbose?: boolean;
  /** Called with the ECS job id as soon as it is known. */
  onJob?: (jobId: string) => void;
}

/** The ECS action and the status it ends in. */
export const POWER = {
  stop: { action: 'os-stop', want: 'SHUTOFF', moving: 'powering-off', verb: 'Stopping' },
  start: { action: 'os-start', want: 'ACTIVE', moving: 'powering-on', verb: 'Starting' },
} as const;

/** The command that shows the servers' power state. */
export function powerCheckHint(servers: Server[]): string {
  const azs = new Set(servers.map(serverAz));
  return `sdrs server list${azs.size === 1 ? ` --az ${[...azs][0]}` : ''}`;
}

const taskState = (s: Server) => String(s['OS-EXT-STS:task_state'] ?? '');

/**
 * The one power request (os-stop/os-start of `todo`), sent once. After an unknown
 * outcome the servers are read: all (or some) already in the wanted state, or
 * powering on/off, shows it accepted (followed until every one is there); servers
 * that show no change say nothing (exit 7 with how to check).
 */
export function powerRequest(api: SdrsApi, todo: Server[], action: 'stop' | 'start', label?: string, labelText?: Text): SendRequest<{ job_id: string }, Server[]> {
  const p = POWER[action];
  const ids = todo.map((s) => s.id);
  const checkHint = powerCheckHint(todo);
  const reconcile: Reconcile<Server[]> = async (err) => {
    let now: Server[] | undefined;
    try {
      now = await Promise.all(ids.map((id) => api.getServer(id)));
    } catch {
      // Still failing: said below.
    }
    const there = now?.filter((s) => s.status === p.want) ?? [];
    const moving = now?.filter((s) => taskState(s) === p.moving) ?? [];
    if (now && (there.length > 0 || moving.length > 0)) {
      const items = [...there.map((s) => text(M.wrongItem, { name: safeLine(s.name), status: p.want })), ...moving.map((s) => text(M.wrongItem, { name: safeLine(s.name), status: p.moving }))];
      const seenText = there.length === now.length
        ? text(action === 'stop' ? M.seenAllStopped : M.seenAllStarted, { want: p.want })
        : text(M.seenSome, { list: { en: items.map((i) => i.en).join(', '), zh: items.map((i) => i.zh).join('，') } });
      return { kind: 'accepted', seen: seenText.en, seenText, follow: now };
    }
    const message = now
      ? text(M.noChange, { message: err.text, list: joinList(now.map((s) => `${safeLine(s.name)} ${s.status}`)) })
      : text(M.maybe, { message: err.text });
    return new UnknownOutcomeError(message, {
      hint: text(M.checkWith, { cmd: checkHint }),
      details: { ...err.details, server_ids: ids, ...(now ? { servers: now.map((s) => ({ id: s.id, name: s.name, status: s.status })) } : {}) },
      cause: err,
    });
  };
  return {
    operation: label ?? `${p.verb} ${todo.map((s) => s.name).join(', ')}`,
    operationText: labelText ?? (label !== undefined ? verbatim(label) : text(action === 'stop' ? M.opStopping : M.opStarting, { names: joinList(todo.map((s) => s.name)) })),
    send: () => api.serverAction(p.action, ids),
    reconcile,
    checkHint,
    details: { server_ids: ids },
    // An ECS job is not an SDRS one (sdrs job wait reads SDRS jobs): re-running the command resumes.
    resume: () => `sdrs server ${action} ${ids.join(' ')}`,
  };
}

/**
 * Stops or starts the servers not yet in the wanted state (one ECS job), waits for
 * it and checks every server afterwards (exit 5 naming any that did not get there).
 * Returns the servers as read at the end; sends nothing when all are there already.
 * An unknown outcome is reconciled by reading the servers (powerRequest), never re-sent.
 */
export async function powerServers(ctx: Context, api: SdrsApi, servers: Server[], action: 'stop' | 'start', o: PowerOptions): Promise<Server[]> {
  const { want, moving: towards } = POWER[action];
  // A server already powering off (on) has had its request accepted (by an earlier, interrupted
  // run): it is followed, never sent the same request again.
  const moving = servers.filter((s) => s.status !== want && taskState(s) === towards);
  const todo = servers.filter((s) => s.status !== want && taskState(s) !== towards);
  if (o.verbose !== false) for (const s of servers.filter((x) => x.status === want)) say(ctx, t(M.already, { name: safeLine(s.name), id: s.id, want }));
  if (todo.length === 0 && moving.length === 0) return servers;
  if (moving.length > 0) say(ctx, t(M.movingAlready, { names: joinList(moving.map((s) => safeLine(s.name))), state: towards }));
  const label = o.label ?? `${POWER[action].verb} ${[...todo, ...moving].map((s) => s.name).join(', ')}`;
  const labelText = o.labelText ?? (o.label !== undefined ? verbatim(o.label) : text(action === 'stop' ? M.opStopping : M.opStarting, { names: joinList([...todo, ...moving].map((s) => s.name)) }));
  const req = powerRequest(api, todo.length > 0 ? todo : moving, action, label, labelText);
  const followServers = (list: Server[]): FollowRequest<Server[]> => ({
    label: `servers ${list.map((s) => s.name).join(', ')}`,
    labelText: text(M.followingServers, { names: joinList(list.map((s) => s.name)) }),
    read: () => Promise.all(list.map((s) => api.getServer(s.id))),
    judge: (now) => ({
      status: now.map((s) => `${safeLine(s.name)} ${s.status}${taskState(s) ? ` (${taskState(s)})` : ''}`).join(', '),
      end: now.every((s) => s.status === want) ? true : now.some((s) => s.status === 'ERROR') ? new JobFailedError(text(M.inError, { label: { en: label, zh: labelText.zh } }), { code: 'SERVER_STATE' }) : undefined,
    }),
    checkHint: req.checkHint,
  });
  let jobId: string | undefined;
  if (todo.length > 0) {
    const sent = await sendOrFollow(ctx, req);
    if (sent.kind === 'job') {
      jobId = sent.jobId;
      o.onJob?.(jobId);
      await watch(ctx, api, o.settings, { jobId, kind: 'ecs', label: local(labelText), resumeCommand: req.resume!(jobId) });
    } else {
      // The answer (with the job id) was lost, but the servers show the change: followed until every one is there.
      await followAccepted(ctx, o.settings, sent, followServers(todo));
    }
  }
  if (moving.length > 0) await follow(ctx, o.settings, followServers(moving));
  const after = await Promise.all(servers.map((s) => api.getServer(s.id)));
  if (o.verbose !== false && !ctx.globals.json) for (const s of after) say(ctx, t(M.after, { name: safeLine(s.name), id: s.id, az: serverAz(s), status: s.status }));
  const wrong = after.filter((s) => s.status !== want);
  if (wrong.length > 0) {
    const items = wrong.map((s) => text(M.wrongItem, { name: safeLine(s.name), status: s.status }));
    const list: Text = { en: items.map((i) => i.en).join(', '), zh: items.map((i) => i.zh).join('，') };
    const message = jobId ? text(M.wrongJob, { job: jobId, list }) : text(M.wrongFollowed, { action: text(action === 'stop' ? M.actStop : M.actStart), list });
    throw new JobFailedError(message, {
      code: 'SERVER_STATE',
      hint: text(M.wrongHint, { az: serverAz(wrong[0]), cmd: req.resume!(jobId ?? '') }),
      details: { ...(jobId ? { job_id: jobId } : {}), servers: wrong.map((s) => ({ id: s.id, name: s.name, status: s.status })) },
    });
  }
  return after;
}

/** A server that is the DR-site copy of a protected instance whose group keeps it stopped. */
export interface DrSiteServer {
  server: Server;
  instance: ProtectedInstance;
  group: ServerGroup;
}

/**
 * Which of `servers` are DR-site servers (the side opposite the group's `priority_station`)
 * of a group in a status that keeps them stopped (api/rules.ts DR_SERVERS_STOPPED_IN): one
 * listing of the protected instances, then each group concerned read once.
 */
export async function drSiteServers(api: SdrsApi, servers: Server[]): Promise<DrSiteServer[]> {
  const ids = new Set(servers.map((s) => s.id));
  const instances = (await api.listAllInstances()).filter((pi) => ids.has(pi.source_server) || ids.has(pi.target_server));
  const groups = new Map<string, ServerGroup>();
  for (const gid of new Set(instances.map((pi) => pi.server_group_id))) groups.set(gid, await api.getGroup(gid));
  const found: DrSiteServer[] = [];
  for (const instance of instances) {
    const group = groups.get(instance.server_group_id)!;
    if (!DR_SERVERS_STOPPED_IN.has(group.status)) continue;
    const server = servers.find((s) => s.id === serverAt(instance, otherSide(group.priority_station)));
    if (server) found.push({ server, instance, group });
  }
  return found;
}

/** One line per DR-site server: which group keeps it stopped and where production runs, in both languages. */
export function describeDrSiteText(found: DrSiteServer[]): Text {
  const each = found.map(({ server, instance, group }) => text(M.drSiteOne, {
    name: safeLine(server.name), id: safeLine(server.id), az: safeLine(serverAz(server)), instance: safeLine(instance.name), group: safeLine(group.name),
    status: safeLine(group.status), prodAz: azOf(group, group.priority_station), station: group.priority_station,
  }));
  return { en: each.map((x) => x.en).join('; '), zh: each.map((x) => x.zh).join('；') };
}

/** One line per DR-site server: which group keeps it stopped and where production runs. English. */
export function describeDrSite(found: DrSiteServer[]): string {
  return describeDrSiteText(found).en;
}
