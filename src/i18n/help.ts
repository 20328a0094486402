/**
 * Help in Chinese (docs/i18n.md). The English help stays where it is written, in each
 * command's register function; when a run's language is Chinese, buildProgram (src/cli.ts)
 * loads this module, builds the tree as usual with the help settings below, and then
 * `localizeHelp` walks the tree and swaps each text for its Chinese from the help area of
 * the catalogue (catalog/help.ts), keyed by command path. A text whose entry is missing, or
 * whose entry's English is not what the code registers, stays English (and
 * test/i18n/help.test.ts fails), so a stale translation is never shown.
 *
 * commander wraps help by string length at spaces; Chinese has no spaces and each of its
 * characters takes two columns, so the settings count East Asian wide characters as two and
 * allow a break between any two of them (never before a closing mark such as ，or ）).
 */
import type { Argument, Command, Help, HelpConfiguration, Option } from 'commander';
import { fill, type Entry } from './index.js';
import { helpMsg, helpShared, helpWords } from './catalog/help.js';

/** The key of a command path in the help area: 'sdrs group reverse'. */
export const commandKey = (path: readonly string[]): string => ['sdrs', ...path].join(' ');
/** The key of an option: 'sdrs group reverse --to'. */
export const optionKey = (cmdKey: string, o: Option): string => `${cmdKey} ${o.long ?? o.short}`;
/** The key of an argument: 'sdrs group reverse <group>'. */
export const argumentKey = (cmdKey: string, a: Argument): string => `${cmdKey} <${a.name()}>`;

const messages: Readonly<Record<string, Entry>> = helpMsg;
const shared: readonly Entry[] = Object.values(helpShared);

/** The Chinese of `en` at `key` (or, for an option, a shared option text); undefined when there is none. */
export function helpZh(key: string, en: string, sharedToo = false): string | undefined {
  const own = Object.hasOwn(messages, key) ? messages[key] : undefined;
  if (own && own.en === en) return own.zh;
  if (sharedToo) return shared.find((e) => e.en === en)?.zh;
  return undefined;
}

/** What `addHelpText('after', ...)` prints for a command. */
export function afterText(cmd: Command): string {
  let text = '';
  (cmd as unknown as NodeJS.EventEmitter).emit('afterHelp', { error: false, command: cmd, write: (s: string) => (text += s) });
  return text;
}

/**
 * An after-text that needs no entry of its own: blank lines, the `Examples:` heading and
 * command lines (`$ ...`) without a `#` comment. Its Chinese is the same with the heading
 * translated.
 */
