/**
 * What the operator can do next with a group: the documented preconditions of
 * start, re-protect, stop, reverse, failover and delete (reference 4.1 to 4.3),
 * plus the pairs' fault levels (3.3). One place, used by `group status` and by
 * the pre-checks of `group start|stop|failover|delete`.
 */
import type { ServerGroup, Station } from '../../api/types.js';
import { groupInProgress } from '../../api/status.js';
import { azOf } from '../shared.js';
import { otherSide, runningAt, type Snapshot } from './snapshot.js';

/** What a pair's `fault_level` means: "0" none, "2" failover advised, "5" failover not allowed. */
export type FaultMeaning = 'none' | 'failover-advised' | 'failover-not-allowed' | 'unknown';

/** Reads a pair's `fault_level` (a string on the wire). */
export function faultMeaning(level: string | number | null | undefined): FaultMeaning {
  const l = String(level ?? '0').trim();
  if (l === '0' || l === '') return 'none';
  if (l === '2') return 'failover-advised';
  if (l === '5') return 'failover-not-allowed';
  return 'unknown';
}

/** One possible next action. */
export interface Advice {
  /** The documented rules allow it now (with `command`). */
  allowed: boolean;
  /** The command to run; null when not allowed. */
  command: string | null;
  /** Why it is not allowed, each with what to do. */
  reasons: string[];
  /** Worth knowing even when allowed. */
  notes: string[];
}

/** Every next action, keyed as in the `group status --json` document. */
export interface NextSteps {
  reverse: Advice & { to: Station };
  failover: Advice & { advised: boolean };
  start: Advice & { reprotect: boolean };
  stop: Advice;
  delete: Advice;
}

/** Group statuses each action is accepted from (reference 4.1; delete: the emulator's decision, docs/emulator.md). */
export const ALLOWED_FROM = {
  reverse: ['protected', 'error-reversing'],
  failover: ['protected', 'error-failing-over', 'error-reversing'],
  start: ['available', 'error-starting'],
  reprotect: ['failed-over', 'error-reprotecting'],
  stop: ['protected', 'error-stopping'],
  delete: ['available', 'error', 'error-deleting'],
} as const;

/** Child statuses that mean another job owns the child (the service answers SDRS.1002). */
const BUSY_CHILD = new Set(['creating', 'deleting', 'attaching', 'detaching', 'extending', 'resizing', 'nic-creating', 'nic-deleting']);

