/**
 * The one got instance. Signs every attempt with fresh credentials, retries
 * under an exact policy (GETs only, except POSTs that were throttled or never
 * reached the server), bounds response size and traces `--debug`.
 */
import type { Got } from 'got';
import { signRequest } from '../auth/sign.js';
import type { Credentials } from '../config/types.js';
import { ApiError, AuthError, InterruptedError, NetworkError, safeText } from '../errors.js';
import { toApiError, unknownOutcome } from './errors.js';
import { accessKeyOf, headerSecrets, redactHeaders, redactPreparedHeaders, scrub, secretsOf, traceBody } from './redact.js';
import { NOT_SENT_CODES, type RetryOptions, backoffMs, isMutating, parseRetryAfter, requestedRetryAfter } from './retry.js';
import type { PreparedRequest } from './types.js';
import { createLimiter } from '../util/pool.js';
import { type Network, createNetwork } from './network.js';
import { currentDeadline } from '../util/deadline.js';
import { text } from '../i18n/index.js';
import { networkMsg as M } from '../i18n/catalog/network.js';

/** Transport settings; every clock and random source is injectable for tests. */
export interface TransportOptions {
  credentials: () => Promise<Credentials>;
  userAgent: string;
  debug?: (line: string) => void;
  retry: RetryOptions;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
  signal?: AbortSignal;
  /** Per-attempt timeout, ms. */
  timeoutMs: number;
  /** Largest response body accepted, bytes. */
  maxBodyBytes: number;
  /** Requests in flight at once (across every caller of this transport). @default MAX_IN_FLIGHT */
  maxInFlight?: number;
  /** Proxies and trusted CAs (api/network.ts). @default direct, Node's CAs */
  network?: Network;
}

/**
 * Requests one client has in flight at once. A multi-group reverse submits and
 * polls for dozens of groups concurrently; more parallel requests would not make
 * it faster against a rate-limited API, but cost a socket and buffers each.
 */
export const MAX_IN_FLIGHT = 8;

/** One logical request (possibly several attempts). */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Full URL including the query string. */
  url: string;
  projectId: string;
  /** Serialised with JSON.stringify; those exact bytes are signed and sent. */
  body?: unknown;
}

/** A 2xx response. */
export interface TransportResponse {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Sends and prepares requests. */
export interface Transport {
  send(spec: RequestSpec): Promise<TransportResponse>;
  prepare(spec: RequestSpec): Promise<PreparedRequest>;
  /** Scrubs `text` for error messages: the secrets of the credentials last used (SK, tokens) and any signature become `***`, the AK is masked. */
  redact(text: string): string;
}

interface HookContext {
  [key: string]: unknown;
  sign: () => Record<string, string>;
}

/** Builds the headers for one attempt: signed for AK/SK, X-Auth-Token for token auth. */
export function buildHeaders(
  spec: RequestSpec, bodyText: string | undefined, creds: Credentials, userAgent: string, date: Date,
): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': userAgent,
    Accept: 'application/json',
    'X-Project-Id': spec.projectId,
  };
  if (bodyText !== undefined) headers['Content-Type'] = 'application/json;charset=UTF-8';
  if (creds.kind === 'token') {
    headers['Host'] = new URL(spec.url).host;
    headers['X-Auth-Token'] = creds.token;
    return headers;
  }
  if (creds.securityToken) headers['X-Security-Token'] = creds.securityToken;
  return signRequest({ method: spec.method, url: spec.url, headers, body: bodyText, ak: creds.ak, sk: creds.sk, date }).headers;
}

