/** Redaction for `--debug` traces and `--dry-run` output: no secret ever reaches a terminal. */
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

/** Replaces every occurrence of each secret (SK, tokens) in `text` with `***`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    // Very short strings would blank out unrelated text; real secrets are long.
    if (s.length >= 4) out = out.split(s).join('***');
  }
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
