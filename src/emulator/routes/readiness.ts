/**
 * The task centre, the RPO statistics and the quotas (dr-operations.md 1.2-1.4), and
 * their admin hooks. The records and rules are in ../readiness.ts.
 */
import { EmuError, badRequest, notFound } from '../errors.js';
import { newJobId } from '../format.js';
import { Res, signed } from '../http.js';
import type { RouteCtx, RouteDef } from '../http.js';
import {
  FAILURE_RESOURCE_TYPES, FAILURE_STATUSES, failureJobView, failureJobs, isGroupLevel, parseQueryTime, quotasView, rpoPointView, rpoState,
} from '../readiness.js';
import type { FailureJobRec } from '../readiness.js';
import { fuzzy, isObject, page } from '../validate.js';

const BASE = '/v1/{project_id}';

/** An enumerated query value: absent, or one of `allowed` (else SDRS.0201). */
function oneOf(q: URLSearchParams, key: string, allowed: readonly string[]): string | undefined {
  const v = q.get(key);
  if (v === null || v === '') return undefined;
  if (!allowed.includes(v)) throw badRequest(`${key} must be one of ${allowed.join(', ')}`);
  return v;
}

/**
 * `GET /task-center/failure-jobs`: without `server_group_id`, the group-level failures (those of
 * groups themselves); with it, the failures inside that group. Newest first.
 */
function listFailureJobs(ctx: RouteCtx) {
  const { engine, query: q } = ctx;
  const status = oneOf(q, 'failure_status', FAILURE_STATUSES);
  const type = oneOf(q, 'resource_type', FAILURE_RESOURCE_TYPES);
  const groupId = q.get('server_group_id') || undefined;
  const matches = failureJobs(engine.world)
    .filter(
      (f) =>
        (groupId === undefined ? isGroupLevel(f) : !isGroupLevel(f) && f.groupId === groupId) &&
        (!status || f.failureStatus === status) &&
        (!type || f.resourceType === type) &&
        fuzzy(f.resourceName, q.get('resource_name')),
    )
    .sort((a, b) => b.beginAt - a.beginAt || (a.jobId < b.jobId ? -1 : 1));
  const { items, count } = page(matches, q);
  return { failure_jobs: items.map(failureJobView), count };
}

const NO_CONTENT = () => new Res(204, undefined);

function deleteFailureJob(ctx: RouteCtx) {
  const w = ctx.engine.world;
  const id = ctx.params.failure_job_id;
  const all = failureJobs(w);
  const i = all.findIndex((f) => f.jobId === id);
  // UNVERIFIED (docs/emulator.md): an unknown id is a bad parameter, not a silent success.
  if (i < 0) throw badRequest(`the failure job ${id} does not exist`);
  all.splice(i, 1);
  ctx.engine.touch();
  return NO_CONTENT();
}

/** `DELETE /task-center/failure-jobs/batch`: every group-level failure. */
function deleteGroupLevel(ctx: RouteCtx) {
  const w = ctx.engine.world;
  w.failureJobs = failureJobs(w).filter((f) => !isGroupLevel(f));
  ctx.engine.touch();
  return NO_CONTENT();
}

/** `DELETE /task-center/{server_group_id}/failure-jobs/batch`: every failure inside one group. */
function deleteInGroup(ctx: RouteCtx) {
  const w = ctx.engine.world;
  const gid = ctx.params.server_group_id;
  if (!w.groups[gid]) throw notFound.group(gid);
  w.failureJobs = failureJobs(w).filter((f) => isGroupLevel(f) || f.groupId !== gid);
  ctx.engine.touch();
  return NO_CONTENT();
}

/**
 * `GET /resource/rpo-statistics`: the points between `start_time` and `end_time` (inclusive,
 * `yyyy-MM-dd HH:mm:ss.SSS`, read as UTC), oldest first.
 */
function listRpoStatistics(ctx: RouteCtx) {
  const { engine, query: q } = ctx;
  oneOf(q, 'resource_type', ['replication']);
  const time = (key: string): number | undefined => {
    const v = q.get(key);
    if (v === null || v === '') return undefined;
    const t = parseQueryTime(v);
    if (t === undefined) throw badRequest(`${key} must be a time like "2024-03-01 08:00:00.000"`);
    return t;
  };
  const start = time('start_time');
  const end = time('end_time');
  if (start !== undefined && end !== undefined && start > end) throw badRequest('start_time is after end_time');
  const rpo = rpoState(engine.world, engine.now(), engine.readiness.rpoIntervalMs);
  const matches = rpo.points.filter(([t]) => (start === undefined || t >= start) && (end === undefined || t <= end));
  const { items, count } = page(matches, q);
  return { resource_rpo_statistics: items.map((p) => rpoPointView(engine.world.projectId, p)), count };
}

