/** `sdrs completion <shell>`: placeholder until completion lands. */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

/** commander handler. */
export async function completionCommand(_ctx: Context): Promise<void> {
  throw new UsageError('sdrs completion is not available yet');
}
