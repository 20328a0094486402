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
import type { WatchRequest } from '../shared/wait.js';

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
 * After a reverse request got no clear answer: reads the group and says what is
 * known (carried out, accepted, or not) and how to check; it is never re-sent.
 */
export function reconcileReverse(api: SdrsApi, group: ServerGroup, to: Station): (err: UnknownOutcomeError) => Promise<UnknownOutcomeError> {
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
    const what = !now
      ? '; it may or may not have been accepted'
      : moved
        ? `; production now runs on ${to} (${azOf(now, to)}), so the reverse was carried out (group ${now.status})`
        : accepted
          ? `; the group is now ${now.status}, so the service did accept it`
          : `; the group is now ${now.status} with production still on ${now.priority_station}`;
    return new UnknownOutcomeError(`the reverse request for group ${printable(group.name)} got no clear answer (${err.message})${what}`, {
      hint: moved
        ? `Nothing to re-send. Check with: sdrs group show ${group.id}`
        : `Do not re-send blindly. Check with: sdrs group show ${group.id}` +
          (accepted ? '' : ` (then, if it is still ${now?.status ?? group.status} on ${group.priority_station}: sdrs group reverse ${group.id} --to ${to})`),
      details: {
        ...err.details,
        group: group.name,
        group_id: group.id,
        ...(now ? { group_status: now.status, priority_station: now.priority_station } : {}),
      },
    });
  };
}
