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
 * scheme is at most 32 characters, so a long argument (100 kB of letters) is scanned in
 * linear time rather than retried from every position.
 */
export function stripUserinfo(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(/([a-z][a-z0-9+.-]{0,31}:\/\/)[^/@\s]*@/gi, `$1${REDACTED}@`);
}

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