/** Creates the transport; got is imported on the first request only. */
export function createTransport(opts: TransportOptions): Transport {
  let gotP: Promise<Got> | undefined;
  const instance = () =>
    (gotP ??= import('got').then(({ got }) =>
      got.extend({
        retry: { limit: 0 }, // retries are ours: the policy must be exact
        throwHttpErrors: false,
        followRedirect: false,
        responseType: 'buffer',
        timeout: { connect: Math.min(10_000, opts.timeoutMs), request: opts.timeoutMs },
        hooks: {
          beforeRequest: [
            (options) => {
              // Signed here, after got has settled the URL, so the signature covers what is sent.
              const signed = (options.context as HookContext).sign();
              for (const [k, v] of Object.entries(signed)) options.headers[k.toLowerCase()] = v;
              if (!opts.debug) return;
              trace(`→ ${options.method} ${String(options.url)}`);
              for (const [k, v] of Object.entries(redactHeaders(options.headers))) trace(`  ${k}: ${v}`);
              if (typeof options.body === 'string') trace(`  ${traceBody(options.body)}`);
            },
          ],
        },
      }),
    ));
  let secrets: string[] = [];
  let accessKey: string | undefined;
  const network = opts.network ?? createNetwork(undefined);
  const limit = createLimiter(opts.maxInFlight ?? MAX_IN_FLIGHT);
  /** Text from a response or about a request, without the credentials' secrets, the AK, or `sent` (what one attempt sent). */
  const hide = (text: string, sent: readonly string[] = []) => scrub(text, [...secrets, ...network.secrets, ...sent], accessKey);
  // A trace line quotes service text (bodies, headers, reason phrases): scrubbed, then the one sanitiser.
  const trace = (line: string, sent?: readonly string[]) => opts.debug?.(safeText(hide(line, sent)));

  async function attempt(spec: RequestSpec, bodyText: string | undefined, deadline: number | undefined) {
    const creds = await opts.credentials(); // every attempt: temporary keys may have been refreshed
    secrets = secretsOf(creds);
    accessKey = accessKeyOf(creds);
    /** The secret header values this attempt sends (its Authorization and signature): an echo of them is scrubbed too. */
    const sent: string[] = [];
    const got = await instance();
    const route = await network.route(spec.url);
    if (route.masked) trace(`  via proxy ${route.masked}`);
    const started = opts.now();
    // Under a deadline (the waiter's --timeout) the attempt gets at most the time left.
    const timeoutMs = deadline === undefined ? opts.timeoutMs : Math.max(1, Math.min(opts.timeoutMs, Math.ceil(deadline - started)));
    const cut = timeoutMs < opts.timeoutMs;
    let headersAt: number | undefined;
    let tooLarge = false;
    const p = got(spec.url, {
      method: spec.method,
      body: bodyText,
      signal: opts.signal,
      ...(route.agent ? { agent: route.agent } : {}),
      ...(network.ca ? { https: { certificateAuthority: network.ca } } : {}),
      ...(cut ? { timeout: { connect: Math.min(10_000, timeoutMs), request: timeoutMs } } : {}),
      context: {
        sign: () => {
          const h = buildHeaders(spec, bodyText, creds, opts.userAgent, new Date(opts.now()));
          sent.push(...headerSecrets(h));
          return h;
        },
      } satisfies HookContext,
    });
    // got reports progress 0 when the response headers arrive (its 'response' event waits for the body).
    p.on('downloadProgress', () => {
      headersAt ??= opts.now();
    });
    p.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
      if (progress.transferred > opts.maxBodyBytes || (progress.total ?? 0) > opts.maxBodyBytes) {
        tooLarge = true;
        p.cancel();
      }
    });
    try {
      const res = await p;
      // Every text of the answer is scrubbed of what was sent before anything reads it: a server may echo the request.
      const text = hide(res.rawBody.toString('utf8'), sent);
      const statusMessage = res.statusMessage === undefined ? undefined : hide(res.statusMessage, sent);
      if (opts.debug) {
        trace(`← ${res.statusCode} ${statusMessage ?? ''} (${opts.now() - started} ms) ${spec.method} ${spec.url}`, sent);
        for (const [k, v] of Object.entries(redactHeaders(res.headers))) trace(`  ${k}: ${v}`, sent);
        if (text) trace(`  ${traceBody(text)}`, sent);
      }
      return { res: { status: res.statusCode, statusMessage, text, headers: res.headers }, sent };
    } catch (err) {
      if (tooLarge) {
        // A change may have been made before the answer grew too large to read: an unknown outcome.
        if (isMutating(spec.method)) {
          throw unknownOutcome(spec.method, pathOf(spec.url), `a response larger than ${opts.maxBodyBytes} bytes, not read`, err, { response: 'too_large' });
        }
        throw new NetworkError(text(M.tooLarge, { method: spec.method, path: pathOf(spec.url), max: opts.maxBodyBytes }), {
          code: 'RESPONSE_TOO_LARGE', details: { method: spec.method, path: pathOf(spec.url) },
        });
      }
      if (opts.signal?.aborted) throw interrupted(opts.signal);
      const e = err as { code?: string; event?: string; name?: string; message: string };
      trace(`✗ ${e.code ?? e.name} ${e.message} (${opts.now() - started} ms) ${spec.method} ${spec.url}`, sent);
      // Failures before the request left: the TLS handshake, the proxy's CONNECT. Never re-sent blindly:
      // either nothing can change by trying again (an untrusted certificate, refused proxy credentials),
      // or it is safe (a proxy that could not be reached or could not reach the host was given nothing).
      const fatal = tlsError(e, spec.url) ?? proxyAuthError(e, route.masked);
      if (fatal) return { fatal };
      const connectStatus = route.masked ? proxyConnectStatus(e) : undefined;
      const notSent = NOT_SENT_CODES.has(e.code ?? '') || ['lookup', 'connect'].includes(e.event ?? '') || connectStatus !== undefined;
      if (route.masked && notSent) return { error: e, notSent, proxy: { masked: route.masked, status: connectStatus } };
      // Timed out because the deadline left less than the usual per-attempt timeout.
      const stopped = cut && e.code === 'ETIMEDOUT' ? { sentAt: started, headersAt, timeoutMs } : undefined;
      return { error: e, notSent, stopped };
    }
  }

  /** Waiting for a free slot ends at the deadline too. */
  function queueSignal(deadline: number | undefined): AbortSignal | undefined {
    if (deadline === undefined) return opts.signal;
    const timer = AbortSignal.timeout(Math.max(1, Math.ceil(deadline - opts.now())));
    return opts.signal ? AbortSignal.any([opts.signal, timer]) : timer;
  }

  async function send(spec: RequestSpec): Promise<TransportResponse> {
    const bodyText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const path = pathOf(spec.url);
    const mutating = isMutating(spec.method);
    // The deadline of the wait this request serves (--timeout), if any: it bounds every attempt,
    // every Retry-After and every backoff, so the wait ends on time whatever the service does.
    const deadline = currentDeadline();
    for (let n = 0; ; n++) {
      if (opts.signal?.aborted) throw interrupted(opts.signal);
      if (deadline !== undefined && deadline - opts.now() <= 0) throw noTimeLeft(spec.method, path, false);
      // Waiting for a turn is not part of the attempt (nor of its timeout), but ends at the deadline.
      const queue = queueSignal(deadline);
      const r = await limit(() => attempt(spec, bodyText, deadline), queue).catch((err: unknown) => {
        if (opts.signal?.aborted) throw interrupted(opts.signal);
        throw queue?.aborted ? noTimeLeft(spec.method, path, true) : err;
      });
      let retryAfter: number | undefined;
      let requested: number | undefined;
      let final: Error;
      if (r.fatal) throw r.fatal;
      if (r.res) {
        const { status } = r.res;
        if (status >= 200 && status < 300) return r.res;
        // Gateways echo the canonical request (with X-Security-Token) in a 401: never quote a secret.
        const requestId = header(r.res.headers, 'x-request-id');
        const apiErr = toApiError({
          status, statusMessage: r.res.statusMessage, text: r.res.text, method: spec.method, path,
          requestId: requestId === undefined ? undefined : hide(requestId, r.sent),
        });
        // A redirect answering a change (303 after a POST is how some servers acknowledge one) is not followed
        // and says nothing sure: an unknown outcome. A 4xx is the service's (or a gateway's) refusal.
        if (mutating && status < 400) throw unknownOutcome(spec.method, path, `HTTP ${status}${r.res.statusMessage ? ` ${r.res.statusMessage}` : ''}, not the documented answer`, apiErr, { http_status: status });
        if (status !== 429 && status < 500) throw apiErr;
        if (status >= 500 && mutating) throw unknownOutcome(spec.method, path, apiErr.message, apiErr);
        retryAfter = parseRetryAfter(r.res.headers['retry-after'], opts.now());
        requested = requestedRetryAfter(r.res.headers['retry-after'], opts.now());
        final = apiErr;
      } else {
        const e = r.error!;
        if (mutating && !r.notSent) throw unknownOutcome(spec.method, path, `${e.code ?? e.name}: ${e.message}`, e);
        final = r.stopped
          ? cutOff(spec.method, path, r.stopped, e)
          : r.proxy ? proxyFailure(spec, r.proxy, e, n)
          : new NetworkError(
            text(n > 0 ? M.unreachableAfter : M.unreachable, { host: hostOf(spec.url), cause: `${e.code ?? e.name}: ${e.message}`, n: n + 1 }),
            { details: { method: spec.method, path, ...(e.code ? { cause_code: e.code } : {}) }, cause: e },
          );
      }
      const giveUp = (why?: string) => {
        if (why) trace(why);
        if (final instanceof ApiError && n > 0) final.details.attempts = n + 1;
        // The job watcher keeps polling after a throttled read; tell it how long the service asked to wait.
        if (final instanceof ApiError && retryAfter !== undefined) final.details.retry_after_ms = retryAfter;
        if (final instanceof ApiError && requested !== undefined && requested !== retryAfter) final.details.retry_after_requested_ms = requested;
        return final;
      };
      if (n >= opts.retry.limit) throw giveUp();
      const delay = retryAfter ?? backoffMs(n, opts.retry, opts.random);
      // A retry that could not start before the deadline is not waited for: the error goes back
      // to the waiter, which ends the wait on time (and says what it last saw).
      if (deadline !== undefined && opts.now() + delay >= deadline) {
        throw giveUp(`no retry of ${spec.method} ${path}: the ${delay} ms wait would pass the deadline (${Math.max(0, deadline - opts.now())} ms left)`);
      }
      trace(`retry ${n + 1}/${opts.retry.limit} of ${spec.method} ${path} in ${delay} ms`);
      await opts.sleep(delay, opts.signal).catch(() => {
        throw interrupted(opts.signal);
      });
    }
  }

  async function prepare(spec: RequestSpec): Promise<PreparedRequest> {
    const bodyText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const creds = await opts.credentials();
    const headers = buildHeaders(spec, bodyText, creds, opts.userAgent, new Date(opts.now()));
    return { method: spec.method, url: spec.url, headers: redactPreparedHeaders(headers), ...(spec.body !== undefined ? { body: spec.body } : {}) };
  }

  return { send, prepare, redact: (text) => hide(text) };
}


