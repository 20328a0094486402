/**
 * The admin API under `/__emulator/`: loopback only, unsigned, never faulted,
 * not counted. It drives rehearsals and tests (docs/emulator.md lists it).
 */
import { EmuError } from './errors.js';
import { newUuid } from './format.js';
import { Res } from './http.js';
import type { RouteCtx, RouteDef } from './http.js';
import { addProtectedGroup, addServer, firstSubnet, LOCAL_AZ } from './seed.js';
import { isObject } from './validate.js';
import { instanceView, replicationView, serverView, subnetView, volumeView, vpcView } from './views.js';
import type { PowerStatus, SeedName, SubnetRec, VpcRec } from './world.js';
import { drServerId, productionServerId } from './world.js';

function adminError(status: number, message: string): EmuError {
  return new EmuError(status, { error: { code: 'EMULATOR.ADMIN', message } });
}

function obj(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (!isObject(body)) throw adminError(400, 'the body must be a JSON object');
  return body;
}

function reset(ctx: RouteCtx) {
  const b = obj(ctx.body);
  const seed = (b.seed ?? ctx.engine.world.seed) as SeedName;
  if (seed !== 'empty' && seed !== 'demo') throw adminError(400, 'seed must be "empty" or "demo"');
  ctx.engine.reset(seed);
  return { ok: true, seed, project_id: ctx.engine.world.projectId };
}

function addServerRoute(ctx: RouteCtx) {
  const { engine } = ctx;
  const b = obj(ctx.body);
  const w = engine.world;
  if (typeof b.name !== 'string' || !b.name) throw adminError(400, 'name is required');
  const az = typeof b.availability_zone === 'string' ? b.availability_zone : LOCAL_AZ;
  const vpcId = typeof b.vpc_id === 'string' ? b.vpc_id : w.vpcs[0]?.id ?? '';
  if (!w.vpcs.some((v) => v.id === vpcId)) throw adminError(400, `unknown vpc_id ${vpcId}`);
  const status = (b.status ?? 'ACTIVE') as PowerStatus;
  if (status !== 'ACTIVE' && status !== 'SHUTOFF') throw adminError(400, 'status must be ACTIVE or SHUTOFF');
  const disks = b.disks === undefined ? 2 : Number(b.disks);
  if (!Number.isInteger(disks) || disks < 0 || disks > 8) throw adminError(400, 'disks must be 0 to 8');
  const { server, volumes } = addServer(w, {
    id: typeof b.id === 'string' ? b.id : newUuid(),
    name: b.name,
    az,
    vpcId,
    status,
    now: engine.now(),
    flavor: typeof b.flavor === 'string' ? b.flavor : undefined,
    volumeIds: Array.from({ length: disks }, () => newUuid()),
  });
  engine.touch();
  return new Res(201, { server: serverView(w, server), volumes: volumes.map(volumeView) });
}

