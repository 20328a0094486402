/** Finding what the operator named: groups, protected instances, pairs, servers and domains, by id or exact name. */
import type { SdrsApi } from '../../api/client.js';
import type { ActiveDomain, DisasterRecoveryDrill, ProtectedInstance, Replication, Server, ServerGroup } from '../../api/types.js';
import { ApiError, PreconditionError, UsageError, safeLine } from '../../errors.js';
import { isWellFormedId, printable, requireRef } from '../../validate.js';
import { readServers, serverAt } from './snapshot.js';
import { text, type Entry } from '../../i18n/index.js';
import { joinList, parened } from '../../i18n/compose.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

const ID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{32}$/i;

/** How to find one kind of resource by id or exact, unique name. */
interface Lookup<T extends { id: string; name: string }> {
  /** Short noun for messages: `group`, `instance`, `pair`. */
  noun: string;
  /** Full noun: `protection group`. */
  full: string;
  /** The nouns in both languages, for messages. */
  words: { noun: Entry; nouns: Entry; full: Entry };
  /** The service's not-found code for a GET by id (HTTP 400, reference 6.2). */
  apiNotFound: string;
  /** Our error code when nothing matches. */
  notFound: string;
  get(id: string): Promise<T>;
  /** Candidates for a name (the service matches names fuzzily; exact matches are kept). */
  byName(name: string): Promise<T[]>;
  /** The command that lists them. */
  list: string;
}

/** Id first (an id-shaped name is possible, so a not-found id falls through), then exact name. */
async function resolveRef<T extends { id: string; name: string }>(ref: string, l: Lookup<T>): Promise<T> {
  requireRef(l.noun, ref);
  if (isWellFormedId(ref) && ID_SHAPED.test(ref)) {
    try {
      return await l.get(ref);
    } catch (err) {
      if (!(err instanceof ApiError && err.apiCode === l.apiNotFound)) throw err;
    }
  }
  return uniqueByName(ref, await l.byName(ref), l);
}

/** The one exact match of a name among candidates: ambiguous is exit 2, none is exit 3. */
function uniqueByName<T extends { id: string; name: string }>(ref: string, candidates: T[], l: Pick<Lookup<T>, 'noun' | 'full' | 'notFound' | 'list' | 'words'>): T {
  const matches = candidates.filter((x) => x.name === ref);
  if (matches.length === 1) return matches[0];
  const w = { noun: text(l.words.noun), nouns: text(l.words.nouns), full: text(l.words.full) };
  if (matches.length > 1) {
    throw new UsageError(text(M.ambiguousName, { noun: w.noun, ref: printable(ref), count: matches.length, nouns: w.nouns }), {
      hint: text(M.ids, { ids: joinList(matches.map((x) => x.id)) }),
    });
  }
  throw new PreconditionError(l.notFound, text(M.notFound, { full: w.full, ref: printable(ref) }), {
    hint: text(M.listThem, { nouns: w.nouns, list: l.list }),
    details: { [l.noun]: ref },
  });
}

const GROUP = { noun: 'group', full: 'protection group', words: { noun: M.nounGroup, nouns: M.nounGroups, full: M.fullGroup }, apiNotFound: 'SDRS.1013', notFound: 'GROUP_NOT_FOUND', list: 'sdrs group list' };

/** Finds a group by id or exact, unique name. Not found: exit 3; ambiguous name: exit 2. */
export function resolveGroup(api: SdrsApi, ref: string): Promise<ServerGroup> {
  return resolveRef(ref, { ...GROUP, get: (id) => api.getGroup(id), byName: (name) => api.listAllGroups({ name }) });
}

/**
 * Finds several groups with one listing (every page) instead of one read each.
 * Every missing one is named (exit 3); an ambiguous name is exit 2.
 */
