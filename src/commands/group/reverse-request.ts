/**
 * The reverse request of one group, shared by the three paths that send it (one
 * group, several groups, the switchover's reverse phase): the action, how its
 * job is watched, and what an unknown outcome is reconciled to.
 */
import type { SdrsApi } from '../../api/client.js';
import type { GroupAction, ServerGroup, Station } from '../../api/types.js';
import { UnknownOutcomeError } from '../../errors.js';
import { printable } from '../../validate.js';
import { azOf } from '../shared/sites.js';
import type { Reconcile } from '../shared/mutation.js';
import type { GroupFollow, WatchRequest } from '../shared/wait.js';
import { en, text, type Text } from '../../i18n/index.js';
import { reverse as M } from '../../i18n/catalog/reverse.js';

/** The action that moves production to `to`. */
export const reverseAction = (to: Station): GroupAction => ({ action: 'reverse', priorityStation: to });

/** How the reverse job of one group is watched: until the group is protected on `to`. */
export function reverseWatch(group: ServerGroup, to: Station): Omit<WatchRequest, 'jobId'> {
  return {
    groupId: group.id,
    label: `Reversing ${group.name} to ${to} (${azOf(group, to)})`,
    expect: { finalStatus: 'protected', priorityStation: to },
  };
}

/** `reverseWatch(...).label` in both languages, for people. */
export function reverseLabelText(group: ServerGroup, to: Station, name: string = group.name): Text {
  return text(M.reversingTo, { name, to, az: azOf(group, to) });
}

/**
 * After a reverse request got no clear answer: reads the group. A change since the
 * request (production moved, `reversing`, or a new `error-reversing`) shows the
 * service accepted it: returned as accepted, to be followed by the group's status
 * (the one, many-group and switchover paths all do). Otherwise what is known and how
 * to check (exit 7); it is never re-sent.
 */
export function reconcileReverse(api: Pick<SdrsApi, 'getGroup'>, group: ServerGroup, to: Station): Reconcile {
  return async (err) => {
    let now: ServerGroup | undefined;
    try {
      now = await api.getGroup(group.id);
    } catch {
      // Still failing; the hint says how to check.
    }
    // Only a change proves anything: a group that was already error-reversing before the
    // request says nothing about whether this request was accepted.
    const moved = now !== undefined && group.priority_station !== to && now.priority_station === to;
    const accepted =
      moved || now?.status === 'reversing' || (now?.status === 'error-reversing' && group.status !== 'error-reversing');
    if (now && accepted) {
      const seen = moved
        ? { entry: M.seenMoved, params: { to, az: azOf(now, to), status: now.status } }
        : { entry: M.seenNowStatus, params: { status: now.status } };
      return {
        kind: 'accepted',
        seen: en(seen.entry, seen.params),
        seenText: text(seen.entry, seen.params),
        follow: { group: now, label: reverseWatch(group, to).label, labelText: reverseLabelText(group, to), expect: { finalStatus: 'protected', priorityStation: to } } satisfies GroupFollow,
      };
    }
    const message = !now
      ? text(M.unknownMaybe, { name: printable(group.name), message: err.text })
      : text(M.unknownStill, { name: printable(group.name), message: err.text, status: now.status, station: now.priority_station });
    return new UnknownOutcomeError(message, {
      hint: text(M.unknownHint, { id: group.id, status: now?.status ?? group.status, station: group.priority_station, to }),
      details: {
        ...err.details,
        group: group.name,
        group_id: group.id,
        ...(now ? { group_status: now.status, priority_station: now.priority_station } : {}),
      },
    });
  };
}
