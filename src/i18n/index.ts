/**
 * The one message catalogue's machinery (docs/i18n.md). Every message people read
 * has an entry with its English and its Simplified Chinese side by side, in an
 * area file under catalog/ (`catalog/preflight.ts` ...), so a missing language is
 * a compile error and test/i18n/catalog.test.ts checks the rest (placeholders,
 * empty texts).
 *
 * What a machine reads never changes with the language: `--json` documents, the
 * error document's `message` and `hint`, error codes, exit codes, flags and the
 * journal stay English, byte for byte. So an error carries both renderings
 * (`Text`) and the one error reporter picks; views for people call `t()`, which
 * reads the language main() chose for this run.
 */

/** The languages sdrs speaks. */
export type Lang = 'en' | 'zh-CN';

/** One message in both languages; `{name}` marks a parameter. */
export interface Entry {
  readonly en: string;
  readonly zh: string;
}

/** An area of the catalogue: message keys to entries. */
export type Catalog = Readonly<Record<string, Entry>>;

/** A message rendered in both languages (what an error carries). */
export interface Text {
  readonly en: string;
  readonly zh: string;
}

/** A parameter value the same in both languages: inserted as given (escape service text first). */
export type Scalar = string | number | bigint | boolean | null | undefined;

/**
 * Parameters of a message. A value may itself be a Text (an inner error's message, a phrase
 * chosen by the caller): each language is filled with that language's rendering, so a
 * Chinese sentence never quotes the English of something that has a Chinese rendering.
 */
export type Params = Readonly<Record<string, Scalar | Text>>;

const isText = (v: unknown): v is Text =>
  typeof v === 'object' && v !== null && typeof (v as Text).en === 'string' && typeof (v as Text).zh === 'string';

/** The parameters of one language: each Text parameter replaced by its rendering in that language. */
function side(params: Params | undefined, l: keyof Text): Readonly<Record<string, Scalar>> | undefined {
  if (!params) return undefined;
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(params)) out[k] = isText(v) ? v[l] : v;
  return out;
}

let current: Lang = 'en';

/** Sets the language of this run (main() does, from --lang, SDRS_LANG, the profile or the locale). */
export function setLanguage(lang: Lang): void {
  current = lang;
}

/** The language of this run. */
export function language(): Lang {
  return current;
}

/** Fills `{name}` placeholders; a placeholder without a parameter is left as it is. */
export function fill(template: string, params?: Readonly<Record<string, Scalar>>): string {
  if (!params) return template;
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) && params[name] !== undefined ? String(params[name]) : whole,
  );
}

/** The message in this run's language. */
export function t(entry: Entry, params?: Params): string {
  const l = current === 'zh-CN' ? 'zh' : 'en';
  return fill(entry[l], side(params, l));
}

/** The message in English, whatever the language (JSON documents, the journal). */
export function en(entry: Entry, params?: Params): string {
  return fill(entry.en, side(params, 'en'));
}

/** The message rendered in both languages, for an error to carry until it is reported. */
export function text(entry: Entry, params?: Params): Text {
  return { en: fill(entry.en, side(params, 'en')), zh: fill(entry.zh, side(params, 'zh')) };
}

/**
 * A string as a Text the same in both languages (a command line, a path, service text); a Text
 * as it is. Strings often come from service answers, where a field the model calls a string
 * may be null: it shows empty, as Array.prototype.join would show it, never a crash.
 */
export function verbatim(x: string | Text): Text {
  if (isText(x)) return x;
  const s = x === null || x === undefined ? '' : String(x);
  return { en: s, zh: s };
}

/** Joins texts (or strings, the same in both languages) language by language. */
export function join(parts: readonly (Text | string)[], sep: string | Text = ''): Text {
  const all = parts.map(verbatim);
  const by = verbatim(sep);
  return { en: all.map((p) => p.en).join(by.en), zh: all.map((p) => p.zh).join(by.zh) };
}

/** A Text or a plain string, in this run's language. */
export function local(x: Text | string): string {
  return typeof x === 'string' ? x : current === 'zh-CN' ? x.zh : x.en;
}

/**
 * A language name as given to --lang, SDRS_LANG or a profile's `lang`: `zh-CN`, `zh_CN`,
 * `zh`, `zh-Hans`, `cn` (KooCLI's `--cli-lang=cn`) are Chinese; `en`, `en-US`, `C`, `POSIX` English.
 */
export function parseLang(value: string): Lang | undefined {
  const v = value.trim().toLowerCase().replace(/_/g, '-').split('.')[0].split('@')[0];
  if (v === 'zh' || v === 'cn' || v === 'zh-cn' || v === 'zh-hans' || v.startsWith('zh-hans-') || v === 'zh-sg') return 'zh-CN';
  if (v === 'en' || v.startsWith('en-') || v === 'c' || v === 'posix') return 'en';
  return undefined;
}

/** The languages --lang and the profile accept, for messages. */
export const LANG_NAMES = ['en', 'zh-CN'] as const;

/**
 * The locale's language, POSIX precedence: the first of LC_ALL, LC_MESSAGES, LANG that is
 * set decides. Only Simplified Chinese locales (`zh_CN*`, `zh_SG*`, `zh_Hans*`) switch to
 * Chinese; anything else (including `zh_TW`, `zh_HK`: Traditional) is English.
 */
export function localeLang(env: Readonly<Record<string, string | undefined>>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v) return parseLang(v) === 'zh-CN' ? 'zh-CN' : 'en';
  }
  return 'en';
}
