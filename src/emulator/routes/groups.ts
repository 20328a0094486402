/** SDRS v1 protection groups ("server groups"): reference 3.1 and 4.1. */
import { GROUP_ACTION_STATUSES, setGroupStatus } from '../effects.js';
import { badRequest, notFound, sdrsError } from '../errors.js';
import { newUuid } from '../format.js';
import { signed } from '../http.js';
import type { RouteCtx, RouteDef } from '../http.js';
import { checkDescription, checkName, fuzzy, idList, isAbnormal, isObject, page, wrapped } from '../validate.js';
import { groupView } from '../views.js';
import { requireQuota } from '../readiness.js';
import type { Engine } from '../engine.js';
import type { GroupActionKind, GroupRec, Station, World } from '../world.js';
import { BUSY_CHILD_STATUSES, drillsOf, instancesOf, productionAz, productionServerId, replicationsOf } from '../world.js';

const BASE = '/v1/{project_id}/server-groups';

export function getGroup(engine: Engine, id: string): GroupRec {
  const g = engine.world.groups[id];
  if (!g) throw notFound.group(id);
  return g;
}

/**
 * The filters the instance and pair listings share (reference 3.2, 3.3): `server_group_ids`
 * beats `server_group_id`; `status`; `name` (substring); `availability_zone` (the group's
 * production AZ); `query_type=status_abnormal`. `groupIds` is returned for the filters that
 * depend on it (`protected_instance_ids` is ignored when it is set).
 */
export function childListFilter(w: World, q: URLSearchParams): {
  groupIds: string[] | undefined;
  matches: (child: { groupId: string; status: string; name: string }) => boolean;
} {
  const groupIds = idList(q, 'server_group_ids') ?? (q.get('server_group_id') ? [q.get('server_group_id')!] : undefined);
  const status = q.get('status');
  const az = q.get('availability_zone');
  const abnormal = q.get('query_type') === 'status_abnormal';
  return {
    groupIds,
    matches: (c) => {
      const g = w.groups[c.groupId];
      return (
        (!groupIds || groupIds.includes(c.groupId)) &&
        (!status || c.status === status) &&
        fuzzy(c.name, q.get('name')) &&
        (!az || (g !== undefined && productionAz(g) === az)) &&
        (!abnormal || isAbnormal(c.status))
      );
    },
  };
}

/**
 * True when the group had no successful drill in the three calendar months before `now`
 * (`query_type=period_no_dr_drill`; the service's "specified duration" defaults to 3 months).
 */
export function drillOverdue(g: GroupRec, now: number): boolean {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - 3);
  return g.lastDrillAt === undefined || g.lastDrillAt === null || g.lastDrillAt < cutoff.getTime();
}

function list(ctx: RouteCtx) {
  const { engine, query: q } = ctx;
  const now = engine.now();
  const status = q.get('status');
  const az = q.get('availability_zone');
  const queryType = q.get('query_type');
  if (queryType && !['general', 'status_abnormal', 'stop_protected', 'period_no_dr_drill'].includes(queryType.trim())) {
    throw badRequest(`unknown query_type "${queryType}"`);
  }
  const matches = Object.values(engine.world.groups).filter(
    (g) =>
      (!status || g.status === status) &&
      fuzzy(g.name, q.get('name')) &&
      (!az || productionAz(g) === az) &&
      (queryType?.trim() !== 'status_abnormal' || isAbnormal(g.status)) &&
      (queryType?.trim() !== 'stop_protected' || g.status === 'available') &&
      (queryType?.trim() !== 'period_no_dr_drill' || drillOverdue(g, now)),
  );
  const { items, count } = page(matches, q);
  return { server_groups: items.map((g) => groupView(engine.world, g)), count };
}