/** What was seen of an attempt the deadline cut short. */
interface CutShort {
  sentAt: number;
  /** When the response headers arrived, if they did. */
  headersAt?: number;
  /** The time the attempt had (ms). */
  timeoutMs: number;
}

/** An attempt the deadline cut short: when it was sent, whether headers came, how long it had. */
function cutOff(method: string, path: string, c: CutShort, cause: unknown): NetworkError {
  return new NetworkError(text(c.headersAt === undefined ? M.cutNoAnswer : M.cutNoBody, { method, path, ms: c.timeoutMs }), {
    code: 'DEADLINE',
    cause,
    details: {
      method, path, deadline: true, timeout_ms: c.timeoutMs, sent_at: new Date(c.sentAt).toISOString(),
      ...(c.headersAt !== undefined ? { headers_at: new Date(c.headersAt).toISOString() } : {}),
    },
  });
}

/** The deadline passed before a request could start. */
function noTimeLeft(method: string, path: string, queued: boolean): NetworkError {
  return new NetworkError(text(queued ? M.notSentQueued : M.notSentBefore, { method, path }), {
    code: 'DEADLINE', details: { method, path, deadline: true, not_sent: true },
  });
}

function interrupted(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason;
  return new InterruptedError(text(M.interrupted), { signal: reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT' });
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Node's codes for a server certificate that is not trusted or not valid for the host. */
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** An untrusted or invalid server certificate: exit 4, naming the host and the fix; the request was never sent. */
function tlsError(e: { code?: string; message: string }, url: string): AuthError | undefined {
  if (!e.code || !TLS_CODES.has(e.code)) return undefined;
  const host = hostOf(url);
  const altName = e.code === 'ERR_TLS_CERT_ALTNAME_INVALID';
  const why = altName ? M.tlsAltName : e.code === 'CERT_HAS_EXPIRED' || e.code === 'CERT_NOT_YET_VALID' ? M.tlsValidity : M.tlsUntrusted;
  return new AuthError(text(why, { host, code: e.code }), {
    code: 'TLS_UNTRUSTED',
    hint: text(altName ? M.tlsAltNameHint : M.tlsHint),
    details: { host, cause_code: e.code },
  });
}

/** hpagent's error for a CONNECT the proxy answered with another status than 200. */
function proxyConnectStatus(e: { message: string }): number | undefined {
  const m = /^Bad response: (\d{3})$/.exec(e.message);
  return m ? Number(m[1]) : undefined;
}

/** The proxy refused its credentials (407): exit 4, never retried. */
function proxyAuthError(e: { message: string }, masked: string | undefined): AuthError | undefined {
  if (!masked || proxyConnectStatus(e) !== 407) return undefined;
  return new AuthError(text(M.proxyAuth, { proxy: masked }), {
    code: 'PROXY_AUTH',
    hint: text(M.proxyAuthHint),
    details: { proxy: masked, http_status: 407 },
  });
}

/** The proxy could not be reached, or answered the CONNECT with an error: nothing reached the service. */
function proxyFailure(spec: RequestSpec, proxy: { masked: string; status?: number }, e: { code?: string; name?: string; message: string }, n: number): NetworkError {
  const after = n > 0;
  const details = { method: spec.method, path: pathOf(spec.url), proxy: proxy.masked, not_sent: true };
  if (proxy.status !== undefined) {
    return new NetworkError(text(after ? M.proxyStatusAfter : M.proxyStatus, { proxy: proxy.masked, status: proxy.status, host: hostOf(spec.url), n: n + 1 }), {
      code: 'PROXY_UNREACHABLE', hint: text(M.proxyStatusHint),
      details: { ...details, http_status: proxy.status }, cause: e,
    });
  }
  return new NetworkError(text(after ? M.proxyDownAfter : M.proxyDown, { proxy: proxy.masked, cause: e.code ?? e.name, n: n + 1 }), {
    code: 'PROXY_UNREACHABLE', hint: text(M.proxyDownHint),
    details: { ...details, ...(e.code ? { cause_code: e.code } : {}) }, cause: e,
  });
}

const pathOf = (url: string) => new URL(url).pathname;
const hostOf = (url: string) => new URL(url).host;
