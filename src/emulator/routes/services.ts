/** Jobs, active-active domains, ECS, VPC and the IAM endpoints a client needs. */
import { randomBytes } from 'node:crypto';
import { EmuError, sdrsError } from '../errors.js';
import { isoTime } from '../format.js';
import { Res, signed } from '../http.js';
import type { RouteCtx, RouteDef } from '../http.js';
import { isObject } from '../validate.js';
import { hostnameOf } from '../guard.js';
import { domainView, jobView, serverView, vpcView } from '../views.js';
import { listBlockDevices } from '../block-devices.js';
import type { PowerStatus } from '../world.js';

/** The region name the emulator's project is called, for IAM answers. */
export const REGION = 'cn-north-4';
const TOKEN_TTL_MS = 24 * 3_600_000;

function ecsError(status: number, code: string, message: string): EmuError {
  return new EmuError(status, { error: { code, message } });
}

/**
 * Which API a request on a path both share (`GET /v1/{project_id}/jobs/{job_id}`) was sent to:
 * the first label of the Host header, as on the real hosts (`ecs.cn-north-4.myhuaweicloud.com`,
 * `sdrs.…`); undefined for a neutral name (127.0.0.1, localhost), where one endpoint serves all.
 */
export function serviceOfHost(host: string | undefined): 'ecs' | 'sdrs' | undefined {
  const label = hostnameOf(host ?? '')?.split('.')[0];
  return label === 'ecs' || label === 'sdrs' ? label : undefined;
}

/**
 * SDRS and ECS jobs share one path (decision 6 in docs/emulator.md). A job is answered at a
 * neutral host whichever service owns it; at a host naming a service, only that service's jobs.
 * An unknown job gets that service's error: SDRS.0408, or for ECS (a host starting `ecs.`)
 * `404 {"error":{"code":"Ecs.0000",…}}` (UNVERIFIED code; docs/emulator.md).
 */
function getJob(ctx: RouteCtx) {
  const asked = serviceOfHost(ctx.host);
  const found = ctx.engine.world.jobs[ctx.params.job_id];
  const job = found && (asked === undefined || found.service === asked) ? found : undefined;
  if (!job && asked === 'ecs') throw ecsError(404, 'Ecs.0000', `Job[${ctx.params.job_id}] could not be found.`);
  // UNVERIFIED in the reference; decided in docs/emulator.md: 404, never a pending status.
  if (!job) throw sdrsError('SDRS.0408', `The job ${ctx.params.job_id} does not exist.`, 404);
  return jobView(job, ctx.engine.now());
}

function showServer(ctx: RouteCtx) {
  const s = ctx.engine.world.servers[ctx.params.server_id];
  if (!s) throw ecsError(404, 'Ecs.0114', `Instance[${ctx.params.server_id}] could not be found.`);
  return { server: serverView(ctx.engine.world, s) };
}

function listServers(ctx: RouteCtx) {
  const { engine, query: q } = ctx;
  const az = q.get('availability_zone');
  const name = q.get('name');
  const status = q.get('status');
  const matches = Object.values(engine.world.servers).filter(
    (s) => (!az || s.az === az) && (!name || s.name.includes(name)) && (!status || s.status === status),
  );
  // ECS pages by page number: `offset` is 1-based (ListServersDetails), unlike SDRS's item offset.
  const limit = Math.min(Math.max(Number(q.get('limit') ?? 25) || 25, 1), 1000);
  const pageNo = Math.max(Number(q.get('offset') ?? 1) || 1, 1);
  const items = matches.slice((pageNo - 1) * limit, pageNo * limit);
  return { count: matches.length, servers: items.map((s) => serverView(engine.world, s)) };
}

