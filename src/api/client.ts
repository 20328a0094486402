/**
 * The one API module: typed functions for every SDRS, ECS and VPC endpoint
 * the CLI uses, over one configured got instance (see transport.ts).
 * got is loaded on the first request, so importing this file is cheap.
 */
import type { Credentials, Endpoints, NetworkSettings } from '../config/types.js';
import { missingEndpointError, missingProjectIdError } from '../config/messages.js';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { badResponse, describeBody, findErrorFields, shownValue, snippet, unknownOutcome } from './errors.js';
import { pageGuard } from './paging.js';
import { DEFAULT_RETRY, type RetryOptions, isMutating } from './retry.js';
import { type RequestSpec, type Transport, createTransport } from './transport.js';
import { createNetwork } from './network.js';
import type {
  ActiveDomain, CreateGroupBody, CreateInstanceBody, GroupAction, Job, ListChildrenQuery, ListGroupsQuery,
  ListServersQuery, PreparedRequest, ProtectedInstance, Replication, Server, ServerGroup, Vpc,
} from './types.js';
import type { AttachReplicationBody, CreateReplicationBody, DeleteInstanceBody, DeleteReplicationBody, ServerBlockDevice } from './types.js';
import type { FailureJob, FailureJobsQuery, QuotaResource, RpoStatistic, RpoStatisticsQuery } from './types.js';
import type { CreateDrillBody, DisasterRecoveryDrill, ListDrillsQuery, Subnet } from './types.js';
import { validateId, validateIds } from './validate.js';
import { isWellFormedId } from '../validate.js';
import { text, text as message, type Text } from '../i18n/index.js';
import { api as M } from '../i18n/catalog/api.js';

