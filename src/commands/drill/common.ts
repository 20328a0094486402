/**
 * What the drill verbs share: picking a group or a drill (asked for at a terminal when
 * not given), the pre-flight checks of a drill (exit 3, nothing sent), the drill servers
 * as people know them (names, power, addresses), and the exact cleanup command.
 */
import type { Context } from '../../context.js';
import type { SdrsApi } from '../../api/client.js';
import type { DisasterRecoveryDrill, Server, ServerGroup, Vpc } from '../../api/types.js';
import { ApiError, PreconditionError, UsageError, safeLine } from '../../errors.js';
import { DRILL_DELETABLE_FROM, drillStatusRefusal } from '../../api/rules.js';
import { printable } from '../../validate.js';
import { resolveDrill, resolveGroup } from '../shared/resolve.js';
import { refOf } from '../shared/sites.js';
import { say } from '../shared/ui.js';

/** The group named, or the one picked at a terminal; without one, exit 2 naming the argument. */
export async function pickGroup(ctx: Context, api: SdrsApi, ref: string | undefined, verb: string): Promise<ServerGroup> {
  if (ref !== undefined) return resolveGroup(api, ref);
  if (!ctx.io.canPrompt) throw new UsageError(`missing <group>: name the protection group to ${verb} (prompts are off without a terminal or with --no-input/--json)`);
  const groups = await api.listAllGroups();
  if (groups.length === 0) throw new PreconditionError('GROUP_NOT_FOUND', 'there are no protection groups', { hint: 'Create one first: sdrs group create' });
  return ctx.prompter.select(`Protection group to ${verb}`, groups.map((g) => ({ name: `${safeLine(g.name)} (${g.status}) ${g.id}`, value: g })));
}

/** The drill named, or the one picked at a terminal; without one, exit 2 naming the argument. */
export async function pickDrill(ctx: Context, api: SdrsApi, ref: string | undefined, verb: string): Promise<DisasterRecoveryDrill> {
  if (ref !== undefined) return resolveDrill(api, ref);
  if (!ctx.io.canPrompt) throw new UsageError(`missing <drill>: name the DR drill to ${verb} (prompts are off without a terminal or with --no-input/--json)`);
  const drills = await api.listAllDrills();
  if (drills.length === 0) throw new PreconditionError('DRILL_NOT_FOUND', 'there are no DR drills', { hint: 'Start one with: sdrs drill create <group>' });
  return ctx.prompter.select(`DR drill to ${verb}`, drills.map((d) => ({ name: `${safeLine(d.name)} (${d.status}) ${d.id}`, value: d })));
}

/** The command that deletes a drill (its servers, disks and NICs; the drill VPC is kept). */
export function cleanupCommand(d: Pick<DisasterRecoveryDrill, 'id'>): string {
  return `sdrs drill delete ${d.id} --yes`;
}

/** What deleting a drill does and does not delete (reference dr-operations 1.1). */
export function deleteEffects(d: Pick<DisasterRecoveryDrill, 'drill_vpc_id' | 'drill_servers'>): string {
  const n = d.drill_servers?.length ?? 0;
  return `its ${n} drill server(s) with their disks and NICs are deleted; the drill VPC ${d.drill_vpc_id || '(none)'} and its subnets are kept; EIPs bound to drill servers are unbound, not deleted`;
}

