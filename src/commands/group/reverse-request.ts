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
      return {
        kind: 'accepted',
        seen: moved
          ? `production now runs on ${to} (${azOf(now, to)}), so the reverse was carried out (group ${now.status})`
          : `the group is now ${now.status}, so the service did accept it`,
        follow: { group: now, label: reverseWatch(group, to).label, expect: { finalStatus: 'protected', priorityStation: to } } satisfies GroupFollow,
      };
    }
    const what = !now
      ? '; it may or may not have been accepted'
      : `; the group is now ${now.status} with production still on ${now.priority_station}`;
    return new UnknownOutcomeError(`the reverse request for group ${printable(group.name)} got no clear answer (${err.message})${what}`, {
      hint: `Do not re-send blindly. Check with: sdrs group show ${group.id}` +
        ` (then, if it is still ${now?.status ?? group.status} on ${group.priority_station}: sdrs group reverse ${group.id} --to ${to})`,
      details: {
        ...err.details,
        group: group.name,
        group_id: group.id,
        ...(now ? { group_status: now.status, priority_station: now.priority_station } : {}),
      },
    });
  };
}
