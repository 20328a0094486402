/**
 * The wiring of commands: flags and arguments become the typed options of a run,
 * validated before anything runs (as the GitHub CLI tests NewCmd with a runF).
 * Nothing here reaches a service: runF captures the options.
 */
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import type { Context } from '../../src/context.js';
import type { Runner, RunF } from '../../src/commands/shared/command.js';
import { registerDelete, registerFailover, registerStart, registerStop, type ActionOptions } from '../../src/commands/group/action.js';
import { registerList, type ListOptions } from '../../src/commands/group/list.js';
import { registerShow, type ShowOptions } from '../../src/commands/group/show.js';

type Register<O> = (parent: Command, run: Runner, runF: RunF<O>) => Command;

/** Parses `group <argv>` with one verb registered; returns the options its run would get. */
async function optionsOf<O>(register: Register<O>, argv: string[]): Promise<O> {
  const program = new Command('sdrs').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const group = program.command('group');
  let captured: O | undefined;
  const run: Runner = async (_cmd, action) => action({} as Context);
  register(group, run, async (_ctx, o) => {
    captured = o;
  });
  await program.parseAsync(['group', ...argv], { from: 'user' });
  if (captured === undefined) throw new Error('run was not called');
  return captured;
}

describe('command wiring: flags -> typed options', () => {
  it('group stop: group, --yes, --dry-run and the wait flags in milliseconds', async () => {
    const o = await optionsOf<ActionOptions>(registerStop, ['stop', 'erp', '--yes', '--dry-run', '--timeout', '90s', '--interval', '500ms']);
    expect(o).toEqual({ verb: 'stop', group: 'erp', yes: true, dryRun: true, confirm: undefined, skipChecks: false, wait: { wait: true, timeoutMs: 90_000, intervalMs: 500 } });
  });

  it('group failover: --confirm and --skip-checks; --no-wait', async () => {
    const o = await optionsOf<ActionOptions>(registerFailover, ['failover', 'erp', '--confirm', 'erp', '--skip-checks', '--no-wait']);
    expect(o).toMatchObject({ verb: 'failover', confirm: 'erp', skipChecks: true, yes: false, wait: { wait: false } });
  });

  it('group start and delete: defaults', async () => {
    expect(await optionsOf<ActionOptions>(registerStart, ['start', 'erp'])).toMatchObject({ verb: 'start', yes: false, dryRun: false, wait: { wait: true } });
    expect(await optionsOf<ActionOptions>(registerDelete, ['delete', 'erp', '-y'])).toMatchObject({ verb: 'delete', yes: true });
  });

  it('group list and show', async () => {
    expect(await optionsOf<ListOptions>(registerList, ['list', '--status', 'protected', '--name', 'er'])).toEqual({ status: 'protected', name: 'er' });
    expect(await optionsOf<ShowOptions>(registerShow, ['show', 'erp'])).toEqual({ group: 'erp' });
  });

  it('bad values are usage errors before the run (exit 2)', async () => {
    await expect(optionsOf(registerStop, ['stop', 'erp', '--timeout', 'soon'])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--timeout') });
    await expect(optionsOf(registerStop, ['stop', 'erp', '--interval', '0'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(optionsOf(registerShow, ['show', 'bad name!'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(optionsOf(registerList, ['list', '--status', 'nonsense'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });
});