/** A VPC by id or exact, unique name among those listed (exit 3 naming the choices). */
export function findVpc(vpcs: Vpc[], ref: string): Vpc {
  const byId = vpcs.find((v) => v.id === ref);
  const byName = vpcs.filter((v) => v.name === ref);
  const found = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (found) return found;
  throw new PreconditionError('VPC_NOT_FOUND', `VPC ${printable(ref)} not found${byName.length > 1 ? ' (the name is ambiguous; pass the id)' : ''}`, {
    hint: `VPCs: ${vpcs.map((v) => `${safeLine(v.name)} (${v.cidr}) ${v.id}`).join(', ') || 'none'}`,
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
  const checks: { ok: boolean; text: string }[] = [];
  const check = (ok: boolean, text: string) => checks.push({ ok, text });
  const refusal = drillStatusRefusal(g, ref);
  check(!refusal, refusal ?? `group ${safeLine(g.name)} is ${g.status}`);
  const [pairs, instances, vpcs] = await Promise.all([
    api.listAllReplications({ server_group_id: g.id }),
    api.listAllInstances({ server_group_id: g.id }),
    vpcRef === undefined ? Promise.resolve([] as Vpc[]) : api.listVpcs(),
  ]);
  check(instances.length > 0, instances.length > 0
    ? `${instances.length} protected instance(s) to build drill servers from`
    : `group ${safeLine(g.name)} protects no servers: a drill would build nothing; add them first: sdrs instance add ${ref} --server <server>`);
  const behind = pairs.filter((p) => (p.progress ?? 0) < 100);
  check(behind.length === 0, behind.length === 0
    ? `first synchronisation complete (${pairs.length} pair(s) at 100%)`
    : `first synchronisation not complete: ${behind.map((p) => `${safeLine(p.name)} ${p.progress ?? 0}%`).join(', ')} (drill servers may fail to start); wait: sdrs group status ${ref} --watch`);
  let vpc: Vpc | undefined;
  if (vpcRef !== undefined) {
    vpc = findVpc(vpcs, vpcRef);
    const own = vpcs.find((v) => v.id === g.source_vpc_id);
    check(vpc.id !== g.source_vpc_id, vpc.id === g.source_vpc_id
      ? `drill VPC ${safeLine(vpc.name)} is the group's own VPC: drill servers must be isolated from production; pick another VPC or omit --vpc (the service then creates one)`
      : `drill VPC ${safeLine(vpc.name)} is not the group's VPC`);
    if (vpc.id !== g.source_vpc_id) {
      const same = own !== undefined && own.cidr === vpc.cidr;
      check(same, same
        ? `drill VPC ${safeLine(vpc.name)} has the group VPC's CIDR ${vpc.cidr}`
        : `drill VPC ${safeLine(vpc.name)} has CIDR ${vpc.cidr}, the group's VPC ${own ? `${safeLine(own.name)} has ${own.cidr}` : `${g.source_vpc_id} was not found`}; they must be the same`);
      const subnets = await api.listSubnets(vpc.id);
      check(subnets.length > 0, subnets.length > 0 ? `drill VPC ${safeLine(vpc.name)} has ${subnets.length} subnet(s)` : `drill VPC ${safeLine(vpc.name)} has no subnets; add one first`);
    }
  }
  for (const c of checks) say(ctx, `${c.ok ? '✔' : '✖'} ${c.text}`, c.ok ? 'plain' : 'bad');
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new PreconditionError('PREFLIGHT_FAILED', `a DR drill of group ${safeLine(g.name)} would be refused: ${failed.map((c) => c.text).join('; ')}`, {
      hint: 'Nothing was sent. Fix the items marked ✖ and run the command again.',
      details: { group_id: g.id, group_status: g.status, reasons: failed.map((c) => c.text) },
    });
  }
  return vpc ? { vpc } : {};
}

/** Why the service would refuse to delete the drill (SDRS.1913), or undefined. */
export function deleteRefusal(d: DisasterRecoveryDrill): string | undefined {
  if (DRILL_DELETABLE_FROM.has(d.status)) return undefined;
  const when = d.status === 'creating' ? 'wait until it is available' : d.status === 'deleting' ? 'it is already being deleted' : 'see: sdrs drill show ' + d.id;
  return `drill ${safeLine(d.name)} is ${d.status}; the service deletes a drill only when it is ${[...DRILL_DELETABLE_FROM].join(', ')} (${when})`;
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