function create(ctx: RouteCtx) {
  const { engine } = ctx;
  const b = wrapped(ctx.body, 'server_group');
  const name = checkName(b.name);
  const description = checkDescription(b.description);
  const domain = engine.world.domains.find((d) => d.id === b.domain_id);
  if (!domain) throw sdrsError('SDRS.0205', `Invalid domain ID: ${String(b.domain_id)}.`);
  const zones = [domain.localAz, domain.remoteAz];
  const src = b.source_availability_zone;
  const tgt = b.target_availability_zone;
  if (typeof src !== 'string' || typeof tgt !== 'string' || src === tgt || !zones.includes(src) || !zones.includes(tgt)) {
    throw sdrsError('SDRS.0203', `Invalid AZ: the source and target AZs must be the two different AZs of domain ${domain.id} (${zones.join(', ')}).`);
  }
  if (!engine.world.vpcs.some((v) => v.id === b.source_vpc_id)) throw sdrsError('SDRS.0204', `Invalid VPC: ${String(b.source_vpc_id)}.`);
  if (b.dr_type !== undefined && b.dr_type !== 'migration') throw badRequest('dr_type must be "migration"');
  requireQuota(engine.world, engine.readiness, 'server_groups');
  const now = engine.now();
  const g: GroupRec = {
    id: newUuid(),
    name,
    description,
    status: 'creating',
    progress: 0,
    sourceAz: src,
    targetAz: tgt,
    domainId: domain.id,
    vpcId: b.source_vpc_id as string,
    priority: 'source',
    createdAt: now,
    updatedAt: now,
  };
  engine.world.groups[g.id] = g;
  const job = engine.startJob({
    type: 'createProtectionGroupNoCG',
    entities: { server_group_id: g.id },
    effect: { kind: 'group-create', groupId: g.id },
  });
  return { job_id: job.id };
}

function rename(ctx: RouteCtx) {
  const g = getGroup(ctx.engine, ctx.params.server_group_id);
  const b = wrapped(ctx.body, 'server_group');
  g.name = checkName(b.name);
  g.updatedAt = ctx.engine.now();
  ctx.engine.touch();
  return { server_group: groupView(ctx.engine.world, g) };
}

/** Statuses from which delete is accepted (UNVERIFIED; see docs/emulator.md). */
const DELETABLE = new Set(['available', 'error', 'error-deleting']);

function remove(ctx: RouteCtx) {
  const { engine } = ctx;
  const g = getGroup(engine, ctx.params.server_group_id);
  if (!DELETABLE.has(g.status)) {
    throw sdrsError('SDRS.1017', `The protection group ${g.id} is ${g.status}; it can be deleted only when available, error or error-deleting.`);
  }
  // Drills first: a group with drills still has the instances they were built from (UNVERIFIED order).
  if (drillsOf(engine.world, g.id).length) throw sdrsError('SDRS.1003', `The protection group ${g.id} still has DR drills; delete them first.`);
  if (instancesOf(engine.world, g.id).length) throw sdrsError('SDRS.1001', `The protection group ${g.id} still has protected instances.`);
  if (replicationsOf(engine.world, g.id).length) throw sdrsError('SDRS.1010', `The protection group ${g.id} still has replication pairs.`);
  g.status = 'deleting';
  g.updatedAt = engine.now();
  const job = engine.startJob({
    type: 'deleteProtectionGroupNoCG',
    entities: { server_group_id: g.id },
    effect: { kind: 'group-delete', groupId: g.id },
  });
  return { job_id: job.id };
}

const ACTION_KEYS = ['start-server-group', 'stop-server-group', 'reverse-server-group', 'failover-server-group'] as const;

