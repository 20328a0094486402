/** Confirmations: required up front without a terminal, asked through the Prompter at one. */
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { local, text, type Text } from '../../i18n/index.js';
import { pipeline as M } from '../../i18n/catalog/pipeline.js';

/** Checked before anything is sent: without a terminal, confirmation must come from --yes (exit 2). */
export function requireYes(ctx: Context, yes: boolean, verb: string | Text): void {
  if (!yes && !ctx.io.canPrompt) {
    throw new UsageError(text(M.needsYes, { verb }));
  }
}

/** Asks a yes/no question (default no) unless --yes; "no" is exit 2 with nothing sent. */
export async function confirmOrCancel(ctx: Context, yes: boolean, question: string | Text, verb: string | Text): Promise<void> {
  if (yes) return;
  if (!(await ctx.prompter.confirm(local(question), false))) throw new UsageError(text(M.cancelled, { verb }));
}
