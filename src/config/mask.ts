/** Masking of secrets for `config show`, `--dry-run` and `--debug` output. */

/** Shows at most the last 4 characters of an access key: `****WXYZ` (just `****` when short). */
export function maskAccessKey(ak: string): string {
  return ak.length >= 12 ? `****${ak.slice(-4)}` : '****';
}

/** A secret (SK, security token, IAM token) is never shown, only whether it is set. */
export function maskSecret(value: string | undefined): string | undefined {
  return value ? '****' : undefined;
}

/**
 * A URL with its user:password part (a credential) replaced by `***`, for messages. The
 * userinfo runs from the scheme (or the start, when there is none: `bob:pw@proxy:3128`) to
 * the LAST `@` before any white space: a password may hold `/`, `?`, `#` or `@`
 * (`http://bob:pa/ss@proxy`), so an `@` later in a path is masked too: more than needed,
 * never less. One pass, linear in the length (no backtracking regular expression).
 */
export function maskUrlCredentials(value: string): string {
  const scheme = SCHEME.exec(value);
  const start = scheme ? scheme[0].length : 0;
  let lastAt = -1;
  for (let i = start; i < value.length; i++) {
    const c = value[i];
    if (c === '@') lastAt = i;
    else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') break;
  }
  return lastAt < 0 ? value : `${value.slice(0, start)}***${value.slice(lastAt)}`;
}

/** A URL's scheme and `://` (bounded: at most 32 characters of scheme). */
const SCHEME = /^[a-z][a-z0-9+.-]{0,31}:\/\//i;

/**
 * Every form in which the password of a proxy URL (with or without a scheme, parseable or not)
 * can appear: as written (percent-encoded), decoded, `user:password` both ways, and the Base64
 * of `user:password` sent in Proxy-Authorization. Empty when there is no password.
 */
export function proxySecretForms(value: string | undefined): string[] {
  if (!value) return [];
  const scheme = SCHEME.exec(value);
  const start = scheme ? scheme[0].length : 0;
  const at = value.lastIndexOf('@');
  if (at < start) return [];
  const userinfo = value.slice(start, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return [];
  const user = userinfo.slice(0, colon);
  const pass = userinfo.slice(colon + 1);
  if (!pass) return [];
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const [du, dp] = [decode(user), decode(pass)];
  return [...new Set([pass, dp, userinfo, `${du}:${dp}`, Buffer.from(`${du}:${dp}`).toString('base64'), Buffer.from(`${user}:${pass}`).toString('base64')])];
}
