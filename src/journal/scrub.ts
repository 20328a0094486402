/**
 * Secrets out of what the journal keeps. The command line is recorded with the value
 * of every secret-bearing flag replaced (a name with key, secret, token, password or
 * credential in it: `--access-key`; `--secret-key` is refused by sdrs but a pasted one
 * is still removed), any user:password in a URL removed, and then every known secret
 * value (the credentials in the environment and configuration) replaced wherever it
 * appears in the record.
 */

export const REDACTED = '<redacted>';

const SECRET_FLAG = /^--?(?:ak|sk|[a-z0-9-]*(?:key|secret|token|passw|credential|auth)[a-z0-9-]*)$/i;
/** Flags named like secrets that take no value. */
const BOOLEAN_FLAG = /-stdin$/;

/**
 * A URL's user:password removed: `https://u:p@host/x` -> `https://<redacted>@host/x`. The
 * userinfo ends at the LAST `@` of the URL (a password may hold `@`, `/`, `?` or `#`:
 * `https://admin:p@ss@host`, `https://admin:a/b@host`), and the URL ends at white space or a
 * quote; so an `@` later in a path or query (`https://host/x?mail=a@b`) is redacted too: more
 * than needed, never less. One pass, linear in the text's length (no regular expression that
 * backtracks): a 100 kB argument is scanned in milliseconds.
 */
export function stripUserinfo(text: string): string {
  if (!text.includes('://')) return text;
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const sep = text.indexOf('://', from);
    if (sep < 0) break;
    // The scheme: a letter, then up to 31 letters, digits, +, . or - (bounded look-back).
    let start = sep;
    while (start > 0 && sep - start < 32 && /[a-z0-9+.-]/i.test(text[start - 1])) start--;
    while (start < sep && !/[a-z]/i.test(text[start])) start++;
    const host = sep + 3;
    let end = host;
    let lastAt = -1;
    for (; end < text.length && !URL_END.test(text[end]); end++) if (text[end] === '@') lastAt = end;
    if (start < sep && lastAt >= 0) {
      out += text.slice(copied, host) + REDACTED;
      copied = lastAt;
    }
    from = Math.max(end, sep + 3);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * A proxy setting's user:password removed, with or without a scheme:
 * `bob:pw@proxy:3128` -> `<redacted>@proxy:3128`, `http://bob:p/w@proxy` -> `http://<redacted>@proxy`.
 * Up to the last `@` of the value (linear).
 */
export function stripProxyUserinfo(value: string): string {
  const sep = value.indexOf('://');
  const start = sep >= 0 && /^[a-z][a-z0-9+.-]*$/i.test(value.slice(0, sep)) ? sep + 3 : 0;
  const at = value.lastIndexOf('@');
  return at < start ? value : value.slice(0, start) + REDACTED + value.slice(at);
}

/** Where a URL in free text ends. */
const URL_END = /[\s"'<>`]/;

/** The command line without the values of secret-bearing flags. */
export function scrubArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i).map(stripUserinfo));
      break;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === '--proxy') {
      // A proxy may be given without a scheme (`bob:pw@proxy:3128`): its userinfo is removed either way.
      if (eq > 0) out.push(`${name}=${stripProxyUserinfo(a.slice(eq + 1))}`);
      else {
        out.push(a);
        if (i + 1 < argv.length) out.push(stripProxyUserinfo(argv[++i]));
      }
      continue;
    }
    if (a.startsWith('-') && SECRET_FLAG.test(name) && !BOOLEAN_FLAG.test(name)) {
      if (eq > 0) out.push(`${name}=${REDACTED}`);
      else {
        out.push(a);
        if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
          out.push(REDACTED);
          i++;
        }
      }
      continue;
    }
    out.push(stripUserinfo(a));
  }
  return out;
}

/** Every secret value in `text` replaced (values shorter than 4 characters are left: they would match anywhere). */
export function scrubValues(text: string, secrets: Iterable<string | undefined>): string {
  let s = text;
  const list = [...new Set([...secrets].filter((x): x is string => typeof x === 'string' && x.length >= 4))].sort((a, b) => b.length - a.length);
  for (const secret of list) {
    // The value as it appears inside a JSON string, too.
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) s = s.split(form).join(REDACTED);
  }
  return s;
}
