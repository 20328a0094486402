/** SDRS v1 protected instances, attach and detach: reference 3.2 and 4.2. */
import { badRequest, notFound, sdrsError } from '../errors.js';
import { newUuid } from '../format.js';
import { signed, unserved } from '../http.js';
import type { RouteCtx, RouteDef } from '../http.js';
import { addServer } from '../seed.js';
import { checkDescription, checkName, idList, isObject, page, wrapped } from '../validate.js';
import { instanceView } from '../views.js';
import type { Engine } from '../engine.js';
import type { InstanceRec } from '../world.js';
import { drAz, productionAz } from '../world.js';
import { childListFilter, getGroup } from './groups.js';
import { getReplication } from './replications.js';

const BASE = '/v1/{project_id}/protected-instances';

export function getInstance(engine: Engine, id: string): InstanceRec {
  const pi = engine.world.instances[id];
  if (!pi) throw notFound.instance(id);
  return pi;
}

function list(ctx: RouteCtx) {
  const { engine, query: q } = ctx;
  const w = engine.world;
  const filter = childListFilter(w, q);
  // Precedence (reference 3.2): server_group_ids beats server_group_id; either makes protected_instance_ids ignored.
  const instanceIds = filter.groupIds ? undefined : idList(q, 'protected_instance_ids');
  const matches = Object.values(w.instances).filter((pi) => filter.matches(pi) && (!instanceIds || instanceIds.includes(pi.id)));
  const { items, count } = page(matches, q);
  return { protected_instances: items.map((pi) => instanceView(w, pi)), count };
}

function create(ctx: RouteCtx) {
  const { engine } = ctx;
  const w = engine.world;
  const b = wrapped(ctx.body, 'protected_instance');
  if (typeof b.server_group_id !== 'string') throw badRequest('server_group_id is required');
  const g = getGroup(engine, b.server_group_id);
  const name = checkName(b.name);
  const description = checkDescription(b.description);
  if (b.primary_ip_address !== undefined && b.primary_subnet_id === undefined) {
    throw sdrsError('SDRS.1380', 'primary_ip_address requires primary_subnet_id.');
  }
  if (!['available', 'protected'].includes(g.status)) {
    throw sdrsError('SDRS.1323', `Cannot create a protected instance in a protection group that is ${g.status}.`);
  }
  const server = typeof b.server_id === 'string' ? w.servers[b.server_id] : undefined;
  if (!server) throw sdrsError('SDRS.1326', `The server ${String(b.server_id)} does not exist.`);
  if (server.az !== productionAz(g)) {
    throw sdrsError('SDRS.1303', `The server is in ${server.az}, not in the group's production AZ ${productionAz(g)}.`);
  }
  if (server.vpcId !== g.vpcId) throw sdrsError('SDRS.1304', `The server's VPC ${server.vpcId} is not the group's VPC ${g.vpcId}.`);
  const used = Object.values(w.instances).some((pi) => pi.sourceServer === server.id || pi.targetServer === server.id);
  if (used || server.role === 'dr') throw sdrsError('SDRS.1305', `The server ${server.id} is already protected.`);
  if (server.role === 'drill') throw sdrsError('SDRS.1305', `The server ${server.id} is a DR drill server; it cannot be protected.`);
  const now = engine.now();
  // The DR server is created at once in the DR AZ, stopped, like the real service does.
  const dr = addServer(w, { id: newUuid(), name: server.name, az: drAz(g), vpcId: g.vpcId, status: 'SHUTOFF', now, role: 'dr', flavor: typeof b.flavorRef === 'string' ? b.flavorRef : server.flavor, volumeIds: [] }).server;
  const pi: InstanceRec = {
    id: newUuid(),
    name,
    description,
    groupId: g.id,
    status: 'creating',
    progress: 0,
    sourceServer: g.priority === 'source' ? server.id : dr.id,
    targetServer: g.priority === 'source' ? dr.id : server.id,
    attachment: [],
    tags: Array.isArray(b.tags) ? (b.tags as { key: string; value: string }[]).slice(0, 10) : [],
    metadata: {},
    createdAt: now,
    updatedAt: now,
  };
  w.instances[pi.id] = pi;
  const job = engine.startJob({
    type: 'createProtectedInstanceNoCG',
    entities: { server_group_id: g.id, protected_instance_id: pi.id, native_server_id: dr.id },
    effect: { kind: 'instance-create', instanceId: pi.id },
  });
  return { job_id: job.id };
}

function rename(ctx: RouteCtx) {
  const pi = getInstance(ctx.engine, ctx.params.protected_instance_id);
  pi.name = checkName(wrapped(ctx.body, 'protected_instance').name);
  pi.updatedAt = ctx.engine.now();
  ctx.engine.touch();
  return { protected_instance: instanceView(ctx.engine.world, pi) };
}

const DELETABLE = new Set([
  'available', 'protected', 'failed-over', 'error', 'error-starting', 'error-stopping', 'error-reversing',
  'error-failing-over', 'error-deleting', 'error-reprotecting', 'error-resizing', 'invalid', 'fault',
]);

