/** Turns HTTP error responses of every documented shape into ApiError (reference section 6). */
import { ApiError, NetworkError, UnknownOutcomeError, type ErrorDetails } from '../errors.js';
import { text, type Text } from '../i18n/index.js';
import { api as M } from '../i18n/catalog/api.js';

/** Longest slice of an unexpected body quoted in an error message. */
export const SNIPPET_CHARS = 200;

interface ErrorFields {
  code?: string;
  message?: string;
}

/**
 * Finds code and message the way the Go SDK does: top-level `error_code`/`error_msg`,
 * then top-level `code`/`message`, then each nested object (`error`, `badrequest`,
 * `badRequest`, `itemNotFound`, ...), recursively.
 */
export function findErrorFields(body: unknown, depth = 0): ErrorFields | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || depth > 3) return undefined;
  const o = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  if (str(o.error_code) || str(o.error_msg)) return { code: str(o.error_code), message: str(o.error_msg) };
  if (str(o.code) && str(o.message)) return { code: str(o.code), message: str(o.message) };
  for (const v of Object.values(o)) {
    const inner = findErrorFields(v, depth + 1);
    if (inner) return inner;
  }
  // A lone `message` (some gateways) is still better than nothing.
  if (str(o.message)) return { code: str(o.code), message: str(o.message) };
  return undefined;
}

/** A one-line, length-limited quote of a body for error messages. */
export function snippet(text: string, max = SNIPPET_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}… (${text.length} chars)` : flat;
}

/** What the error builder needs to know about the response. */
export interface ErrorResponse {
  status: number;
  statusMessage?: string;
  text: string;
  requestId?: string;
  method: string;
  /** Path (no host) for the message and details. */
  path: string;
}

/** Builds the ApiError for a non-2xx response, whatever its body. */
export function toApiError(r: ErrorResponse): ApiError {
  let parsed: unknown;
  try {
    parsed = r.text ? JSON.parse(r.text) : undefined;
  } catch {
    parsed = undefined;
  }
  const fields = findErrorFields(parsed);
  const requestId =
    r.requestId ??
    (typeof parsed === 'object' && parsed && typeof (parsed as Record<string, unknown>).request_id === 'string'
      ? ((parsed as Record<string, unknown>).request_id as string)
      : undefined);
  const apiCode = fields?.code ?? `HTTP_${r.status}`;
  const where = `${r.method} ${r.path}`;
  const statusMessage = r.statusMessage ? ` ${r.statusMessage}` : '';
  const message = fields?.message
    ? text(M.serviceSaid, { message: fields.message, code: apiCode, status: r.status })
    : r.text.trim() === ''
      ? text(M.emptyBody, { status: r.status, statusMessage, where })
      : text(M.bodyFrom, { status: r.status, statusMessage, where, body: snippet(r.text) });
  return new ApiError(message, {
    status: r.status,
    apiCode,
    requestId,
    hint: hintFor(r.status, apiCode),
    details: { method: r.method, path: r.path },
  });
}

function hintFor(status: number, code: string): Text | undefined {
  if (code === 'APIGW.0301' || status === 401) return text(M.hintAuth);
  if (status === 403) return text(M.hintForbidden);
  if (status === 429) return text(M.hintThrottled);
  return undefined;
}

/**
 * How a 2xx answer missed the documented shape: `unreadable` (not JSON, not an object,
 * too large: a proxy page or a garbled body) or `unexpected` (a JSON object with a missing,
 * mistyped or malformed field, another job's id). The watcher tolerates a few `unexpected`
 * answers in a row and many `unreadable` ones.
 */
export type AnswerProblem = 'unreadable' | 'unexpected';

/** A 2xx whose body is not what the API documents, to a request that changes nothing. Exit 7. */
export function badResponse(
  method: string, path: string, why: string | Text, body?: string, problem: AnswerProblem = 'unexpected', extra: ErrorDetails = {},
): NetworkError {
  return new NetworkError(
    body === undefined ? text(M.badResponse, { method, path, why }) : text(M.badResponseBody, { method, path, why, body: snippet(body) || text(M.empty) }),
    { code: 'BAD_RESPONSE', details: { method, path, response: problem, ...extra } },
  );
}

/**
 * A mutating request that may have been processed and whose answer does not say what
 * happened (a 5xx, a dropped connection, or an answer that is not the documented success:
 * an HTML page, an error document with status 200, a body too large to read, a malformed
 * job id). Never re-sent; the command reconciles by reading the service. Exit 7.
 */
export function unknownOutcome(method: string, path: string, why: string | Text, cause?: unknown, extra: ErrorDetails = {}): UnknownOutcomeError {
  return new UnknownOutcomeError(
    text(M.unknownOutcome, { method, path, why }),
    { details: { method, path, ...extra }, ...(cause === undefined ? {} : { cause }) },
  );
}

/** What a body that is not the documented answer looks like, for "HTTP 200 with …". */
export function describeBody(body: string, contentType?: string): Text {
  const t = body.trim();
  if (t === '') return text(M.anEmptyBody);
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body)\b/i.test(t)) return text(M.anHtmlPage, { body: snippet(body) });
  return text(M.notJsonBody, { body: snippet(body) });
}

/** An id or other short value quoted from an answer: JSON-quoted, cut at 60 characters (errors escape control characters). */
export function shownValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}
