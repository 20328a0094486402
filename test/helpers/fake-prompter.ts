/**
 * A fake Prompter for tests of the prompts: it records each question and the choices offered,
 * and answers from a script; `atTerminal` runs main() in process on fake terminal streams.
 */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.js';
import type { Choice, Prompter, TextOptions } from '../../src/io/prompt.js';

/** One question as asked: the message and, for a select, the names of the choices. */
export interface Asked {
  kind: 'select' | 'text' | 'confirm';
  message: string;
  choices?: string[];
  default?: string;
}

/**
 * A prompter that records every question and answers from a script: for a select, the
 * first choice whose name contains the scripted text; for a text, the scripted text ('' takes
 * the default); for a confirm, the scripted boolean. A question without an answer fails.
 */
export function fakePrompter(answers: (string | boolean)[]) {
  const asked: Asked[] = [];
  const next = (message: string) => {
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`);
    return answers.shift()!;
  };
  const prompter: Prompter = {
    async select<T>(message: string, choices: Choice<T>[]): Promise<T> {
      asked.push({ kind: 'select', message, choices: choices.map((c) => c.name) });
      const want = String(next(message));
      const c = choices.find((x) => x.name.includes(want));
      if (!c) throw new Error(`no choice contains ${want}: ${choices.map((x) => x.name).join(' | ')}`);
      return c.value;
    },
    async text(message: string, o?: TextOptions) {
      asked.push({ kind: 'text', message, default: o?.default });
      const a = String(next(message));
      const v = a === '' ? (o?.default ?? '') : a;
      const ok = o?.validate?.(v) ?? true;
      if (ok !== true) throw new Error(`invalid answer ${v}: ${ok}`);
      return v;
    },
    async confirm(message: string) {
      asked.push({ kind: 'confirm', message });
      return Boolean(next(message));
    },
  };
  return { prompter, asked };
}

function tty(): PassThrough & { isTTY: boolean } {
  return Object.assign(new PassThrough(), { isTTY: true });
}

export async function atTerminal(argv: string[], env: Record<string, string>, prompter: Prompter) {
  const stdout = new PassThrough();
  const stderr = tty();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  // TERM=dumb: no spinner on the fake terminal.
  const code = await main(['--no-color', ...argv], { stdin: tty(), stdout, stderr, env: { ...env, TERM: 'dumb' }, cwd: env.HOME, homeDir: env.HOME, handleSignals: false, prompter });
  return { code, out, err };
}
