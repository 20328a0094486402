/** `sdrs demo`: placeholder until the drill lands. */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

/** commander handler. */
export async function demoCommand(_ctx: Context): Promise<void> {
  throw new UsageError('sdrs demo is not available yet');
}