function serverAction(ctx: RouteCtx) {
  const { engine } = ctx;
  const b = ctx.body;
  const key = isObject(b) ? Object.keys(b).find((k) => k === 'os-start' || k === 'os-stop') : undefined;
  if (!isObject(b) || !key || Object.keys(b).length !== 1) {
    throw ecsError(400, 'Ecs.0005', 'Invalid request: the body must have exactly one of "os-start" or "os-stop".');
  }
  const v = b[key];
  if (!isObject(v) || !Array.isArray(v.servers) || v.servers.length === 0) {
    throw ecsError(400, 'Ecs.0005', `Invalid request: "${key}.servers" must be a non-empty list of {"id"}.`);
  }
  if (v.type !== undefined && v.type !== 'SOFT' && v.type !== 'HARD') throw ecsError(400, 'Ecs.0005', 'Invalid request: type must be SOFT or HARD.');
  const ids = v.servers.map((s: unknown) => (isObject(s) && typeof s.id === 'string' ? s.id : ''));
  for (const id of ids) {
    if (!engine.world.servers[id]) throw ecsError(404, 'Ecs.0114', `Instance[${id}] could not be found.`);
  }
  const start = key === 'os-start';
  const status: PowerStatus = start ? 'ACTIVE' : 'SHUTOFF';
  const job = engine.startJob({
    type: start ? 'batchStartServers' : 'batchStopServers',
    service: 'ecs',
    entities: {},
    subJobs: ids.map((id: string) => ({ type: start ? 'startServer' : 'stopServer', entities: { server_id: id } })),
    effect: { kind: 'server-power', serverIds: ids, status },
  });
  return { job_id: job.id };
}

function keystoneError(status: number, message: string): EmuError {
  return new EmuError(status, { error: { code: status, message, title: status === 401 ? 'Unauthorized' : 'Bad Request' } });
}

/**
 * IAM password login (reference 7.2). Any non-empty user name and password
 * is accepted; the token is scoped to the emulator's project and valid 24 h.
 */
function issueToken(ctx: RouteCtx) {
  const { engine } = ctx;
  const auth = isObject(ctx.body) && isObject(ctx.body.auth) ? ctx.body.auth : undefined;
  const identity = auth && isObject(auth.identity) ? auth.identity : undefined;
  const methods = identity?.methods;
  if (!identity || !Array.isArray(methods) || !methods.includes('password')) {
    throw keystoneError(400, 'The request body must be {"auth":{"identity":{"methods":["password"],...}}}.');
  }
  const user = isObject(identity.password) && isObject(identity.password.user) ? identity.password.user : undefined;
  if (!user || typeof user.name !== 'string' || !user.name || typeof user.password !== 'string' || !user.password) {
    throw keystoneError(401, 'The username or password is wrong.');
  }
  const scope = isObject(auth!.scope) && isObject(auth!.scope.project) ? auth!.scope.project : undefined;
  if (!scope) throw keystoneError(400, 'A project-scoped token is required: give auth.scope.project.');
  if (scope.id !== undefined && scope.id !== engine.world.projectId) throw keystoneError(401, `The project ${String(scope.id)} does not exist.`);
  const now = engine.clock.base.now();
  const token = 'MIIemu' + randomBytes(48).toString('base64url');
  engine.world.tokens[token] = { expiresAt: now + TOKEN_TTL_MS, user: user.name };
  engine.touch();
  const body = {
    token: {
      expires_at: isoTime(now + TOKEN_TTL_MS),
      issued_at: isoTime(now),
      methods: ['password'],
      project: { id: engine.world.projectId, name: REGION, domain: { name: 'emulator' } },
      user: { name: user.name, domain: { name: isObject(user.domain) ? String(user.domain.name ?? '') : '' } },
      catalog: [],
    },
  };
  return new Res(201, body, { 'X-Subject-Token': token });
}

export const serviceRoutes: RouteDef[] = [
  signed('GET', '/v1/{project_id}/jobs/{job_id}', getJob),
  signed('GET', '/v1/{project_id}/active-domains', (ctx) => ({ domains: ctx.engine.world.domains.map(domainView) })),
  signed('GET', '/v1/{project_id}/cloudservers/detail', listServers),
  signed('GET', '/v1/{project_id}/cloudservers/{server_id}', showServer),
  signed('POST', '/v1/{project_id}/cloudservers/action', serverAction),
  signed('GET', '/v1/{project_id}/cloudservers/{server_id}/block_device', listBlockDevices),
  signed('GET', '/v1/{project_id}/vpcs', (ctx) => ({ vpcs: ctx.engine.world.vpcs.map(vpcView) })),
  { method: 'POST', path: '/v3/auth/tokens', auth: 'none', handler: issueToken },
  signed('GET', '/v3/projects', (ctx) => {
    const name = ctx.query.get('name');
    const project = { id: ctx.engine.world.projectId, name: REGION, domain_id: 'emulator', enabled: true, is_domain: false };
    return { projects: !name || name === REGION ? [project] : [], links: { self: '/v3/projects' } };
  }),
];