export function isPlainExamples(text: string): boolean {
  return text.split('\n').every((l) => {
    const s = l.trim();
    return s === '' || s === helpWords.examples.en || (s.startsWith('$ ') && !/\s#\s/.test(s));
  });
}

/** The Chinese of a command's after-text, or undefined when it has no translation. */
export function afterZh(key: string, text: string): string | undefined {
  if (text === '') return undefined;
  const own = helpZh(`${key} after`, text);
  if (own !== undefined) return own;
  if (!isPlainExamples(text)) return undefined;
  return text.split('\n').map((l) => (l.trim() === helpWords.examples.en ? l.replace(helpWords.examples.en, helpWords.examples.zh) : l)).join('\n');
}

/** Swaps every help text of the tree (what is built of it) for its Chinese. */
export function localizeHelp(program: Command): void {
  const walk = (cmd: Command, path: string[]) => {
    const key = commandKey(path);
    const d = helpZh(key, cmd.description());
    if (d !== undefined) cmd.description(d);
    for (const a of cmd.registeredArguments) {
      const z = helpZh(argumentKey(key, a), a.description);
      if (z !== undefined) a.description = z;
    }
    // The command's own options and its help option (visibleOptions adds it).
    for (const o of cmd.createHelp().visibleOptions(cmd)) {
      const z = helpZh(optionKey(key, o), o.description, true);
      if (z !== undefined) o.description = z;
      if (o.defaultValueDescription) {
        const dz = helpZh(`${optionKey(key, o)} (default)`, o.defaultValueDescription);
        if (dz !== undefined) o.defaultValueDescription = dz;
      }
    }
    const after = afterText(cmd);
    const az = afterZh(key, after);
    if (az !== undefined) {
      (cmd as unknown as NodeJS.EventEmitter).removeAllListeners('afterHelp');
      cmd.addHelpText('after', az);
    }
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
}

/** East Asian wide and full-width characters: two columns each at a terminal. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;
const WIDE_G = new RegExp(WIDE.source, 'g');
/** Marks a line must not start with (they stay with the character before). */
const CLOSING = '，。、：；！？）》」』】〕…';
/** Marks a line must not end with (they go with the character after). */
const OPENING = '（《「『【〔';
// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[\d*(;\d*)*m/g;

/** Columns `s` takes at a terminal: colour codes none, wide characters two. */
export function displayWidth(s: string): number {
  const plain = s.replace(SGR, '');
  return plain.length + (plain.match(WIDE_G)?.length ?? 0);
}

/**
 * The pieces a line may break between, each with the spaces before it: a run of
 * non-space, non-wide characters, or one wide character; opening marks stick to what
 * follows, closing marks to what precedes.
 */
const CHUNK = new RegExp(
  `\\s*[${OPENING}]*(?:(?:(?!${WIDE.source})\\S)+|${WIDE.source})[${CLOSING}]*`,
  'g',
);

/** commander's boxWrap with wide characters counted as two columns and breaks between them. */
export function boxWrap(str: string, width: number, minWidthToWrap = 40): string {
  if (width < minWidthToWrap) return str;
  const out: string[] = [];
  for (const line of str.split(/\r\n|\n/)) {
    const chunks = line.match(CHUNK);
    if (chunks === null) {
      out.push('');
      continue;
    }
    let sum = [chunks.shift() as string];
    let w = displayWidth(sum[0]);
    for (const chunk of chunks) {
      const cw = displayWidth(chunk);
      if (w + cw <= width) {
        sum.push(chunk);
        w += cw;
        continue;
      }
      out.push(sum.join(''));
      const next = chunk.trimStart();
      sum = [next];
      w = displayWidth(next);
    }
    out.push(sum.join(''));
  }
  return out.join('\n');
}

/** commander's "(choices: ..., default: ...)" in Chinese. */
function extras(item: Option | Argument, isOption: boolean): string[] {
  const out: string[] = [];
  if (item.argChoices) out.push(fill(helpWords.choices.zh, { list: item.argChoices.map((c) => JSON.stringify(c)).join('、') }));
  if (item.defaultValue !== undefined) {
    const o = item as Option;
    const show = !isOption || o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean');
    if (show) out.push(fill(helpWords.default.zh, { value: item.defaultValueDescription || JSON.stringify(item.defaultValue) }));
  }
  if (isOption) {
    const o = item as Option;
    if (o.presetArg !== undefined && o.optional) out.push(fill(helpWords.preset.zh, { value: JSON.stringify(o.presetArg) }));
    if (o.envVar !== undefined) out.push(fill(helpWords.env.zh, { name: o.envVar }));
  }
  return out;
}

const withExtras = (description: string, more: string[]) =>
  more.length === 0 ? description : `${description}（${more.join('，')}）`;

const TITLES: Readonly<Record<string, string>> = Object.fromEntries(Object.values(helpWords).map((e) => [e.en, e.zh]));

/** The help settings of a Chinese run (given to configureHelp before the subcommands are added). */
export const zhHelpConfiguration: HelpConfiguration & Partial<Help> = {
  displayWidth,
  boxWrap(this: Help, str: string, width: number) {
    return boxWrap(str, width, this.minWidthToWrap);
  },
  styleTitle(str: string) {
    return Object.hasOwn(TITLES, str) ? TITLES[str] : str;
  },
  formatHelp(this: Help, cmd: Command, helper: Help) {
    // commander puts a space after "Usage:"; after the full-width colon of 用法： it is one too many.
    const base = (Object.getPrototypeOf(this) as Help).formatHelp.call(this, cmd, helper);
    return base.replace(/^用法： /, '用法：');
  },
  optionDescription(option: Option) {
    const d = withExtras(option.description, extras(option, true));
    return option.mandatory ? `${d}${helpWords.required.zh}` : d;
  },
  argumentDescription(argument: Argument) {
    return withExtras(argument.description, extras(argument, false));
  },
};
