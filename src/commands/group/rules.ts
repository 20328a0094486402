/**
 * What the operator can do next with a group: a view of the one table of group
 * rules in src/api/rules.ts (accepted statuses, operations in progress, fixes,
 * fault levels), applied to one snapshot of the group and its children
 * (reference 4.1 to 4.3, 3.3). Used by `group status` and by the pre-checks of
 * `group start|stop|failover|delete`; it adds no status list of its own.
 */
import type { Station } from '../../api/types.js';
import { ALLOWED_FROM, CHILD_BUSY, FAULT_FOR_REVERSE, allowedFrom, faultMeaning, fixForText, groupInProgress, statusRefusalText } from '../../api/rules.js';
import { text, verbatim, type Text } from '../../i18n/index.js';
import { listOf } from '../../i18n/compose.js';
import { status as M } from '../../i18n/catalog/status.js';
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

/** An advice's reasons and notes in both languages, for people (the Advice itself carries the English of JSON). */
export interface AdviceText {
  reasons: Text[];
  notes: Text[];
}

const SAID = new WeakMap<Advice, AdviceText>();

/** The reasons and notes of an advice from `assess` in both languages (the English as they are, for any other). */
export function adviceText(a: Advice): AdviceText {
  return SAID.get(a) ?? { reasons: a.reasons.map(verbatim), notes: a.notes.map(verbatim) };
}

const list = (names: string[], max = 3) => listOf(names, max);

/** Assesses every next action from one snapshot (servers at the production site should have been read). */
export function assess(s: Snapshot): NextSteps {
  const g = s.group;
  const ref = refOf(g);
  const from = g.priority_station;
  const to = otherSide(from);
  const inFlight = groupInProgress(g.status) ? [fixForText(g, ref)] : [];
  const busy = [
    ...s.instances.filter((i) => CHILD_BUSY.has(i.status)).map((i) => text(M.instanceBusy, { name: i.name, status: i.status })),
    ...s.pairs.filter((p) => CHILD_BUSY.has(p.status)).map((p) => text(M.pairBusy, { name: p.name, status: p.status })),
  ];
  const statusIn = (op: Parameters<typeof statusRefusalText>[0], also: readonly string[] = []) => {
    const why = inFlight.length ? undefined : statusRefusalText(op, g, ref, also);
    return why ? [why] : [];
  };
  const noPairs = s.pairs.length ? [] : [text(M.noPairs, { ref })];
  const running = runningAt(s, from);
  const runningNames = listOf(running.map((r) => r.server.name), 3);
  const advisedPairs = s.pairs.filter((p) => faultMeaning(p.fault_level) === 'failover-advised').map((p) => p.name);
  const brokenPairs = s.pairs.filter((p) => faultMeaning(p.fault_level) === 'failover-not-allowed').map((p) => p.name);
  const invalid = s.instances.filter((i) => i.status === 'invalid').map((i) => i.name);
  const advice = <T extends object>(command: string, reasons: Text[], notes: Text[], extra: T): Advice & T => {
    const a = {
      allowed: reasons.length === 0, command: reasons.length === 0 ? command : null, reasons: reasons.map((r) => r.en), notes: notes.map((n) => n.en), ...extra,
    };
    SAID.set(a, { reasons, notes });
    return a;
  };

  const reverseReasons = [...inFlight, ...busy, ...statusIn('reverse'), ...noPairs];
  if (invalid.length) reverseReasons.push(text(M.invalidInstances, { names: list(invalid), ref: refOf(s.instances.find((i) => i.status === 'invalid')!) }));
  // The reverse pre-flight refuses a broken link (fault_level 5) unless --skip-checks: so does this view.
  if (brokenPairs.length) {
    const f = FAULT_FOR_REVERSE['failover-not-allowed'];
    reverseReasons.push(text(M.brokenPairs, { names: list(brokenPairs), means: text(f.means), fix: text(f.fix, { ref }) }));
  }
  const reverseNotes = [
    ...(running.length ? [text(M.runningNote, { n: running.length, az: azOf(g, from), names: runningNames })] : []),
    ...(advisedPairs.length ? [text(M.advisedInstead, { names: list(advisedPairs) })] : []),
  ];
  // Every command runs as printed, in a script too: --yes where it would otherwise ask.
  const reverseCmd = `sdrs group reverse ${ref} --to ${to}${running.length ? ' --stop-servers --start-servers' : ''} --yes`;

  const failoverReasons = [...inFlight, ...busy, ...statusIn('failover'), ...noPairs];
  if (brokenPairs.length) failoverReasons.push(text(M.failoverBroken, { names: list(brokenPairs) }));
  const advised = failoverReasons.length === 0 && advisedPairs.length > 0;
  const failoverNotes = advised
    ? [text(M.failoverAdvised, { names: list(advisedPairs) })]
    : [text(M.failoverPlanned, { cmd: reverseCmd })];

  const reprotect = allowedFrom('reprotect', g.status);
  const startReasons = [...inFlight, ...busy];
  if (g.status === 'protected') startReasons.push(text(M.alreadyOn));
  else startReasons.push(...statusIn('start', ALLOWED_FROM.reprotect));
  startReasons.push(...noPairs);
  if (reprotect && running.length) {
    startReasons.push(text(M.reprotectRunning, { n: running.length, az: azOf(g, from), names: runningNames, ids: running.map((r) => r.server.id).join(' ') }));
  }
  const startNotes = reprotect ? [text(M.reprotectNote, { from: azOf(g, from), to: azOf(g, to) })] : [];

  const stopReasons = [...inFlight, ...busy];
  if (g.status === 'available') stopReasons.push(text(M.alreadyOff));
  else stopReasons.push(...statusIn('stop'));

  const deleteReasons = [...inFlight, ...statusIn('delete')];
  if (s.instances.length) {
    deleteReasons.push(text(M.stillInstances, { n: s.instances.length, cmds: listOf(s.instances.map((i) => `sdrs instance remove ${refOf(i)}`), 3, { en: ', ', zh: '，' }) }));
  }
  if (s.pairs.length) {
    deleteReasons.push(text(M.stillPairs, { n: s.pairs.length, cmds: listOf(s.pairs.map((p) => `sdrs pair remove ${refOf(p)} --detach`), 3, { en: ', ', zh: '，' }) }));
  }
  if (g.disaster_recovery_drill_num > 0) {
    deleteReasons.push(text(M.stillDrills, { n: g.disaster_recovery_drill_num, ref }));
  }

  return {
    reverse: advice(reverseCmd, reverseReasons, reverseNotes, { to }),
    failover: advice(`sdrs group failover ${ref} --yes`, failoverReasons, failoverNotes, { advised }),
    // A first start does not ask; a re-protect (it overwrites the other side's disks) does.
    start: advice(`sdrs group start ${ref}${reprotect ? ' --yes' : ''}`, startReasons, startNotes, { reprotect }),
    stop: advice(`sdrs group stop ${ref} --yes`, stopReasons, [text(M.stopNote)], {}),
    delete: advice(`sdrs group delete ${ref} --yes`, deleteReasons, [], {}),
  };
}
