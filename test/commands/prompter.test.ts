/**
 * Prompts through an injected Prompter: a person's answers are scripted, so the
 * questions and what follows from them are tested without a pseudo-terminal.
 */
import { describe, expect, it } from 'vitest';
import type { Choice, Prompter, TextOptions } from '../../src/io/prompt.js';
import { countMethod, useDemoWorld } from '../helpers/cli-env.js';
import { atTerminal } from '../helpers/fake-prompter.js';

/** A terminal-like stream pair, so that prompts are allowed. */
/** Records every question and answers from a script; a question it has no answer for fails the test. */
function scripted(answers: { confirm?: boolean[]; text?: string[] }) {
  const asked: string[] = [];
  const prompter: Prompter = {
    async confirm(message: string) {
      asked.push(message);
      const a = answers.confirm?.shift();
      if (a === undefined) throw new Error(`unexpected confirm: ${message}`);
      return a;
    },
    async text(message: string, _o?: TextOptions) {
      asked.push(message);
      const a = answers.text?.shift();
      if (a === undefined) throw new Error(`unexpected text prompt: ${message}`);
      return a;
    },
    async select<T>(message: string, _c: Choice<T>[]): Promise<T> {
      throw new Error(`unexpected select: ${message}`);
    },
  };
  return { prompter, asked };
}

describe('injected prompter', () => {
  const w = useDemoWorld();

  it('answering no to "stop protection" sends nothing and exits 2', async () => {
    const { prompter, asked } = scripted({ confirm: [false] });
    const r = await atTerminal(['group', 'stop', 'demo-erp'], w.env, prompter);
    expect(r.code).toBe(2);
    expect(asked).toEqual([expect.stringContaining('Stop protection of demo-erp')]);
    expect(r.err).toContain('cancelled at the confirmation prompt; nothing was sent');
    expect(countMethod(await w.counters(), 'POST')).toBe(0);
  });

  it('a failover typed with the wrong name is refused; the right name sends it once', async () => {
    const wrong = scripted({ text: ['demo-er'] });
    const r1 = await atTerminal(['group', 'failover', 'demo-erp', '--no-wait'], w.env, wrong.prompter);
    expect(r1.code).toBe(2);
    expect(wrong.asked[0]).toContain('Type the group name to confirm');
    expect(countMethod(await w.counters(), 'POST')).toBe(0);

    const right = scripted({ text: ['demo-erp'] });
    const r2 = await atTerminal(['group', 'failover', 'demo-erp', '--no-wait'], w.env, right.prompter);
    expect(r2.code).toBe(0);
    expect(r2.out.trim()).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(countMethod(await w.counters(), 'POST')).toBe(1);
  });
});
