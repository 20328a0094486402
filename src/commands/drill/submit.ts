/**
 * Sending a drill's create and delete once and waiting for them, shared by `drill create`,
 * `drill delete` and `drill run`. A lost answer is never re-sent: the reconcile reads the
 * drills, and a create (a new drill of this name in the group) or a delete (the drill
 * deleting or gone) shown under way is followed by the drill's status.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { CreateDrillBody, DisasterRecoveryDrill, ServerGroup } from '../../api/types.js';
import { ApiError, ExitCode, JobFailedError, UnknownOutcomeError, type SdrsError, safeLine } from '../../errors.js';
import { DRILL_IN_PROGRESS } from '../../api/rules.js';
import { followAccepted, sendOrFollow, type Reconciled, type Sent } from '../shared/mutation.js';
import { asFinal } from '../shared/sent.js';
import { watch, type WaitSettings } from '../shared/wait.js';
import { cleanupCommand, drillServers, type DrillServerView } from './common.js';
import { en, join, t, text, type Text } from '../../i18n/index.js';
import { drillMsg as M } from '../../i18n/catalog/drill.js';

/** What a drill change followed by its state (no job id) follows: the drill's id. */
export interface DrillFollow {
  drillId: string;
}

/** The drill codes that say "no such drill" (invalid id, empty id, not found). */
const DRILL_GONE = new Set(['SDRS.1900', 'SDRS.1901', 'SDRS.1902']);

/** True when the error says the drill does not exist. */
export const isDrillGone = (err: unknown): boolean => err instanceof ApiError && (DRILL_GONE.has(err.apiCode) || err.status === 404);

/** The drills of the group named exactly `name`. */
async function sameNamed(api: SdrsApi, groupId: string, name: string): Promise<DisasterRecoveryDrill[]> {
  return (await api.listAllDrills({ server_group_id: groupId, name })).filter((d) => d.name === name && d.server_group_id === groupId);
}

/** Sends the create once. The drills of this name that exist before are never taken for this request's. */
export async function sendCreate(ctx: Context, api: SdrsApi, g: ServerGroup, body: CreateDrillBody): Promise<Sent<{ job_id: string }, DrillFollow>> {
  const before = await sameNamed(api, g.id, body.name).then((ds) => new Set(ds.map((d) => d.id)), () => undefined);
  const checkHint = `sdrs drill list --group ${g.id}`;
  return sendOrFollow<{ job_id: string }, DrillFollow>(ctx, {
    operation: `Creating DR drill ${safeLine(body.name)} of group ${safeLine(g.name)}`,
    operationText: text(M.opCreating, { drill: safeLine(body.name), group: safeLine(g.name) }),
    send: () => api.createDrill(body),
    checkHint,
    details: { group_id: g.id, drill_name: body.name },
    reconcile: async (err): Promise<Reconciled<DrillFollow>> => {
      const now = await sameNamed(api, g.id, body.name);
      const fresh = before ? now.filter((d) => !before.has(d.id)) : [];
      if (fresh.length === 1) {
        const seenText = text(M.seenAppeared, { id: fresh[0].id, status: fresh[0].status });
        return { kind: 'accepted', seen: seenText.en, seenText, follow: { drillId: fresh[0].id } };
      }
      return new UnknownOutcomeError(text(fresh.length ? M.createUnknownSome : M.createUnknownNone, { message: err.text, n: fresh.length }), {
        hint: text(M.noResend, { check: checkHint }), details: { ...err.details, group_id: g.id, candidate_drill_ids: fresh.map((d) => d.id) }, cause: err,
      });
    },
  });
}