export interface SdrsApi {
  listGroups(q?: ListGroupsQuery): Promise<{ server_groups: ServerGroup[]; count: number }>;
  /** Every page, following offset/limit until a short or empty page. */
  listAllGroups(q?: Omit<ListGroupsQuery, 'limit' | 'offset'>): Promise<ServerGroup[]>;
  getGroup(id: string): Promise<ServerGroup>;
  createGroup(body: CreateGroupBody): Promise<{ job_id: string }>;
  deleteGroup(id: string): Promise<{ job_id: string }>;
  groupAction(id: string, action: GroupAction): Promise<{ job_id: string }>;
  listAllInstances(q?: Omit<ListChildrenQuery, 'limit' | 'offset'>): Promise<ProtectedInstance[]>;
  getInstance(id: string): Promise<ProtectedInstance>;
  createInstance(body: CreateInstanceBody): Promise<{ job_id: string }>;
  listAllReplications(q?: Omit<ListChildrenQuery, 'limit' | 'offset'>): Promise<Replication[]>;
  getReplication(id: string): Promise<Replication>;
  listDomains(): Promise<ActiveDomain[]>;
  /** An SDRS job (`/v1/{project_id}/jobs/{id}` on the SDRS endpoint). */
  getJob(id: string): Promise<Job>;
  /** An ECS job (same path on the ECS endpoint), e.g. from serverAction. */
  getEcsJob(id: string): Promise<Job>;
  getServer(id: string): Promise<Server>;
  /** Every ECS server, paged. */
  listServers(q?: Omit<ListServersQuery, 'limit' | 'offset'>): Promise<Server[]>;
  /** Every ECS server if the listing takes at most `maxPages` pages; else undefined (after one page when the service gives a count). */
  listServersWithin(maxPages: number): Promise<Server[] | undefined>;
  serverAction(action: 'os-start' | 'os-stop', serverIds: string[]): Promise<{ job_id: string }>;
  listVpcs(): Promise<Vpc[]>;
  /** `GET /v1/{project_id}/cloudservers/{id}/block_device` on ECS: the server's disks with their sizes (entries without a volume id are left out). */
  listBlockDevices?(serverId: string): Promise<ServerBlockDevice[]>;
  /** Builds the exact request a mutating call would send, signed, with secrets redacted. Sends nothing. */
  prepareCreateGroup(body: CreateGroupBody): Promise<PreparedRequest>;
  prepareGroupAction(id: string, action: GroupAction): Promise<PreparedRequest>;
  /** `DELETE /protected-instances/{id}` with the flat body `{delete_target_server, delete_target_eip}`. */
  deleteInstance(id: string, body: DeleteInstanceBody): Promise<{ job_id: string }>;
  createReplication(body: CreateReplicationBody): Promise<{ job_id: string }>;
  /** `DELETE /replications/{id}` with `{"replication":{server_group_id, delete_target_volume}}`. */
  deleteReplication(id: string, body: DeleteReplicationBody): Promise<{ job_id: string }>;
  /** `POST /protected-instances/{id}/attachreplication` with `{"replicationAttachment":{replication_id, device}}`. */
  attachReplication(instanceId: string, body: AttachReplicationBody): Promise<{ job_id: string }>;
  /** `DELETE /protected-instances/{id}/detachreplication/{replication_id}`, no body. */
  detachReplication(instanceId: string, replicationId: string): Promise<{ job_id: string }>;
  prepareDeleteGroup(id: string): Promise<PreparedRequest>;
  prepareCreateInstance(body: CreateInstanceBody): Promise<PreparedRequest>;
  prepareDeleteInstance(id: string, body: DeleteInstanceBody): Promise<PreparedRequest>;
  prepareCreateReplication(body: CreateReplicationBody): Promise<PreparedRequest>;
  prepareDeleteReplication(id: string, body: DeleteReplicationBody): Promise<PreparedRequest>;
  prepareAttachReplication(instanceId: string, body: AttachReplicationBody): Promise<PreparedRequest>;
  prepareDetachReplication(instanceId: string, replicationId: string): Promise<PreparedRequest>;
  prepareServerAction(action: 'os-start' | 'os-stop', serverIds: string[]): Promise<PreparedRequest>;
  /** The task centre's failed operations, every page; without `server_group_id` only the group-level ones. */
  listFailureJobs(q?: Omit<FailureJobsQuery, 'limit' | 'offset'>): Promise<FailureJob[]>;
  /** `DELETE /task-center/failure-jobs/{id}` (204). */
  deleteFailureJob(id: string): Promise<void>;
  /** `DELETE /task-center/failure-jobs/batch` (204): every group-level failed operation. */
  deleteGroupLevelFailureJobs(): Promise<void>;
  /** `DELETE /task-center/{server_group_id}/failure-jobs/batch` (204): every failed operation inside one group. */
  deleteGroupFailureJobs(groupId: string): Promise<void>;
  prepareDeleteFailureJob(id: string): Promise<PreparedRequest>;
  prepareDeleteGroupLevelFailureJobs(): Promise<PreparedRequest>;
  prepareDeleteGroupFailureJobs(groupId: string): Promise<PreparedRequest>;
  /** The RPO-exceedance trend (tenant-wide), every page, oldest first as the service orders it. */
  listRpoStatistics(q?: Omit<RpoStatisticsQuery, 'limit' | 'offset'>): Promise<RpoStatistic[]>;
  /** `GET /sdrs/quotas`: the project's quotas (-1: unlimited). */
  showQuota(): Promise<QuotaResource[]>;
  /** Every DR drill matching the filters, paged (`{disaster_recovery_drills, count}`). */
  listAllDrills(q?: Omit<ListDrillsQuery, 'limit' | 'offset'>): Promise<DisasterRecoveryDrill[]>;
  getDrill(id: string): Promise<DisasterRecoveryDrill>;
  /** `POST /disaster-recovery-drills` with `{"disaster_recovery_drill":{server_group_id, name, drill_vpc_id?}}`; job `createDisasterRecoveryDrill`. */
  createDrill(body: CreateDrillBody): Promise<{ job_id: string }>;
  /** `PUT /disaster-recovery-drills/{id}` with `{"disaster_recovery_drill":{name}}`: synchronous, answers the drill. */
  renameDrill(id: string, name: string): Promise<DisasterRecoveryDrill>;
  /** `DELETE /disaster-recovery-drills/{id}`, no body; job `deleteDisasterRecoveryDrill`. */
  deleteDrill(id: string): Promise<{ job_id: string }>;
  prepareCreateDrill(body: CreateDrillBody): Promise<PreparedRequest>;
  prepareRenameDrill(id: string, name: string): Promise<PreparedRequest>;
  prepareDeleteDrill(id: string): Promise<PreparedRequest>;
  /** The subnets of a VPC (`GET /v1/{project_id}/subnets?vpc_id=`). */
  listSubnets(vpcId: string): Promise<Subnet[]>;
  /**
   * `sdrs api`: one signed request to a full URL under a configured endpoint (the caller checks that),
   * with the usual retries and error mapping. The answer's JSON, or undefined for an empty body (204).
   */
  raw?(req: RawRequest): Promise<{ status: number; body: unknown }>;
  prepareRaw?(req: RawRequest): Promise<PreparedRequest>;
}

/** One request of `sdrs api`. */
export interface RawRequest {
  method: RequestSpec['method'];
  /** A full URL under one of the configured endpoints, `{project_id}` already filled in. */
  url: string;
  body?: unknown;
}

