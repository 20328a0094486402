/**
 * Help in Chinese (src/i18n/help.ts, src/i18n/catalog/help.ts): the help area has an entry
 * for every text of the FULL tree whose English is exactly what the code registers, and no
 * entry for anything that no longer exists; a Chinese run shows all of it in Chinese,
 * wrapped to the terminal's columns counting wide characters as two.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli.js';
import { setLanguage } from '../../src/i18n/index.js';
import { helpMsg, helpShared } from '../../src/i18n/catalog/help.js';
import { afterText, argumentKey, boxWrap, commandKey, displayWidth, isPlainExamples, optionKey } from '../../src/i18n/help.js';
import { runMain } from '../helpers/in-process.js';

const CJK = /[\u3400-\u9fff]/;
const noop = async () => undefined;

/** Every help text of a tree: [key, registered English, may a shared option text cover it]. */
function texts(program: Command): [string, string, boolean][] {
  const out: [string, string, boolean][] = [];
  const walk = (cmd: Command, path: string[]) => {
    const key = commandKey(path);
    out.push([key, cmd.description(), false]);
    for (const a of cmd.registeredArguments) if (a.description) out.push([argumentKey(key, a), a.description, false]);
    for (const o of cmd.createHelp().visibleOptions(cmd)) {
      out.push([optionKey(key, o), o.description, true]);
      if (o.defaultValueDescription) out.push([`${optionKey(key, o)} (default)`, o.defaultValueDescription, false]);
    }
    const after = afterText(cmd);
    if (after && !isPlainExamples(after)) out.push([`${key} after`, after, false]);
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return out;
}

/** The visible help texts of a tree as they are now (after localizeHelp in a Chinese run). */
function shown(program: Command): [string, string][] {
  const out: [string, string][] = [];
  const walk = (cmd: Command, path: string[]) => {
    const key = commandKey(path);
    out.push([key, cmd.description()]);
    for (const a of cmd.registeredArguments) if (a.description) out.push([argumentKey(key, a), a.description]);
    for (const o of cmd.createHelp().visibleOptions(cmd)) out.push([optionKey(key, o), o.description]);
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return out;
}

afterEach(() => setLanguage('en'));

describe('help catalogue', () => {
  it('has an entry for every command, option, argument and after-text of the full tree, with the English the code registers', async () => {
    setLanguage('en');
    const all = texts(await buildProgram(noop, undefined, { full: true }));
    expect(all.length).toBeGreaterThan(200);
    const own: Record<string, { en: string }> = helpMsg;
    const sharedEn = new Set<string>(Object.values(helpShared).map((e) => e.en));
    const problems: string[] = [];
    for (const [key, en, sharedOk] of all) {
      if (Object.hasOwn(own, key)) {
        if (own[key].en !== en) problems.push(`${key}: stale (the code says ${JSON.stringify(en)})`);
      } else if (!(sharedOk && sharedEn.has(en))) {
        // Ready to paste into src/i18n/catalog/help.ts, with the Chinese to write.
        problems.push(`${key}: missing: ${JSON.stringify(key)}: { en: ${JSON.stringify(en)}, zh: '' },`);
      }
    }
    const keys = new Set(all.map(([k]) => k));
    for (const key of Object.keys(own)) if (!keys.has(key)) problems.push(`${key}: no such command, option or argument any more`);
    const used = new Set(all.filter(([k, , s]) => s && !Object.hasOwn(own, k)).map(([, en]) => en));
    for (const [name, e] of Object.entries(helpShared)) if (!used.has(e.en)) problems.push(`shared ${name}: used by no option`);
    expect(problems).toEqual([]);
  });

  it('a Chinese run shows every text of the tree in Chinese, the stubs of the top level too', async () => {
    setLanguage('zh-CN');
    const english = shown(await buildProgram(noop, undefined, { full: true })).filter(([, s]) => !CJK.test(s));
    expect(english).toEqual([]);
    const stubs = await buildProgram(noop, undefined, { full: false, argv: ['--help'] });
    expect(shown(stubs).filter(([, s]) => !CJK.test(s))).toEqual([]);
  });

  it('sdrs group reverse --help under LANG=zh_CN.UTF-8: Chinese headings, texts and examples, every line within 80 columns', async () => {
    const r = await runMain(['group', 'reverse', '--help'], { env: { HOME: '/nonexistent', LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法：sdrs group reverse \[options\] \[group\.\.\.\]\n/);
    for (const s of ['切换保护组', '参数：', '选项：', '全局选项：', '示例：', '（必需）', '可选值："target"、"source"', '默认：在终端上询问', '显示帮助']) {
      expect(r.stdout).toContain(s);
    }
    expect(r.stdout).toContain('  $ sdrs group reverse erp --to target --yes\n');
    expect(r.stdout).not.toMatch(/Usage:|Options:|Examples:|\(required\)|show help/);
    const long = r.stdout.split('\n').filter((l) => !l.trim().startsWith('$ ') && displayWidth(l) > 80);
    expect(long).toEqual([]);
    // --lang zh-CN and LC_ALL do the same; LC_ALL=C wins over a Chinese LANG.
    const flag = await runMain(['--lang', 'zh-CN', 'group', 'reverse', '--help'], { env: { HOME: '/nonexistent' } });
    expect(flag.stdout).toBe(r.stdout);
    const c = await runMain(['group', 'reverse', '--help'], { env: { HOME: '/nonexistent', LANG: 'zh_CN.UTF-8', LC_ALL: 'C' } });
    expect(c.stdout).toMatch(/^Usage: sdrs group reverse/);
  });

  it('every Chinese help of the tree fits 80 columns (command lines of the examples aside)', async () => {
    setLanguage('zh-CN');
    const program = await buildProgram(noop, undefined, { full: true });
    const paths: string[][] = [[]];
    const walk = (cmd: Command, p: string[]) => cmd.commands.forEach((s) => (paths.push([...p, s.name()]), walk(s, [...p, s.name()])));
    walk(program, []);
    const over: string[] = [];
    for (const path of paths) {
      const r = await runMain([...path, '--help'], { env: { HOME: '/nonexistent', LANG: 'zh_CN.UTF-8' } });
      expect(r.code).toBe(0);
      for (const l of r.stdout.split('\n')) if (!l.trim().startsWith('$ ') && displayWidth(l) > 80) over.push(`${path.join(' ')}: ${l}`);
    }
    expect(over).toEqual([]);
  });

  it('wraps Chinese between characters by columns, never before a closing mark, and English as commander does', () => {
    expect(displayWidth('保护组 ID')).toBe(9);
    expect(displayWidth('\x1b[1m用法：\x1b[22m')).toBe(6);
    const s = '容灾演练：在独立的虚拟私有云中演练恢复，生产保持运行（run、create、list、show、rename、delete）';
    const lines = boxWrap(s, 40).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(s);
    for (const l of lines) {
      expect(displayWidth(l)).toBeLessThanOrEqual(40);
      expect('，。、：；）》'.includes(l[0])).toBe(false);
    }
    expect(boxWrap('first poll interval; later polls back off (default: 1s)', 40)).toBe('first poll interval; later polls back\noff (default: 1s)');
  });
});