function action(ctx: RouteCtx) {
  const { engine } = ctx;
  const body = ctx.body;
  if (!isObject(body)) throw badRequest('the body must be an object with one action key');
  const keys = Object.keys(body);
  if (keys.length !== 1 || !(ACTION_KEYS as readonly string[]).includes(keys[0])) {
    throw sdrsError('SDRS.0206', `Invalid action: expected exactly one of ${ACTION_KEYS.join(', ')}.`);
  }
  const key = keys[0];
  // The Go SDK sends `null` for an unset action value, golangsdk sends `{}`: accept both.
  const value = body[key];
  if (value !== null && !isObject(value)) throw badRequest(`the value of "${key}" must be an object`);
  const g = getGroup(engine, ctx.params.server_group_id);
  const pairs = replicationsOf(engine.world, g.id);
  const instances = instancesOf(engine.world, g.id);
  const requirePairs = (code: string, what: string) => {
    if (!pairs.length) throw sdrsError(code, `Failed to ${what}: the protection group ${g.id} has no replication pairs.`);
  };
  const requireStatus = (allowed: string[], code: string, what: string) => {
    if (!allowed.includes(g.status)) {
      throw sdrsError(code, `Cannot ${what} the protection group ${g.id} in status ${g.status} (allowed: ${allowed.join(', ')}).`);
    }
  };
  const requireIdleChildren = () => {
    const busy = [...instances, ...pairs].find((c) => BUSY_CHILD_STATUSES.has(c.status));
    if (busy) throw sdrsError('SDRS.1002', `The operation is not allowed now: ${busy.id} is ${busy.status}.`);
  };
  const requireStopped = (code: string) => {
    const running = instances
      .map((pi) => engine.world.servers[productionServerId(g, pi)])
      .filter((s) => s !== undefined && s.status !== 'SHUTOFF');
    if (running.length) {
      throw sdrsError(code, `The servers at the current production site must be stopped first: ${running.map((s) => `${s!.name} (${s!.id})`).join(', ')}.`);
    }
  };

  let kind: GroupActionKind;
  let station: Station | undefined;
  let failure: { code: string; reason: string; subJobIndex?: number } | undefined;
  if (key === 'start-server-group') {
    if (g.status === 'failed-over' || g.status === 'error-reprotecting') {
      kind = 'reprotect';
      requirePairs('SDRS.1032', 're-protect');
      requireIdleChildren();
      requireStopped('SDRS.1316');
    } else {
      kind = 'start';
      requireStatus(['available', 'error-starting'], 'SDRS.1018', 'start');
      requirePairs('SDRS.1027', 'enable protection');
      requireIdleChildren();
    }
  } else if (key === 'stop-server-group') {
    kind = 'stop';
    requireStatus(['protected', 'error-stopping'], 'SDRS.1019', 'stop');
    requireIdleChildren();
  } else if (key === 'failover-server-group') {
    kind = 'failover';
    requireStatus(['protected', 'error-failing-over', 'error-reversing'], 'SDRS.1021', 'fail over');
    requirePairs('SDRS.1030', 'fail over');
    // fault_level 5: the replication link is broken, so a failover is not allowed (reference 3.3).
    const broken = pairs.find((rp) => rp.faultLevel === '5');
    if (broken) throw sdrsError('SDRS.1030', `Failed to fail over: the replication link of pair ${broken.id} is broken (fault_level 5).`);
    requireIdleChildren();
  } else {
    kind = 'reverse';
    const ps = isObject(value) ? value.priority_station : undefined;
    if (ps !== 'source' && ps !== 'target') throw badRequest('reverse-server-group.priority_station must be "source" or "target"');
    station = ps;
    requireStatus(['protected', 'error-reversing'], 'SDRS.1022', 'reverse');
    if (g.priority === station) {
      throw sdrsError('SDRS.1022', `The protection group ${g.id} already runs on its ${station} side (priority_station=${station}).`);
    }
    requirePairs('SDRS.1029', 'perform a planned failover');
    requireIdleChildren();
    requireStopped('SDRS.1316');
    // An instance whose server was deleted makes the job fail (at execution, not at submission).
    const broken = instances.find((pi) => pi.status === 'invalid');
    if (broken) {
      const idx = pairs.findIndex((rp) => rp.attachment.some((a) => a.protected_instance === broken.id));
      failure = {
        code: 'SDRS.1029',
        reason: `Planned failover failed: the protected instance ${broken.id} is invalid (one of its servers was deleted).`,
        subJobIndex: Math.max(0, idx),
      };
    }
  }
  const type = `${kind}ProtectionGroupNoCG`;
  setGroupStatus(engine.world, g.id, GROUP_ACTION_STATUSES[kind].inFlight, engine.now());
  const job = engine.startJob({
    type,
    entities: { server_group_id: g.id },
    subJobs: pairs.map((rp) => ({
      type: `${kind}ProtectionGroupRepNoCG`,
      entities: { server_group_id: g.id, replication_pair_id: rp.id },
    })),
    effect: { kind: 'group-action', groupId: g.id, action: kind, station },
    failure,
  });
  return { job_id: job.id };
}

function show(ctx: RouteCtx) {
  return { server_group: groupView(ctx.engine.world, getGroup(ctx.engine, ctx.params.server_group_id)) };
}

export const groupRoutes: RouteDef[] = [
  signed('GET', BASE, list),
  signed('POST', BASE, create),
  signed('GET', `${BASE}/{server_group_id}`, show),
  signed('PUT', `${BASE}/{server_group_id}`, rename),
  signed('DELETE', `${BASE}/{server_group_id}`, remove),
  signed('POST', `${BASE}/{server_group_id}/action`, action),
];