/** Options of createApiClient. */
export interface ApiClientOptions {
  endpoints: Endpoints;
  /** Missing → AuthError (exit 4) on the first request, naming every way to set it. */
  projectId: string | undefined;
  /** Called before every attempt, so refreshed temporary credentials are used. */
  credentials: () => Promise<Credentials>;
  /** @default `sdrs/<version>` */
  userAgent?: string;
  /** Receives `--debug` trace lines, secrets already redacted. */
  debug?: (line: string) => void;
  retry?: Partial<RetryOptions>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** ms since the epoch; also the signing time. @default Date.now */
  now?: () => number;
  /** @default Math.random */
  random?: () => number;
  signal?: AbortSignal;
  /** Per-attempt timeout, ms. @default 30000 */
  timeoutMs?: number;
  /** Largest response body, bytes. @default 10 MiB */
  maxBodyBytes?: number;
  /** Requests in flight at once. @default MAX_IN_FLIGHT (8) */
  maxInFlight?: number;
  /** Profile name, for error messages. @default "default" */
  profile?: string;
  /** Pages one listing may take before it is a bad response. @default MAX_PAGES (1000) */
  maxPages?: number;
  /** Proxies and CA bundles; a CA bundle that cannot be read throws ConfigError here, before anything is sent. */
  network?: NetworkSettings;
}

/** Page size used when following pagination. */
export const PAGE_SIZE = 100;
/** The service accepts at most 30 ids in `server_group_ids` (SDRS.0226). */
export const MAX_GROUP_IDS_PER_QUERY = 30;

const ACTION_KEYS = { start: 'start-server-group', stop: 'stop-server-group', failover: 'failover-server-group', reverse: 'reverse-server-group' } as const;

