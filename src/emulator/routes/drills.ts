/**
 * SDRS v1 DR drills (reference dr-operations 1.1): drill servers are built in a
 * drill VPC from the DR-site servers while production and replication keep running.
 *
 * A drill's servers exist from the moment the create request is accepted (ECS
 * `BUILD`, with their disks and addresses); when the job succeeds the drill is
 * `available` and its servers boot (`BUILD` for the `drillServerBoot` duration,
 * then ACTIVE). Deleting a drill removes its servers and their disks, and keeps
 * the drill VPC and its subnets.
 */
import { badRequest, sdrsError } from '../errors.js';
import type { EmuError } from '../errors.js';
import { newUuid } from '../format.js';
import { signed } from '../http.js';
import type { RouteCtx, RouteDef } from '../http.js';
import { addServer, firstSubnet } from '../seed.js';
import { checkName, fuzzy, isObject, page, wrapped } from '../validate.js';
import { drillView, subnetView } from '../views.js';
import type { Engine } from '../engine.js';
import type { DrillRec, Failure, GroupRec, VolumeRec, VpcRec } from '../world.js';
import { BUSY_CHILD_STATUSES, drAz, drServerId, instancesOf, productionServerId, replicationsOf } from '../world.js';
import { getGroup } from './groups.js';

const BASE = '/v1/{project_id}/disaster-recovery-drills';

/** The group statuses a drill may be created in (dr-operations 1.1, from sdrs_05_0701). */
export const DRILL_GROUP_STATUSES = [
  'available', 'protected', 'failed-over', 'error-starting', 'error-stopping', 'error-reversing', 'error-reprotecting', 'error-failing-over',
];

/** The drill statuses a delete is accepted from (sdrs_client.py docstring); otherwise SDRS.1913. */
export const DRILL_DELETABLE = ['available', 'error', 'error-deleting'];

/** How long drill servers stay BUILD after a successful create job, unless `drillServerBoot` is set: half the default job. */
export function drillBootMs(engine: Engine): number {
  return engine.durations.perType.drillServerBoot ?? Math.round(engine.durations.defaultMs / 2);
}

const ID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{32}$/i;

/** SDRS.1901 for a blank id, SDRS.1900 for one that is not an id, SDRS.1902 when there is no such drill. */
export function getDrill(engine: Engine, id: string): DrillRec {
  if (id.trim() === '') throw sdrsError('SDRS.1901', 'The DR drill ID is empty.');
  if (!ID_SHAPED.test(id)) throw sdrsError('SDRS.1900', `Invalid DR drill ID: ${id.slice(0, 80)}.`);
  const d = engine.world.drills[id];
  if (!d) throw sdrsError('SDRS.1902', `The DR drill ${id} does not exist.`);
  return d;
}

function list(ctx: RouteCtx) {
  const { engine, query: q } = ctx;
  const w = engine.world;
  const groupId = q.get('server_group_id');
  const status = q.get('status');
  const vpcId = q.get('drill_vpc_id');
  const matches = Object.values(w.drills).filter(
    (d) => (!groupId || d.groupId === groupId) && (!status || d.status === status) && (!vpcId || d.vpcId === vpcId) && fuzzy(d.name, q.get('name')),
  );
  const { items, count } = page(matches, q);
  return { disaster_recovery_drills: items.map(drillView), count };
}

/** The given drill VPC, checked: it exists, is not the group's VPC, has the group VPC's CIDR and has subnets (SDRS.0204). */
function givenVpc(engine: Engine, g: GroupRec, id: unknown): VpcRec {
  const w = engine.world;
  const bad = (why: string): EmuError => sdrsError('SDRS.0204', `Invalid drill VPC ${String(id).slice(0, 80)}: ${why}.`);
  if (typeof id !== 'string' || id === '') throw bad('drill_vpc_id must be a VPC ID');
  const vpc = w.vpcs.find((v) => v.id === id);
  if (!vpc) throw bad('it does not exist');
  if (vpc.id === g.vpcId) throw bad(`it is the protection group's own VPC; a drill needs a separate VPC`);
  const groupVpc = w.vpcs.find((v) => v.id === g.vpcId);
  if (groupVpc && vpc.cidr !== groupVpc.cidr) throw bad(`its CIDR ${vpc.cidr} differs from the CIDR ${groupVpc.cidr} of the protection group's VPC`);
  if (!w.subnets.some((s) => s.vpcId === vpc.id)) throw bad('it has no subnets');
  return vpc;
}

/** A drill VPC made for a drill given none: the group VPC's CIDR, one subnet like the group VPC's first. */
function newDrillVpc(engine: Engine, g: GroupRec, drillName: string): VpcRec {
  const w = engine.world;
  const groupVpc = w.vpcs.find((v) => v.id === g.vpcId);
  const vpc: VpcRec = {
    id: newUuid(),
    name: `vpc-drill-${drillName}`.slice(0, 64),
    cidr: groupVpc?.cidr ?? '192.168.0.0/16',
    status: 'OK',
    description: `Created by SDRS for the DR drill ${drillName}`.slice(0, 255),
  };
  w.vpcs.push(vpc);
  const template = w.subnets.find((s) => s.vpcId === g.vpcId);
  const subnet = firstSubnet(vpc, engine.now());
  if (template) subnet.cidr = template.cidr;
  w.subnets.push(subnet);
  return vpc;
}

