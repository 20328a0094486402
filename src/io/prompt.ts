/**
 * The Prompter: how commands ask a person for something. The real one uses
 * @inquirer/prompts (loaded only when a prompt is shown), reads io.in and
 * draws on io.err, so stdout stays data-only. Tests inject a scripted one.
 */
import type { Readable, Writable } from 'node:stream';
import { InterruptedError, UsageError, safeText } from '../errors.js';
import { text } from '../i18n/index.js';
import { io as M } from '../i18n/catalog/io.js';

/** One choice of a select prompt. */
export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/** Options of a text prompt; `validate` returns an error message or true. */
export interface TextOptions {
  default?: string;
  validate?: (v: string) => true | string;
  required?: boolean;
}

/** Everything a command may ask. */
export interface Prompter {
  text(message: string, opts?: TextOptions): Promise<string>;
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
}

/** What the real prompter draws on. */
export interface PromptIO {
  in: Readable;
  err: Writable;
}

/**
 * The prompter for a terminal: @inquirer/prompts on the given streams, cancelled by `signal`.
 * Questions and choices quote the service (group, server and VPC names): the one sanitiser
 * escapes their control and bidi characters before inquirer draws them.
 */
export function createPrompter(io: PromptIO, signal: AbortSignal): Prompter {
  const context = () => ({ input: io.in, output: io.err, signal, clearPromptOnDone: false });
  const guard = async <T>(p: () => Promise<T>): Promise<T> => {
    try {
      return await p();
    } catch (err) {
      const name = (err as Error)?.name;
      if (name === 'ExitPromptError' || name === 'AbortPromptError' || signal.aborted) {
        throw new InterruptedError(text(M.cancelledAtPrompt));
      }
      throw err;
    }
  };
  return {
    async text(message, opts = {}) {
      const { input } = await import('@inquirer/prompts');
      const dflt = opts.default === undefined ? undefined : safeText(opts.default);
      return guard(() => input({ message: safeText(message), default: dflt, required: opts.required, validate: opts.validate }, context()));
    },
    async select(message, choices) {
      if (choices.length === 0) throw new UsageError(text(M.nothingToChoose, { message }));
      const { select } = await import('@inquirer/prompts');
      const shown = choices.map((c) => ({ ...c, name: safeText(c.name), ...(c.description === undefined ? {} : { description: safeText(c.description) }) }));
      return guard(() => select({ message: safeText(message), choices: shown }, context()));
    },
    async confirm(message, defaultValue = false) {
      const { confirm } = await import('@inquirer/prompts');
      return guard(() => confirm({ message: safeText(message), default: defaultValue }, context()));
    },
  };
}
