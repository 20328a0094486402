/**
 * Messages whose parameters are themselves messages (an inner error's text, a phrase chosen
 * by the caller): each language is filled with the same language of its Text parameters, so
 * a Chinese sentence never carries an English fragment that has a Chinese rendering.
 */
import { fill, language, type Entry, type Params, type Text } from './index.js';

/** A parameter: a plain value (the same in both languages) or a Text. */
export type MixedParams = Readonly<Record<string, Params[string] | Text>>;

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).en === 'string' && typeof (v as Text).zh === 'string';

function side(params: MixedParams | undefined, l: keyof Text): Params | undefined {
  if (!params) return undefined;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isText(v) ? v[l] : v]));
}

/** The message in both languages, Text parameters taken language by language. */
export function textWith(entry: Entry, params?: MixedParams): Text {
  return { en: fill(entry.en, side(params, 'en')), zh: fill(entry.zh, side(params, 'zh')) };
}

/** The message in this run's language, Text parameters in the same language. */
export function tWith(entry: Entry, params?: MixedParams): string {
  const l = language() === 'zh-CN' ? 'zh' : 'en';
  return fill(entry[l], side(params, l));
}
