/**
 * Redaction for `--debug` traces, error messages and `--dry-run` output: no secret ever reaches a
 * terminal. A server may echo what it was sent (the signed `Authorization` header, `X-Auth-Token`,
 * `X-Security-Token`) in a body, a header or a reason phrase, so the transport scrubs every text
 * it hands on with what it sent (`scrub`, `headerSecrets`), not only what it was configured with.
 */
import { maskAccessKey } from '../config/mask.js';
import type { Credentials } from '../config/types.js';

/** Headers whose values are never shown. */
export const SECRET_HEADERS = ['authorization', 'x-auth-token', 'x-security-token', 'x-subject-token'];
/** Longest body shown in a trace. */
export const TRACE_BODY_CHARS = 4096;

/** Every secret string in a set of credentials (SK, security token, IAM token), for `scrub`. */
export function secretsOf(c: Credentials): string[] {
  return c.kind === 'aksk' ? [c.sk, ...(c.securityToken ? [c.securityToken] : [])] : [c.token];
}

/** The access key of a set of credentials, for `scrub` (shown masked, never whole). */
export function accessKeyOf(c: Credentials): string | undefined {
  return c.kind === 'aksk' ? c.ak : undefined;
}

/**
 * The secret values in the headers of one request as sent: the whole `Authorization` value and
 * its signature (a signature is a credential until the request expires), and the token headers.
 */
export function headerSecrets(headers: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (typeof v !== 'string' || !SECRET_HEADERS.includes(k.toLowerCase())) continue;
    out.push(v);
    const sig = /Signature=([0-9a-fA-F]+)/.exec(v)?.[1];
    if (sig) out.push(sig);
  }
  return out;
}

/** A signature in any echoed `Authorization` value, whichever request it belonged to. */
const SIGNATURE = /(Signature=)[0-9a-fA-F]{16,}/g;

/**
 * Replaces every occurrence of each secret (SK, tokens, an `Authorization` value or signature as
 * sent) in `text` with `***`, any `Signature=<hex>` with `Signature=***`, and the access key with
 * its masked form (`****WXYZ`, as `config show` shows it).
 */
export function scrub(text: string, secrets: readonly string[], accessKey?: string): string {
  let out = text;
  // Longest first: the whole Authorization value goes before the signature and key inside it.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    // Very short strings would blank out unrelated text; real secrets are long.
    if (s.length >= 4) out = out.split(s).join('***');
  }
  out = out.replace(SIGNATURE, '$1***');
  if (accessKey && accessKey.length >= 4) out = out.split(accessKey).join(maskAccessKey(accessKey));
  return out;
}

/** Headers for a trace: secret header values become `***`. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = SECRET_HEADERS.includes(k.toLowerCase()) ? '***' : Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** Headers for `--dry-run`: the Authorization header keeps its shape, with the AK masked and no signature. */
export function redactPreparedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    if (lower === 'authorization') {
      out[k] = v
        .replace(/Access=([^,\s]+)/, (_m, ak: string) => `Access=${maskAccessKey(ak)}`)
        .replace(/Signature=[0-9a-fA-F]+/, 'Signature=***');
    } else {
      out[k] = SECRET_HEADERS.includes(lower) ? '***' : v;
    }
  }
  return out;
}

/** A body for a trace, cut to a few KB. */
export function traceBody(text: string): string {
  return text.length > TRACE_BODY_CHARS ? `${text.slice(0, TRACE_BODY_CHARS)}… (${text.length} chars, truncated)` : text;
}
