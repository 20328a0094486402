/** Where production runs: the two sides of a group and their AZs, and names quoted for commands we print. */
import type { ServerGroup, Station } from '../../api/types.js';

/** The AZ that is production when the group's priority_station is `station`. */
export function azOf(group: Pick<ServerGroup, 'source_availability_zone' | 'target_availability_zone'>, station: Station): string {
  return station === 'source' ? group.source_availability_zone : group.target_availability_zone;
}

/** The other side. */
export const otherSide = (s: Station): Station => (s === 'source' ? 'target' : 'source');

/** `cn-north-4a (source)`: where production runs. */
export function productionLabel(g: ServerGroup): string {
  return `${azOf(g, g.priority_station)} (${g.priority_station})`;
}

// shellArg and refOf live in util/ref.ts, where the journal's report can use them too.
export { refOf, shellArg } from '../../util/ref.js';