/** Creates the API client. Cheap: nothing is loaded or sent until the first call. */
export function createApiClient(opts: ApiClientOptions): SdrsApi {
  const transport: Transport = createTransport({
    credentials: opts.credentials,
    userAgent: opts.userAgent ?? `sdrs/${VERSION}`,
    debug: opts.debug,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    now: opts.now ?? Date.now,
    random: opts.random ?? Math.random,
    signal: opts.signal,
    timeoutMs: opts.timeoutMs ?? 30_000,
    maxBodyBytes: opts.maxBodyBytes ?? 10 * 1024 * 1024,
    maxInFlight: opts.maxInFlight,
    network: createNetwork(opts.network),
  });
  const profile = opts.profile ?? 'default';

  function spec(method: RequestSpec['method'], service: keyof Endpoints, path: string, query?: object, body?: unknown): RequestSpec {
    const base = opts.endpoints[service];
    if (!base) throw missingEndpointError(service, profile);
    if (!opts.projectId) throw missingProjectIdError(profile, undefined);
    const projectId = validateId('project id', opts.projectId);
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null || v === '') continue;
      // ID-list filters (server_group_ids) are list literals: the OTC example sends a JSON array.
      qs.append(k, Array.isArray(v) ? JSON.stringify(validateIds(k, v.map(String))) : String(v));
    }
    const q = qs.toString();
    return { method, url: `${base}/v1/${projectId}${path}${q ? `?${q}` : ''}`, projectId, body };
  }

  /**
   * Sends and reads the answer as a JSON object. An answer that cannot be read so is a bad
   * response (exit 7) for a read; for a request that changes something it is an unknown
   * outcome (exit 7, reconciled by the command), since the service may have made the change
   * before whatever answered (a proxy, a gateway) did.
   */
  async function send(s: RequestSpec): Promise<{ body: Record<string, unknown>; status: number }> {
    const res = await transport.send(s);
    const path = new URL(s.url).pathname;
    const answer = transport.redact(res.text);
    const mutating = isMutating(s.method);
    const unknown = (seen: Text) =>
      unknownOutcome(s.method, path, text(M.notDocumented, { status: res.status, seen }), undefined, { http_status: res.status, response: 'unreadable' });
    let body: unknown;
    try {
      body = res.text === '' ? undefined : JSON.parse(res.text);
    } catch {
      throw mutating ? unknown(describeBody(answer, header(res.headers, 'content-type'))) : badResponse(s.method, path, message(M.notJson), answer, 'unreadable');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      if (!mutating) throw badResponse(s.method, path, message(M.expectObject), answer, 'unreadable');
      throw unknown(body === undefined ? message(M.anEmptyBody) : Array.isArray(body) ? message(M.jsonList, { body: snippet(answer) }) : message(M.jsonValue, { value: String(body), body: snippet(answer) }));
    }
    return { body: body as Record<string, unknown>, status: res.status };
  }

  async function call(s: RequestSpec): Promise<Record<string, unknown>> {
    return (await send(s)).body;
  }

  /** Reads `key` from a response and checks it is an object (or array) with an id where one is expected. */
  async function get<T>(s: RequestSpec, key: string, kind: 'object' | 'array'): Promise<T> {
    const body = await call(s);
    const v = body[key];
    const path = new URL(s.url).pathname;
    const ok = kind === 'array' ? Array.isArray(v) : typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { id?: unknown }).id === 'string';
    if (!ok) throw badResponse(s.method, path, message(kind === 'object' ? M.missingWithId : M.missingList, { key }));
    checkItems(s.method, path, key, kind === 'array' ? (v as unknown[]) : [v]);
    return v as T;
  }

  /** A list item (or object) the commands would trip over is a bad response (exit 7), not a crash. */
  function checkItems(method: string, path: string, key: string, items: unknown[]): void {
    items.forEach((item, i) => {
      const problem = itemProblem(key, item);
      if (problem) throw badResponse(method, path, `"${key}"${key.endsWith('s') ? ` item ${i}` : ''} ${problem}`);
    });
  }

  /**
   * The answer to a change: `{"job_id": "<id>"}`. Anything else (an error document with a
   * 2xx, no job id, a malformed one) says nothing sure about whether the change was made:
   * an unknown outcome, with what was seen, for the command to reconcile.
   */
  async function jobId(s: RequestSpec): Promise<{ job_id: string }> {
    const { body, status } = await send(s);
    const id = body.job_id;
    if (typeof id === 'string' && isWellFormedId(id)) return { job_id: id };
    const path = new URL(s.url).pathname;
    const fields = id === undefined || id === null ? findErrorFields(body) : undefined;
    const seen = fields
      ? text(M.errorDocument, { code: fields.code ?? message(M.noCode), message: snippet(fields.message ?? '', 120) })
      : id === undefined || id === null ? message(M.noJobId, { body: snippet(transport.redact(JSON.stringify(body))) }) : message(M.badJobId, { value: shownValue(id) });
    if (!isMutating(s.method)) throw badResponse(s.method, path, seen);
    throw unknownOutcome(s.method, path, text(M.notDocumented, { status, seen }), undefined, {
      http_status: status, response: 'unexpected', ...(fields?.code ? { answer_code: fields.code } : {}),
    });
  }

  /**
   * A job, as asked for by `askedId`: the answer must carry that id (a cache or a proxy may
   * hand back another job) and well-formed ids where the commands use them in a URL.
   */
  async function job(s: RequestSpec, askedId: string): Promise<Job> {
    const body = await call(s);
    const path = new URL(s.url).pathname;
    const bad = (why: string | Text, extra: Record<string, unknown> = {}) => badResponse(s.method, path, why, undefined, 'unexpected', { job_id: askedId, ...extra });
    if (typeof body.status !== 'string' || typeof body.job_id !== 'string') throw bad(message(M.jobFieldsMissing));
    if (!isWellFormedId(body.job_id)) throw bad(message(M.jobIdMalformed, { value: shownValue(body.job_id) }));
    if (body.job_id !== askedId) throw bad(message(M.otherJob, { asked: askedId, answered: body.job_id }), { answered_job_id: body.job_id });
    const entities = body.entities ?? {};
    if (!isObject(entities)) throw bad(message(M.entitiesNotObject));
    for (const k of JOB_ENTITY_IDS) {
      const problem = idFieldProblem(entities[k]);
      if (problem) throw bad(`job "entities.${k}" ${problem}`);
    }
    const subs = entities.sub_jobs;
    if (subs !== undefined && subs !== null && (!Array.isArray(subs) || !subs.every(isObject))) {
      throw bad(message(M.subJobsNotList));
    }
    return { ...body, entities } as unknown as Job;
  }

  /** Follows offset/limit until a short or empty page, or `count` items; a page that brings nothing new, or too many pages, is a bad response. */
  async function all<T extends { id: string }>(service: keyof Endpoints, path: string, key: string, q: object = {}): Promise<T[]> {
    const out: T[] = [];
    const guard = pageGuard('GET', path, key, opts.maxPages);
    for (let offset = 0; ; offset += PAGE_SIZE) {
      guard.next();
      const body = await call(spec('GET', service, path, { ...q, limit: PAGE_SIZE, offset }));
      const page = body[key];
      if (!Array.isArray(page)) throw badResponse('GET', path, message(M.missingList, { key }));
      checkItems('GET', path, key, page);
      out.push(...guard.add(page as T[], `offset ${offset}`));
      const count = typeof body.count === 'number' ? body.count : undefined;
      if (page.length < PAGE_SIZE || (count !== undefined && out.length >= count)) return out;
    }
  }

  /** ECS pages by page number: `offset` is 1-based pages, not items (unlike SDRS). Undefined once more than `maxPages` would be needed. */
  async function allEcsServers(q: object = {}, maxPages = Infinity): Promise<Server[] | undefined> {
    const out: Server[] = [];
    const guard = pageGuard('GET', '/cloudservers/detail', 'servers', opts.maxPages);
    for (let page = 1; ; page++) {
      guard.next();
      const body = await call(spec('GET', 'ecs', '/cloudservers/detail', { ...q, limit: PAGE_SIZE, offset: page }));
      if (!Array.isArray(body.servers)) throw badResponse('GET', '/cloudservers/detail', message(M.missingList, { key: 'servers' }));
      checkItems('GET', '/cloudservers/detail', 'servers', body.servers);
      out.push(...guard.add(body.servers as Server[], `page ${page}`));
      const count = typeof body.count === 'number' ? body.count : undefined;
      if (body.servers.length < PAGE_SIZE || (count !== undefined && out.length >= count)) return out;
      if (page >= maxPages || (count !== undefined && Math.ceil(count / PAGE_SIZE) > maxPages)) return undefined;
    }
  }

  /**
   * A listing whose items are keyed by another field than `id` (failure jobs: `job_id`):
   * the same paging and guard as `all`, each item checked by `problem`.
   */
  async function allKeyed<T>(path: string, key: string, q: object, idOf: (item: T) => string, problem: (item: unknown) => string | undefined): Promise<T[]> {
    const out: T[] = [];
    const guard = pageGuard('GET', path, key, opts.maxPages);
    for (let offset = 0; ; offset += PAGE_SIZE) {
      guard.next();
      const body = await call(spec('GET', 'sdrs', path, { ...q, limit: PAGE_SIZE, offset }));
      const page = body[key];
      if (!Array.isArray(page)) throw badResponse('GET', path, message(M.missingList, { key }));
      page.forEach((item, i) => {
        const p = problem(item);
        if (p) throw badResponse('GET', path, `"${key}" item ${i} ${p}`);
      });
      const fresh = guard.add(page.map((item: T) => ({ id: idOf(item), item })), `offset ${offset}`);
      out.push(...fresh.map((x) => x.item));
      const count = typeof body.count === 'number' ? body.count : undefined;
      if (page.length < PAGE_SIZE || (count !== undefined && out.length >= count)) return out;
    }
  }

  /** A change the service answers with 204 and no body (any 2xx is taken as done). */
  async function noContent(s: RequestSpec): Promise<void> {
    await transport.send(s);
  }

  const failureSpecs = {
    one: (id: string) => spec('DELETE', 'sdrs', `/task-center/failure-jobs/${validateId('failure job id', id)}`),
    groupLevel: () => spec('DELETE', 'sdrs', '/task-center/failure-jobs/batch'),
    inGroup: (groupId: string) => spec('DELETE', 'sdrs', `/task-center/${validateId('group id', groupId)}/failure-jobs/batch`),
  };

  const actionSpec = (id: string, a: GroupAction) => {
    const gid = validateId('group id', id);
    const key = ACTION_KEYS[a.action];
    if (!key) throw badAction(a);
    const inner = a.action === 'reverse' ? { priority_station: a.priorityStation } : {};
    return spec('POST', 'sdrs', `/server-groups/${gid}/action`, undefined, { [key]: inner });
  };
  const createGroupSpec = (body: CreateGroupBody) => spec('POST', 'sdrs', '/server-groups', undefined, { server_group: body });
  // One builder per mutation, shared by the call and its --dry-run twin, so both send the same bytes.
  const pi = (id: string) => validateId('protected instance id', id);
  const rp = (id: string) => validateId('replication id', id);
  const dr = (id: string) => validateId('drill id', id);
  const specs = {
    deleteGroup: (id: string) => spec('DELETE', 'sdrs', `/server-groups/${validateId('group id', id)}`),
    createInstance: (body: CreateInstanceBody) => spec('POST', 'sdrs', '/protected-instances', undefined, { protected_instance: body }),
    deleteInstance: (id: string, body: DeleteInstanceBody) => spec('DELETE', 'sdrs', `/protected-instances/${pi(id)}`, undefined, body),
    createReplication: (body: CreateReplicationBody) => spec('POST', 'sdrs', '/replications', undefined, { replication: body }),
    deleteReplication: (id: string, body: DeleteReplicationBody) => spec('DELETE', 'sdrs', `/replications/${rp(id)}`, undefined, { replication: body }),
    attach: (id: string, body: AttachReplicationBody) =>
      spec('POST', 'sdrs', `/protected-instances/${pi(id)}/attachreplication`, undefined, { replicationAttachment: body }),
    detach: (id: string, replicationId: string) => spec('DELETE', 'sdrs', `/protected-instances/${pi(id)}/detachreplication/${rp(replicationId)}`),
    serverAction: (action: 'os-start' | 'os-stop', ids: string[]) =>
      spec('POST', 'ecs', '/cloudservers/action', undefined, {
        [action]: { servers: validateIds('server id', ids).map((id) => ({ id })), ...(action === 'os-stop' ? { type: 'SOFT' } : {}) },
      }),
    createDrill: (body: CreateDrillBody) => spec('POST', 'sdrs', '/disaster-recovery-drills', undefined, { disaster_recovery_drill: body }),
    renameDrill: (id: string, name: string) => spec('PUT', 'sdrs', `/disaster-recovery-drills/${dr(id)}`, undefined, { disaster_recovery_drill: { name } }),
    deleteDrill: (id: string) => spec('DELETE', 'sdrs', `/disaster-recovery-drills/${dr(id)}`),
  };

  return {
    async listGroups(q = {}) {
      const body = await call(spec('GET', 'sdrs', '/server-groups', q));
      if (!Array.isArray(body.server_groups)) throw badResponse('GET', '/server-groups', message(M.missingList, { key: 'server_groups' }));
      checkItems('GET', '/server-groups', 'server_groups', body.server_groups);
      const groups = body.server_groups as ServerGroup[];
      return { server_groups: groups, count: typeof body.count === 'number' ? body.count : groups.length };
    },
    listAllGroups: async (q) => all<ServerGroup>('sdrs', '/server-groups', 'server_groups', q),
    getGroup: async (id) => get<ServerGroup>(spec('GET', 'sdrs', `/server-groups/${validateId('group id', id)}`), 'server_group', 'object'),
    createGroup: async (body) => jobId(createGroupSpec(body)),
    deleteGroup: async (id) => jobId(specs.deleteGroup(id)),
    groupAction: async (id, a) => jobId(actionSpec(id, a)),
    listAllInstances: async (q) => all<ProtectedInstance>('sdrs', '/protected-instances', 'protected_instances', q),
    getInstance: async (id) =>
      get<ProtectedInstance>(spec('GET', 'sdrs', `/protected-instances/${validateId('protected instance id', id)}`), 'protected_instance', 'object'),
    createInstance: async (body) => jobId(specs.createInstance(body)),
    listAllReplications: async (q) => all<Replication>('sdrs', '/replications', 'replications', q),
    getReplication: async (id) => get<Replication>(spec('GET', 'sdrs', `/replications/${validateId('replication id', id)}`), 'replication', 'object'),
    listDomains: async () => get<ActiveDomain[]>(spec('GET', 'sdrs', '/active-domains'), 'domains', 'array'),
    getJob: async (id) => job(spec('GET', 'sdrs', `/jobs/${validateId('job id', id)}`), id),
    getEcsJob: async (id) => job(spec('GET', 'ecs', `/jobs/${validateId('job id', id)}`), id),
    getServer: async (id) => get<Server>(spec('GET', 'ecs', `/cloudservers/${validateId('server id', id)}`), 'server', 'object'),
    listServers: async (q) => (await allEcsServers(q))!,
    listServersWithin: async (maxPages) => allEcsServers({}, maxPages),
    serverAction: async (action, ids) => jobId(specs.serverAction(action, ids)),
    listVpcs: async () => get<Vpc[]>(spec('GET', 'vpc', '/vpcs'), 'vpcs', 'array'),
    listBlockDevices: async (serverId) => {
      const s = spec('GET', 'ecs', `/cloudservers/${validateId('server id', serverId)}/block_device`);
      const list = (await call(s)).volumeAttachments;
      if (!Array.isArray(list)) throw badResponse('GET', new URL(s.url).pathname, message(M.missingList, { key: 'volumeAttachments' }));
      return list.filter((d): d is ServerBlockDevice => isObject(d) && typeof d.volumeId === 'string' && isWellFormedId(d.volumeId));
    },
    prepareCreateGroup: async (body) => transport.prepare(createGroupSpec(body)),
    prepareGroupAction: async (id, a) => transport.prepare(actionSpec(id, a)),
    deleteInstance: async (id, body) => jobId(specs.deleteInstance(id, body)),
    createReplication: async (body) => jobId(specs.createReplication(body)),
    deleteReplication: async (id, body) => jobId(specs.deleteReplication(id, body)),
    attachReplication: async (id, body) => jobId(specs.attach(id, body)),
    detachReplication: async (id, replicationId) => jobId(specs.detach(id, replicationId)),
    prepareDeleteGroup: async (id) => transport.prepare(specs.deleteGroup(id)),
    prepareCreateInstance: async (body) => transport.prepare(specs.createInstance(body)),
    prepareDeleteInstance: async (id, body) => transport.prepare(specs.deleteInstance(id, body)),
    prepareCreateReplication: async (body) => transport.prepare(specs.createReplication(body)),
    prepareDeleteReplication: async (id, body) => transport.prepare(specs.deleteReplication(id, body)),
    prepareAttachReplication: async (id, body) => transport.prepare(specs.attach(id, body)),
    prepareDetachReplication: async (id, replicationId) => transport.prepare(specs.detach(id, replicationId)),
    prepareServerAction: async (action, ids) => transport.prepare(specs.serverAction(action, ids)),
    listFailureJobs: async (q = {}) =>
      allKeyed<FailureJob>('/task-center/failure-jobs', 'failure_jobs', q, (j) => j.job_id, failureJobProblem),
    deleteFailureJob: async (id) => noContent(failureSpecs.one(id)),
    deleteGroupLevelFailureJobs: async () => noContent(failureSpecs.groupLevel()),
    deleteGroupFailureJobs: async (groupId) => noContent(failureSpecs.inGroup(groupId)),
    prepareDeleteFailureJob: async (id) => transport.prepare(failureSpecs.one(id)),
    prepareDeleteGroupLevelFailureJobs: async () => transport.prepare(failureSpecs.groupLevel()),
    prepareDeleteGroupFailureJobs: async (groupId) => transport.prepare(failureSpecs.inGroup(groupId)),
    listRpoStatistics: async (q = {}) =>
      allKeyed<RpoStatistic>('/resource/rpo-statistics', 'resource_rpo_statistics', q, (p) => p.id, rpoPointProblem),
    async showQuota() {
      const body = await call(spec('GET', 'sdrs', '/sdrs/quotas'));
      const quotas = body.quotas;
      const resources = isObject(quotas) ? quotas.resources : undefined;
      if (!Array.isArray(resources)) throw badResponse('GET', '/sdrs/quotas', message(M.missingList, { key: 'quotas.resources' }));
      resources.forEach((r, i) => {
        const p = quotaProblem(r);
        if (p) throw badResponse('GET', '/sdrs/quotas', `"quotas.resources" item ${i} ${p}`);
      });
      return resources as QuotaResource[];
    },
    listAllDrills: async (q) => all<DisasterRecoveryDrill>('sdrs', '/disaster-recovery-drills', 'disaster_recovery_drills', q),
    getDrill: async (id) => get<DisasterRecoveryDrill>(spec('GET', 'sdrs', `/disaster-recovery-drills/${dr(id)}`), 'disaster_recovery_drill', 'object'),
    createDrill: async (body) => jobId(specs.createDrill(body)),
    renameDrill: async (id, name) => {
      const s = specs.renameDrill(id, name);
      const body = await call(s);
      const d = body.disaster_recovery_drill;
      const path = new URL(s.url).pathname;
      const problem = itemProblem('disaster_recovery_drill', d);
      if (problem) throw unknownOutcome('PUT', path, `the answer's "disaster_recovery_drill" ${problem}`, undefined, { response: 'unexpected' });
      return d as DisasterRecoveryDrill;
    },
    deleteDrill: async (id) => jobId(specs.deleteDrill(id)),
    prepareCreateDrill: async (body) => transport.prepare(specs.createDrill(body)),
    prepareRenameDrill: async (id, name) => transport.prepare(specs.renameDrill(id, name)),
    prepareDeleteDrill: async (id) => transport.prepare(specs.deleteDrill(id)),
    listSubnets: async (vpcId) => get<Subnet[]>(spec('GET', 'vpc', '/subnets', { vpc_id: validateId('vpc id', vpcId) }), 'subnets', 'array'),
    raw: async (r) => rawSend(rawSpec(r)),
    prepareRaw: async (r) => transport.prepare(rawSpec(r)),
  };

  function rawSpec(r: RawRequest): RequestSpec {
    if (!opts.projectId) throw missingProjectIdError(profile, undefined);
    return { method: r.method, url: r.url, projectId: validateId('project id', opts.projectId), body: r.body };
  }

  /** Any JSON answer (or none); an answer that is not JSON is a bad response (a read) or an unknown outcome (a change). */
  async function rawSend(s: RequestSpec): Promise<{ status: number; body: unknown }> {
    const res = await transport.send(s);
    if (res.text.trim() === '') return { status: res.status, body: undefined };
    try {
      return { status: res.status, body: JSON.parse(res.text) };
    } catch {
      const path = new URL(s.url).pathname;
      const text = transport.redact(res.text);
      if (!isMutating(s.method)) throw badResponse(s.method, path, 'the body is not JSON', text, 'unreadable');
      throw unknownOutcome(s.method, path, `HTTP ${res.status} with ${describeBody(text, header(res.headers, 'content-type'))}, not JSON`, undefined, { http_status: res.status, response: 'unreadable' });
    }
  }
}

