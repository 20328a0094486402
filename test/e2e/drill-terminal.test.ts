/**
 * `sdrs drill` at a terminal (an injected prompter asks for the missing group or drill and
 * the confirmation) and interrupted (Ctrl-C while it watches the create job, or while the
 * --verify command runs): the report says what exists and how to clean up, and running the
 * same command again carries on with the drill it created.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { Choice, Prompter } from '../../src/io/prompt.js';
import { useDemoWorld } from '../helpers/cli-env.js';
import { runMain } from '../helpers/in-process.js';

const w = useDemoWorld();

/** A stream that says it is a terminal (prompts allowed; the spinner draws on it). */
const tty = () => Object.assign(new PassThrough(), { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });

/** Picks the choice whose label contains `pick` at every select; answers yes to every confirm. */
function picker(pick: string) {
  const asked: string[] = [];
  const prompter: Prompter = {
    async confirm(message) {
      asked.push(message);
      return true;
    },
    async text(message) {
      throw new Error(`unexpected text prompt: ${message}`);
    },
    async select<T>(message: string, choices: Choice<T>[]): Promise<T> {
      asked.push(message);
      const c = choices.find((x) => x.name.includes(pick));
      if (!c) throw new Error(`no choice with ${pick} in ${choices.map((x) => x.name).join(', ')}`);
      return c.value;
    },
  };
  return { prompter, asked };
}

/** Runs main() at a (fake) terminal; `stopWhen` aborts with SIGINT once stderr matches it. */
async function atTerminal(argv: string[], opts: { prompter?: Prompter; stopWhen?: RegExp } = {}) {
  const stdout = new PassThrough();
  const stderr = tty();
  const ac = new AbortController();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => {
    err += String(c);
    if (opts.stopWhen && !ac.signal.aborted && opts.stopWhen.test(err)) ac.abort('SIGINT');
  });
  const code = await main(argv, {
    stdin: tty(), stdout, stderr, env: w.env, cwd: w.env.HOME, homeDir: w.env.HOME, handleSignals: false, signal: ac.signal,
    ...(opts.prompter ? { prompter: opts.prompter } : {}),
  });
  return { code, out, err };
}

async function drills(): Promise<{ id: string; name: string; status: string }[]> {
  return (await w.client.get('/disaster-recovery-drills')).body.disaster_recovery_drills;
}

describe('drill at a terminal', () => {
  it('drill run without a group asks for it, then for the confirmation', async () => {
    const { prompter, asked } = picker('demo-erp');
    const r = await atTerminal(['--no-color', 'drill', 'run'], { prompter });
    expect(r.code, r.err).toBe(0);
    expect(asked).toEqual(['Protection group to rehearse', expect.stringContaining('Rehearse a recovery of group demo-erp')]);
    expect(await drills()).toEqual([]);
  });

  it('drill show and delete without a drill ask which one', async () => {
    expect((await runMain(['drill', 'create', 'demo-erp', '--name', 'pick-me', '--yes'], { env: w.env })).code).toBe(0);
    const show = await atTerminal(['--no-color', 'drill', 'show'], picker('pick-me'));
    expect(show.code, show.err).toBe(0);
    expect(show.out).toMatch(/Name: +pick-me/);
    const del = picker('pick-me');
    const r = await atTerminal(['--no-color', 'drill', 'delete'], { prompter: del.prompter });
    expect(r.code, r.err).toBe(0);
    expect(del.asked).toEqual(['DR drill to delete', expect.stringMatching(/Delete DR drill pick-me: its 2 drill server\(s\) .* the drill VPC .* and its subnets are kept; EIPs .* unbound, not deleted/)]);
    expect(await drills()).toEqual([]);
  });
});

describe('drill run interrupted, then run again', () => {
  it('Ctrl-C while the create job is watched: exit 130 saying how to carry on; the same command then finishes the drill without a second create', async () => {
    const r = await atTerminal(['--no-color', 'drill', 'run', 'demo-erp', '--yes'], { stopWhen: /: (watching )?job [0-9a-f]{32}/ });
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/stopped at the create phase/);
    expect(r.err).toMatch(/re-run the same command to carry on \(it finds drill sdrs-run-demo-erp\)/);
    expect(await drills()).toHaveLength(1);

    const again = await runMain(['--json', 'drill', 'run', 'demo-erp', '--yes'], { env: w.env });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ resumed: true, result: 'passed', drill: { status: 'deleted' } });
    expect((await w.counters()).routes['POST /v1/{project_id}/disaster-recovery-drills']).toBe(1);
    expect(await drills()).toEqual([]);
  });

  it('Ctrl-C while --verify runs stops the command: exit 130 with the drill and its cleanup command', async () => {
    const t0 = Date.now();
    const r = await atTerminal(['--no-color', 'drill', 'run', 'demo-erp', '--yes', '--verify', 'sleep 20'], { stopWhen: /▶ Verify/ });
    expect(r.code).toBe(130);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const [d] = await drills();
    expect(d).toMatchObject({ name: 'sdrs-run-demo-erp', status: 'available' });
    expect(r.err).toMatch(/stopped at the verify phase/);
    expect(r.err).toContain(`sdrs drill delete ${d.id} --yes`);
  });
});
