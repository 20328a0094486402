/**
 * Huawei Cloud AK/SK request signing (`SDK-HMAC-SHA256`), on node:crypto.
 *
 * Shared by the API client (which signs) and the emulator (which verifies by
 * rebuilding the canonical request from the headers named in SignedHeaders).
 * Reference: ../shared/reference/sdrs-api.md section 7.1.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Percent-encodes everything but `A-Z a-z 0-9 - _ . ~`, with uppercase hex. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** Canonical URI: each segment encoded, always ending with `/`. */
export function canonicalUri(pathname: string): string {
  // The path arrives already percent-encoded from a URL; decode each segment
  // first so that it is encoded exactly once.
  const segments = pathname.split('/').map((s) => encodeRfc3986(safeDecode(s)));
  let uri = segments.join('/');
  if (!uri.endsWith('/')) uri += '/';
  return uri;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Canonical query string: keys sorted, repeated values sorted, `k=v` joined by `&`. */
export function canonicalQuery(params: URLSearchParams | Iterable<[string, string]>): string {
  const map = new Map<string, string[]>();
  for (const [k, v] of params) {
    const list = map.get(k) ?? [];
    list.push(v);
    map.set(k, list);
  }
  const keys = [...map.keys()].sort(compareCodeUnits);
  const parts: string[] = [];
  for (const k of keys) {
    for (const v of map.get(k)!.sort(compareCodeUnits)) {
      parts.push(`${encodeRfc3986(k)}=${encodeRfc3986(v)}`);
    }
  }
  return parts.join('&');
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lowercase hex SHA-256 of the exact bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface CanonicalInput {
  method: string;
  /** Full URL, or a path with optional query. */
  url: string;
  /** Header name -> value; names are matched case-insensitively. */
  headers: Record<string, string | string[] | undefined>;
  /** Lowercase header names to sign, in any order. */
  signedHeaders: string[];
  /** The exact body bytes (or string, hashed as UTF-8). */
  body?: string | Uint8Array;
}

/** Builds the six-part canonical request. */
export function canonicalRequest(input: CanonicalInput): string {
  const url = new URL(input.url, 'http://placeholder.invalid');
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) {
    if (v === undefined) continue;
    lower[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
  }
  const signed = [...new Set(input.signedHeaders.map((h) => h.toLowerCase()))].sort(compareCodeUnits);
  const canonicalHeaders = signed.map((h) => `${h}:${(lower[h] ?? '').trim()}\n`).join('');
  const contentSha = lower['x-sdk-content-sha256'];
  const bodyHash = contentSha
    ? contentSha
    : input.body === undefined || input.body.length === 0
      ? EMPTY_BODY_SHA256
      : sha256Hex(input.body);
  return [
    input.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    canonicalHeaders,
    signed.join(';'),
    bodyHash,
  ].join('\n');
}

/** The string to sign for a canonical request and an `X-Sdk-Date` value. */
export function stringToSign(canonical: string, sdkDate: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Hex HMAC-SHA256 keyed directly with the secret key. */
export function signature(sk: string, toSign: string): string {
  return createHmac('sha256', Buffer.from(sk, 'utf8')).update(toSign).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Parses an `X-Sdk-Date` value, or returns undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface SignOptions {
  method: string;
  /** The full request URL. */
  url: string;
  /** Headers to send; `host` and `x-sdk-date` are added when missing. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
  ak: string;
  sk: string;
  /** Signing time; defaults to now. */
  date?: Date;
  /**
   * Which headers to sign. Default: content-type (when there is a body),
   * host, x-project-id, x-sdk-date and x-security-token when present.
   */
  signedHeaders?: string[];
}

export interface SignResult {
  /** The headers to send: the input headers plus `X-Sdk-Date`, `Host` and `Authorization`. */
  headers: Record<string, string>;
  authorization: string;
  signedHeaders: string[];
  canonicalRequest: string;
}

/** Signs a request; returns the headers to send. */
export function signRequest(opts: SignOptions): SignResult {
  const headers: Record<string, string> = { ...opts.headers };
  const find = (name: string) => Object.keys(headers).find((k) => k.toLowerCase() === name);
  if (!find('x-sdk-date')) headers['X-Sdk-Date'] = formatSdkDate(opts.date ?? new Date());
  if (!find('host')) headers['Host'] = new URL(opts.url).host;
  const hasBody = opts.body !== undefined && opts.body.length > 0;
  const wanted =
    opts.signedHeaders ??
    ['content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token'].filter((h) => {
      if (h === 'content-type' && !hasBody) return false;
      return find(h) !== undefined;
    });
  const canonical = canonicalRequest({
    method: opts.method,
    url: opts.url,
    headers,
    signedHeaders: wanted,
    body: opts.body,
  });
  const sdkDate = headers[find('x-sdk-date')!]!;
  const sig = signature(opts.sk, stringToSign(canonical, sdkDate));
  const signed = [...new Set(wanted.map((h) => h.toLowerCase()))].sort(compareCodeUnits);
  const authorization = `${ALGORITHM} Access=${opts.ak}, SignedHeaders=${signed.join(';')}, Signature=${sig}`;
  headers['Authorization'] = authorization;
  return { headers, authorization, signedHeaders: signed, canonicalRequest: canonical };
}

export interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`. */
export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  if (!value) return undefined;
  const m = /^SDK-HMAC-SHA256\s+(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const fields: Record<string, string> = {};
  for (const part of m[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (!fields.Access || !fields.SignedHeaders || !fields.Signature) return undefined;
  return {
    access: fields.Access,
    signedHeaders: fields.SignedHeaders.split(';').filter(Boolean),
    signature: fields.Signature,
  };
}

export type VerifyResult =
  | { ok: true; access: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown-key' | 'no-date' | 'stale-date' | 'mismatch'; access?: string; canonicalRequest?: string };

export interface VerifyOptions {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body bytes as received. */
  body?: Uint8Array;
  /** Looks up the secret key for an access key. */
  lookupSecret: (ak: string) => string | undefined;
  now: Date;
  /** Allowed clock skew in ms. @default 15 minutes */
  maxSkewMs?: number;
}

/** Verifies a signed request the way the API gateway does. */
export function verifyRequest(opts: VerifyOptions): VerifyResult {
  const auth = parseAuthorization(headerValue(opts.headers, 'authorization'));
  if (!headerValue(opts.headers, 'authorization')) return { ok: false, reason: 'missing' };
  if (!auth) return { ok: false, reason: 'malformed' };
  const sk = opts.lookupSecret(auth.access);
  if (sk === undefined) return { ok: false, reason: 'unknown-key', access: auth.access };
  const dateHeader = headerValue(opts.headers, 'x-sdk-date');
  const date = dateHeader ? parseSdkDate(dateHeader) : undefined;
  if (!date || !auth.signedHeaders.includes('x-sdk-date')) return { ok: false, reason: 'no-date', access: auth.access };
  if (Math.abs(opts.now.getTime() - date.getTime()) > (opts.maxSkewMs ?? 15 * 60_000)) {
    return { ok: false, reason: 'stale-date', access: auth.access };
  }
  const canonical = canonicalRequest({
    method: opts.method,
    url: opts.url,
    headers: opts.headers,
    signedHeaders: auth.signedHeaders,
    body: opts.body,
  });
  const expected = Buffer.from(signature(sk, stringToSign(canonical, dateHeader!)), 'utf8');
  const given = Buffer.from(auth.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'mismatch', access: auth.access, canonicalRequest: canonical };
  }
  return { ok: true, access: auth.access };
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v.join(',') : v;
  }
  return undefined;
}