export async function resolveGroups(api: SdrsApi, refs: string[]): Promise<ServerGroup[]> {
  const all = await api.listAllGroups();
  const picked = new Map<string, ServerGroup>();
  const missing: string[] = [];
  for (const ref of refs) {
    const byId = isWellFormedId(ref) ? all.find((g) => g.id === ref) : undefined;
    const byName = all.filter((g) => g.name === ref);
    if (!byId && byName.length > 1) {
      throw new UsageError(text(M.ambiguousName, { noun: text(M.nounGroup), ref: printable(ref), count: byName.length, nouns: text(M.nounGroups) }), { hint: text(M.ids, { ids: joinList(byName.map((g) => g.id)) }) });
    }
    const g = byId ?? byName[0];
    if (g) picked.set(g.id, g);
    else missing.push(ref);
  }
  if (missing.length > 0) {
    throw new PreconditionError('GROUP_NOT_FOUND', text(M.groupsNotFound, { missing: joinList(missing.map(printable)) }), {
      hint: text(M.listGroups),
      details: { missing },
    });
  }
  return [...picked.values()];
}

/** Finds a protected instance by id or exact, unique name (exit 3 / exit 2 as for groups). */
export function resolveInstance(api: SdrsApi, ref: string): Promise<ProtectedInstance> {
  return resolveRef(ref, {
    noun: 'instance', full: 'protected instance', words: { noun: M.nounInstance, nouns: M.nounInstances, full: M.fullInstance }, apiNotFound: 'SDRS.1320', notFound: 'INSTANCE_NOT_FOUND', list: 'sdrs instance list',
    get: (id) => api.getInstance(id), byName: (name) => api.listAllInstances({ name }),
  });
}

/** Finds a replication pair by id or exact, unique name (exit 3 / exit 2 as for groups). */
export function resolvePair(api: SdrsApi, ref: string): Promise<Replication> {
  return resolveRef(ref, {
    noun: 'pair', full: 'replication pair', words: { noun: M.nounPair, nouns: M.nounPairs, full: M.fullPair }, apiNotFound: 'SDRS.1608', notFound: 'PAIR_NOT_FOUND', list: 'sdrs pair list',
    get: (id) => api.getReplication(id), byName: (name) => api.listAllReplications({ name }),
  });
}

/** A server's AZ. */
export const serverAz = (s: Server): string => s['OS-EXT-AZ:availability_zone'];

/** Throws a UsageError unless `ref` could be a server id or name. */
export function requireServerRef(ref: string): string {
  if (!isWellFormedId(ref) && !/^[\w.\-\u4e00-\u9fa5]{1,64}$/u.test(ref)) throw new UsageError(text(M.badServerRef, { ref: printable(ref) }));
  return ref;
}

/**
 * Resolves server ids (in any AZ) or names (narrowed by `az`) with one listing;
 * an ambiguous name is a usage error naming the candidates.
 */
export async function resolveServers(api: SdrsApi, refs: string[], az?: string): Promise<Server[]> {
  const all = await api.listServers();
  const out = new Map<string, Server>();
  for (const ref of refs) {
    const byId = all.find((s) => s.id === ref);
    const byName = all.filter((s) => s.name === ref && (!az || serverAz(s) === az));
    if (!byId && byName.length > 1) {
      const list = joinList(byName.map((s) => text(M.serverIn, { id: s.id, az: serverAz(s) })));
      throw new UsageError(text(M.ambiguousServer, { ref: printable(ref), count: byName.length, list }));
    }
    const s = byId ?? byName[0];
    if (!s) throw new PreconditionError('SERVER_NOT_FOUND', text(az ? M.serverNotFoundIn : M.serverNotFound, { ref: printable(ref), az }), { hint: text(M.listServers) });
    out.set(s.id, s);
  }
  return [...out.values()];
}

