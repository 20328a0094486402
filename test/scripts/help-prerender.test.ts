/**
 * The help texts pre-rendered at build time (scripts/gen-help.mjs) that bin/sdrs.js prints
 * without loading the CLI must be exactly what commander prints live, for every command of
 * the tree and every width they were rendered for; and the tree's commands must all have one.
 * Needs `npm run build` first (dist/help): skipped by `npm run test:quick`.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- a plain .mjs module without types
import { LANGS, WIDTHS, commandPaths, helpFileName, liveHelp } from '../../scripts/gen-help.mjs';
import { buildProgram, main } from '../../src/cli.js';
import { spawnSync } from 'node:child_process';
import { BIN, baseEnv, runSdrs } from '../helpers/run.js';

const HELP_DIR = fileURLToPath(new URL('../../dist/help/', import.meta.url));
const read = (path: string[], dir = '') => JSON.parse(readFileSync(join(HELP_DIR, dir, helpFileName(path) as string), 'utf8')) as Record<string, string>;
type Lang = { lang: string; dir: string; env: Record<string, string> };

// Reads dist/help and runs the binary: `npm test` (which builds first), not `npm run test:quick`.
describe.skipIf(process.env.SDRS_TEST_QUICK)('pre-rendered help', () => {
  it('exists for every command of the tree, and matches commander live at every width it was rendered for', async () => {
    const program = await buildProgram(async () => undefined, undefined, { full: true });
    // Walked here on its own, so a command the generator's walk missed is caught.
    const paths: string[][] = [[]];
    const walk = (cmd: typeof program, prefix: string[]) => {
      for (const sub of cmd.commands) {
        paths.push([...prefix, sub.name()]);
        walk(sub, [...prefix, sub.name()]);
      }
    };
    walk(program, []);
    expect((commandPaths(program) as string[][]).map((p) => p.join(' '))).toEqual(expect.arrayContaining(paths.map((p) => p.join(' '))));
    expect(paths.length).toBeGreaterThan(20);
    const index = JSON.parse(readFileSync(join(HELP_DIR, 'index.json'), 'utf8')) as { widths: number[]; commands: string[]; skipped: string[] };
    expect(index.widths).toEqual(WIDTHS);
    // gen-help skips a help that names where the build ran (home, working directory) or that
    // fails: that command would fall back to commander, slower than the 1.25x goal.
    expect(index.skipped, 'help texts gen-help could not pre-render: make them independent of where sdrs runs').toEqual([]);
    const where = { home: mkdtempSync(join(tmpdir(), 'sdrs-help-home-')), cwd: process.cwd() };
    const mismatches: string[] = [];
    expect((LANGS as Lang[]).map((l) => l.lang)).toEqual(['en', 'zh-CN']);
    for (const path of paths) {
      expect(index.commands, `a new command needs a rebuild: ${path.join(' ')}`).toContain(path.join(' '));
      // English at the top of dist/help, Simplified Chinese under dist/help/zh-CN.
      for (const l of LANGS as Lang[]) {
        const texts = read(path, l.dir);
        expect(Object.keys(texts).map(Number).sort((a, b) => a - b)).toEqual(WIDTHS);
        for (const w of WIDTHS as number[]) {
          const live = (await liveHelp(main, path, w, where, l.env)) as { code: number; out: string };
          if (live.code !== 0 || live.out !== texts[w]) mismatches.push(`${l.lang}: ${['sdrs', ...path].join(' ')} --help at ${w} columns`);
        }
        // Off a terminal commander wraps at 80: the 80-column text is the one printed there.
        const off = (await liveHelp(main, path, undefined, where, l.env)) as { out: string };
        if (off.out !== texts[80]) mismatches.push(`${l.lang}: ${['sdrs', ...path].join(' ')} --help off a terminal`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('is what the binary prints for a pure help request, and anything else goes to commander', async () => {
    const text = read(['group', 'reverse'])[80];
    for (const argv of [['group', 'reverse', '--help'], ['group', 'reverse', '-h'], ['help', 'group', 'reverse']]) {
      const r = await runSdrs(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(text);
      expect(r.stderr).toBe('');
    }
    // Not a pure help request: commander answers (the same text here, through the CLI).
    const mixed = await runSdrs(['--no-color', 'group', 'reverse', '--help']);
    expect(mixed.code).toBe(0);
    expect(mixed.stdout).toBe(text);
    const unknown = await runSdrs(['help', 'bogus']);
    expect(unknown.code).toBe(2);
    expect(existsSync(join(HELP_DIR, 'sdrs.bogus.json'))).toBe(false);
  });

  it('is printed in the language main() would choose: the locale, SDRS_LANG over it, and the CLI answers when a profile may say otherwise', async () => {
    const en = read(['group', 'reverse'])[80];
    const zh = read(['group', 'reverse'], 'zh-CN')[80];
    expect(zh).toMatch(/^用法：sdrs group reverse/);
    const cases: [Record<string, string>, string][] = [
      [{ LANG: 'zh_CN.UTF-8' }, zh],
      [{ LC_ALL: 'zh_CN.GB18030', LANG: 'C' }, zh],
      [{ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, en],
      [{ LANG: 'zh_TW.UTF-8' }, en],
      [{ LANG: 'zh_CN.UTF-8', SDRS_LANG: 'en' }, en],
      [{ SDRS_LANG: 'cn' }, zh],
    ];
    for (const [env, want] of cases) {
      const r = await runSdrs(['group', 'reverse', '--help'], { env: baseEnv(env) });
      expect(r.stdout, JSON.stringify(env)).toBe(want);
      // The same as main() in process.
      const live = (await liveHelp(main, ['group', 'reverse'], undefined, { home: '/nonexistent', cwd: '/nonexistent' }, env)) as { out: string };
      expect(live.out, JSON.stringify(env)).toBe(want);
    }
    // A profile with lang: zh-CN in ~/.sdrsrc wins over an English locale; the CLI answers (the shim reads no profiles).
    const env = baseEnv({ LANG: 'C' });
    writeFileSync(join(env.HOME, '.sdrsrc'), 'profiles:\n  default:\n    lang: zh-CN\n', { mode: 0o600 });
    const trace = join(mkdtempSync(join(tmpdir(), 'sdrs-trace-')), 'trace');
    const r = spawnSync(process.execPath, ['--import', fileURLToPath(new URL('../../scripts/bench/trace-imports.mjs', import.meta.url)), BIN, 'group', 'reverse', '--help'], {
      env: { ...env, SDRS_BENCH_TRACE: trace }, cwd: env.HOME, encoding: 'utf8',
    });
    expect(r.stdout).toBe(zh);
    expect(readFileSync(trace, 'utf8')).toContain('dist/cli.js');
    // --lang (KooCLI's cn too) is answered from the pre-rendered texts, wherever it is on the line.
    for (const argv of [['--lang', 'cn', 'group', 'reverse', '--help'], ['group', 'reverse', '--help', '--lang=zh-CN']]) {
      const t2 = join(mkdtempSync(join(tmpdir(), 'sdrs-trace-')), 'trace');
      const r2 = spawnSync(process.execPath, ['--import', fileURLToPath(new URL('../../scripts/bench/trace-imports.mjs', import.meta.url)), BIN, ...argv], {
        env: { ...baseEnv({ LANG: 'C' }), SDRS_BENCH_TRACE: t2 }, encoding: 'utf8',
      });
      expect(r2.stdout, argv.join(' ')).toBe(zh);
      expect(existsSync(t2) ? readFileSync(t2, 'utf8') : '').not.toContain('dist/cli.js');
    }
    // A --lang sdrs does not know: the CLI reports it (exit 2).
    expect((await runSdrs(['--lang', 'fr', 'group', '--help'])).code).toBe(2);
    // --lang and SDRS_LANG win over the profile.
    expect((await runSdrs(['--lang', 'en', 'group', 'reverse', '--help'], { env, cwd: env.HOME })).stdout).toBe(en);
    expect((await runSdrs(['group', 'reverse', '--help'], { env: { ...env, SDRS_LANG: 'en' }, cwd: env.HOME })).stdout).toBe(en);
  });

  it('every pre-rendered help, however deep (job failures clear), is printed without loading the CLI', () => {
    const index = JSON.parse(readFileSync(join(HELP_DIR, 'index.json'), 'utf8')) as { commands: string[] };
    const deepest = index.commands.map((p) => p.split(' ').filter(Boolean)).sort((a, b) => b.length - a.length)[0];
    expect(deepest.length).toBeGreaterThanOrEqual(3);
    for (const words of [[], ['group'], ['group', 'reverse'], deepest]) {
      const trace = join(mkdtempSync(join(tmpdir(), 'sdrs-trace-')), 'trace');
      const r = spawnSync(process.execPath, ['--import', fileURLToPath(new URL('../../scripts/bench/trace-imports.mjs', import.meta.url)), BIN, ...words, '--help'], {
        env: { ...process.env, SDRS_BENCH_TRACE: trace }, encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      const loaded = existsSync(trace) ? readFileSync(trace, 'utf8') : '';
      expect(loaded, words.join(' ')).not.toContain('dist/cli.js');
    }
  });
});