/** The drill after its create job: `available`, or exit 5 with what exists and the cleanup command. */
export async function waitCreated(ctx: Context, api: SdrsApi, settings: WaitSettings, g: ServerGroup, name: string, sent: Sent<{ job_id: string }, DrillFollow>): Promise<DisasterRecoveryDrill> {
  const label = t(M.opCreating, { drill: name, group: safeLine(g.name) });
  let id: string | undefined;
  if (sent.kind === 'job') {
    try {
      const w = await watch(ctx, api, settings, { jobId: sent.jobId, groupId: g.id, checkGroup: false, label, checkHint: `sdrs drill list --group ${g.id}` });
      id = w.job.entities.disaster_recovery_drill_id;
    } catch (err) {
      throw await withWhatExists(api, g, name, sent.jobId, err as SdrsError);
    }
    if (!id) id = (await sameNamed(api, g.id, name)).find((d) => d.status === 'available')?.id;
    if (!id) throw new JobFailedError(text(M.jobNoDrill, { job: sent.jobId, name, group: safeLine(g.name) }), { details: { job_id: sent.jobId, group_id: g.id } });
    const d = await api.getDrill(id);
    if (d.status !== 'available') throw drillEndedBadly(d, text(M.jobDrillStatus, { job: sent.jobId, drill: safeLine(d.name), status: d.status }));
    return d;
  }
  // drillFollow(…, 'available') ends only with the drill read as available.
  return (await followAccepted(ctx, settings, sent, drillFollow(api, sent.follow.drillId, 'available')))!;
}

/** A drill that ended in a status it should not: exit 5, with the cleanup command. */
export function drillEndedBadly(d: DisasterRecoveryDrill, why: Text, jobId?: string): JobFailedError {
  return new JobFailedError(why, {
    code: 'DRILL_ERROR',
    hint: text(M.drillEndedHint, { drill: safeLine(d.name), id: d.id, status: d.status, cleanup: cleanupCommand(d) }),
    details: { drill_id: d.id, drill_status: d.status, group_id: d.server_group_id, cleanup_command: cleanupCommand(d), ...(jobId ? { job_id: jobId } : {}) },
  });
}

/** A failed create job: the error keeps its code and exit code and adds what exists now and the cleanup command. */
async function withWhatExists(api: SdrsApi, g: ServerGroup, name: string, jobId: string, err: SdrsError): Promise<SdrsError> {
  // The watch reports a failed job in the after-send form (an SdrsError with exit 5, not a JobFailedError).
  if (err.exitCode !== ExitCode.JOB_FAILED) return err;
  let drills: DisasterRecoveryDrill[] = [];
  try {
    drills = await sameNamed(api, g.id, name);
  } catch {
    // Said below: what exists could not be read.
  }
  const exists = drills.length
    ? text(M.whatExists, {
      list: join(drills.map((d) => text(M.whatExistsItem, { drill: safeLine(d.name), id: d.id, status: d.status, n: d.drill_servers?.length ?? 0 })), '; '),
      cleanup: drills.map(cleanupCommand).join(' ; '),
    })
    : text(M.whatExistsNone, { name, group: g.id });
  return asFinal(new JobFailedError(err.text, {
    code: err.code,
    hint: err.hintText ? join([err.hintText, exists], ' ') : exists,
    details: { ...err.details, job_id: jobId, group_id: g.id, drill_ids: drills.map((d) => d.id), ...(drills[0] ? { cleanup_command: cleanupCommand(drills[0]) } : {}) },
    cause: err,
  }));
}

/** Follows a drill by its status until `until` (or gone, for a delete); an error status is exit 5. */
export function drillFollow(api: SdrsApi, drillId: string, until: 'available' | 'gone') {
  return {
    label: `DR drill ${drillId}`,
    labelText: text(M.followDrill, { id: drillId }),
    checkHint: `sdrs drill show ${drillId}`,
    read: async (): Promise<DisasterRecoveryDrill | undefined> => {
      try {
        return await api.getDrill(drillId);
      } catch (err) {
        if (isDrillGone(err)) return undefined;
        throw err;
      }
    },
    judge: (d: DisasterRecoveryDrill | undefined): { status: string; end?: true | SdrsError } => {
      if (!d) return until === 'gone' ? { status: 'deleted', end: true } : { status: 'gone', end: new JobFailedError(text(M.drillGone, { id: drillId }), { code: 'DRILL_ERROR', details: { drill_id: drillId } }) };
      if (DRILL_IN_PROGRESS.has(d.status)) return { status: d.status };
      if (until === 'available' && d.status === 'available') return { status: d.status, end: true };
      return { status: d.status, end: drillEndedBadly(d, text(M.drillIsStatus, { drill: safeLine(d.name), status: d.status })) };
    },
  };
}