/** What makes a failure job unusable: its id goes into a DELETE URL, so it must be well formed. */
function failureJobProblem(item: unknown): string | undefined {
  if (!isObject(item)) return 'is not an object';
  const id = item.job_id;
  if (typeof id !== 'string') return 'has no "job_id"';
  if (!isWellFormedId(id)) return `has the malformed "job_id" ${shownValue(id)}`;
  for (const k of ['job_type', 'failure_status', 'resource_type'] as const) if (item[k] !== undefined && item[k] !== null && typeof item[k] !== 'string') return `has a "${k}" that is not text`;
  return undefined;
}

/** An RPO point sdrs can draw: an id, a time and a whole number of pairs. */
function rpoPointProblem(item: unknown): string | undefined {
  if (!isObject(item)) return 'is not an object';
  if (typeof item.id !== 'string' || item.id === '') return 'has no "id"';
  if (typeof item.point_time !== 'string') return 'has no "point_time"';
  const n = item.resource_num;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return `has the "resource_num" ${shownValue(n)}, not a whole number`;
  return undefined;
}

/** A quota sdrs can compare with: a type and whole numbers (-1: unlimited). */
function quotaProblem(item: unknown): string | undefined {
  if (!isObject(item)) return 'is not an object';
  if (typeof item.type !== 'string') return 'has no "type"';
  for (const k of ['used', 'quota'] as const) {
    const v = item[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1) return `has the "${k}" ${shownValue(v)}, not a whole number`;
  }
  return undefined;
}