function remove(ctx: RouteCtx) {
  const { engine } = ctx;
  const pi = getInstance(engine, ctx.params.protected_instance_id);
  const b = ctx.body === undefined ? {} : ctx.body;
  if (!isObject(b)) throw badRequest('the body must be a JSON object');
  for (const k of ['delete_target_server', 'delete_target_eip']) {
    if (b[k] !== undefined && typeof b[k] !== 'boolean') throw badRequest(`${k} must be a boolean`);
  }
  if (!DELETABLE.has(pi.status)) throw sdrsError('SDRS.1301', `The protected instance ${pi.id} cannot be deleted while ${pi.status}.`);
  pi.status = 'deleting';
  pi.updatedAt = engine.now();
  const job = engine.startJob({
    type: 'deleteProtectedInstanceNoCG',
    entities: { server_group_id: pi.groupId, protected_instance_id: pi.id },
    effect: { kind: 'instance-delete', instanceId: pi.id, deleteTargetServer: b.delete_target_server === true },
  });
  return { job_id: job.id };
}

const DEVICE_RE = /^\/dev\/(vd|sd)[a-z]$/;

function attach(ctx: RouteCtx) {
  const { engine } = ctx;
  const pi = getInstance(engine, ctx.params.protected_instance_id);
  const b = wrapped(ctx.body, 'replicationAttachment');
  if (typeof b.replication_id !== 'string') throw badRequest('replication_id is required');
  if (typeof b.device !== 'string' || !DEVICE_RE.test(b.device)) throw badRequest('device must look like /dev/vdb or /dev/sdb');
  const rp = getReplication(engine, b.replication_id);
  const g = getGroup(engine, pi.groupId);
  if (rp.groupId !== pi.groupId) throw sdrsError('SDRS.1611', `The replication pair ${rp.id} is not in the protected instance's group.`);
  if (!['available', 'protected'].includes(g.status)) throw sdrsError('SDRS.1024', `The protection group is ${g.status}; it must be available or protected.`);
  if (!['available', 'protected'].includes(pi.status)) throw sdrsError('SDRS.0209', `The protected instance is ${pi.status}; it must be available or protected.`);
  if (!['available', 'protected'].includes(rp.status)) throw sdrsError('SDRS.1601', `The replication pair is ${rp.status}; it must be available or protected.`);
  if (rp.attachment.length) throw sdrsError('SDRS.1603', `The replication pair ${rp.id} is already attached.`);
  // The server rewrites vd/sd to its hypervisor's prefix, so compare the letter only.
  const letter = b.device.slice(-1);
  if (pi.attachment.some((a) => a.device.slice(-1) === letter)) throw sdrsError('SDRS.1603', `The device ${b.device} is already in use on the protected instance.`);
  const device = `/dev/vd${letter}`;
  rp.status = 'attaching';
  rp.updatedAt = engine.now();
  const job = engine.startJob({
    type: 'attachReplicationPairNew',
    entities: { protected_instance_id: pi.id, replication_pair_id: rp.id },
    effect: { kind: 'attach', instanceId: pi.id, replicationId: rp.id, device },
  });
  return { job_id: job.id };
}

const DETACH_GROUP = ['available', 'protected', 'failed-over', 'error-starting', 'error-stopping', 'error-reversing', 'error-failing-over'];

function detach(ctx: RouteCtx) {
  const { engine } = ctx;
  const pi = getInstance(engine, ctx.params.protected_instance_id);
  const rp = getReplication(engine, ctx.params.replication_id);
  const g = getGroup(engine, pi.groupId);
  if (!rp.attachment.some((a) => a.protected_instance === pi.id)) {
    throw sdrsError('SDRS.1604', `The replication pair ${rp.id} is not attached to the protected instance ${pi.id}.`);
  }
  if (!DETACH_GROUP.includes(g.status)) throw sdrsError('SDRS.1024', `Cannot detach while the protection group is ${g.status}.`);
  if (!DELETABLE.has(pi.status) || pi.status === 'error') throw sdrsError('SDRS.0209', `Cannot detach while the protected instance is ${pi.status}.`);
  rp.status = 'detaching';
  rp.updatedAt = engine.now();
  const job = engine.startJob({
    type: 'detachReplicationPairNew',
    entities: { protected_instance_id: pi.id, replication_pair_id: rp.id },
    effect: { kind: 'detach', instanceId: pi.id, replicationId: rp.id },
  });
  return { job_id: job.id };
}

export const instanceRoutes: RouteDef[] = [
  signed('GET', BASE, list),
  signed('POST', BASE, create),
  // Documented, not served; without this the show route below would take "tags" for an instance id.
  unserved('GET', `${BASE}/tags`),
  signed('GET', `${BASE}/{protected_instance_id}`, (ctx) => ({
    protected_instance: instanceView(ctx.engine.world, getInstance(ctx.engine, ctx.params.protected_instance_id)),
  })),
  signed('PUT', `${BASE}/{protected_instance_id}`, rename),
  signed('DELETE', `${BASE}/{protected_instance_id}`, remove),
  signed('POST', `${BASE}/{protected_instance_id}/attachreplication`, attach),
  signed('DELETE', `${BASE}/{protected_instance_id}/detachreplication/{replication_id}`, detach),
];
