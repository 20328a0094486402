/**
 * What the `instance` and `pair` nouns share: the statuses in which the service
 * lets their children change (reference 4.2), and the `<noun> list [<group>]` view.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import { safeLine } from '../../errors.js';
import { result, say, table, type Result } from './output.js';
import { resolveGroup } from './resolve.js';
import { local, t, type Text } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

/** How `instance list` and `pair list` show their items. */
export interface ChildList<T> {
  /** "protected instances", for the empty message. */
  what: string;
  /** `what` in both languages, for the people's view. @default `what` */
  whatText?: Text;
  /** Every page, optionally of one group. */
  list: (api: SdrsApi, q: { server_group_id?: string }) => Promise<T[]>;
  headers: string[];
  /** One table row; `group` is the group's name (or id when unknown); `names` what `names` read. */
  row: (item: T, group: string, names: Map<string, string>) => (string | number | null | undefined)[];
  /** Names for the ids the rows show (servers, instances, disks), read once for the whole table. */
  names?: (api: SdrsApi, items: T[]) => Promise<Map<string, string>>;
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
  if (items.length === 0) return result(items, say(t(group ? M.noneOfIn : M.noneOf, { what: l.whatText ? local(l.whatText) : l.what, group: group ? safeLine(group.name) : undefined })));
  const [groups, names] = await Promise.all([group ? [group] : api.listAllGroups(), l.names ? l.names(api, items) : new Map<string, string>()]);
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  return result(items, table(l.headers, items.map((item) => l.row(item, groupNames.get(item.server_group_id) ?? item.server_group_id, names))));
}
