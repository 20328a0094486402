/** Help as an operator asks for it: no subcommand, `sdrs help <command>`, global options in every command's help. */
import { describe, expect, it } from 'vitest';
import { runSdrs } from '../helpers/run.js';
import { TOP_LEVEL } from '../../src/commands/index.js';

describe('help without a subcommand', () => {
  it('`sdrs` alone prints the top-level help on stdout, exit 0', async () => {
    const r = await runSdrs([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sdrs \[options\] \[command\]/);
    expect(r.stderr).toBe('');
  });

  const nouns = TOP_LEVEL.filter((t) => !['demo', 'completion', 'emulator', 'history', 'report', 'check', 'rpo', 'quota', 'api'].includes(t.name)).map((t) => t.name);
  it.each(nouns)('`sdrs %s` alone prints its help on stdout, exit 0', async (noun) => {
    const r = await runSdrs([noun]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Usage: sdrs ${noun} [options] [command]`);
    expect(r.stderr).toBe('');
  });

  it('a noun with an unknown verb is still a usage error (exit 2)', async () => {
    const r = await runSdrs(['group', 'revers']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown command 'revers'/);
  });
});

describe('sdrs help <command>', () => {
  it('`sdrs help group reverse` prints that command\'s help, exit 0', async () => {
    const r = await runSdrs(['help', 'group', 'reverse']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sdrs group reverse \[options\] \[group\.\.\.\]/);
  });

  it('`sdrs help` prints the top-level help, and names itself there', async () => {
    const r = await runSdrs(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sdrs /);
    expect(r.stdout).toContain('sdrs help group reverse');
  });

  it('`sdrs help <unknown>` is an unknown command, exit 2', async () => {
    const r = await runSdrs(['help', 'grup']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown command 'grup'/);
  });
});

describe('global options in every command\'s help', () => {
  it.each([['group', 'reverse'], ['group', 'start'], ['server', 'list'], ['demo']])('sdrs %s %s --help lists --json, --profile and --no-input', async (...path) => {
    const r = await runSdrs([...path.filter((p): p is string => typeof p === 'string'), '--help']);
    expect(r.code).toBe(0);
    const global = r.stdout.split('Global Options:')[1] ?? '';
    for (const flag of ['--json', '--profile <name>', '--no-input', '--endpoint <url>']) expect(global).toContain(flag);
  });
});

describe('help examples that read JSON', () => {
  it('config show --help: the jq path of its example finds the region in config show --json', async () => {
    const help = await runSdrs(['config', 'show', '--help']);
    const path = /config show --json \| jq -r (\.[\w.]+)/.exec(help.stdout)?.[1];
    expect(path).toBe('.settings.region.value');
    const r = await runSdrs(['--region', 'cn-north-4', 'config', 'show', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const value = path!.slice(1).split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], JSON.parse(r.stdout));
    expect(value).toBe('cn-north-4');
  });
});

describe('required options in help', () => {
  it('group reverse --help marks --to required', async () => {
    const r = await runSdrs(['group', 'reverse', '--help']);
    const to = r.stdout.split('\n  --all')[0].split('--to <side>')[1] ?? '';
    expect(to).toMatch(/\(required\)/);
    const all = r.stdout.split('\n  --all')[1]?.split('\n  --')[0] ?? '';
    expect(all).not.toMatch(/required/);
  });
});
