/**
 * The service's rules for protection groups (reference 4.1 to 4.3), in one table:
 * which statuses an operation is accepted from, which statuses mean an operation
 * is running, and what moves a group out of a status. The pre-flight checklist,
 * the status view's "what is allowed next", the watcher's in-progress set and the
 * hints are all views of this table.
 */
import type { GroupStatus, ServerGroup, Station } from './types.js';
import { text, type Entry, type Text } from '../i18n/index.js';
import { reverse as M } from '../i18n/catalog/reverse.js';

/** Every documented protection group status (reference 4.1), in the order of the reference. */
export const GROUP_STATUSES: readonly GroupStatus[] = [
  'creating', 'available', 'protected', 'deleting', 'error-deleting', 'error', 'starting',
  'error-starting', 'reprotecting', 'error-reprotecting', 'stopping', 'error-stopping',
  'reversing', 'error-reversing', 'failing-over', 'failed-over', 'error-failing-over',
];

/**
 * The statuses of a group while an operation runs on it. The `error-*` statuses are not
 * among them: they are ended states (the operation failed), from which the same
 * operation, and some others, may be sent again.
 */
export const GROUP_IN_PROGRESS: ReadonlySet<string> = new Set<GroupStatus>([
  'creating', 'deleting', 'starting', 'reprotecting', 'stopping', 'reversing', 'failing-over',
]);

/** True while an operation runs on a group with this status. */
export const groupInProgress = (status: unknown): boolean => GROUP_IN_PROGRESS.has(String(status));

/** The operations on a group. */
export type GroupOperation = 'reverse' | 'failover' | 'start' | 'reprotect' | 'stop' | 'delete';

/** Group statuses each operation is accepted from (reference 4.1; delete: the emulator's decision, docs/emulator.md). */
export const ALLOWED_FROM: Readonly<Record<GroupOperation, readonly GroupStatus[]>> = {
  reverse: ['protected', 'error-reversing'],
  failover: ['protected', 'error-failing-over', 'error-reversing'],
  start: ['available', 'error-starting'],
  reprotect: ['failed-over', 'error-reprotecting'],
  stop: ['protected', 'error-stopping'],
  delete: ['available', 'error', 'error-deleting'],
};

/** True when the service accepts `op` from `status`. */
export const allowedFrom = (op: GroupOperation, status: string): boolean => (ALLOWED_FROM[op] as readonly string[]).includes(status);

const other = (s: Station): Station => (s === 'source' ? 'target' : 'source');

/** The command that moves a group out of its status towards a usable state, in both languages (`ref`: how to name the group). */
export function fixForText(g: Pick<ServerGroup, 'status' | 'priority_station'>, ref: string): Text {
  if (groupInProgress(g.status)) return text(M.fixWait, { status: g.status, ref });
  switch (g.status) {
    case 'available': return text(M.fixStart, { ref });
    case 'error-starting': return text(M.fixRetryStart, { ref });
    case 'failed-over':
    case 'error-reprotecting': return text(M.fixReprotect, { ref });
    case 'error-stopping': return text(M.fixRetryStop, { ref });
    case 'error-failing-over': return text(M.fixRetryFailover, { ref });
    case 'error-reversing': return text(M.fixRetryReverse, { ref, side: other(g.priority_station) });
    case 'protected': return text(M.fixStop, { ref });
    default: return text(M.fixSee, { ref });
  }
}

/** The command that moves a group out of its status towards a usable state (`ref`: how to name the group). English. */
export function fixFor(g: Pick<ServerGroup, 'status' | 'priority_station'>, ref: string): string {
  return fixForText(g, ref).en;
}

/** What each operation is called in a refusal. */
const PHRASE: Record<GroupOperation, Entry> = {
  reverse: M.opReverse, failover: M.opFailover, start: M.opStart, reprotect: M.opReprotect, stop: M.opStop, delete: M.opDelete,
};

/** Statuses as a refusal lists them ("protected or error-reversing"). */
const statusList = (statuses: readonly string[], sep: Text = { en: ' or ', zh: ' 或 ' }): Text => ({ en: statuses.join(sep.en), zh: statuses.join(sep.zh) });

/**
 * Why the service would refuse `op` because of the group's status, with the fix, in both
 * languages; undefined when the status allows it. `alsoFrom` widens the accepted statuses
 * (start covers re-protect).
 */
export function statusRefusalText(op: GroupOperation, g: Pick<ServerGroup, 'status' | 'priority_station'>, ref: string, alsoFrom: readonly string[] = []): Text | undefined {
  if (allowedFrom(op, g.status) || alsoFrom.includes(g.status)) return undefined;
  if (groupInProgress(g.status)) return fixForText(g, ref);
  const allowed = [...ALLOWED_FROM[op], ...alsoFrom];
  return text(M.statusNeeds, { op: text(PHRASE[op]), allowed: statusList(allowed), status: g.status, fix: fixForText(g, ref) });
}

/** `statusRefusalText` in English (JSON documents, the journal). */
export function statusRefusal(op: GroupOperation, g: Pick<ServerGroup, 'status' | 'priority_station'>, ref: string, alsoFrom: readonly string[] = []): string | undefined {
  return statusRefusalText(op, g, ref, alsoFrom)?.en;
}

/** What a pair's `fault_level` means (reference 3.3): "0" none, "2" failover advised, "5" failover not allowed. */
export type FaultMeaning = 'none' | 'failover-advised' | 'failover-not-allowed' | 'unknown';

/** Reads a pair's `fault_level` (a string on the wire). */
export function faultMeaning(level: string | number | null | undefined): FaultMeaning {
  const l = String(level ?? '0').trim();
  if (l === '0' || l === '') return 'none';
  if (l === '2') return 'failover-advised';
  if (l === '5') return 'failover-not-allowed';
  return 'unknown';
}

