/**
 * What the drill verbs share: picking a group or a drill (asked for at a terminal when
 * not given), the pre-flight checks of a drill (exit 3, nothing sent), the drill servers
 * as people know them (names, power, addresses), and the exact cleanup command.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { DisasterRecoveryDrill, Server, ServerGroup, Vpc } from '../../api/types.js';
import { ApiError, PreconditionError, UsageError, safeLine } from '../../errors.js';
import { DRILL_DELETABLE_FROM, drillStatusRefusalText } from '../../api/rules.js';
import { printable } from '../../validate.js';
import { resolveDrill, resolveGroup } from '../shared/resolve.js';
import { refOf } from '../shared/sites.js';
import { say } from '../shared/ui.js';
import { join, local, text, type Entry, type Text } from '../../i18n/index.js';
import { drillMsg as M } from '../../i18n/catalog/drill.js';

/** The verbs a protection group or a drill is picked for (the prompt and the missing-argument error). */
export const PICK_VERB = { rehearse: M.verbRehearse, drill: M.verbDrill, delete: M.verbDelete, rename: M.verbRename, show: M.verbShow } as const;
export type PickVerb = keyof typeof PICK_VERB;

/** The group named, or the one picked at a terminal; without one, exit 2 naming the argument. */
export async function pickGroup(ctx: Context, api: SdrsApi, ref: string | undefined, verb: PickVerb): Promise<ServerGroup> {
  if (ref !== undefined) return resolveGroup(api, ref);
  const v = text(PICK_VERB[verb]);
  if (!ctx.io.canPrompt) throw new UsageError(text(M.missingGroup, { verb: v }));
  const groups = await api.listAllGroups();
  if (groups.length === 0) throw new PreconditionError('GROUP_NOT_FOUND', text(M.noGroups), { hint: text(M.noGroupsHint) });
  return ctx.prompter.select(local(text(M.pickGroup, { verb: v })), groups.map((g) => ({ name: `${safeLine(g.name)} (${g.status}) ${g.id}`, value: g })));
}

/** The drill named, or the one picked at a terminal; without one, exit 2 naming the argument. */
export async function pickDrill(ctx: Context, api: SdrsApi, ref: string | undefined, verb: PickVerb): Promise<DisasterRecoveryDrill> {
  if (ref !== undefined) return resolveDrill(api, ref);
  const v = text(PICK_VERB[verb]);
  if (!ctx.io.canPrompt) throw new UsageError(text(M.missingDrill, { verb: v }));
  const drills = await api.listAllDrills();
  if (drills.length === 0) throw new PreconditionError('DRILL_NOT_FOUND', text(M.noDrills), { hint: text(M.noDrillsHint) });
  return ctx.prompter.select(local(text(M.pickDrill, { verb: v })), drills.map((d) => ({ name: `${safeLine(d.name)} (${d.status}) ${d.id}`, value: d })));
}

/** The command that deletes a drill (its servers, disks and NICs; the drill VPC is kept). */
export function cleanupCommand(d: Pick<DisasterRecoveryDrill, 'id'>): string {
  return `sdrs drill delete ${d.id} --yes`;
}

/** What deleting a drill does and does not delete (reference dr-operations 1.1). */
export function deleteEffects(d: Pick<DisasterRecoveryDrill, 'drill_vpc_id' | 'drill_servers'>): Text {
  return text(M.deleteEffects, { n: d.drill_servers?.length ?? 0, vpc: d.drill_vpc_id || '(none)' });
}

/** A VPC by id or exact, unique name among those listed (exit 3 naming the choices). */
export function findVpc(vpcs: Vpc[], ref: string): Vpc {
  const byId = vpcs.find((v) => v.id === ref);
  const byName = vpcs.filter((v) => v.name === ref);
  const found = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (found) return found;
  throw new PreconditionError('VPC_NOT_FOUND', text(byName.length > 1 ? M.vpcAmbiguous : M.vpcNotFound, { ref: printable(ref) }), {
    hint: vpcs.length ? text(M.vpcList, { list: vpcs.map((v) => `${safeLine(v.name)} (${v.cidr}) ${v.id}`).join(', ') }) : text(M.vpcListNone),
  });
}

/** What the pre-flight found: the drill VPC to send (undefined: the service creates one). */
export interface DrillPreflight {
  vpc?: Vpc;
}

/**
 * The documented preconditions of a drill (dr-operations 1.1), every one checked before
 * anything is sent: the group's status, the first synchronisation complete (every pair at
 * 100 %), servers to build, and a given drill VPC: not the group's own VPC, the same CIDR
 * as the group's VPC, with subnets. Prints the checklist; any failure is exit 3 with every
 * reason.
 */
