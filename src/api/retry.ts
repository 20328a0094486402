/** The retry policy: which failures may be retried, and how long to wait. */

/** Retry settings. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 4 */
  limit: number;
  /** First backoff ceiling, ms. @default 500 */
  baseMs: number;
  /** Largest backoff ceiling, ms. @default 20000 */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { limit: 4, baseMs: 500, maxMs: 20_000 };
/** A server asking for a longer pause than this is not waited for longer. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Error codes meaning the request never reached the server, so even a POST may be sent again. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True for methods that are never re-sent once they may have reached the server. */
export function isMutating(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/** Capped exponential backoff with full jitter: random in [0, min(max, base * 2^attempt)). */
export function backoffMs(attempt: number, retry: RetryOptions, random: () => number): number {
  const ceiling = Math.min(retry.maxMs, retry.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Parses `Retry-After` (seconds or an HTTP date) into ms, capped; undefined when absent or invalid. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const ms = requestedRetryAfter(value, now);
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** The pause `Retry-After` asks for (ms), uncapped: what the service said, for reports. */
export function requestedRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(v.trim())) ms = Number(v.trim()) * 1000;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, Math.round(ms)), Number.MAX_SAFE_INTEGER);
}
