/**
 * Composing Texts: lists of names, names with a detail, a Text mapped language by language.
 * (A message whose parameters are Texts needs nothing here: `text`/`t` in index.ts fill each
 * language with that language's rendering.)
 */
import { join, verbatim, type Text } from './index.js';

/** A Text with a function applied to each language's rendering (escaping, capitalising). */
export function mapText(x: Text, f: (s: string, lang: keyof Text) => string): Text {
  return { en: f(x.en, 'en'), zh: f(x.zh, 'zh') };
}

/**
 * A list of names, at most `max`, then "and N more" in each language.
 * `names` are shown as given (escape service text first); a Text name is shown in each language.
 */
export function listOf(names: readonly (string | Text)[], max: number, sep: Text = { en: ', ', zh: '、' }): Text {
  const shown = names.slice(0, max).map(verbatim);
  const more = names.length - shown.length;
  return {
    en: shown.map((s) => s.en).join(sep.en) + (more > 0 ? ` and ${more} more` : ''),
    zh: shown.map((s) => s.zh).join(sep.zh) + (more > 0 ? ` 等另外 ${more} 个` : ''),
  };
}

/** Every item (a string, or a Text per language), joined: ", " in English, "、" in Chinese. */
export function joinList(items: readonly (string | Text)[]): Text {
  return join(items, { en: ', ', zh: '、' });
}

/** `name (detail)` in English, `name（detail）` in Chinese (full-width parentheses). */
export function parened(name: string, detail: string): Text {
  return { en: `${name} (${detail})`, zh: `${name}（${detail}）` };
}
