/**
 * Who may talk to the emulator, decided from the request headers alone
 * (docs/emulator.md, "Who can reach it"). Pure functions; server.ts applies them.
 *
 * The threat is a web page in a browser on the same machine. It can send
 * "simple" cross-origin requests (text/plain bodies, no custom headers) to
 * 127.0.0.1 without asking, and through DNS rebinding (its own name resolving
 * to 127.0.0.1) it can even read the answers. So:
 * - the Host header must name this emulator: a loopback address, `localhost`,
 *   the configured `--host` or an `--allow-host` name. A rebinding page sends
 *   its own DNS name. Service routes also take any IP literal (a page cannot
 *   rebind an address, and LAN clients of `--host 0.0.0.0` use one);
 * - the admin API also needs no Origin or a loopback one, a JSON content type
 *   on every request that changes something (a browser must ask first, with a
 *   CORS preflight, which the emulator never grants), and the admin token
 *   when one is set.
 * The port in Host and Origin is not checked: SSH tunnels and port forwards
 * change it, and the name is what a rebinding page cannot fake.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export interface AccessPolicy {
  /** The `--host` the emulator was started with. */
  host: string;
  /** More names the Host header may carry (`--allow-host`), e.g. an /etc/hosts alias. */
  allowHosts: readonly string[];
  /** When set, every admin request must carry `Authorization: Bearer <token>`. */
  adminToken?: string;
}

/** Why a request is refused: the HTTP status and one line saying what to change. */
export interface Refusal {
  status: 403 | 401 | 415;
  message: string;
}

/** Lower-case, without brackets or a trailing dot: `[::1]` -> `::1`, `LocalHost.` -> `localhost`. */
function normalName(name: string): string {
  let n = name.trim().toLowerCase();
  if (n.startsWith('[') && n.endsWith(']')) n = n.slice(1, -1);
  if (n.endsWith('.')) n = n.slice(0, -1);
  return n;
}

/** The host name of a Host header value (`127.0.0.1:8443`, `[::1]:8443`, `localhost`), or undefined if malformed. */
export function hostnameOf(header: string): string | undefined {
  const h = header.trim();
  if (!h) return undefined;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return undefined;
    const rest = h.slice(end + 1);
    if (rest && !/^:\d{1,5}$/.test(rest)) return undefined;
    return normalName(h.slice(0, end + 1));
  }
  const m = /^([^:\s/@]+)(?::(\d{1,5}))?$/.exec(h);
  return m ? normalName(m[1]) : undefined;
}

/** True for 127.0.0.0/8, ::1 and ::ffff:127.x.x.x. */
export function isLoopbackIp(name: string): boolean {
  const n = normalName(name);
  if (isIP(n) === 4) return n.startsWith('127.');
  if (isIP(n) === 6) return n === '::1' || n === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(n);
  return false;
}

/** A name only this machine answers to: `localhost` or a loopback address. */
function isLoopbackName(name: string): boolean {
  return name === 'localhost' || isLoopbackIp(name);
}

/**
 * Checks the Host header. `admin`: the admin API, which takes loopback names,
 * the configured host and the allowed names only; service routes also take
 * any IP literal.
 */
export function checkHost(header: string | undefined, policy: AccessPolicy, admin: boolean): Refusal | undefined {
  // HTTP/1.0 clients may omit Host; a browser never does, so there is nothing to rebind.
  if (header === undefined) return undefined;
  const name = hostnameOf(header);
  const allowed =
    name !== undefined &&
    (isLoopbackName(name) ||
      name === normalName(policy.host) ||
      policy.allowHosts.some((a) => normalName(a) === name) ||
      (!admin && isIP(name) !== 0));
  if (allowed) return undefined;
  return {
    status: 403,
    message:
      `The Host header ${JSON.stringify(header.slice(0, 100))} does not name this emulator (DNS rebinding protection). ` +
      'Use 127.0.0.1, localhost or [::1], or start the emulator with --allow-host <name>.',
  };
}

/** True for a loopback Origin (`http://localhost:3000`, `http://127.0.0.1:8443`, `http://[::1]`). */
export function isLoopbackOrigin(origin: string): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false; // includes "null" (sandboxed frames, file: pages)
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackName(normalName(u.hostname));
}

/** True for `application/json`, with or without parameters such as `; charset=utf-8`. */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  return value.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** Compares two tokens in time that does not depend on where they differ (nor on the length of the guess). */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export interface AdminRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** True when the request carries body bytes (Content-Length > 0 or chunked). */
  hasBody: boolean;
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The admin API's own checks, after the loopback address and the Host header:
 * Origin, the token, then the content type.
 */
export function checkAdmin(req: AdminRequest, policy: AccessPolicy): Refusal | undefined {
  const origin = one(req.headers.origin);
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return {
      status: 403,
      message: `The admin API does not answer requests from web pages (Origin ${JSON.stringify(origin.slice(0, 100))}); call it from a program or curl.`,
    };
  }
  if (policy.adminToken !== undefined) {
    const auth = one(req.headers.authorization) ?? '';
    const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(auth);
    if (!m || !tokenMatches(m[1], policy.adminToken)) {
      return { status: 401, message: 'This emulator needs its admin token: send "Authorization: Bearer <token>" (the --admin-token or SDRS_EMULATOR_ADMIN_TOKEN it was started with).' };
    }
  }
  const changes = req.method !== 'GET' && req.method !== 'HEAD';
  const ct = one(req.headers['content-type']);
  if ((changes || req.hasBody) && !isJsonContentType(ct)) {
    return {
      status: 415,
      message: `Send "Content-Type: application/json" with every admin ${changes ? req.method + ' ' : ''}request${ct === undefined ? '' : ` (got ${JSON.stringify(ct.slice(0, 100))})`}, even without a body: a web page cannot send it without the emulator's permission.`,
    };
  }
  return undefined;
}