/** Sends the delete once; a lost answer is followed when the drill shows deleting or is gone. */
export async function sendDelete(ctx: Context, api: SdrsApi, d: DisasterRecoveryDrill): Promise<Sent<{ job_id: string }, DrillFollow>> {
  return sendOrFollow<{ job_id: string }, DrillFollow>(ctx, {
    operation: `Deleting DR drill ${safeLine(d.name)}`,
    operationText: text(M.opDeleting, { drill: safeLine(d.name) }),
    send: () => api.deleteDrill(d.id),
    checkHint: `sdrs drill show ${d.id}`,
    details: { drill_id: d.id, group_id: d.server_group_id },
    reconcile: async (err): Promise<Reconciled<DrillFollow>> => {
      let now: DisasterRecoveryDrill | undefined;
      try {
        now = await api.getDrill(d.id);
      } catch (e) {
        if (!isDrillGone(e)) throw e;
        return { kind: 'accepted', seen: en(M.seenGone), seenText: text(M.seenGone), follow: { drillId: d.id } };
      }
      if (now.status === 'deleting') return { kind: 'accepted', seen: en(M.seenDeleting), seenText: text(M.seenDeleting), follow: { drillId: d.id } };
      return new UnknownOutcomeError(text(M.deleteUnknown, { message: err.text, status: now.status }), {
        hint: text(M.noResend, { check: `sdrs drill show ${d.id}` }), details: { ...err.details, drill_id: d.id, drill_status: now.status }, cause: err,
      });
    },
  });
}

/** Waits for the delete and checks the drill is gone (exit 5 when it is left in error-deleting). */
export async function waitDeleted(ctx: Context, api: SdrsApi, settings: WaitSettings, d: DisasterRecoveryDrill, sent: Sent<{ job_id: string }, DrillFollow>): Promise<string | undefined> {
  if (sent.kind !== 'job') {
    await followAccepted(ctx, settings, sent, drillFollow(api, d.id, 'gone'));
    return undefined;
  }
  await watch(ctx, api, settings, { jobId: sent.jobId, groupId: d.server_group_id, checkGroup: false, label: t(M.opDeleting, { drill: safeLine(d.name) }), checkHint: `sdrs drill show ${d.id}` });
  let left: DisasterRecoveryDrill | undefined;
  try {
    left = await api.getDrill(d.id);
  } catch (err) {
    if (!isDrillGone(err)) throw err;
  }
  if (left) throw drillEndedBadly(left, text(M.jobDrillLeft, { job: sent.jobId, drill: safeLine(left.name), status: left.status }), sent.jobId);
  return sent.jobId;
}

/** Follows the drill's servers until every one is ACTIVE; an ERROR server or a drill leaving `available` is exit 5. */
export function serversFollow(api: SdrsApi, d0: DisasterRecoveryDrill) {
  return {
    label: `drill servers of ${safeLine(d0.name)}`,
    labelText: text(M.followDrillServers, { drill: safeLine(d0.name) }),
    checkHint: `sdrs drill show ${d0.id}`,
    read: async () => {
      const drill = await api.getDrill(d0.id);
      return { drill, servers: await drillServers(api, drill) };
    },
    judge: (v: { drill: DisasterRecoveryDrill; servers: DrillServerView[] }): { status: string; end?: true | SdrsError } => {
      const active = v.servers.filter((s) => s.status === 'ACTIVE').length;
      const others = v.servers.filter((s) => s.status !== 'ACTIVE').map((s) => `${safeLine(s.name ?? s.drill_server_id)} ${s.status}`);
      const status = `${active}/${v.servers.length} ACTIVE${others.length ? ` (${others.join(', ')})` : ''}`;
      if (v.drill.status !== 'available') return { status, end: drillEndedBadly(v.drill, text(M.drillLeftAvailable, { drill: safeLine(v.drill.name), status: v.drill.status })) };
      const broken = v.servers.filter((s) => s.status === 'ERROR');
      if (broken.length) return { status, end: drillEndedBadly(v.drill, text(M.serversInError, { list: broken.map((s) => safeLine(s.name ?? s.drill_server_id)).join(', ') })) };
      return active === v.servers.length ? { status, end: true } : { status };
    },
  };
}