/** Quotes a name for a shell command line unless it is plainly safe. */
export function shellArg(s: string): string {
  return /^[\w.\-\u4e00-\u9fa5]+$/u.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that moves a group out of `status` towards a usable state. */
function fixFor(g: ServerGroup, ref: string): string {
  switch (g.status) {
    case 'available': return `start protection first: sdrs group start ${ref}`;
    case 'error-starting': return `retry the start: sdrs group start ${ref}`;
    case 'failed-over':
    case 'error-reprotecting': return `re-protect first: sdrs group start ${ref}`;
    case 'error-stopping': return `retry the stop: sdrs group stop ${ref}`;
    case 'error-failing-over': return `retry the failover: sdrs group failover ${ref}`;
    case 'error-reversing': return `retry the reverse: sdrs group reverse ${ref} --to ${otherSide(g.priority_station)}`;
    case 'protected': return `stop protection first: sdrs group stop ${ref}`;
    default: return `see: sdrs group show ${ref}`;
  }
}

const list = (names: string[], max = 3) => names.slice(0, max).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

/** Assesses every next action from one snapshot (servers at the production site should have been read). */
export function assess(s: Snapshot): NextSteps {
  const g = s.group;
  const ref = shellArg(g.name);
  const from = g.priority_station;
  const to = otherSide(from);
  const inFlight = groupInProgress(g.status)
    ? [`another operation is running (${g.status}); wait for it: sdrs group status ${ref} --watch`]
    : [];
  const busy = [
    ...s.instances.filter((i) => BUSY_CHILD.has(i.status)).map((i) => `protected instance ${i.name} is ${i.status}; wait for it to finish`),
    ...s.pairs.filter((p) => BUSY_CHILD.has(p.status)).map((p) => `replication pair ${p.name} is ${p.status}; wait for it to finish`),
  ];
  const statusIn = (allowed: readonly string[], what: string) =>
    allowed.includes(g.status) || inFlight.length ? [] : [`${what} needs the group ${allowed.join(' or ')} (it is ${g.status}); ${fixFor(g, ref)}`];
  const noPairs = s.pairs.length ? [] : [`the group has no replication pairs; add one: sdrs pair add ${ref} --volume <disk-id>`];
  const running = runningAt(s, from);
  const runningNames = list(running.map((r) => r.server.name));
  const advisedPairs = s.pairs.filter((p) => faultMeaning(p.fault_level) === 'failover-advised').map((p) => p.name);
  const brokenPairs = s.pairs.filter((p) => faultMeaning(p.fault_level) === 'failover-not-allowed').map((p) => p.name);
  const invalid = s.instances.filter((i) => i.status === 'invalid').map((i) => i.name);
  const advice = <T extends object>(command: string, reasons: string[], notes: string[], extra: T): Advice & T => ({
    allowed: reasons.length === 0, command: reasons.length === 0 ? command : null, reasons, notes, ...extra,
  });

  const reverseReasons = [...inFlight, ...busy, ...statusIn(ALLOWED_FROM.reverse, 'a reverse'), ...noPairs];
  if (invalid.length) reverseReasons.push(`protected instance(s) ${list(invalid)} are invalid (a server was deleted outside SDRS) and would make the reverse fail; remove them: sdrs instance remove ${shellArg(invalid[0])}`);
  const reverseNotes = [
    ...(running.length ? [`${running.length} server(s) at the production site ${azOf(g, from)} are running (${runningNames}); --stop-servers stops them first`] : []),
    ...(advisedPairs.length ? [`pair(s) ${list(advisedPairs)} lost read/write at the production site (fault_level 2): a failover is advised instead`] : []),
    ...(brokenPairs.length ? [`pair(s) ${list(brokenPairs)}: the replication link is broken (fault_level 5)`] : []),
  ];
  const reverseCmd = `sdrs group reverse ${ref} --to ${to}${running.length ? ' --stop-servers --start-servers' : ''}`;

  const failoverReasons = [...inFlight, ...busy, ...statusIn(ALLOWED_FROM.failover, 'a failover'), ...noPairs];
  if (brokenPairs.length) failoverReasons.push(`pair(s) ${list(brokenPairs)}: the replication link is broken (fault_level 5), so a failover is not allowed`);
  const advised = failoverReasons.length === 0 && advisedPairs.length > 0;
  const failoverNotes = advised
    ? [`pair(s) ${list(advisedPairs)} lost read/write at the production site (fault_level 2): a failover is advised`]
    : [`a failover is for a lost production site; for a planned move use: ${reverseCmd}`];

  const reprotect = (ALLOWED_FROM.reprotect as readonly string[]).includes(g.status);
  const startReasons = [...inFlight, ...busy];
  if (g.status === 'protected') startReasons.push('protection is already on (protected)');
  else startReasons.push(...statusIn([...ALLOWED_FROM.start, ...ALLOWED_FROM.reprotect], 'starting protection'));
  startReasons.push(...noPairs);
  if (reprotect && running.length) {
    startReasons.push(`${running.length} server(s) at the current production site ${azOf(g, from)} are running (${runningNames}); re-protect needs them stopped: sdrs server stop ${running.map((r) => r.server.id).join(' ')} --yes`);
  }
  const startNotes = reprotect ? [`re-protect syncs ${azOf(g, from)} -> ${azOf(g, to)}: the disks at ${azOf(g, to)} are overwritten`] : [];

  const stopReasons = [...inFlight, ...busy];
  if (g.status === 'available') stopReasons.push('protection is already off (available)');
  else stopReasons.push(...statusIn(ALLOWED_FROM.stop, 'stopping protection'));

  const deleteReasons = [...inFlight, ...statusIn(ALLOWED_FROM.delete, 'a delete')];
  if (s.instances.length) {
    deleteReasons.push(`the group still has ${s.instances.length} protected instance(s); remove them first: ${list(s.instances.map((i) => `sdrs instance remove ${shellArg(i.name)}`))}`);
  }
  if (s.pairs.length) {
    deleteReasons.push(`the group still has ${s.pairs.length} replication pair(s); remove them first: ${list(s.pairs.map((p) => `sdrs pair remove ${shellArg(p.name)} --detach`))}`);
  }

  return {
    reverse: advice(reverseCmd, reverseReasons, reverseNotes, { to }),
    failover: advice(`sdrs group failover ${ref}`, failoverReasons, failoverNotes, { advised }),
    start: advice(`sdrs group start ${ref}`, startReasons, startNotes, { reprotect }),
    stop: advice(`sdrs group stop ${ref}`, stopReasons, ['replication stops; until protection is started again the group can be neither switched over nor failed over'], {}),
    delete: advice(`sdrs group delete ${ref}`, deleteReasons, [], {}),
  };
}
