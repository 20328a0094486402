/**
 * What the operator can do next with a group: a view of the one table of group
 * rules in src/api/rules.ts (accepted statuses, operations in progress, fixes,
 * fault levels), applied to one snapshot of the group and its children
 * (reference 4.1 to 4.3, 3.3). Used by `group status` and by the pre-checks of
 * `group start|stop|failover|delete`; it adds no status list of its own.
 */
import type { Station } from '../../api/types.js';
import { ALLOWED_FROM, CHILD_BUSY, FAULT_FOR_REVERSE, allowedFrom, faultMeaning, fixFor, groupInProgress, statusRefusal } from '../../api/rules.js';
import { azOf, otherSide, refOf } from '../shared/sites.js';
import { runningAt, type Snapshot } from '../shared/snapshot.js';

/** One possible next action. */
export interface Advice {
  /** The documented rules allow it now (with `command`). */
  allowed: boolean;
  /** The command to run, as a script would (with --yes where it would otherwise ask); null when not allowed. */
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


const list = (names: string[], max = 3) => names.slice(0, max).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

/** Assesses every next action from one snapshot (servers at the production site should have been read). */
export function assess(s: Snapshot): NextSteps {
  const g = s.group;
  const ref = refOf(g);
  const from = g.priority_station;
  const to = otherSide(from);
  const inFlight = groupInProgress(g.status) ? [fixFor(g, ref)] : [];
  const busy = [
    ...s.instances.filter((i) => CHILD_BUSY.has(i.status)).map((i) => `protected instance ${i.name} is ${i.status}; wait for it to finish`),
    ...s.pairs.filter((p) => CHILD_BUSY.has(p.status)).map((p) => `replication pair ${p.name} is ${p.status}; wait for it to finish`),
  ];
  const statusIn = (op: Parameters<typeof statusRefusal>[0], also: readonly string[] = []) => {
    const why = inFlight.length ? undefined : statusRefusal(op, g, ref, also);
    return why ? [why] : [];
  };
  const noPairs = s.pairs.length ? [] : [`the group has no replication pairs; add one: sdrs pair add ${ref} --volume <disk-id>`];
  const running = runningAt(s, from);
  const runningNames = list(running.map((r) => r.server.name));
  const advisedPairs = s.pairs.filter((p) => faultMeaning(p.fault_level) === 'failover-advised').map((p) => p.name);
  const brokenPairs = s.pairs.filter((p) => faultMeaning(p.fault_level) === 'failover-not-allowed').map((p) => p.name);
  const invalid = s.instances.filter((i) => i.status === 'invalid').map((i) => i.name);
  const advice = <T extends object>(command: string, reasons: string[], notes: string[], extra: T): Advice & T => ({
    allowed: reasons.length === 0, command: reasons.length === 0 ? command : null, reasons, notes, ...extra,
  });

  const reverseReasons = [...inFlight, ...busy, ...statusIn('reverse'), ...noPairs];
  if (invalid.length) reverseReasons.push(`protected instance(s) ${list(invalid)} are invalid (a server was deleted outside SDRS) and would make the reverse fail; remove them: sdrs instance remove ${refOf(s.instances.find((i) => i.status === 'invalid')!)}`);
  // The reverse pre-flight refuses a broken link (fault_level 5) unless --skip-checks: so does this view.
  if (brokenPairs.length) {
    const f = FAULT_FOR_REVERSE['failover-not-allowed'];
    reverseReasons.push(`pair(s) ${list(brokenPairs)}: ${f.means}; ${f.fix.replaceAll('{ref}', ref)}`);
  }
  const reverseNotes = [
    ...(running.length ? [`${running.length} server(s) at the production site ${azOf(g, from)} are running (${runningNames}); --stop-servers stops them first`] : []),
    ...(advisedPairs.length ? [`pair(s) ${list(advisedPairs)} lost read/write at the production site (fault_level 2): a failover is advised instead`] : []),
  ];
  // Every command runs as printed, in a script too: --yes where it would otherwise ask.
  const reverseCmd = `sdrs group reverse ${ref} --to ${to}${running.length ? ' --stop-servers --start-servers' : ''} --yes`;

  const failoverReasons = [...inFlight, ...busy, ...statusIn('failover'), ...noPairs];
  if (brokenPairs.length) failoverReasons.push(`pair(s) ${list(brokenPairs)}: the replication link is broken (fault_level 5), so a failover is not allowed`);
  const advised = failoverReasons.length === 0 && advisedPairs.length > 0;
  const failoverNotes = advised
    ? [`pair(s) ${list(advisedPairs)} lost read/write at the production site (fault_level 2): a failover is advised`]
    : [`a failover is for a lost production site; for a planned move use: ${reverseCmd}`];

  const reprotect = allowedFrom('reprotect', g.status);
  const startReasons = [...inFlight, ...busy];
  if (g.status === 'protected') startReasons.push('protection is already on (protected)');
  else startReasons.push(...statusIn('start', ALLOWED_FROM.reprotect));
  startReasons.push(...noPairs);
  if (reprotect && running.length) {
    startReasons.push(`${running.length} server(s) at the current production site ${azOf(g, from)} are running (${runningNames}); re-protect needs them stopped: sdrs server stop ${running.map((r) => r.server.id).join(' ')} --yes`);
  }
  const startNotes = reprotect ? [`re-protect syncs ${azOf(g, from)} -> ${azOf(g, to)}: the disks at ${azOf(g, to)} are overwritten`] : [];

  const stopReasons = [...inFlight, ...busy];
  if (g.status === 'available') stopReasons.push('protection is already off (available)');
  else stopReasons.push(...statusIn('stop'));

  const deleteReasons = [...inFlight, ...statusIn('delete')];
  if (s.instances.length) {
    deleteReasons.push(`the group still has ${s.instances.length} protected instance(s); remove them first: ${list(s.instances.map((i) => `sdrs instance remove ${refOf(i)}`))}`);
  }
  if (s.pairs.length) {
    deleteReasons.push(`the group still has ${s.pairs.length} replication pair(s); remove them first: ${list(s.pairs.map((p) => `sdrs pair remove ${refOf(p)} --detach`))}`);
  }
  if (g.disaster_recovery_drill_num > 0) {
    deleteReasons.push(`the group still has ${g.disaster_recovery_drill_num} DR drill(s) (the service refuses: SDRS.1003); delete them first: sdrs drill list --group ${ref}, then sdrs drill delete <drill> --yes`);
  }

  return {
    reverse: advice(reverseCmd, reverseReasons, reverseNotes, { to }),
    failover: advice(`sdrs group failover ${ref} --yes`, failoverReasons, failoverNotes, { advised }),
    // A first start does not ask; a re-protect (it overwrites the other side's disks) does.
    start: advice(`sdrs group start ${ref}${reprotect ? ' --yes' : ''}`, startReasons, startNotes, { reprotect }),
    stop: advice(`sdrs group stop ${ref} --yes`, stopReasons, ['replication stops; until protection is started again the group can be neither switched over nor failed over'], {}),
    delete: advice(`sdrs group delete ${ref} --yes`, deleteReasons, [], {}),
  };
}