/**
 * Statuses in which the service adds, attaches or detaches children: of the group
 * (instance add, pair add, pair attach), of the instance and of the pair (pair attach).
 * Reference 4.2.
 */
export const CHILDREN_CHANGE_FROM: ReadonlySet<string> = new Set(['available', 'protected']);

/** Protected instance statuses the service deletes from (reference 4.2). */
export const INSTANCE_DELETABLE_FROM: ReadonlySet<string> = new Set([
  'available', 'protected', 'failed-over', 'error', 'error-starting', 'error-stopping', 'error-reversing',
  'error-failing-over', 'error-deleting', 'error-reprotecting', 'error-resizing', 'invalid', 'fault',
]);

/** Child (protected instance, replication pair) statuses while another job owns the child: the service answers SDRS.1002. */
export const CHILD_BUSY: ReadonlySet<string> = new Set([
  'creating', 'deleting', 'attaching', 'detaching', 'extending', 'resizing', 'nic-creating', 'nic-deleting',
]);

/** The in-progress group statuses that lead to each final status (start, re-protect, stop, failover). */
export const UNDER_WAY_TO: Readonly<Record<string, readonly GroupStatus[]>> = {
  protected: ['starting', 'reprotecting'],
  available: ['stopping'],
  'failed-over': ['failing-over'],
};

/**
 * What a pair's fault level means for a planned reverse (reference 3.3), as a clause
 * naming the pairs' level; undefined for none. Level 5 refuses a reverse in the
 * pre-flight (the link that would carry production's last writes is broken); 2 and
 * unknown levels are warnings.
 */
export const FAULT_FOR_REVERSE: Readonly<Record<Exclude<FaultMeaning, 'none'>, { refuse: boolean; means: Entry; fix: Entry }>> = {
  'failover-not-allowed': { refuse: true, means: M.fault5Means, fix: M.fault5Fix },
  'failover-advised': { refuse: false, means: M.fault2Means, fix: M.fault2Fix },
  unknown: { refuse: false, means: M.faultOddMeans, fix: M.faultOddFix },
};

/**
 * Why the service refuses a reverse to `to` although the group's status allows a
 * reverse: production already runs on `to` (SDRS.1022). For a `protected` group that is
 * a no-op the callers answer first; left is a failed reverse (`error-reversing`: the
 * side is kept), whose recovery is to retry the reverse the other way (reference 4.1:
 * a reverse, or a failover, is accepted from `error-reversing`). Undefined otherwise.
 */
export function reverseSideRefusalText(g: Pick<ServerGroup, 'status' | 'priority_station'>, to: Station, ref: string): Text | undefined {
  if (g.priority_station !== to || g.status === 'protected' || !allowedFrom('reverse', g.status)) return undefined;
  return text(M.sideRefusal, { to, away: other(to), status: g.status, ref });
}

/** `reverseSideRefusalText` in English. */
export function reverseSideRefusal(g: Pick<ServerGroup, 'status' | 'priority_station'>, to: Station, ref: string): string | undefined {
  return reverseSideRefusalText(g, to, ref)?.en;
}

/**
 * Group statuses in which the servers at the DR site (the side opposite `priority_station`)
 * must stay stopped: replication to their disks is set up, running or being changed. The
 * user guide: the DR-site server is stopped once its protected instance is created, and the
 * DR-site servers and disks cannot be used before a planned failover or failover
 * (OTC SDRS UMN, "Create a Protected Instance"). Not after a failover (`failing-over`,
 * `failed-over`, `error-failing-over`: the servers there are started by hand), nor without
 * protection (`available`).
 */
export const DR_SERVERS_STOPPED_IN: ReadonlySet<string> = new Set<GroupStatus>([
  'protected', 'starting', 'error-starting', 'reprotecting', 'error-reprotecting', 'reversing', 'error-reversing', 'stopping', 'error-stopping',
]);

/** Every documented DR drill status (reference 4.4). */
export const DRILL_STATUSES: readonly string[] = ['creating', 'available', 'deleting', 'error', 'error-deleting'];

/** Group statuses a drill can be created from (sdrs_05_0701, reference dr-operations 1.1). */
export const DRILL_FROM: readonly GroupStatus[] = [
  'available', 'protected', 'failed-over', 'error-starting', 'error-stopping', 'error-reversing', 'error-reprotecting', 'error-failing-over',
];

/** Drill statuses the service deletes a drill from (else SDRS.1913). */
export const DRILL_DELETABLE_FROM: ReadonlySet<string> = new Set(['available', 'error', 'error-deleting']);

/** Drill statuses while a job runs on the drill. */
export const DRILL_IN_PROGRESS: ReadonlySet<string> = new Set(['creating', 'deleting']);

/** Why a drill cannot be created from the group's status (with the fix), in both languages, or undefined. */
export function drillStatusRefusalText(g: Pick<ServerGroup, 'status' | 'priority_station'>, ref: string): Text | undefined {
  if ((DRILL_FROM as readonly string[]).includes(g.status)) return undefined;
  if (groupInProgress(g.status)) return fixForText(g, ref);
  return text(M.drillNeeds, { allowed: statusList(DRILL_FROM, { en: ', ', zh: '、' }), status: g.status, fix: fixForText(g, ref) });
}

/** Why a drill cannot be created from the group's status (with the fix), or undefined. English. */
export function drillStatusRefusal(g: Pick<ServerGroup, 'status' | 'priority_station'>, ref: string): string | undefined {
  return drillStatusRefusalText(g, ref)?.en;
}