const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasString = (o: Record<string, unknown>, k: string) => typeof o[k] === 'string';

/** The ids in a job's `entities` that commands use in a URL (volume_ids is a list, not an id). */
const JOB_ENTITY_IDS = ['server_group_id', 'protected_instance_id', 'replication_pair_id', 'disaster_recovery_drill_id'] as const;

/**
 * Fields holding the id of another resource that commands use in a URL or a query, per
 * list or object key; `attachment` entries name the instance or pair they attach.
 */
const ID_FIELDS: Record<string, { fields: readonly string[]; attachment?: string }> = {
  protected_instance: { fields: ['server_group_id', 'source_server', 'target_server'], attachment: 'replication' },
  replication: { fields: ['server_group_id'], attachment: 'protected_instance' },
  disaster_recovery_drill: { fields: ['server_group_id', 'drill_vpc_id'] },
};

/** Why a value where an id belongs is unusable; undefined when it is a well-formed id, or absent (null, missing, ""). */
function idFieldProblem(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return `is ${shownValue(v)}, not an id`;
  return isWellFormedId(v) ? undefined : `${shownValue(v)} is not a well-formed id`;
}

/**
 * What is wrong with one resource object, for the fields the commands rely on
 * (the rest is shown as received); undefined when it is usable. An id is checked
 * here, where it is read, so that a malformed one is the service's bad answer
 * (exit 7), not a usage error when a command later puts it in a URL.
 */
