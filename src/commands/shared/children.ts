/**
 * What the `instance` and `pair` nouns share: the statuses in which the service
 * lets their children change (reference 4.2), and the `<noun> list [<group>]` view.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import { result, say, table, type Result } from './output.js';
import { resolveGroup } from './resolve.js';

/** How `instance list` and `pair list` show their items. */
export interface ChildList<T> {
  /** "protected instances", for the empty message. */
  what: string;
  /** Every page, optionally of one group. */
  list: (api: SdrsApi, q: { server_group_id?: string }) => Promise<T[]>;
  headers: string[];
  /** One table row; `group` is the group's name (or id when unknown). */
  row: (item: T, group: string) => (string | number | null | undefined)[];
}

/**
 * `<noun> list [<group>]` (`groupRef` already checked): the JSON array of the
 * objects as the API returns them, or a table with group names.
 */
export async function listChildren<T extends { server_group_id: string }>(ctx: Context, groupRef: string | undefined, l: ChildList<T>): Promise<Result<T[]>> {
  const api = await ctx.api();
  const group = groupRef === undefined ? undefined : await resolveGroup(api, groupRef);
  const items = await l.list(api, group ? { server_group_id: group.id } : {});
  // --json prints the objects as they are: no need to read the group names.
  if (ctx.globals.json) return result(items);
  if (items.length === 0) return result(items, say(`No ${l.what}${group ? ` in ${group.name}` : ''}.`));
  const names = new Map((group ? [group] : await api.listAllGroups()).map((g) => [g.id, g.name]));
  return result(items, table(l.headers, items.map((item) => l.row(item, names.get(item.server_group_id) ?? item.server_group_id))));
}
