/**
 * How a run's language is chosen (docs/i18n.md): --lang > SDRS_LANG > the profile's `lang` >
 * LC_ALL/LC_MESSAGES/LANG; the profile setting validated like the others; and the program's
 * own messages (parse errors, the usage hint) in both languages, the English unchanged.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { chooseLanguage, configMentionsLang, usageMessage } from '../../src/cli.js';
import { runMain } from '../helpers/in-process.js';

const home = (sdrsrc?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'sdrs-lang-'));
  if (sdrsrc !== undefined) writeFileSync(join(dir, '.sdrsrc'), sdrsrc, { mode: 0o600 });
  return dir;
};
const PROFILES = 'profiles:\n  default:\n    lang: zh-CN\n  english:\n    lang: en\n  plain:\n    region: cn-north-4\n';

describe('the language of a run', () => {
  it('--lang, then SDRS_LANG, then LC_ALL, LC_MESSAGES, LANG; cn is KooCLI\'s name for Chinese', () => {
    expect(chooseLanguage(['--lang', 'cn'], { LANG: 'C' }).lang).toBe('zh-CN');
    expect(chooseLanguage(['--lang=en'], { SDRS_LANG: 'zh-CN' }).lang).toBe('en');
    expect(chooseLanguage([], { SDRS_LANG: 'zh_CN', LC_ALL: 'C' }).lang).toBe('zh-CN');
    expect(chooseLanguage([], { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toEqual({ lang: 'en', fromLocale: true });
    expect(chooseLanguage([], { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' }).lang).toBe('zh-CN');
    expect(chooseLanguage([], { LANG: 'zh_TW.UTF-8' }).lang).toBe('en');
    expect(chooseLanguage(['--lang', 'fr'], {}).error?.exitCode).toBe(2);
  });

  it("a profile's lang wins over the locale, loses to --lang and SDRS_LANG, and follows --profile", async () => {
    const h = home(PROFILES);
    const env = { HOME: h, LANG: 'C' };
    const zh = await runMain(['job', 'show'], { env });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^错误：缺少必需的参数 'job-id'\n用法请运行/);
    expect((await runMain(['--lang', 'en', 'job', 'show'], { env })).stderr).toMatch(/^error: missing required argument 'job-id'/);
    expect((await runMain(['job', 'show'], { env: { ...env, SDRS_LANG: 'en' } })).stderr).toMatch(/^error: /);
    expect((await runMain(['--profile', 'english', 'job', 'show'], { env: { ...env, LANG: 'zh_CN.UTF-8' } })).stderr).toMatch(/^error: /);
    expect((await runMain(['job', 'show'], { env: { ...env, SDRS_PROFILE: 'english', LANG: 'zh_CN.UTF-8' } })).stderr).toMatch(/^error: /);
    // A profile without lang: the locale decides.
    expect((await runMain(['--profile', 'plain', 'job', 'show'], { env: { ...env, LANG: 'zh_CN.UTF-8' } })).stderr).toMatch(/^错误：/);
    // Help too.
    expect((await runMain(['group', '--help'], { env })).stdout).toMatch(/^用法：sdrs group/);
  });

  it('config show lists lang with where it came from; the --json document only when sdrs\'s own settings chose it', async () => {
    const h = home(PROFILES);
    const show = await runMain(['config', 'show', '--json'], { env: { HOME: h, LANG: 'C' } });
    expect(show.code).toBe(0);
    const lang = (JSON.parse(show.stdout) as { settings: Record<string, unknown> }).settings.lang;
    expect(lang).toEqual({ value: 'zh-CN', source: 'config', origin: `${join(h, '.sdrsrc')}#default.lang` });
    const flag = JSON.parse((await runMain(['--lang', 'en', 'config', 'show', '--json'], { env: { HOME: h } })).stdout) as { settings: Record<string, unknown> };
    expect(flag.settings.lang).toEqual({ value: 'en', source: 'flag', origin: '--lang' });
    const none = JSON.parse((await runMain(['config', 'show', '--json'], { env: { HOME: home(), LANG: 'zh_CN.UTF-8' } })).stdout) as { settings: Record<string, unknown> };
    expect(none.settings.lang).toBeUndefined();
  });

  it('a bad lang in a profile is a config error naming file:line (exit 4); a broken file never stops the language choice', async () => {
    const h = home('profiles:\n  default:\n    region: cn-north-4\n    lang: fr\n');
    const r = await runMain(['config', 'show'], { env: { HOME: h, LANG: 'C' } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${join(h, '.sdrsrc')}:4: "lang" in profile "default" must be one of en, zh-CN`);
    const broken = home('profiles:\n  default:\n    lang: zh-CN\n  - [broken\n');
    expect(configMentionsLang(broken, broken)).toBe(true);
    const help = await runMain(['group', '--help'], { env: { HOME: broken, LANG: 'zh_CN.UTF-8' } });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法：/);
    expect(configMentionsLang(home(PROFILES.replace(/lang/g, 'region')), '/nonexistent')).toBe(false);
    // A package.json: only its "sdrs" key is a config.
    const pkg = home();
    writeFileSync(join(pkg, 'package.json'), '{"name":"x","keywords":["lang"],"lang": "fr"}');
    expect(configMentionsLang(pkg, pkg)).toBe(false);
    writeFileSync(join(pkg, 'package.json'), '{"name":"x","sdrs":{"profiles":{"default":{"lang":"zh-CN"}}}}');
    expect(configMentionsLang(pkg, pkg)).toBe(true);
    expect((await runMain(['job', 'show'], { env: { HOME: pkg, LANG: 'C' } })).stderr).toMatch(/^错误：/);
  });
});

describe('parse errors', () => {
  const err = (code: string, message: string) => new CommanderError(2, code, message);
  it.each([
    ['commander.unknownOption', "error: unknown option '--tp=x'\n(Did you mean --to?)", "unknown option '--tp' (its value is not repeated) (Did you mean --to?)", "未知选项 '--tp'（其值未重复显示）（是否想输入 --to？）"],
    ['commander.unknownOption', "error: unknown option '--AKIAXXXX'", 'unknown option (not repeated: it does not look like an option name)', '未知选项 （未重复显示：它看起来不像选项名）'],
    ['commander.unknownCommand', "error: unknown command 'lst'\n(Did you mean one of list, last?)", "unknown command 'lst' (Did you mean one of list, last?)", "未知命令 'lst'（是否想输入以下之一：list, last？）"],
    ['commander.invalidArgument', "error: option '--to <side>' argument 'x' is invalid. Allowed choices are target, source.", "option '--to <side>': invalid value 'x'. Allowed choices are target, source.", "选项 '--to <side>'：无效的值 'x'。可选值：target, source。"],
    ['commander.invalidArgument', "error: command-argument value 'Secret9' is invalid for argument 'shell'. Allowed choices are bash, zsh.", "argument 'shell': invalid value (not repeated). Allowed choices are bash, zsh.", "参数 'shell'：无效的值（未重复显示）。可选值：bash, zsh。"],
    ['commander.missingArgument', "error: missing required argument 'job-id'", "missing required argument 'job-id'", "缺少必需的参数 'job-id'"],
    ['commander.optionMissingArgument', "error: option '--to <side>' argument missing", "option '--to <side>' argument missing", "选项 '--to <side>' 缺少值"],
    ['commander.missingMandatoryOptionValue', "error: required option '--mode <mode>' not specified", "required option '--mode <mode>' not specified", "未指定必需的选项 '--mode <mode>'"],
    ['commander.excessArguments', "error: too many arguments for 'show'. Expected 1 argument but got 2.", "too many arguments for 'show'. Expected 1 argument but got 2.", "参数过多（命令 'show'）：应为 1 个，实际为 2 个。"],
    ['commander.excessArguments', 'error: too many arguments. Expected 0 arguments but got 1.', 'too many arguments. Expected 0 arguments but got 1.', '参数过多：应为 0 个，实际为 1 个。'],
  ])('%s: %s', (code, message, en, zh) => {
    expect(usageMessage(err(code, message)).message).toEqual({ en, zh });
  });
});