export function itemProblem(key: string, item: unknown): string | undefined {
  if (!isObject(item)) return `is ${item === null ? 'null' : Array.isArray(item) ? 'a list' : typeof item}, not an object`;
  if (!hasString(item, 'id')) return 'has no "id"';
  if (!isWellFormedId(item.id as string)) return `has the malformed "id" ${shownValue(item.id)}`;
  const ids = ID_FIELDS[key.replace(/s$/, '')];
  for (const f of ids?.fields ?? []) {
    const problem = idFieldProblem(item[f]);
    if (problem) return `has "${f}" that ${problem.startsWith('is ') ? problem : `is ${problem}`}`;
  }
  if (ids?.attachment && Array.isArray(item.attachment)) {
    for (const a of item.attachment) {
      const problem = isObject(a) ? idFieldProblem(a[ids.attachment]) : undefined;
      if (problem) return `has an "attachment.${ids.attachment}" that ${problem.startsWith('is ') ? problem : `is ${problem}`}`;
    }
  }
  if (key === 'disaster_recovery_drill' || key === 'disaster_recovery_drills') {
    const servers = item.drill_servers;
    if (servers !== undefined && servers !== null && !Array.isArray(servers)) return 'has "drill_servers" that is not a list';
    for (const ds of (servers ?? []) as unknown[]) {
      if (!isObject(ds)) return 'has a "drill_servers" item that is not an object';
      for (const f of ['drill_server_id', 'protected_instance']) {
        const problem = idFieldProblem(ds[f]);
        if (problem) return `has a "drill_servers.${f}" that ${problem.startsWith('is ') ? problem : `is ${problem}`}`;
      }
    }
  }
  if (key === 'domains') {
    for (const side of ['local_replication_cluster', 'remote_replication_cluster']) {
      const c = item[side];
      if (!isObject(c) || !hasString(c, 'availability_zone')) return `has no "${side}.availability_zone"`;
    }
  }
  return undefined;
}

function badAction(a: GroupAction): Error {
  return new UsageError(`unknown group action ${JSON.stringify((a as { action?: unknown }).action)}`);
}