function create(ctx: RouteCtx) {
  const { engine } = ctx;
  const w = engine.world;
  const b = wrapped(ctx.body, 'disaster_recovery_drill');
  if (typeof b.server_group_id !== 'string' || b.server_group_id === '') throw badRequest('server_group_id is required');
  const g = getGroup(engine, b.server_group_id);
  const name = checkName(b.name);
  if (!DRILL_GROUP_STATUSES.includes(g.status)) {
    throw sdrsError('SDRS.1002', `Cannot create a DR drill of the protection group ${g.id} in status ${g.status} (allowed: ${DRILL_GROUP_STATUSES.join(', ')}).`);
  }
  const instances = instancesOf(w, g.id);
  const pairs = replicationsOf(w, g.id);
  if (!instances.length) throw sdrsError('SDRS.1002', `The protection group ${g.id} has no protected instances to drill.`);
  const busy = [...instances, ...pairs].find((c) => BUSY_CHILD_STATUSES.has(c.status));
  if (busy) throw sdrsError('SDRS.1002', `The operation is not allowed now: ${busy.id} is ${busy.status}.`);
  const syncing = pairs.find((rp) => rp.progress < 100);
  if (syncing) throw sdrsError('SDRS.1830', `The first synchronisation of replication pair ${syncing.id} is not complete (${syncing.progress}%).`);
  const given = b.drill_vpc_id !== undefined && b.drill_vpc_id !== null;
  const vpc = given ? givenVpc(engine, g, b.drill_vpc_id) : newDrillVpc(engine, g, name);

  const now = engine.now();
  const drill: DrillRec = { id: newUuid(), name, groupId: g.id, status: 'creating', vpcId: vpc.id, servers: [], createdAt: now, updatedAt: now };
  let failure: Failure | undefined;
  for (const pi of instances) {
    const dr = w.servers[drServerId(g, pi)];
    if (!dr) {
      // An instance whose DR server is gone cannot be drilled: the job fails when it runs (like a reverse).
      failure ??= { code: 'SDRS.0402', reason: `DR drill failed: the DR server of protected instance ${pi.id} does not exist (the instance is ${pi.status}).` };
      continue;
    }
    const server = addServer(w, { id: newUuid(), name: dr.name, az: drAz(g), vpcId: vpc.id, status: 'BUILD', now, role: 'drill', flavor: dr.flavor, volumeIds: [] }).server;
    // The drill VPC has the group VPC's CIDR so that a drill server keeps its production server's address.
    server.ipFrom = w.servers[productionServerId(g, pi)] ? productionServerId(g, pi) : dr.id;
    for (const v of Object.values(w.volumes).filter((x) => x.serverId === dr.id)) {
      const copy: VolumeRec = { ...v, id: newUuid(), name: `${v.name}-drill`, az: drAz(g), serverId: server.id, role: 'drill', createdAt: now };
      w.volumes[copy.id] = copy;
    }
    drill.servers.push({ protected_instance: pi.id, drill_server_id: server.id });
  }
  w.drills[drill.id] = drill;
  const job = engine.startJob({
    type: 'createDisasterRecoveryDrill',
    entities: { server_group_id: g.id, disaster_recovery_drill_id: drill.id },
    effect: { kind: 'drill-create', drillId: drill.id, bootMs: drillBootMs(engine) },
    failure,
  });
  return { job_id: job.id };
}

function rename(ctx: RouteCtx) {
  const d = getDrill(ctx.engine, ctx.params.disaster_recovery_drill_id);
  d.name = checkName(wrapped(ctx.body, 'disaster_recovery_drill').name);
  d.updatedAt = ctx.engine.now();
  ctx.engine.touch();
  return { disaster_recovery_drill: drillView(d) };
}

function remove(ctx: RouteCtx) {
  const { engine } = ctx;
  const d = getDrill(engine, ctx.params.disaster_recovery_drill_id);
  if (ctx.body !== undefined && !isObject(ctx.body)) throw badRequest('the body must be empty or a JSON object');
  if (!DRILL_DELETABLE.includes(d.status)) {
    throw sdrsError('SDRS.1913', `The DR drill ${d.id} cannot be deleted while ${d.status} (allowed: ${DRILL_DELETABLE.join(', ')}).`);
  }
  d.status = 'deleting';
  d.updatedAt = engine.now();
  const job = engine.startJob({
    type: 'deleteDisasterRecoveryDrill',
    entities: { server_group_id: d.groupId, disaster_recovery_drill_id: d.id },
    effect: { kind: 'drill-delete', drillId: d.id },
  });
  return { job_id: job.id };
}

/** VPC subnets (`GET /v1/{project_id}/subnets`, VPC API v1): filter `vpc_id`; `limit` and `marker` page. */
function listSubnets(ctx: RouteCtx) {
  const { engine, query: q } = ctx;
  const w = engine.world;
  const vpcId = q.get('vpc_id');
  let items = w.subnets.filter((s) => !vpcId || s.vpcId === vpcId);
  const marker = q.get('marker');
  if (marker) {
    const i = items.findIndex((s) => s.id === marker);
    items = i < 0 ? [] : items.slice(i + 1);
  }
  const limit = Number(q.get('limit') ?? 2000);
  if (Number.isInteger(limit) && limit > 0) items = items.slice(0, limit);
  const az = w.domains[0]?.localAz ?? '';
  return { subnets: items.map((s) => subnetView(s, az)) };
}

export const drillRoutes: RouteDef[] = [
  signed('GET', BASE, list),
  signed('POST', BASE, create),
  signed('GET', `${BASE}/{disaster_recovery_drill_id}`, (ctx) => ({
    disaster_recovery_drill: drillView(getDrill(ctx.engine, ctx.params.disaster_recovery_drill_id)),
  })),
  signed('PUT', `${BASE}/{disaster_recovery_drill_id}`, rename),
  signed('DELETE', `${BASE}/{disaster_recovery_drill_id}`, remove),
  signed('GET', '/v1/{project_id}/subnets', listSubnets),
];
