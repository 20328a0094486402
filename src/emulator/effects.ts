/**
 * What happens when a job ends. Group actions cascade to the group's
 * instances and pairs, which take the same final or `error-*` status.
 */
import type { Effect, GroupActionKind, JobRec, World } from './world.js';
import { STICKY_CHILD_STATUSES, drServerId, instancesOf, replicationsOf } from './world.js';

/** In-flight, success and failure statuses of each group action (reference 4.1). */
export const GROUP_ACTION_STATUSES: Record<GroupActionKind, { inFlight: string; ok: string; fail: string }> = {
  start: { inFlight: 'starting', ok: 'protected', fail: 'error-starting' },
  reprotect: { inFlight: 'reprotecting', ok: 'protected', fail: 'error-reprotecting' },
  stop: { inFlight: 'stopping', ok: 'available', fail: 'error-stopping' },
  reverse: { inFlight: 'reversing', ok: 'protected', fail: 'error-reversing' },
  failover: { inFlight: 'failing-over', ok: 'failed-over', fail: 'error-failing-over' },
};

/** Replication link state shown on pairs after each group status. */
function linkStatus(groupStatus: string): string {
  if (groupStatus === 'protected') return 'active';
  if (groupStatus === 'failed-over') return 'active-stopped';
  return 'inactive';
}

/** Sets a group's status and cascades it to children (except `invalid`/`fault` ones). */
export function setGroupStatus(w: World, groupId: string, status: string, now: number): void {
  const g = w.groups[groupId];
  if (!g) return;
  g.status = status;
  g.updatedAt = now;
  for (const pi of instancesOf(w, groupId)) {
    if (STICKY_CHILD_STATUSES.has(pi.status)) continue;
    pi.status = status;
    pi.updatedAt = now;
  }
  for (const rp of replicationsOf(w, groupId)) {
    if (STICKY_CHILD_STATUSES.has(rp.status)) continue;
    rp.status = status;
    rp.updatedAt = now;
    if (status === 'protected' || status === 'available' || status === 'failed-over') rp.replicationStatus = linkStatus(status);
  }
}

/** The resting status of a child of `groupId` (`protected` under a protected group, else `available`). */
export function restingChildStatus(w: World, groupId: string): string {
  return w.groups[groupId]?.status === 'protected' ? 'protected' : 'available';
}

/**
 * Drill servers whose boot has ended by `now` become ACTIVE. Returns true if any did.
 * Only drills' servers boot, so this looks at those (few) rather than every server on every request.
 */
export function finishBoots(w: World, now: number): boolean {
  let changed = false;
  for (const ref of Object.values(w.drills).flatMap((d) => d.servers)) {
    const s = w.servers[ref.drill_server_id];
    if (!s || s.bootUntil === undefined || s.bootUntil > now) continue;
    if (s.status === 'BUILD') s.status = 'ACTIVE';
    s.updatedAt = s.bootUntil;
    delete s.bootUntil;
    changed = true;
  }
  return changed;
}

