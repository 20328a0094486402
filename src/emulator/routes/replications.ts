/** SDRS v1 replication pairs: reference 3.3 and 4.3. */
import { badRequest, notFound, sdrsError } from '../errors.js';
import { newUuid } from '../format.js';
import { signed } from '../http.js';
import type { RouteCtx, RouteDef } from '../http.js';
import { checkDescription, checkName, idList, isObject, page, wrapped } from '../validate.js';
import { replicationView } from '../views.js';
import { requireQuota } from '../readiness.js';
import type { Engine } from '../engine.js';
import type { ReplicationRec, VolumeRec } from '../world.js';
import { drAz, productionAz } from '../world.js';
import { childListFilter, getGroup } from './groups.js';

const BASE = '/v1/{project_id}/replications';

export function getReplication(engine: Engine, id: string): ReplicationRec {
  const rp = engine.world.replications[id];
  if (!rp) throw notFound.replication(id);
  return rp;
}

function list(ctx: RouteCtx) {
  const { engine, query: q } = ctx;
  const w = engine.world;
  const filter = childListFilter(w, q);
  const instanceIds = idList(q, 'protected_instance_ids') ?? (q.get('protected_instance_id') ? [q.get('protected_instance_id')!] : undefined);
  const matches = Object.values(w.replications).filter(
    (rp) => filter.matches(rp) && (!instanceIds || rp.attachment.some((a) => instanceIds.includes(a.protected_instance))),
  );
  const { items, count } = page(matches, q);
  return { replications: items.map((rp) => replicationView(w, rp)), count };
}

function create(ctx: RouteCtx) {
  const { engine } = ctx;
  const w = engine.world;
  const b = wrapped(ctx.body, 'replication');
  if (typeof b.server_group_id !== 'string') throw badRequest('server_group_id is required');
  const g = getGroup(engine, b.server_group_id);
  const name = checkName(b.name);
  const description = checkDescription(b.description);
  if (!['available', 'protected'].includes(g.status)) {
    throw sdrsError('SDRS.1024', `Cannot create a replication pair in a protection group that is ${g.status}.`);
  }
  const vol = typeof b.volume_id === 'string' ? w.volumes[b.volume_id] : undefined;
  if (!vol) throw sdrsError('SDRS.0211', `Invalid disk ID: ${String(b.volume_id)}.`);
  if (vol.az !== productionAz(g)) throw sdrsError('SDRS.1803', `The disk is in ${vol.az}, not in the group's production AZ ${productionAz(g)}.`);
  const used = Object.values(w.replications).some((rp) => rp.sourceVolume === vol.id || rp.targetVolume === vol.id);
  if (used || vol.role === 'dr' || vol.role === 'drill') throw sdrsError('SDRS.1804', `The disk ${vol.id} is already used by a replication pair.`);
  requireQuota(w, engine.readiness, 'replications');
  const now = engine.now();
  // The DR disk is created at once in the DR AZ, unattached.
  const drVol: VolumeRec = { ...vol, id: newUuid(), name: `${vol.name}-dr`, az: drAz(g), serverId: null, device: null, role: 'dr', createdAt: now };
  w.volumes[drVol.id] = drVol;
  const rp: ReplicationRec = {
    id: newUuid(),
    name,
    description,
    groupId: g.id,
    status: 'creating',
    sourceVolume: g.priority === 'source' ? vol.id : drVol.id,
    targetVolume: g.priority === 'source' ? drVol.id : vol.id,
    attachment: [],
    replicationStatus: 'copying',
    progress: 0,
    failureDetail: null,
    faultLevel: '0',
    createdAt: now,
    updatedAt: now,
  };
  w.replications[rp.id] = rp;
  const job = engine.startJob({
    type: 'createReplicationPairNoCG',
    entities: { server_group_id: g.id, replication_pair_id: rp.id, volume_ids: `${rp.sourceVolume},${rp.targetVolume}` },
    effect: { kind: 'replication-create', replicationId: rp.id },
  });
  return { job_id: job.id };
}

function rename(ctx: RouteCtx) {
  const rp = getReplication(ctx.engine, ctx.params.replication_id);
  rp.name = checkName(wrapped(ctx.body, 'replication').name);
  rp.updatedAt = ctx.engine.now();
  ctx.engine.touch();
  return { replication: replicationView(ctx.engine.world, rp) };
}

const GROUP_OK = ['available', 'protected', 'failed-over', 'error-starting', 'error-stopping', 'error-reversing', 'error-failing-over', 'error-deleting', 'error-reprotecting'];
const PAIR_OK = [
  'available', 'protected', 'failed-over', 'error', 'error-starting', 'error-stopping', 'error-reversing', 'error-failing-over',
  'error-deleting', 'error-reprotecting', 'error-attaching', 'error-extending', 'invalid', 'fault',
];

function remove(ctx: RouteCtx) {
  const { engine } = ctx;
  const rp = getReplication(engine, ctx.params.replication_id);
  const b = ctx.body === undefined ? {} : ctx.body;
  if (!isObject(b)) throw badRequest('the body must be a JSON object');
  const opts = b.replication === undefined ? {} : b.replication;
  if (!isObject(opts)) throw badRequest('"replication" must be an object');
  if (opts.server_group_id !== undefined && opts.server_group_id !== rp.groupId) {
    throw sdrsError('SDRS.1611', `The replication pair ${rp.id} is not in the protection group ${String(opts.server_group_id)}.`);
  }
  if (opts.delete_target_volume !== undefined && typeof opts.delete_target_volume !== 'boolean') throw badRequest('delete_target_volume must be a boolean');
  const g = getGroup(engine, rp.groupId);
  if (!GROUP_OK.includes(g.status)) throw sdrsError('SDRS.1024', `Cannot delete a replication pair while the protection group is ${g.status}.`);
  if (rp.attachment.length) throw sdrsError('SDRS.1605', `The replication pair ${rp.id} is attached to a protected instance; detach it first.`);
  if (!PAIR_OK.includes(rp.status)) throw sdrsError('SDRS.0214', `The replication pair ${rp.id} cannot be deleted while ${rp.status}.`);
  rp.status = 'deleting';
  rp.updatedAt = engine.now();
  const job = engine.startJob({
    type: 'deleteReplicationPairNoCG',
    entities: { server_group_id: rp.groupId, replication_pair_id: rp.id },
    effect: { kind: 'replication-delete', replicationId: rp.id, deleteTargetVolume: opts.delete_target_volume === true },
  });
  return { job_id: job.id };
}

export const replicationRoutes: RouteDef[] = [
  signed('GET', BASE, list),
  signed('POST', BASE, create),
  signed('GET', `${BASE}/{replication_id}`, (ctx) => ({
    replication: replicationView(ctx.engine.world, getReplication(ctx.engine, ctx.params.replication_id)),
  })),
  signed('PUT', `${BASE}/{replication_id}`, rename),
  signed('DELETE', `${BASE}/{replication_id}`, remove),
];
