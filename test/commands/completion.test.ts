/**
 * `sdrs completion bash|zsh|fish`: the scripts are valid for their shell, cover the
 * whole commander tree, and really complete (bash always; zsh and fish when installed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { runMain } from '../helpers/in-process.js';
import { describeCommand, flattenCommands, globalOptions } from '../../src/commands/tree.js';
import { baseEnv, runSdrs } from '../helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'sdrs-completion-'));
const tree = describeCommand(await buildProgram(async () => undefined));

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
}

/** Runs `sdrs completion <shell>` in-process, as main() does for the binary. */
async function generate(shell: string): Promise<{ code: number; out: string; err: string }> {
  const r = await runMain(['completion', shell], { env: { HOME: dir, NO_COLOR: '1' } });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const scripts: Record<string, string> = {};
const files: Record<string, string> = {};

beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await generate(shell);
    expect(r, `sdrs completion ${shell}`).toMatchObject({ code: 0, err: '' });
    scripts[shell] = r.out;
    files[shell] = join(dir, `sdrs.${shell}`);
    writeFileSync(files[shell], r.out);
  }
});

/** The verbs of `sdrs group`, in the order of the tree. */
const GROUP_VERBS = ['create', 'reverse', 'list', 'show', 'status', 'start', 'stop', 'failover', 'delete'];

/** Every choice the issue names, by where it is completed. */
const CHOICES = {
  to: ['target', 'source'],
  status: ['creating', 'available', 'protected', 'reversing', 'error-reversing', 'failed-over'],
  seed: ['empty', 'demo'],
  drType: ['migration'],
  shells: ['bash', 'zsh', 'fish'],
};

