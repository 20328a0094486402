/** Confirmations: required up front without a terminal, asked through the Prompter at one. */
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';

/** Checked before anything is sent: without a terminal, confirmation must come from --yes (exit 2). */
export function requireYes(ctx: Context, yes: boolean, verb: string): void {
  if (!yes && !ctx.io.canPrompt) {
    throw new UsageError(`refusing to ${verb} without confirmation: pass --yes (prompts are off without a terminal or with --no-input/--json)`);
  }
}

/** Asks a yes/no question (default no) unless --yes; "no" is exit 2 with nothing sent. */
export async function confirmOrCancel(ctx: Context, yes: boolean, question: string, verb: string): Promise<void> {
  if (yes) return;
  if (!(await ctx.prompter.confirm(question, false))) throw new UsageError(`${verb} cancelled at the confirmation prompt; nothing was sent`);
}