/** Applies a finished job's effect; `ok` is false when the job failed. */
export function applyEffect(w: World, job: JobRec, now: number): void {
  const ok = job.fail === null;
  const e: Effect = job.effect;
  switch (e.kind) {
    case 'group-create': {
      const g = w.groups[e.groupId];
      if (g) {
        g.status = ok ? 'available' : 'error';
        g.progress = ok ? 100 : 0;
        g.updatedAt = now;
      }
      return;
    }
    case 'group-delete': {
      if (ok) delete w.groups[e.groupId];
      else if (w.groups[e.groupId]) setGroupStatus(w, e.groupId, 'error-deleting', now);
      return;
    }
    case 'group-action': {
      const g = w.groups[e.groupId];
      if (!g) return;
      const st = GROUP_ACTION_STATUSES[e.action];
      if (ok) {
        if (e.action === 'reverse' && e.station) g.priority = e.station;
        if (e.action === 'failover') g.priority = g.priority === 'source' ? 'target' : 'source';
      }
      setGroupStatus(w, g.id, ok ? st.ok : st.fail, now);
      if (!ok) {
        for (const rp of replicationsOf(w, g.id)) if (rp.status === st.fail) rp.failureDetail = job.fail!.code;
      }
      return;
    }
    case 'instance-create': {
      const pi = w.instances[e.instanceId];
      if (!pi) return;
      pi.status = ok ? restingChildStatus(w, pi.groupId) : 'error';
      pi.progress = ok ? 100 : 0;
      pi.updatedAt = now;
      return;
    }
    case 'instance-delete': {
      const pi = w.instances[e.instanceId];
      if (!pi) return;
      if (!ok) {
        pi.status = 'error-deleting';
        pi.updatedAt = now;
        return;
      }
      const g = w.groups[pi.groupId];
      for (const rp of Object.values(w.replications)) {
        rp.attachment = rp.attachment.filter((a) => a.protected_instance !== pi.id);
      }
      if (e.deleteTargetServer && g) {
        const drId = drServerId(g, pi);
        delete w.servers[drId];
        for (const v of Object.values(w.volumes)) if (v.serverId === drId) v.serverId = v.device = null;
      }
      delete w.instances[pi.id];
      return;
    }
    case 'replication-create': {
      const rp = w.replications[e.replicationId];
      if (!rp) return;
      rp.status = ok ? restingChildStatus(w, rp.groupId) : 'error';
      rp.replicationStatus = linkStatus(rp.status);
      rp.progress = ok ? 100 : 0;
      rp.failureDetail = ok ? null : job.fail!.code;
      rp.updatedAt = now;
      return;
    }
    case 'replication-delete': {
      const rp = w.replications[e.replicationId];
      if (!rp) return;
      if (!ok) {
        rp.status = 'error-deleting';
        rp.updatedAt = now;
        return;
      }
      if (e.deleteTargetVolume) {
        const g = w.groups[rp.groupId];
        const drVol = g && g.priority === 'target' ? rp.sourceVolume : rp.targetVolume;
        delete w.volumes[drVol];
      }
      delete w.replications[rp.id];
      return;
    }
    case 'attach':
    case 'detach': {
      const rp = w.replications[e.replicationId];
      const pi = w.instances[e.instanceId];
      if (!rp) return;
      rp.updatedAt = now;
      if (!ok) {
        rp.status = e.kind === 'attach' ? 'error-attaching' : 'error-detaching';
        rp.failureDetail = job.fail!.code;
        return;
      }
      rp.status = restingChildStatus(w, rp.groupId);
      if (e.kind === 'attach') {
        rp.attachment.push({ protected_instance: e.instanceId, device: e.device });
        pi?.attachment.push({ replication: rp.id, device: e.device });
        const g = w.groups[rp.groupId];
        if (g && pi) {
          // The DR disk is attached to the DR server under the same device name.
          const drVol = w.volumes[g.priority === 'source' ? rp.targetVolume : rp.sourceVolume];
          if (drVol) {
            drVol.serverId = drServerId(g, pi);
            drVol.device = e.device;
          }
        }
      } else {
        rp.attachment = rp.attachment.filter((a) => a.protected_instance !== e.instanceId);
        if (pi) pi.attachment = pi.attachment.filter((a) => a.replication !== rp.id);
      }
      return;
    }
    case 'drill-create': {
      const d = w.drills[e.drillId];
      if (!d) return;
      d.status = ok ? 'available' : 'error';
      d.updatedAt = now;
      for (const { drill_server_id: id } of d.servers) {
        const s = w.servers[id];
        if (!s) continue;
        s.updatedAt = now;
        if (!ok) {
          s.status = 'ERROR';
          delete s.bootUntil;
        } else if (e.bootMs > 0) {
          s.bootUntil = now + e.bootMs;
        } else {
          s.status = 'ACTIVE';
          delete s.bootUntil;
        }
      }
      const g = w.groups[d.groupId];
      if (ok && g) g.lastDrillAt = Math.max(g.lastDrillAt ?? 0, now);
      return;
    }
    case 'drill-delete': {
      const d = w.drills[e.drillId];
      if (!d) return;
      if (!ok) {
        d.status = 'error-deleting';
        d.updatedAt = now;
        return;
      }
      // Servers, disks and NICs go; the drill VPC and its subnets stay.
      for (const { drill_server_id: id } of d.servers) {
        delete w.servers[id];
        for (const v of Object.values(w.volumes)) if (v.serverId === id && v.role === 'drill') delete w.volumes[v.id];
      }
      delete w.drills[d.id];
      return;
    }
    case 'server-power': {
      if (!ok) return;
      for (const id of e.serverIds) {
        const s = w.servers[id];
        if (s) {
          s.status = e.status;
          s.updatedAt = now;
        }
      }
      return;
    }
  }
}