describe('sdrs completion', () => {
  it('refuses an unknown shell with exit 2', async () => {
    const r = await generate('tcsh');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/tcsh/);
  });

  it('works through the built binary (the bundle loads the command tree lazily)', async () => {
    const r = await runSdrs(['completion', 'bash'], { env: baseEnv() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(scripts.bash);
  });

  describe('bash', () => {
    it('is syntactically valid (bash -n)', () => {
      const r = spawnSync('bash', ['-n', files.bash], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });

    /** Calls the completion function as bash would, with COMP_WORDS/COMP_CWORD; one line of replies per case. */
    function complete(lines: string[][]): string[][] {
      const calls = lines
        .map((words) => `t ${words.map((w) => `'${w}'`).join(' ')}`)
        .join('\n');
      const program = `source '${files.bash}'
t() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _sdrs sdrs "\${COMP_WORDS[COMP_CWORD]}"; echo "\${COMPREPLY[*]}"; }
${calls}
complete -p sdrs
`;
      const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8', cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = r.stdout.split('\n');
      expect(out[lines.length]).toBe('complete -F _sdrs sdrs');
      return out.slice(0, lines.length).map((l) => (l === '' ? [] : l.split(' ')));
    }

    it('completes commands, subcommands, flags and their choices', () => {
      const top = tree.subcommands.map((c) => c.name);
      expect(top).toEqual(expect.arrayContaining(['group', 'job', 'domain', 'config', 'demo', 'completion', 'emulator']));
      const rootFlags = tree.options.flatMap((o) => [o.short, o.long]).filter(Boolean) as string[];
      expect(rootFlags).toEqual(expect.arrayContaining(['-V', '--version', '--profile', '--json', '--no-input', '--no-color', '--debug', '-h', '--help']));
      const cases: [string[], string[]][] = [
        [['sdrs', ''], top],
        [['sdrs', 'gr'], ['group']],
        [['sdrs', 'group', 'rev'], ['reverse']],
        [['sdrs', 'group', ''], GROUP_VERBS],
        [['sdrs', '--json', 'group', 'l'], ['list']],
        [['sdrs', 'job', ''], ['show', 'wait', 'failures']],
        [['sdrs', 'job', 'failures', 'cl'], ['clear']],
        [['sdrs', 'instance', ''], ['add', 'list', 'remove']],
        [['sdrs', 'pair', ''], ['add', 'list', 'attach', 'detach', 'remove']],
        [['sdrs', 'group', 'reverse', 'x', '--st'], ['--status', '--stop-servers', '--start-servers']],
        [['sdrs', 'group', 'failover', 'x', '--co'], ['--confirm']],
        [['sdrs', 'group', 'reverse', 'x', '--to', ''], CHOICES.to],
        [['sdrs', 'group', 'reverse', 'x', '--to', 't'], ['target']],
        // COMP_WORDBREAKS splits --to=ta into "--to" "=" "ta"
        [['sdrs', 'group', 'reverse', 'x', '--to', '='], CHOICES.to],
        [['sdrs', 'group', 'reverse', 'x', '--to', '=', 's'], ['source']],
        [['sdrs', 'group', 'reverse', 'x', '--to=s'], ['--to=source']],
        [['sdrs', 'group', 'reverse', 'x', '--y'], ['--yes']],
        [['sdrs', 'group', 'reverse', '--to', 'target', 'x', '--sk'], ['--skip-checks']],
        // a global flag after the subcommand
        [['sdrs', 'group', 'reverse', 'x', '--no-i'], ['--no-input']],
        [['sdrs', 'group', 'list', '--status', 'error-rev'], ['error-reversing']],
        [['sdrs', 'group', 'create', '--dr-type', ''], CHOICES.drType],
        [['sdrs', 'emulator', '--seed', ''], CHOICES.seed],
        [['sdrs', 'completion', ''], CHOICES.shells],
        [['sdrs', 'completion', 'bash', ''], []],
        // a flag's value is not a subcommand: --profile takes "group" as its value
        [['sdrs', '--profile', 'group', ''], top],
        [['sdrs', '-'], rootFlags],
      ];
      const got = complete(cases.map(([words]) => words));
      cases.forEach(([words, want], i) => expect(got[i], words.join(' ')).toEqual(want));
    });

    it('offers every status for group list --status', () => {
      const [got] = complete([['sdrs', 'group', 'list', '--status', '']]);
      const list = tree.subcommands.find((c) => c.name === 'group')!.subcommands.find((c) => c.name === 'list')!;
      expect(got).toEqual(list.options.find((o) => o.long === '--status')!.choices);
      expect(got).toEqual(expect.arrayContaining(CHOICES.status));
    });

    it('offers file names for emulator --state', () => {
      writeFileSync(join(dir, 'rehearsal-state.json'), '{}');
      const [got] = complete([['sdrs', 'emulator', '--state', 'rehearsal-']]);
      expect(got).toEqual(['rehearsal-state.json']);
    });

    it('covers every command and every flag of the commander tree, global flags included', () => {
      const globals = globalOptions(tree).flatMap((o) => [o.short, o.long]).filter(Boolean) as string[];
      const commands = flattenCommands(tree);
      expect(commands.length).toBeGreaterThan(12);
      const got = complete(commands.map((c) => ['sdrs', ...c.path, '-']));
      commands.forEach((c, i) => {
        const own = c.options.flatMap((o) => [o.short, o.long]).filter(Boolean) as string[];
        expect(got[i], `flags of sdrs ${c.path.join(' ')}`).toEqual(expect.arrayContaining([...own, ...globals]));
      });
      const subs = complete(commands.filter((c) => c.subcommands.length > 0).map((c) => ['sdrs', ...c.path, '']));
      commands
        .filter((c) => c.subcommands.length > 0)
        .forEach((c, i) => expect(subs[i], `subcommands of sdrs ${c.path.join(' ')}`).toEqual(c.subcommands.map((s) => s.name)));
    });
  });

  describe('zsh', () => {
    it('names every command and choice', () => {
      const s = scripts.zsh;
      expect(s.startsWith('#compdef sdrs\n')).toBe(true);
      for (const c of flattenCommands(tree)) if (c.path.length) expect(s).toContain(`'${c.path.join(' ')}')`);
      expect(s).toContain("'group reverse|--to') reply=(target source)");
      expect(s).toContain("'emulator|--seed') reply=(empty demo)");
      expect(s).toContain("'group create|--dr-type') reply=(migration)");
      expect(s).toContain("'completion|0') reply=(bash zsh fish)");
      expect(s).toMatch(/'group list\|--status'\) reply=\(creating available protected .*error-reversing/);
      expect(s).toContain("'--to:where production runs afterwards'");
    });

    it('is syntactically valid (zsh -n)', (ctx) => {
      ctx.skip(!has('zsh'), 'zsh is not installed on this machine');
      const r = spawnSync('zsh', ['-n', files.zsh], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });

    it('completes (with the completion builtins stubbed)', (ctx) => {
      ctx.skip(!has('zsh'), 'zsh is not installed on this machine');
      const cases: [string[], string[]][] = [
        [['sdrs', 'group', 'rev'], GROUP_VERBS], // zsh filters by prefix itself
        [['sdrs', 'group', 'reverse', 'x', '--to', ''], CHOICES.to],
        [['sdrs', 'group', 'reverse', 'x', '--to=t'], ['=', ...CHOICES.to]],
        [['sdrs', 'completion', ''], CHOICES.shells],
        [['sdrs', '--json', 'emulator', '--seed', ''], CHOICES.seed],
        [['sdrs', 'emulator', '--state', 'x'], ['<files>']],
      ];
      const calls = cases.map(([w]) => `t ${w.map((x) => `'${x}'`).join(' ')}`).join('\n');
      const program = `compdef() { :; }
compadd() { [[ $1 == -a ]] && print -r -- "\${(P)2}"; }
compset() { print -rn -- '= '; return 0; }
_describe() { local n=\${@[-1]}; print -r -- "\${(@)\${(@P)n}%%:*}"; }
_files() { print -r -- '<files>'; }
source '${files.zsh}'
t() { words=("$@"); CURRENT=$#; _sdrs; }
${calls}
`;
      const r = spawnSync('zsh', ['-f', '-c', program], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const out = r.stdout.trimEnd().split('\n');
      cases.forEach(([words, want], i) => expect(out[i]?.split(' '), words.join(' ')).toEqual(want));
    });
  });

  describe('fish', () => {
    it('names every command and choice', () => {
      const s = scripts.fish;
      for (const c of flattenCommands(tree)) if (c.path.length) expect(s).toContain(`case '${c.path.join(' ')}'`);
      expect(s).toContain("-l to -x -a 'target source'");
      expect(s).toContain("-l seed -x -a 'empty demo'");
      expect(s).toContain("-l dr-type -x -a 'migration'");
      expect(s).toContain("-a 'bash zsh fish'");
      expect(s).toMatch(/-l status -x -a 'creating available protected .*error-reversing/);
      expect(s).toMatch(/^complete -c sdrs -l json -d /m); // a global flag, offered everywhere
    });

    it('is syntactically valid (fish -n)', (ctx) => {
      ctx.skip(!has('fish'), 'fish is not installed on this machine');
      const r = spawnSync('fish', ['-n', files.fish], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });

    it('completes (complete -C)', (ctx) => {
      ctx.skip(!has('fish'), 'fish is not installed on this machine');
      const cases: [string, string[]][] = [
        ['sdrs group rev', ['reverse']],
        ['sdrs group reverse x --to ', ['source', 'target']],
        ['sdrs group reverse x --to=', ['--to=source', '--to=target']],
        ['sdrs completion ', ['bash', 'fish', 'zsh']],
        ['sdrs completion bash ', []],
        ['sdrs --json emulator --seed ', ['demo', 'empty']],
        ['sdrs group list --status error-rev', ['error-reversing']],
        ['sdrs group reverse x --sk', ['--skip-checks']],
        ['sdrs job ', ['show', 'wait']],
      ];
      const program = [`source '${files.fish}'`, ...cases.map(([line]) => `complete -C '${line}'; echo '--end--'`)].join('\n');
      const r = spawnSync('fish', ['--no-config', '-c', program], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
      expect(r.stderr).toBe('');
      const blocks = r.stdout.split('--end--\n');
      cases.forEach(([line, want], i) => {
        const got = (blocks[i] ?? '').split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
        expect(got.sort(), line).toEqual(want);
      });
    });
  });
});