function addGroupsRoute(ctx: RouteCtx) {
  const { engine } = ctx;
  const b = obj(ctx.body);
  if (typeof b.name !== 'string' || !b.name) throw adminError(400, 'name is required');
  const count = b.count === undefined ? 1 : Number(b.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw adminError(400, 'count must be 1 to 1000');
  const servers = b.servers === undefined ? 1 : Number(b.servers);
  if (!Number.isInteger(servers) || servers < 1 || servers > 8) throw adminError(400, 'servers must be 1 to 8');
  const status = (b.production_status ?? 'SHUTOFF') as PowerStatus;
  if (status !== 'ACTIVE' && status !== 'SHUTOFF') throw adminError(400, 'production_status must be ACTIVE or SHUTOFF');
  const name = b.name;
  const groups = Array.from({ length: count }, (_, i) =>
    addProtectedGroup(engine.world, { name: count === 1 ? name : `${name}-${i + 1}`, now: engine.now(), servers, productionStatus: status }),
  );
  engine.touch();
  return new Res(201, { server_groups: groups.map((g) => ({ id: g.id, name: g.name })) });
}

function setPower(ctx: RouteCtx) {
  const s = ctx.engine.world.servers[ctx.params.server_id];
  if (!s) throw adminError(404, `no server ${ctx.params.server_id}`);
  const status = obj(ctx.body).status;
  if (status !== 'ACTIVE' && status !== 'SHUTOFF') throw adminError(400, 'status must be ACTIVE or SHUTOFF');
  s.status = status;
  s.updatedAt = ctx.engine.now();
  ctx.engine.touch();
  return { server: serverView(ctx.engine.world, s) };
}

function failNext(ctx: RouteCtx) {
  const b = obj(ctx.body);
  if (typeof b.job_type !== 'string' || !b.job_type) throw adminError(400, 'job_type is required (or "*")');
  const count = b.count === undefined ? 1 : Number(b.count);
  if (!Number.isInteger(count) || count < 1 || count > 100) throw adminError(400, 'count must be 1 to 100');
  for (let i = 0; i < count; i++) {
    ctx.engine.queueFailure({
      job_type: b.job_type,
      error_code: typeof b.error_code === 'string' ? b.error_code : null,
      fail_reason: typeof b.fail_reason === 'string' ? b.fail_reason : null,
    });
  }
  return { queued: ctx.engine.world.failNext };
}

function markInvalid(ctx: RouteCtx) {
  const { engine } = ctx;
  const w = engine.world;
  const pi = w.instances[ctx.params.protected_instance_id];
  if (!pi) throw adminError(404, `no protected instance ${ctx.params.protected_instance_id}`);
  const g = w.groups[pi.groupId];
  const which = obj(ctx.body).server ?? 'dr';
  if (which !== 'dr' && which !== 'production' && which !== 'none') throw adminError(400, 'server must be "dr", "production" or "none"');
  if (g && which !== 'none') {
    const id = which === 'dr' ? drServerId(g, pi) : productionServerId(g, pi);
    delete w.servers[id];
    for (const v of Object.values(w.volumes)) if (v.serverId === id) v.serverId = v.device = null;
  }
  pi.status = 'invalid';
  pi.updatedAt = engine.now();
  engine.touch();
  return { protected_instance: instanceView(w, pi) };
}

/** Sets a pair's `fault_level` (reference 3.3): "0" none, "2" failover advised, "5" failover not allowed. */
function setFaultLevel(ctx: RouteCtx) {
  const { engine } = ctx;
  const rp = engine.world.replications[ctx.params.replication_id];
  if (!rp) throw adminError(404, `no replication pair ${ctx.params.replication_id}`);
  const level = String(obj(ctx.body).fault_level ?? '');
  if (!['0', '2', '5'].includes(level)) throw adminError(400, 'fault_level must be "0", "2" or "5"');
  rp.faultLevel = level;
  rp.updatedAt = engine.now();
  engine.touch();
  return { replication: replicationView(engine.world, rp) };
}

/**
 * Sets a record's `name` and/or `description` as stored, without the API's checks: what another
 * client or a broken service could leave there (the hostile-text tests put control characters in).
 */
function setText(ctx: RouteCtx) {
  const { engine } = ctx;
  const w = engine.world;
  const { kind, id } = ctx.params;
  const tables: Record<string, Record<string, { name: string; description?: string | null }> | undefined> = {
    groups: w.groups, instances: w.instances, replications: w.replications, servers: w.servers, drills: w.drills,
    domains: Object.fromEntries(w.domains.map((d) => [d.id, d])),
  };
  const rec = tables[kind]?.[id];
  if (!rec) throw adminError(404, `no ${kind} ${id}`);
  const b = obj(ctx.body);
  if (b.name !== undefined && typeof b.name !== 'string') throw adminError(400, 'name must be a string');
  if (b.description !== undefined && b.description !== null && typeof b.description !== 'string') throw adminError(400, 'description must be a string or null');
  if (typeof b.name === 'string') rec.name = b.name;
  const nameOnly = kind === 'servers' || kind === 'drills';
  if (b.description !== undefined && !nameOnly) rec.description = (b.description as string | null) ?? (kind === 'domains' ? '' : null);
  engine.touch();
  return { id, name: rec.name, ...(nameOnly ? {} : { description: rec.description ?? null }) };
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Adds a VPC with `subnets` subnets (default 1): drill VPCs of the right or wrong CIDR, with or without subnets. */
function addVpc(ctx: RouteCtx) {
  const { engine } = ctx;
  const w = engine.world;
  const b = obj(ctx.body);
  if (typeof b.name !== 'string' || !b.name) throw adminError(400, 'name is required');
  const cidr = b.cidr === undefined ? '192.168.0.0/16' : b.cidr;
  const m = typeof cidr === 'string' ? CIDR_RE.exec(cidr) : null;
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 28) throw adminError(400, 'cidr must be an IPv4 CIDR such as 192.168.0.0/16 (prefix at most 28)');
  const count = b.subnets === undefined ? 1 : Number(b.subnets);
  if (!Number.isInteger(count) || count < 0 || count > 8) throw adminError(400, 'subnets must be 0 to 8');
  const id = typeof b.id === 'string' ? b.id : newUuid();
  if (w.vpcs.some((v) => v.id === id)) throw adminError(409, `a VPC ${id} exists already`);
  const vpc: VpcRec = { id, name: b.name, cidr: cidr as string, status: 'OK', description: typeof b.description === 'string' ? b.description : '' };
  w.vpcs.push(vpc);
  const now = engine.now();
  const subnets: SubnetRec[] = Array.from({ length: count }, (_, i) => ({ ...firstSubnet(vpc, now), ...(i ? { id: newUuid(), name: `subnet-${b.name}-${i + 1}`.slice(0, 64) } : {}) }));
  w.subnets.push(...subnets);
  engine.touch();
  const az = w.domains[0]?.localAz ?? '';
  return new Res(201, { vpc: vpcView(vpc), subnets: subnets.map((s) => subnetView(s, az)) });
}

/** Sets a pair's synchronisation `progress` (0-100): a drill needs the first synchronisation complete. */
function setProgress(ctx: RouteCtx) {
  const { engine } = ctx;
  const rp = engine.world.replications[ctx.params.replication_id];
  if (!rp) throw adminError(404, `no replication pair ${ctx.params.replication_id}`);
  const progress = obj(ctx.body).progress;
  if (typeof progress !== 'number' || !Number.isInteger(progress) || progress < 0 || progress > 100) throw adminError(400, 'the body must be {"progress": 0 to 100}, a whole number');
  rp.progress = progress;
  rp.updatedAt = engine.now();
  engine.touch();
  return { replication: replicationView(engine.world, rp) };
}

function advance(ctx: RouteCtx) {
  const ms = Number(obj(ctx.body).ms);
  if (!Number.isFinite(ms) || ms < 0) throw adminError(400, 'ms must be a non-negative number');
  const now = ctx.admin!.advanceClock(ms);
  return { now: new Date(now).toISOString() };
}

function admin(method: RouteDef['method'], path: string, handler: RouteDef['handler']): RouteDef {
  return { method, path: `/__emulator${path}`, auth: 'admin', handler };
}

export const adminRoutes: RouteDef[] = [
  admin('POST', '/reset', reset),
  admin('POST', '/servers', addServerRoute),
  admin('PUT', '/servers/{server_id}/power', setPower),
  admin('POST', '/groups', addGroupsRoute),
  admin('POST', '/fail-next', failNext),
  admin('PUT', '/config', (ctx) => ctx.admin!.configure(obj(ctx.body))),
  admin('GET', '/config', (ctx) => ctx.admin!.configure({})),
  admin('GET', '/counters', (ctx) => ctx.admin!.counters()),
  admin('DELETE', '/counters', (ctx) => {
    ctx.admin!.resetCounters();
    return ctx.admin!.counters();
  }),
  admin('GET', '/faults', (ctx) => ctx.admin!.faults()),
  admin('POST', '/faults/next', (ctx) => {
    try {
      return { queued: ctx.admin!.queueFault(obj(ctx.body)) };
    } catch (err) {
      if (err instanceof EmuError) throw err;
      throw adminError(400, (err as Error).message);
    }
  }),
  admin('DELETE', '/faults', (ctx) => {
    ctx.admin!.clearFaults();
    return ctx.admin!.faults();
  }),
  admin('GET', '/state', (ctx) => ({ now: new Date(ctx.engine.now()).toISOString(), world: ctx.engine.world })),
  admin('POST', '/clock/advance', advance),
  admin('PUT', '/instances/{protected_instance_id}/invalid', markInvalid),
  admin('PUT', '/replications/{replication_id}/fault', setFaultLevel),
  admin('PUT', '/records/{kind}/{id}', setText),
  admin('POST', '/vpcs', addVpc),
  admin('PUT', '/replications/{replication_id}/progress', setProgress),
];
