/**
 * One read of a group and everything under it (instances, pairs, servers), for
 * the status view and the pre-checks of the group actions.
 */
import type { SdrsApi } from '../../api/client.js';
import type { ProtectedInstance, Replication, Server, ServerGroup, Station } from '../../api/types.js';
import { ApiError } from '../../errors.js';
import { mapLimit } from '../../util/pool.js';

export { otherSide } from './sites.js';

/** A group and its children as read at one moment. */
export interface Snapshot {
  group: ServerGroup;
  instances: ProtectedInstance[];
  pairs: Replication[];
  /** Servers by id; null when the server no longer exists. Only the servers that were asked for. */
  servers: Map<string, Server | null>;
}

/** How many ECS reads run at once (frugal with the API, still quick for big groups). */
export const SERVER_READ_CONCURRENCY = 4;

/** The instance's server on `station` (`source_server`/`target_server` keep their creation-time meaning). */
export function serverAt(pi: ProtectedInstance, station: Station): string {
  return station === 'source' ? pi.source_server : pi.target_server;
}

/** Reads servers by id, a few at a time; a server that is gone (4xx) maps to null. */
export async function readServers(api: SdrsApi, ids: string[]): Promise<Map<string, Server | null>> {
  const unique = [...new Set(ids.filter(Boolean))];
  const read = await mapLimit(unique, SERVER_READ_CONCURRENCY, async (id) => {
    try {
      return await api.getServer(id);
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) return null;
      throw err;
    }
  });
  return new Map(unique.map((id, i) => [id, read[i]]));
}

/**
 * Reads the children of `group` and, as asked, the servers at the current
 * production site only or at both sites.
 */
export async function loadSnapshot(api: SdrsApi, group: ServerGroup, servers: 'none' | 'production' | 'both'): Promise<Snapshot> {
  const [instances, pairs] = await Promise.all([
    api.listAllInstances({ server_group_id: group.id }),
    api.listAllReplications({ server_group_id: group.id }),
  ]);
  const sides: Station[] = servers === 'none' ? [] : servers === 'production' ? [group.priority_station] : ['source', 'target'];
  const ids = instances.flatMap((pi) => sides.map((side) => serverAt(pi, side)));
  return { group, instances, pairs, servers: ids.length ? await readServers(api, ids) : new Map() };
}

/** Servers at `station` that are known and not SHUTOFF, with their instance. */
export function runningAt(s: Snapshot, station: Station): { server: Server; instance: ProtectedInstance }[] {
  return s.instances
    .map((instance) => ({ instance, server: s.servers.get(serverAt(instance, station)) }))
    .filter((x): x is { server: Server; instance: ProtectedInstance } => Boolean(x.server) && x.server!.status !== 'SHUTOFF')
    .sort((a, b) => a.server.name.localeCompare(b.server.name));
}