export async function drillPreflight(ctx: Context, api: SdrsApi, g: ServerGroup, vpcRef: string | undefined): Promise<DrillPreflight> {
  const ref = refOf(g);
  // Each check in both languages: the checklist and the error are for people; the error's details (JSON) keep the English.
  const checks: { ok: boolean; text: Text }[] = [];
  const check = (ok: boolean, text: Text) => checks.push({ ok, text });
  const c = (entry: Entry, params: Record<string, string | number>) => text(entry, params);
  const refusal = drillStatusRefusalText(g, ref);
  check(!refusal, refusal ?? c(M.checkGroupStatus, { group: safeLine(g.name), status: g.status }));
  const [pairs, instances, vpcs] = await Promise.all([
    api.listAllReplications({ server_group_id: g.id }),
    api.listAllInstances({ server_group_id: g.id }),
    vpcRef === undefined ? Promise.resolve([] as Vpc[]) : api.listVpcs(),
  ]);
  check(instances.length > 0, instances.length > 0
    ? c(M.checkInstances, { n: instances.length })
    : c(M.checkNoInstances, { group: safeLine(g.name), ref }));
  const behind = pairs.filter((p) => (p.progress ?? 0) < 100);
  check(behind.length === 0, behind.length === 0
    ? c(M.checkSynced, { n: pairs.length })
    : c(M.checkNotSynced, { list: behind.map((p) => `${safeLine(p.name)} ${p.progress ?? 0}%`).join(', '), ref }));
  let vpc: Vpc | undefined;
  if (vpcRef !== undefined) {
    vpc = findVpc(vpcs, vpcRef);
    const own = vpcs.find((v) => v.id === g.source_vpc_id);
    const vn = safeLine(vpc.name);
    check(vpc.id !== g.source_vpc_id, vpc.id === g.source_vpc_id ? c(M.checkOwnVpc, { vpc: vn }) : c(M.checkNotOwnVpc, { vpc: vn }));
    if (vpc.id !== g.source_vpc_id) {
      const same = own !== undefined && own.cidr === vpc.cidr;
      check(same, same
        ? c(M.checkSameCidr, { vpc: vn, cidr: vpc.cidr })
        : own ? c(M.checkOtherCidr, { vpc: vn, cidr: vpc.cidr, own: safeLine(own.name), ownCidr: own.cidr }) : c(M.checkOwnMissing, { vpc: vn, cidr: vpc.cidr, own: g.source_vpc_id }));
      const subnets = await api.listSubnets(vpc.id);
      check(subnets.length > 0, subnets.length > 0 ? c(M.checkSubnets, { vpc: vn, n: subnets.length }) : c(M.checkNoSubnets, { vpc: vn }));
    }
  }
  for (const x of checks) say(ctx, `${x.ok ? '✔' : '✖'} ${local(x.text)}`, x.ok ? 'plain' : 'bad');
  const failed = checks.filter((x) => !x.ok);
  if (failed.length > 0) {
    throw new PreconditionError('PREFLIGHT_FAILED', text(M.preflightRefused, { group: safeLine(g.name), reasons: join(failed.map((x) => x.text), text(M.reasonSep)) }), {
      hint: text(M.preflightRefusedHint),
      details: { group_id: g.id, group_status: g.status, reasons: failed.map((x) => x.text.en) },
    });
  }
  return vpc ? { vpc } : {};
}

/** Why the service would refuse to delete the drill (SDRS.1913), or undefined. */
export function deleteRefusal(d: DisasterRecoveryDrill): Text | undefined {
  if (DRILL_DELETABLE_FROM.has(d.status)) return undefined;
  const when = d.status === 'creating' ? text(M.whenCreating) : d.status === 'deleting' ? text(M.whenDeleting) : text(M.whenOther, { id: d.id });
  return text(M.deleteRefusal, { drill: safeLine(d.name), status: d.status, allowed: [...DRILL_DELETABLE_FROM].join(', '), when });
}

/** A drill server as the commands show it. */
export interface DrillServerView {
  protected_instance: string;
  drill_server_id: string;
  /** null when the server could not be found. */
  name: string | null;
  /** ECS status (ACTIVE, BUILD, ...); NOT_FOUND when the server does not exist. */
  status: string;
  /** Every address of the server (fixed and floating), in the order ECS lists them. */
  addresses: string[];
}

/** Every address of an ECS server. */
export function addressesOf(s: Server): string[] {
  return Object.values(s.addresses ?? {}).flatMap((list) => (Array.isArray(list) ? list.map((a) => a?.addr).filter((a): a is string => typeof a === 'string') : []));
}

/** Above this many drill servers, one listing of every ECS server is cheaper than a read each (when it takes few pages). */
const READ_EACH_UP_TO = 10;

/** Reads the drill's servers: one ECS read each (the transport keeps 8 in flight), or one listing for many. */
export async function drillServers(api: SdrsApi, d: DisasterRecoveryDrill): Promise<DrillServerView[]> {
  const list = d.drill_servers ?? [];
  const all = list.length > READ_EACH_UP_TO ? await api.listServersWithin(Math.ceil(list.length / READ_EACH_UP_TO)) : undefined;
  const byId = all ? new Map(all.map((s) => [s.id, s])) : undefined;
  return Promise.all(list.map(async (ds) => {
    let s: Server | undefined = byId?.get(ds.drill_server_id);
    if (!byId) {
      try {
        s = await api.getServer(ds.drill_server_id);
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
    }
    return {
      protected_instance: ds.protected_instance,
      drill_server_id: ds.drill_server_id,
      name: s?.name ?? null,
      status: s?.status ?? 'NOT_FOUND',
      addresses: s ? addressesOf(s) : [],
    };
  }));
}
