/** What the documented group statuses mean (reference 4.1). */
import type { GroupStatus } from './types.js';

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