// ---------------------------------------------------------------- admin

function adminError(status: number, message: string): EmuError {
  return new EmuError(status, { error: { code: 'EMULATOR.ADMIN', message } });
}

/** `PUT /__emulator/replications/{id}/rpo` `{"exceeded": bool}`: count the pair as over its RPO, or stop. */
function markRpo(ctx: RouteCtx) {
  const { engine } = ctx;
  const w = engine.world;
  const id = ctx.params.replication_id;
  if (!w.replications[id]) throw adminError(404, `no replication pair ${id}`);
  const b = ctx.body;
  if (!isObject(b) || typeof b.exceeded !== 'boolean') throw adminError(400, 'the body must be {"exceeded": true|false}');
  const rpo = rpoState(w, engine.now(), engine.readiness.rpoIntervalMs);
  rpo.exceeded = rpo.exceeded.filter((x) => x !== id && w.replications[x] !== undefined);
  if (b.exceeded) rpo.exceeded.push(id);
  engine.touch();
  return { replication_id: id, exceeded: b.exceeded, over_rpo: rpo.exceeded.length };
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * `POST /__emulator/failure-jobs`: file a failed job in the task centre directly, without running
 * one (hostile text, old failures). `server_group_id` names the group; the resource defaults to it.
 */
function addFailureJob(ctx: RouteCtx) {
  const { engine } = ctx;
  const w = engine.world;
  const b = ctx.body;
  if (!isObject(b)) throw adminError(400, 'the body must be a JSON object');
  const status = b.failure_status;
  if (!(FAILURE_STATUSES as readonly unknown[]).includes(status)) throw adminError(400, `failure_status must be one of ${FAILURE_STATUSES.join(', ')}`);
  const type = b.resource_type ?? 'server_groups';
  if (!(FAILURE_RESOURCE_TYPES as readonly unknown[]).includes(type)) throw adminError(400, `resource_type must be one of ${FAILURE_RESOURCE_TYPES.join(', ')}`);
  const gid = b.server_group_id;
  if (!str(gid)) throw adminError(400, 'server_group_id is required');
  for (const k of ['resource_id', 'resource_name', 'job_type', 'error_code', 'fail_reason', 'job_id'] as const) {
    if (b[k] !== undefined && typeof b[k] !== 'string') throw adminError(400, `${k} must be a string`);
  }
  const g = w.groups[gid];
  const resourceId = str(b.resource_id) ? b.resource_id : gid;
  const known = w.groups[resourceId] ?? w.instances[resourceId] ?? w.replications[resourceId];
  const verb = (status as string).replace(/Fail$/, '');
  const rec: FailureJobRec = {
    jobId: str(b.job_id) ? b.job_id : newJobId(),
    jobType: str(b.job_type) ? b.job_type : `${verb}${type === 'server_groups' ? 'ProtectionGroupNoCG' : type === 'replications' ? 'ReplicationPairNoCG' : type === 'protected_instances' ? 'ProtectedInstanceNoCG' : 'DisasterRecoveryDrill'}`,
    beginAt: engine.now(),
    failureStatus: status as string,
    resourceType: type as string,
    resourceId,
    resourceName: typeof b.resource_name === 'string' ? b.resource_name : known?.name ?? g?.name ?? '',
    errorCode: str(b.error_code) ? b.error_code : 'SDRS.0402',
    failReason: typeof b.fail_reason === 'string' ? b.fail_reason : `The job failed (filed by the emulator admin API).`,
    groupId: gid,
  };
  failureJobs(w).push(rec);
  engine.touch();
  return new Res(201, { failure_job: failureJobView(rec) });
}

function admin(method: RouteDef['method'], path: string, handler: RouteDef['handler']): RouteDef {
  return { method, path: `/__emulator${path}`, auth: 'admin', handler };
}

export const readinessRoutes: RouteDef[] = [
  signed('GET', `${BASE}/task-center/failure-jobs`, listFailureJobs),
  signed('DELETE', `${BASE}/task-center/failure-jobs/batch`, deleteGroupLevel),
  signed('DELETE', `${BASE}/task-center/failure-jobs/{failure_job_id}`, deleteFailureJob),
  signed('DELETE', `${BASE}/task-center/{server_group_id}/failure-jobs/batch`, deleteInGroup),
  signed('GET', `${BASE}/resource/rpo-statistics`, listRpoStatistics),
  signed('GET', `${BASE}/sdrs/quotas`, (ctx) => quotasView(ctx.engine.world, ctx.engine.readiness)),
  admin('PUT', '/replications/{replication_id}/rpo', markRpo),
  admin('POST', '/failure-jobs', addFailureJob),
];
