/**
 * Frugal reads for commands that handle many groups at once (`group reverse g1 … gN`).
 * A DR event is when the API is busiest and most throttled, so N groups must not
 * cost N times the reads of one:
 *
 * - `prefetchChildren`: the instances and replication pairs of up to 30 groups per
 *   listing (`server_group_ids`) instead of two listings per group, and their
 *   servers from one listing of every server when that takes fewer requests than
 *   reading each;
 * - `batchGroupReads`: group reads asked for at about the same time by many job
 *   watchers are answered by one listing of every group.
 *
 * Both return a view of the API for the unchanged single-group code (pre-flight
 * checks, the job watcher) to read through.
 */
import { MAX_GROUP_IDS_PER_QUERY, PAGE_SIZE, type SdrsApi } from '../../api/client.js';
import type { ListChildrenQuery, ServerGroup } from '../../api/types.js';
import { serverAt } from '../shared/snapshot.js';

/** Splits `items` into runs of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** True for the query the single-group code sends: exactly one group, no other filter. */
const byGroupOnly = (q: Omit<ListChildrenQuery, 'limit' | 'offset'> | undefined): q is { server_group_id: string } =>
  q !== undefined && typeof q.server_group_id === 'string' && Object.keys(q).every((k) => k === 'server_group_id');

/**
 * Lists the instances and pairs of `groups` in ceil(n / 30) listings of each, and
 * returns a view of `api` whose per-group listings of those groups are answered
 * from them (in the service's order). With `servers`, server reads come from one
 * listing of every ECS server, if it takes fewer pages than there are production
 * servers to read. Any other read goes to the service.
 */
export async function prefetchChildren(api: SdrsApi, groups: readonly Pick<ServerGroup, 'id' | 'priority_station'>[], opts: { servers?: boolean } = {}): Promise<SdrsApi> {
  const groupIds = groups.map((g) => g.id);
  const runs = chunks([...new Set(groupIds)], MAX_GROUP_IDS_PER_QUERY);
  const [instances, pairs] = await Promise.all([
    Promise.all(runs.map((ids) => api.listAllInstances({ server_group_ids: ids }))),
    Promise.all(runs.map((ids) => api.listAllReplications({ server_group_ids: ids }))),
  ]);
  const wanted = new Set(groupIds);
  const index = <T extends { server_group_id: string }>(lists: T[][]) => {
    const by = new Map<string, T[]>([...wanted].map((id) => [id, []]));
    for (const item of lists.flat()) by.get(item.server_group_id)?.push(item);
    return by;
  };
  const instancesOf = index(instances);
  const pairsOf = index(pairs);
  // The checks read the servers at each group's production site, one by one; a listing of
  // every server is worth it only when it takes fewer pages than that.
  const production = new Map(groups.map((g) => [g.id, g.priority_station]));
  const toRead = new Set(instances.flat().map((i) => serverAt(i, production.get(i.server_group_id) ?? i.priority_station)).filter(Boolean));
  const listed = opts.servers && toRead.size > 1 ? await api.listServersWithin(toRead.size - 1) : undefined;
  const servers = new Map((listed ?? []).map((s) => [s.id, s]));
  return Object.assign(Object.create(api) as SdrsApi, {
    listAllInstances: async (q?: Omit<ListChildrenQuery, 'limit' | 'offset'>) =>
      byGroupOnly(q) && instancesOf.has(q.server_group_id) ? [...instancesOf.get(q.server_group_id)!] : api.listAllInstances(q),
    listAllReplications: async (q?: Omit<ListChildrenQuery, 'limit' | 'offset'>) =>
      byGroupOnly(q) && pairsOf.has(q.server_group_id) ? [...pairsOf.get(q.server_group_id)!] : api.listAllReplications(q),
    // A server missing from the listing is read on its own: the service says whether it is gone.
    getServer: async (id: string) => servers.get(id) ?? api.getServer(id),
  });
}

/** Options of batchGroupReads. */
export interface GroupBatchOptions {
  /** How long a batch collects reads before it is sent (ms). */
  windowMs: number;
  /** Groups in the project as far as known; corrected by every listing. */
  knownGroups: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * `getGroup` for many concurrent watchers. Reads asked for within `windowMs` form
 * one batch, sent when the window closes: one listing of every group when that
 * costs fewer requests than the reads it replaces (a listing is one request per
 * PAGE_SIZE groups), otherwise one read per group. Every answer comes from a
 * request sent after it was asked for, so it is as fresh as a read of its own.
 * A group missing from the listing is read on its own, so a deleted group still
 * gets the service's own not-found error (400 SDRS.1013).
 */
export function batchGroupReads(api: Pick<SdrsApi, 'getGroup' | 'listAllGroups'>, o: GroupBatchOptions): (id: string) => Promise<ServerGroup> {
  let known = Math.max(1, o.knownGroups);
  let open: { ids: Set<string>; listing: Promise<Map<string, ServerGroup> | undefined> } | undefined;
  return async (id) => {
    if (!open) {
      const batch = { ids: new Set<string>(), listing: Promise.resolve<Map<string, ServerGroup> | undefined>(undefined) };
      // The window closes whatever happens to the sleep: a later read never joins a sent batch.
      const closed = o.sleep(o.windowMs).finally(() => {
        if (open === batch) open = undefined;
      });
      batch.listing = closed.then(async () => {
        if (batch.ids.size < Math.ceil(known / PAGE_SIZE) + 1) return undefined; // reading each is cheaper
        const all = await api.listAllGroups();
        known = Math.max(1, all.length);
        return new Map(all.map((g) => [g.id, g]));
      });
      open = batch;
    }
    open.ids.add(id);
    const listed = await open.listing;
    return listed?.get(id) ?? api.getGroup(id);
  };
}
