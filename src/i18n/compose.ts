/**
 * Messages whose parameters are themselves messages (a Text such as an error's
 * message inside a wrapping error): each language is filled with the parameter's
 * own rendering, so a Chinese sentence quotes the Chinese cause and the English
 * stays byte for byte what it was.
 */
import { fill, type Entry, type Text } from './index.js';

/** A parameter: a plain value (the same in both languages) or a Text. */
export type TextParam = string | number | bigint | boolean | null | undefined | Text;

/** Parameters that may be Texts. */
export type TextParams = Readonly<Record<string, TextParam>>;

const isText = (v: TextParam): v is Text => typeof v === 'object' && v !== null;

function side(params: TextParams, l: keyof Text): Record<string, string | number | bigint | boolean | null | undefined> {
  const out: Record<string, string | number | bigint | boolean | null | undefined> = {};
  for (const [k, v] of Object.entries(params)) out[k] = isText(v) ? v[l] : v;
  return out;
}

/** The entry rendered in both languages, each with its own rendering of Text parameters. */
export function textOf(entry: Entry, params: TextParams = {}): Text {
  return { en: fill(entry.en, side(params, 'en')), zh: fill(entry.zh, side(params, 'zh')) };
}

/** A string or Text as a Text. */
export function asText(x: string | Text): Text {
  return typeof x === 'string' ? { en: x, zh: x } : x;
}
