/**
 * Prompts through @inquirer/prompts, loaded only when a prompt is shown.
 * Prompts read io.in and draw on io.err, so stdout stays data-only.
 */
import type { Context } from '../context.js';
import { InterruptedError, UsageError } from '../errors.js';

function promptContext(ctx: Context) {
  return { input: ctx.io.in, output: ctx.io.err, signal: ctx.signal, clearPromptOnDone: false };
}

async function guard<T>(ctx: Context, p: () => Promise<T>): Promise<T> {
  try {
    return await p();
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || ctx.signal.aborted) {
      throw new InterruptedError('cancelled at the prompt; nothing was sent');
    }
    throw err;
  }
}

/** Asks for a line of text; `validate` returns an error message or true. */
export async function askText(
  ctx: Context,
  message: string,
  opts: { default?: string; validate?: (v: string) => true | string; required?: boolean } = {},
): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return guard(ctx, () =>
    input({ message, default: opts.default, required: opts.required, validate: opts.validate }, promptContext(ctx)),
  );
}

/** Asks to pick one of the choices. */
export async function askSelect<T>(
  ctx: Context,
  message: string,
  choices: { name: string; value: T; description?: string }[],
): Promise<T> {
  if (choices.length === 0) throw new UsageError(`nothing to choose from: ${message}`);
  const { select } = await import('@inquirer/prompts');
  return guard(ctx, () => select<T>({ message, choices }, promptContext(ctx)));
}

/** Asks a yes/no question. */
export async function askConfirm(ctx: Context, message: string, defaultValue = false): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return guard(ctx, () => confirm({ message, default: defaultValue }, promptContext(ctx)));
}