/** Finds an active-active domain by id or exact, unique name among those listed (exit 3 naming the choices). */
export function findDomain(domains: ActiveDomain[], ref: string): ActiveDomain {
  const byId = domains.find((d) => d.id === ref);
  const byName = domains.filter((d) => d.name === ref);
  const found = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (!found) {
    throw new PreconditionError('DOMAIN_NOT_FOUND', text(byName.length > 1 ? M.domainAmbiguous : M.domainNotFound, { ref: printable(ref) }), {
      hint: text(M.domainsAvailable, { list: domains.length ? joinList(domains.map((d) => parened(safeLine(d.name), d.id))) : text(M.none) }),
    });
  }
  return found;
}

/** A production disk and where it is attached: the protected instance whose production server has it, and the device. */
export interface DiskOwner {
  instance: ProtectedInstance;
  server: Server;
  volumeId: string;
  /** The device on the production server (`/dev/vdb`), when ECS names one. */
  device?: string;
}

/** The production server of each instance of `group` (read by id, a few at a time); a server that is gone is left out. */
export async function productionServers(api: SdrsApi, group: ServerGroup, instances: ProtectedInstance[]): Promise<Map<string, Server>> {
  const ids = instances.map((pi) => serverAt(pi, group.priority_station));
  const read = await readServers(api, ids);
  const out = new Map<string, Server>();
  for (const pi of instances) {
    const s = read.get(serverAt(pi, group.priority_station));
    if (s) out.set(pi.id, s);
  }
  return out;
}

/** Every disk attached to the production servers of `instances`, with its instance and device. */
export async function productionDisks(api: SdrsApi, group: ServerGroup, instances: ProtectedInstance[]): Promise<DiskOwner[]> {
  const servers = await productionServers(api, group, instances);
  return instances.flatMap((instance) => {
    const server = servers.get(instance.id);
    if (!server) return [];
    return (server['os-extended-volumes:volumes_attached'] ?? [])
      .filter((v) => typeof v?.id === 'string' && isWellFormedId(v.id))
      .map((v) => ({ instance, server, volumeId: v.id, device: typeof v.device === 'string' && v.device ? v.device : undefined }));
  });
}

/** The volume ids replicated by these pairs (`volume_ids` is `"<source>,<target>"`). */
export function pairedVolumes(pairs: Replication[]): Set<string> {
  return new Set(pairs.flatMap((p) => (typeof p.volume_ids === 'string' ? p.volume_ids.split(',') : [])).filter(Boolean));
}

/** Server names by id, from one listing of every server; empty when ECS cannot be read (ids are shown instead). */
export async function serverNames(api: SdrsApi): Promise<Map<string, string>> {
  const servers = await api.listServers().catch(() => [] as Server[]);
  return new Map(servers.map((s) => [s.id, s.name]));
}

/**
 * How each disk attached to a listed server is called for people: `<server> <device>`
 * (`erp-app-01 /dev/vdb`), by volume id, from one listing of every server.
 */
export async function diskLabels(api: SdrsApi): Promise<Map<string, string>> {
  const servers = await api.listServers().catch(() => [] as Server[]);
  const out = new Map<string, string>();
  for (const s of servers) {
    for (const v of s['os-extended-volumes:volumes_attached'] ?? []) {
      if (typeof v?.id === 'string') out.set(v.id, `${safeLine(s.name)}${v.device ? ` ${v.device}` : ''}`);
    }
  }
  return out;
}

/** Finds a DR drill by id or exact, unique name (exit 3 / exit 2 as for groups). */
export function resolveDrill(api: SdrsApi, ref: string): Promise<DisasterRecoveryDrill> {
  return resolveRef(ref, {
    noun: 'drill', full: 'DR drill', words: { noun: M.nounDrill, nouns: M.nounDrills, full: M.fullDrill }, apiNotFound: 'SDRS.1902', notFound: 'DRILL_NOT_FOUND', list: 'sdrs drill list',
    get: (id) => api.getDrill(id), byName: (name) => api.listAllDrills({ name }),
  });
}
